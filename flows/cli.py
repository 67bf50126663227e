"""The ``boilerstrip`` command.

    boilerstrip run [--raw DIR] [--clean DIR]     clean raw/ into clean/ (Prefect flow)
    boilerstrip serve --cron "*/15 * * * *"       the same on a schedule (Prefect server)
    boilerstrip explain FILE                      why each line was kept or removed
    boilerstrip templates [--clean DIR]           rules for paragraphs repeated across a site's pages
    boilerstrip eval --gold-dir DIR --input text|html
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="boilerstrip", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="clean every file under the raw dir through the Prefect flow")
    run.add_argument("--raw", default="raw", help="input directory (default: raw)")
    run.add_argument("--clean", default="clean", help="output directory (default: clean)")
    run.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    run.add_argument("--rules", default=None, help="TOML file of extra keep/drop rules")
    run.add_argument("--dask-address", default=None, help="run batches on an existing Dask cluster (tcp://HOST:PORT)")
    run.add_argument("--dask-workers", type=int, default=None, help="run batches on a local Dask cluster of N workers")
    run.add_argument("--full", action="store_true", help="clean every file again, not only new or changed ones")
    run.add_argument("--no-prefect", action="store_true", help="run the library directly, without Prefect")
    run.add_argument("--max-doc-mb", type=float, default=None,
                     help="reject a document over this many million characters (default: 5)")
    run.add_argument("--max-doc-seconds", type=float, default=None,
                     help="reject a document that takes longer than this to clean (default: 30)")

    serve = sub.add_parser("serve", help="run the flow on a schedule (needs PREFECT_API_URL)")
    serve.add_argument("--raw", default="raw")
    serve.add_argument("--clean", default="clean")
    when = serve.add_mutually_exclusive_group(required=True)
    when.add_argument("--cron", help='cron schedule, e.g. "*/15 * * * *"')
    when.add_argument("--interval", type=float, help="seconds between runs")
    serve.add_argument("--dask-address", default=None)
    serve.add_argument("--rules", default=None, help="TOML file of extra keep/drop rules")

    explain = sub.add_parser("explain", help="show each block of one input: keep/drop, category, reason")
    explain.add_argument("file")
    explain.add_argument("--rules", default=None)
    explain.add_argument("--json", action="store_true", help="print JSON instead of a table")

    tpl = sub.add_parser("templates", help="suggest rules for paragraphs a run kept on many pages of one site")
    tpl.add_argument("--clean", default="clean", help="the run's output directory (default: clean)")
    tpl.add_argument("--out", default=None, help="write the rules here (default: print them)")
    tpl.add_argument("--min-pages", type=int, default=None, help="pages of a site a paragraph must be on (default 3)")
    tpl.add_argument("--min-share", type=float, default=None, help="share of the site's pages (default 0.5)")

    ev = sub.add_parser("eval", help="benchmark against a gold directory (wcxb layout)")
    ev.add_argument("--gold-dir", default=None, help="default: ../shared/data/wcxb-dev")
    ev.add_argument("--input", choices=["text", "html"], default="text")
    ev.add_argument("--limit", type=int, default=None, help="only the first N pages")
    ev.add_argument("--trafilatura", action="store_true", help="also score trafilatura in the same run (html)")
    ev.add_argument("--cv", action="store_true", help="text: report the site-grouped cross-validated figure")
    ev.add_argument("--repeat", type=int, default=1,
                    help="time N passes over the pages and report the median docs/s (default 1)")

    args = parser.parse_args(argv)
    if args.command == "run":
        return _run(args)
    if args.command == "serve":
        import flows  # noqa: F401
        from .serve import serve as serve_flow

        if _rules(args.rules) is False:
            return 2
        serve_flow(args.raw, args.clean, args.cron, args.interval, dask_address=args.dask_address,
                   rules_path=args.rules)
        return 0
    if args.command == "explain":
        return _explain(args)
    if args.command == "templates":
        return _templates(args)
    return _eval(args)


def _run(args) -> int:
    from pipeline.limits import Limits
    from pipeline.run import RunLocked

    raw = Path(args.raw)
    if not raw.is_dir():
        print(f"boilerstrip: raw dir {raw} does not exist", file=sys.stderr)
        return 2
    limits = Limits.from_options(args.max_doc_mb, args.max_doc_seconds)
    rules = _rules(args.rules)
    if rules is False:
        return 2
    try:
        if args.no_prefect:
            from pipeline.run import run

            summary = run(raw, args.clean, limits=limits, rules=rules, full=args.full).as_dict()
        else:
            summary = run_flow(str(raw), args.clean, args.workers, args.rules, args.full,
                               args.dask_address, args.dask_workers, limits=limits)
    except RunLocked as exc:
        print(f"boilerstrip: {exc}", file=sys.stderr)
        return 3
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    return 0


def run_flow(raw: str, clean: str, workers: int | None = None, rules: str | None = None,
             full: bool = False, dask_address: str | None = None, dask_workers: int | None = None,
             limits=None) -> dict:
    import flows  # noqa: F401  (quiet, offline Prefect settings)
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    from .clean_flow import clean_flow

    # The heartbeat thread costs ~1 s at the end of every flow call and buys
    # nothing for a local run.
    with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        return clean_flow(raw=raw, clean=clean, workers=workers, rules_path=rules, full=full,
                          dask_address=dask_address, dask_workers=dask_workers, limits=limits)


def _rules(path: str | None):
    """The rules in ``path`` (None without one), or False after saying what is wrong with them."""
    from pipeline.userrules import load_rules

    if not path:
        return None
    try:
        return load_rules(path)
    except ValueError as exc:
        print(f"boilerstrip: {exc}", file=sys.stderr)
        return False


def _explain(args) -> int:
    from pipeline.explain import explain_file, format_explanation

    if _rules(args.rules) is False:
        return 2
    result = explain_file(Path(args.file), rules_path=args.rules)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(format_explanation(result))
    return 0


def _templates(args) -> int:
    from pipeline import templates
    from pipeline.output import ARTICLES

    articles = Path(args.clean) / ARTICLES
    if not articles.is_dir():
        print(f"boilerstrip: no records under {articles}: run 'boilerstrip run' first", file=sys.stderr)
        return 2
    counts = {"records": 0, "with_url": 0}
    found = templates.find_templates(_url_and_text(articles, counts), args.min_pages or templates.MIN_PAGES,
                                     templates.MIN_SHARE if args.min_share is None else args.min_share)
    text = templates.format_rules(found, str(articles))
    if args.out:
        Path(args.out).write_text(text, "utf-8")
    else:
        print(text, end="")
    print(f"boilerstrip: {len(found)} template paragraphs on {len({t.site for t in found})} sites, from "
          f"{counts['with_url']} of {counts['records']} records (a record needs a URL to name its site)",
          file=sys.stderr)
    return 0


def _url_and_text(folder: Path, counts: dict):
    """Each record's url and text, read a line at a time; ``counts`` tallies them."""
    for path in sorted(folder.glob("*.jsonl")):
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    record = json.loads(line)
                    counts["records"] += 1
                    counts["with_url"] += bool(record.get("url"))
                    yield {"url": record.get("url"), "text": record.get("text")}


def _eval(args) -> int:
    from pipeline.devset import default_gold_dir
    from pipeline.evaluate import evaluate, format_report

    gold = Path(args.gold_dir) if args.gold_dir else default_gold_dir()
    if gold is None or not (gold / "gold").is_dir():
        print("boilerstrip: no gold dir (expected ../shared/data/wcxb-dev or --gold-dir)", file=sys.stderr)
        return 2
    report = evaluate(gold, args.input, limit=args.limit, with_trafilatura=args.trafilatura, cv=args.cv,
                      repeat=args.repeat)
    print(format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
