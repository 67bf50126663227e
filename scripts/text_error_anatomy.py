"""Where the text path's body errors lie on wcxb-dev, as the site-CV benchmark sees them.

    .venv/bin/python scripts/text_error_anatomy.py [--gold-dir DIR]

Prints three things (each page cleaned by the fold model that held its site out,
as ``make bench-text`` does):

- the ceiling of a perfect keep/drop per line: the blocks the training labels
  (``scripts/train_text_model.label_blocks``) call article, scored like the benchmark;
- the wrongly kept and wrongly dropped words (training labels against the final
  decisions), each as a share of its page's kept or gold words and summed over
  pages, bucketed by the model's own p(article);
- the pages whose gold stops above at least 100 words of prose lines (20 words or
  more each) that the model is sure of (p >= 0.9) and keeps below the gold's last
  line, and the wrongly kept words of those pages.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_text_model import label_blocks  # noqa: E402

from pipeline import classify, devset  # noqa: E402
from pipeline.decode import repair_text  # noqa: E402
from pipeline.evaluate import CV_FOLDS, load_fold_models  # noqa: E402
from pipeline.score import f1, shingle_pr  # noqa: E402
from pipeline.segment import segment_text  # noqa: E402

_WORD = re.compile(r"\w+")
SURE = 0.9


def _bucket(p: float) -> str:
    return "p>=0.9" if p >= SURE else "0.5<=p<0.9" if p >= 0.5 else "0.1<=p<0.5" if p >= 0.1 else "p<0.1"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold-dir", type=Path, default=devset.default_gold_dir())
    args = ap.parse_args()
    if args.gold_dir is None:
        sys.exit("dev set not found (../shared/data/wcxb-dev or $BOILERSTRIP_DEVSET)")
    pages = devset.load_pages(args.gold_dir)
    folds = devset.site_folds(pages, CV_FOLDS)
    models = load_fold_models("text")
    oracle_p = oracle_r = 0.0
    kept_wrong, dropped_wrong = Counter(), Counter()
    cut_short = []
    for page, fold in zip(pages, folds):
        gold = page.gold.get("body") or ""
        blocks = segment_text(repair_text(page.read("text"))[0])
        y = label_blocks(blocks, gold)
        p, r = shingle_pr("\n\n".join(b.text for b, k in zip(blocks, y) if k), gold)
        oracle_p, oracle_r = oracle_p + p, oracle_r + r
        if not blocks:
            continue
        model = models[fold]
        prob = classify.score_chunk([blocks], model)[-1]
        classify.classify_many([blocks], model=model)
        words = np.array([len(_WORD.findall(b.text)) for b in blocks], float)
        keep = np.array([b.keep for b in blocks])
        n_kept, n_gold = max(words[keep].sum(), 1.0), max(words[y == 1].sum(), 1.0)
        for k, label, pr, w in zip(keep, y, prob, words):
            if k and not label:
                kept_wrong[_bucket(pr)] += w / n_kept
            elif label and not k:
                dropped_wrong[_bucket(pr)] += w / n_gold
        article = np.flatnonzero((y == 1) & (words >= 8))
        if len(article):
            below = slice(article[-1] + 1, None)
            sure = words[below][keep[below] & (y[below] == 0) & (prob[below] >= SURE) & (words[below] >= 20)].sum()
            if sure >= 100:
                cut_short.append((page.id, int(sure), (words * (keep & (y == 0))).sum() / n_kept))
    n = len(pages)
    print(f"per-line ceiling (training labels): F1 {f1(oracle_p / n, oracle_r / n):.4f} "
          f"P {oracle_p / n:.4f} R {oracle_r / n:.4f}")
    for name, wrong in (("wrongly kept", kept_wrong), ("wrongly dropped", dropped_wrong)):
        parts = ", ".join(f"{k} {wrong[k]:.1f}" for k in ("p>=0.9", "0.5<=p<0.9", "0.1<=p<0.5", "p<0.1"))
        print(f"{name}: {sum(wrong.values()):.1f} page-shares ({parts})")
    print(f"{len(cut_short)} pages whose gold stops above >= 100 words of sure prose; their wrongly "
          f"kept words: {sum(s for _, _, s in cut_short):.1f} page-shares:")
    print("  " + ", ".join(f"{pid} ({w})" for pid, w, _ in cut_short))


if __name__ == "__main__":
    main()
