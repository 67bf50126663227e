"""Throughput of boilerstrip at corpus scale (issue: scale-out).

Builds a corpus of N documents from ../shared/data/wcxb-dev (pages repeated as
JSON Lines records with varied URLs, 100 per file), then prints docs/s for:
the library alone in one process; the Prefect flow on local worker processes
(both cores); the flow on a 2-worker local Dask cluster. With --memory, also
the peak memory of a 2,000- and a 20,000-document run.

    .venv/bin/python scripts/bench_throughput.py --docs 10000 [--input text|html] [--memory]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.devset import default_gold_dir, load_pages  # noqa: E402

PER_FILE = 100


def build_corpus(target: Path, n_docs: int, kind: str) -> None:
    """Write ``n_docs`` records, cycling through the dev pages with distinct URLs."""
    pages = load_pages(default_gold_dir())
    contents = [(p.gold.get("url") or p.id, p.read(kind)) for p in pages]
    target.mkdir(parents=True, exist_ok=True)
    field = "html" if kind == "html" else "text"
    for start in range(0, n_docs, PER_FILE):
        with open(target / f"part-{start // PER_FILE:05d}.jsonl", "w", encoding="utf-8") as handle:
            for i in range(start, min(start + PER_FILE, n_docs)):
                url, content = contents[i % len(contents)]
                handle.write(json.dumps({"url": f"{url}?copy={i}", field: content}) + "\n")


def timed_cli(args: list[str], env: dict | None = None) -> tuple[float, dict, int]:
    """Run ``boilerstrip`` in a child; return wall seconds, its summary and its peak RSS in KiB."""
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out = subprocess.run([str(ROOT / ".venv" / "bin" / "boilerstrip"), *args], capture_output=True,
                         text=True, env=env, check=True).stdout
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    summary = json.loads(out[out.index("{"):])
    return seconds, summary, max(peak, before)


def peak_rss_of(args: list[str]) -> int:
    """Peak RSS (KiB) of one fresh child process running ``boilerstrip`` (and its own children)."""
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
            "print(max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT / ".venv" / "bin" / "boilerstrip"), *args],
                         capture_output=True, text=True, check=True).stdout
    return int(out.split()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--input", choices=["text", "html"], default="text")
    parser.add_argument("--memory", action="store_true", help="also compare peak memory of 2k and 20k docs")
    parser.add_argument("--skip", default="", help="comma list of: library,flow,dask")
    args = parser.parse_args()
    if default_gold_dir() is None:
        print("no ../shared/data/wcxb-dev: nothing to benchmark")
        return 0
    work = Path(tempfile.mkdtemp(prefix="bs-bench-"))
    try:
        raw = work / "raw"
        build_corpus(raw, args.docs, args.input)
        print(f"corpus: {args.docs} {args.input} documents in {len(list(raw.iterdir()))} files")
        skip = set(filter(None, args.skip.split(",")))
        results = {}
        runs = [("library, 1 process", ["run", "--no-prefect", "--full"], "library"),
                ("flow, local processes (2 cores)", ["run", "--full", "--workers", "2"], "flow"),
                ("flow, local Dask cluster (2 workers)", ["run", "--full", "--dask-workers", "2"], "dask")]
        for label, cli, key in runs:
            if key in skip:
                continue
            seconds, summary, _ = timed_cli([*cli, "--raw", str(raw), "--clean", str(work / f"clean-{key}")])
            results[key] = summary["documents"] / seconds
            print(f"{label:<40} {summary['documents']:>6} docs  {seconds:7.1f} s  {results[key]:7.1f} docs/s"
                  f"  (records {summary['records']}, rejects {summary['rejects']})")
        if "library" in results and "flow" in results:
            print(f"flow on both cores / library in one process: {results['flow'] / results['library']:.2f}x")
        if args.memory:
            peaks = {}
            for n in (2_000, 20_000):
                mem_raw = work / f"raw-{n}"
                build_corpus(mem_raw, n, args.input)
                peaks[n] = peak_rss_of(["run", "--full", "--workers", "2", "--raw", str(mem_raw),
                                        "--clean", str(work / f"clean-mem-{n}")])
                print(f"peak RSS, flow over {n:>6} docs: {peaks[n] / 1024:7.1f} MiB")
                shutil.rmtree(mem_raw)
            print(f"peak memory 20k / 2k: {peaks[20_000] / peaks[2_000]:.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
