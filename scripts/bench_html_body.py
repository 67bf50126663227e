"""Benchmark ``extract_html_body`` against trafilatura on the WCXB dev set, same run.

Prints body P/R/F1 (official shingle metric, averaged over pages) and docs/s for:
  * boilerstrip ``extract_html_body``
  * trafilatura ``extract(html)`` with default settings
  * trafilatura ``extract(html, with_metadata=True)`` (speed reference)

    .venv/bin/python scripts/bench_html_body.py [--limit N] [--dump-worst 10]

Note: the shipped model was trained on this dev set, so the F1 printed for
boilerstrip here is an in-sample figure; ``scripts/train_html_model.py`` prints
the site-grouped cross-validated one.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.devset import default_gold_dir, load_pages  # noqa: E402
from pipeline.html_body import extract_html_body  # noqa: E402
from pipeline.score import f1, shingle_pr  # noqa: E402


def run(name, fn, docs, golds, score=True):
    t = time.perf_counter()
    outs = [fn(h, u) for h, u in docs]
    dt = time.perf_counter() - t
    rate = len(docs) / dt if dt else float("inf")
    if not score:
        print(f"{name:42s}                              {rate:7.1f} docs/s", flush=True)
        return outs
    prs = [shingle_pr(o or "", g) for o, g in zip(outs, golds)]
    p = sum(x for x, _ in prs) / len(prs)
    r = sum(y for _, y in prs) / len(prs)
    print(f"{name:42s} P={p:.4f} R={r:.4f} F1={f1(p, r):.4f} {rate:7.1f} docs/s", flush=True)
    return outs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int)
    ap.add_argument("--dump-worst", type=int, default=0)
    args = ap.parse_args()
    root = default_gold_dir()
    if root is None:
        sys.exit("dev set not found")
    pages = load_pages(root, args.limit)
    docs = [(p.read("html"), p.gold.get("url")) for p in pages]
    golds = [p.gold.get("body") or "" for p in pages]
    print(f"{len(pages)} pages")
    import trafilatura
    extract_html_body(docs[0][0], docs[0][1])  # load the model outside the timing
    ours = run("boilerstrip extract_html_body", extract_html_body, docs, golds)
    run("trafilatura extract (default)", lambda h, u: trafilatura.extract(h, url=u), docs, golds)
    run("trafilatura extract(with_metadata=True)",
        lambda h, u: trafilatura.extract(h, url=u, with_metadata=True), docs, golds, score=False)
    if args.dump_worst:
        scored = sorted((f1(*shingle_pr(o, g)), p.id) for o, g, p in zip(ours, golds, pages))
        for s, pid in scored[:args.dump_worst]:
            print(f"  worst: {pid} F1={s:.3f}")


if __name__ == "__main__":
    main()
