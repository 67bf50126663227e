"""Score metadata extraction (title, authors, date) on the WCXB dev set.

    .venv/bin/python scripts/eval_metadata.py --input html
    .venv/bin/python scripts/eval_metadata.py --input text [--no-url] [--show title]

Comparison is normalised (case, punctuation, whitespace). Authors must match
as a set of normalised names (an empty gold list needs an empty prediction);
dates match on the day, and a null gold date needs a null prediction. For
``--input html`` trafilatura's own metadata is scored in the same run.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.clean import repair_metadata  # noqa: E402
from pipeline.decode import repair_text  # noqa: E402
from pipeline.devset import default_gold_dir, load_pages  # noqa: E402
from pipeline.metadata import extract_html_metadata, extract_text_metadata  # noqa: E402
from pipeline.evaluate import authors_ok, date_ok, title_ok  # noqa: E402
from pipeline.segment import segment_text  # noqa: E402


def score(rows) -> dict[str, float]:
    n = max(len(rows), 1)
    dated = [(g, p) for g, p in rows if g["published"]]
    authored = [(g, p) for g, p in rows if g["authors"]]
    return {
        "title": sum(title_ok(p["title"], g["title"]) for g, p in rows) / n,
        "authors": sum(authors_ok(p["authors"], g["authors"]) for g, p in rows) / n,
        "date": sum(date_ok(p["published"], g["published"]) for g, p in rows) / n,
        # The same, over pages whose gold has a value (no credit for nulls).
        "authors+": sum(authors_ok(p["authors"], g["authors"]) for g, p in authored) / max(len(authored), 1),
        "date+": sum(date_ok(p["published"], g["published"]) for g, p in dated) / max(len(dated), 1),
    }


def line(name: str, s: dict[str, float], n: int, secs: float) -> str:
    return (f"{name:<12} title {s['title']:.3f}  authors {s['authors']:.3f}  date {s['date']:.3f}"
            f"  (gold non-empty only: authors {s['authors+']:.3f}, date {s['date+']:.3f})"
            f"  | {n / secs:.0f} docs/s ({1000 * secs / n:.2f} ms/doc)")


def run_ours(pages, kind: str, use_url: bool):
    """Predictions and the seconds spent in the extractor alone (no I/O, no repair of the
    text, no segmentation; on HTML, the repair of the fields a run makes)."""
    preds = []
    spent = 0.0
    for page in pages:
        content = page.read(kind)
        url = page.gold.get("url") if use_url else None
        if kind == "html":
            start = time.perf_counter()
            # Repaired as a run writes it: markup can carry mojibake ("JaroÅ\x84").
            m = repair_metadata(extract_html_metadata(content, url=url))
        else:
            blocks = segment_text(repair_text(content)[0])   # as a run reads a text page
            start = time.perf_counter()
            m, _ = extract_text_metadata(blocks, {"url": url} if url else None)
        spent += time.perf_counter() - start
        preds.append({"title": m.title, "authors": m.authors, "published": m.published})
    return preds, spent


def run_trafilatura(pages, use_url: bool):
    import trafilatura
    preds = []
    start = time.perf_counter()
    for page in pages:
        url = page.gold.get("url") if use_url else None
        doc = trafilatura.bare_extraction(page.read("html"), url=url, with_metadata=True)
        if doc is None:
            preds.append({"title": None, "authors": [], "published": None})
            continue
        author = getattr(doc, "author", None)
        preds.append({"title": getattr(doc, "title", None),
                      "authors": [a.strip() for a in author.split(";")] if author else [],
                      "published": getattr(doc, "date", None)})
    return preds, time.perf_counter() - start


def show(pages, preds, field: str) -> None:
    for page, p in zip(pages, preds):
        g = page.gold
        ok = {"title": lambda: title_ok(p["title"], g["title"]),
              "authors": lambda: authors_ok(p["authors"], g["authors"]),
              "date": lambda: date_ok(p["published"], g["published"])}[field]()
        if not ok:
            key = "published" if field == "date" else field
            print(f"{page.id} {page.site}\n   gold: {g.get(key)!r}\n   pred: {p.get(key)!r}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", choices=("html", "text"), default="html")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--no-url", action="store_true", help="do not pass the page URL as a hint")
    ap.add_argument("--no-trafilatura", action="store_true")
    ap.add_argument("--show", choices=("title", "authors", "date"), help="print failures of one field")
    args = ap.parse_args()
    root = default_gold_dir()
    if root is None:
        print("dev set not found (../shared/data/wcxb-dev)", file=sys.stderr)
        return 1
    pages = load_pages(root, args.limit)
    golds = [p.gold for p in pages]
    preds, secs = run_ours(pages, args.input, not args.no_url)
    if args.show:
        show(pages, preds, args.show)
    s = score(list(zip(golds, preds)))
    print(f"pages: {len(pages)}  input: {args.input}  url hint: {not args.no_url}")
    print(line("boilerstrip", s, len(pages), secs))
    if args.input == "html":
        from selectolax.lexbor import LexborHTMLParser
        docs = [p.read("html") for p in pages]
        start = time.perf_counter()
        for d in docs:
            LexborHTMLParser(d)
        ptime = time.perf_counter() - start
        print(f"(selectolax parse alone: {1000 * ptime / len(pages):.2f} ms/doc; the machine is shared, "
              f"so compare the two)")
    if args.input == "html" and not args.no_trafilatura:
        tpreds, tsecs = run_trafilatura(pages, not args.no_url)
        t = score(list(zip(golds, tpreds)))
        print(line("trafilatura", t, len(pages), tsecs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
