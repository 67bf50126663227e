"""Train the text-path block classifier on the WCXB dev set and write the model.

    .venv/bin/python scripts/train_text_model.py            # CV report + model file
    .venv/bin/python scripts/train_text_model.py --cv-only  # CV report only
    .venv/bin/python scripts/train_text_model.py --save-folds bench/cv-models
        # also each CV fold's model, as text_model.fold{k}.npz + text_folds.json

A fold model is the model the CV scored that fold with (trained on the other
folds, threshold as chosen by the CV), so a benchmark that classifies each dev
page with its fold's model (``TextModel.load(path)``) reproduces the CV figure.

Labels: a block is "article" when most of its word 4-grams occur in the gold
body; a block too short for a 4-gram is article when it is a whole gold
paragraph, or when its words occur in the gold body right next to article text
(a short heading inside the article, a one-word paragraph).

Cross-validation groups pages by site (``devset.site_folds``, k=5) so that no
site's template is seen in training and test at once. The word score
(``pipeline.wordscore``, naive Bayes over a block's words and word pairs) is a
feature learned from the labels too, so it is cross-fitted inside the training
data: the trees of fold k train on word scores each fitted without the row's
own fold (and without fold k), fold k's rows are scored by one fitted on all
other folds, and that one ships in fold k's model file; the shipped model's
trees train on scores cross-fitted over all five folds, and it ships the word
score fitted on every page (``--no-words``: without it). Stage 1 is cross-fitted
to give out-of-fold probabilities; stage 2 trains on those, as it will see
stage-1 output on unseen pages at run time. The score is the official one:
shingle precision and recall per page on the kept blocks' text joined by blank
lines, averaged over pages, F1 of the averages.
"""
from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")   # the machine is shared: one core

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: E402

from pipeline import classify, devset, features, score  # noqa: E402
from pipeline.segment import segment_text  # noqa: E402
from pipeline.textmodel import MODEL_PATH, TextModel, forest_from_sklearn  # noqa: E402
from pipeline.wordscore import WordScore, term_lists  # noqa: E402

_WORD = re.compile(r"\w+")

# 60 trees at rate 0.2 run 40% faster (~0.4 ms a page) but scored CV F1 0.9251
# against 0.9271 for these (2026-11): not worth it. Try with --trees/--learning-rate.
PARAMS = dict(max_iter=100, learning_rate=0.12, max_depth=6, max_leaf_nodes=32,
              min_samples_leaf=30, l2_regularization=1.0, early_stopping=False, random_state=0)


def label_blocks(blocks, gold_body: str) -> np.ndarray:
    """1 for blocks whose text belongs to the gold body, else 0."""
    gold_words = _WORD.findall(gold_body.lower())
    gold_grams = set(zip(*(gold_words[i:] for i in range(4))))
    gold_joined = " " + " ".join(gold_words) + " "
    gold_paras = {" ".join(_WORD.findall(p.lower())) for p in gold_body.split("\n") if p.strip()}
    y = np.zeros(len(blocks), np.int8)
    short = []
    for i, b in enumerate(blocks):
        words = _WORD.findall(b.text.lower())
        if len(words) >= 4:
            grams = list(zip(*(words[j:] for j in range(4))))
            y[i] = sum(g in gold_grams for g in grams) >= 0.5 * len(grams)
        elif words:
            key = " ".join(words)
            if key in gold_paras:
                y[i] = 1
            elif f" {key} " in gold_joined:
                short.append(i)
    # A short line in the gold text counts when a neighbour within 2 rows is article.
    for i in short:
        lo, hi = max(0, i - 2), min(len(blocks), i + 3)
        if any(y[j] for j in range(lo, hi) if j != i):
            y[i] = 1
    return y


def body_scores(pages, docs, keep_masks):
    ps, rs = [], []
    for page, blocks, keep in zip(pages, docs, keep_masks):
        body = "\n\n".join(b.text for b, k in zip(blocks, keep) if k and b.text)
        p, r = score.shingle_pr(body, page.gold.get("body") or "")
        ps.append(p)
        rs.append(r)
    P, R = float(np.mean(ps)), float(np.mean(rs))
    return score.f1(P, R), P, R


def fit(X, y, weight=None):
    model = HistGradientBoostingClassifier(**PARAMS)
    model.fit(X, y, sample_weight=weight)
    return model


def row_weights(docs, kind: str):
    """Training weight of each block. The benchmark scores word 4-grams per
    page and averages pages, so a block counts by its share of its page's
    words ("page"), by its words ("words"), or, as before, once ("none")."""
    if kind == "none":
        return None
    out = []
    for d in docs:
        words = np.array([max(len(_WORD.findall(b.text)), 1) for b in d], float)
        if kind == "sqrt":
            w = np.sqrt(words)
        elif kind == "words":
            w = words
        else:
            w = words / words.sum() * len(words) if len(words) else words
            if kind == "page-sqrt":
                w = np.sqrt(w)
        out.append(w)
    w = np.concatenate(out)
    return w / w.mean()


def cross_fit_words(indptr, terms, y, row_fold, folds) -> np.ndarray:
    """Word scores of the rows of ``folds``, each fold's rows scored by a word
    score fitted on the other folds of ``folds`` (other rows: 0). The trees then
    learn from scores such as they get on pages the word score never saw."""
    out = np.zeros(len(y))
    for g in folds:
        others = np.flatnonzero(np.isin(row_fold, [h for h in folds if h != g]))
        rows = row_fold == g
        out[rows] = WordScore.fit(indptr, terms, y, others).score(indptr, terms)[rows]
    return out


def save_folds(out: Path, fold_m1, fold_m2, fold_words, fold_rows, names1, names2, thr, cv,
               pages, folds) -> None:
    """Each CV fold's model, exactly as the CV scored that fold, plus a summary.
    ``fold_rows``: some of each fold's test rows, to check the export on."""
    out.mkdir(parents=True, exist_ok=True)
    F, P, R = cv
    entries = []
    for k, m1 in enumerate(fold_m1):
        m2 = fold_m2[k] if fold_m2 else None
        model = TextModel(forest_from_sklearn(m1), forest_from_sklearn(m2) if m2 else None,
                          names1, names2 if m2 else None, threshold=thr,
                          info={"fold": k, "folds": 5, "params": PARAMS,
                                "trained_on": f"dev pages with site fold != {k}"},
                          words=fold_words[k] if fold_words else None)
        test = fold_rows[k]
        assert np.allclose(model.stage1.decision(test), m1.decision_function(test),
                           atol=1e-6), "export mismatch"
        path = out / f"text_model.fold{k}.npz"
        model.save(path)
        entries.append({"fold": k, "model": path.name,
                        "test_pages": int(sum(f == k for f in folds)),
                        "train_pages": int(sum(f != k for f in folds))})
    summary = {
        "folds": entries, "k": 5,
        "fold_rule": "pipeline.devset.site_folds(pages, 5): zlib.crc32(site) % 5, site = URL "
                     "host without 'www.'; page i is scored with text_model.fold{site_folds[i]}.npz",
        "threshold": thr, "stages": 2 if fold_m2 else 1, "pages": len(pages),
        "cv_body": {"f1": round(F, 4), "precision": round(P, 4), "recall": round(R, 4)},
        "scoring": "classify_blocks(segment_text(text), model=fold model); kept block texts "
                   "joined by blank lines; score.shingle_pr per page, averaged; F1 of the means",
        "features": len(names1),
    }
    (out / "text_folds.json").write_text(json.dumps(summary, indent=2) + "\n", "utf-8")
    print(f"wrote {len(entries)} fold models and text_folds.json to {out}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cv-only", action="store_true", help="report CV scores, write no model")
    ap.add_argument("--stages", type=int, choices=(1, 2), default=1,
                    help="2 adds a stage over neighbours' stage-1 probabilities")
    ap.add_argument("--trees", type=int, default=PARAMS["max_iter"], help="boosting rounds")
    ap.add_argument("--learning-rate", type=float, default=PARAMS["learning_rate"])
    ap.add_argument("--limit", type=int, default=None, help="use only the first N pages")
    ap.add_argument("--weight", choices=("none", "words", "sqrt", "page", "page-sqrt"), default="page",
                    help="training weight of a block (see row_weights)")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--save-folds", type=Path, default=None, metavar="DIR",
                    help="also write each CV fold's model to DIR/text_model.fold{k}.npz "
                         "and DIR/text_folds.json")
    ap.add_argument("--words", action=argparse.BooleanOptionalAction, default=True,
                    help="the learned word score and its neighbours as features (pipeline.wordscore)")
    ap.add_argument("--dump", type=Path, default=None,
                    help="save out-of-fold probabilities and labels here (.npz) for analysis")
    args = ap.parse_args()
    PARAMS.update(max_iter=args.trees, learning_rate=args.learning_rate)

    root = devset.default_gold_dir()
    if root is None:
        sys.exit("dev set not found (../shared/data/wcxb-dev or $BOILERSTRIP_DEVSET)")
    t0 = time.time()
    pages = devset.load_pages(root, limit=args.limit)
    docs = [segment_text(p.read("text")) for p in pages]
    y = np.concatenate([label_blocks(d, p.gold.get("body") or "") for d, p in zip(docs, pages)])
    batch = features.Batch.of(docs)
    hits = [h for d in docs for h in features.lexicon_hits(d)]
    X1, names1 = features.stage1_matrix(batch, hits)
    folds = np.array(devset.site_folds(pages, 5))
    row_fold = folds[batch.doc]
    print(f"{len(pages)} pages, {len(y)} blocks, {y.mean():.3f} article, "
          f"{X1.shape[1]} stage-1 features ({time.time() - t0:.1f}s)", flush=True)

    weight = row_weights(docs, args.weight)
    if args.words:
        indptr, terms = term_lists(features.LineText.of(batch.blocks).low_cp, len(batch))
        names1 = names1 + features.WORD_NAMES
    p1 = np.zeros(len(y))
    fold_m1, fold_m2, fold_words, fold_rows = [], [], [], []
    for f in range(5):
        test = row_fold == f
        X = X1
        if args.words:
            # training rows: cross-fitted within the training folds; test rows: fitted on all of them
            score = cross_fit_words(indptr, terms, y, row_fold, [g for g in range(5) if g != f])
            words = WordScore.fit(indptr, terms, y, np.flatnonzero(~test))
            score[test] = words.score(indptr, terms)[test]
            X = np.hstack([X1, features.word_columns(batch, score)])
            fold_words.append(words)
        m = fit(X[~test], y[~test], None if weight is None else weight[~test])
        p1[test] = m.predict_proba(X[test])[:, 1]
        fold_m1.append(m)
        fold_rows.append(X[test][:2000])
        print(f"  stage 1 fold {f} done ({time.time() - t0:.0f}s)", flush=True)
    if args.words:   # the shipped model's training rows: cross-fitted over all five folds
        X1 = np.hstack([X1, features.word_columns(
            batch, cross_fit_words(indptr, terms, y, row_fold, range(5)))])
    X2, names2 = features.stage2_matrix(batch, X1, names1, p1)
    p2 = p1.copy()
    for f in range(5 if args.stages == 2 else 0):
        test = row_fold == f
        m = fit(X2[~test], y[~test])
        p2[test] = m.predict_proba(X2[test])[:, 1]
        fold_m2.append(m)
        print(f"  stage 2 fold {f} done ({time.time() - t0:.0f}s)", flush=True)

    if args.dump:
        np.savez_compressed(args.dump, p1=p1, p2=p2, y=y, fold=row_fold)
    bounds = np.concatenate([[0], np.cumsum([len(d) for d in docs])])
    perfect = body_scores(pages, docs, [y[s:e] > 0 for s, e in zip(bounds[:-1], bounds[1:])])
    print(f"labels as predictions (ceiling): F1 {perfect[0]:.4f} P {perfect[1]:.4f} R {perfect[2]:.4f}")
    for name, p in (("stage 1", p1), ("stage 2", p2))[:args.stages]:
        acc = float(((p > 0.5) == (y > 0)).mean())
        print(f"{name} block accuracy {acc:.4f}")
    results = []
    for thr in (0.3, 0.4, 0.5, 0.6):
        masks = []
        for d, (s, e) in zip(docs, zip(bounds[:-1], bounds[1:])):
            masks.append(classify.decide(d, p2[s:e], hits[s:e], threshold=thr, apply=False,
                                         context=True))
        F, P, R = body_scores(pages, docs, masks)
        print(f"CV (site-grouped 5-fold, threshold {thr}): body F1 {F:.4f} P {P:.4f} R {R:.4f}",
              flush=True)
        results.append((F, P, R, thr))
    # Within 0.001 of the best F1, prefer the higher threshold: a boilerplate
    # stripper should rather lose a line than keep a menu.
    top = max(r[0] for r in results)
    F, P, R, thr = max((r for r in results if r[0] >= top - 0.001), key=lambda r: r[3])
    print(f"best threshold {thr}: CV body F1 {F:.4f} P {P:.4f} R {R:.4f}")
    if args.save_folds:
        save_folds(args.save_folds, fold_m1, fold_m2, fold_words, fold_rows, names1, names2, thr,
                   (F, P, R), pages, folds)
    if args.cv_only:
        return

    m1 = fit(X1, y, weight)
    m2 = fit(X2, y, weight) if args.stages == 2 else None   # on out-of-fold stage-1 probabilities
    model = TextModel(forest_from_sklearn(m1), forest_from_sklearn(m2) if m2 else None,
                      names1, names2 if m2 else None,
                      threshold=thr,
                      info={"cv_f1": round(F, 4), "cv_precision": round(P, 4),
                            "cv_recall": round(R, 4), "pages": len(pages), "params": PARAMS},
                      words=WordScore.fit(indptr, terms, y, np.arange(len(y))) if args.words else None)
    # The exported trees must agree with scikit-learn.
    check = model.stage1.decision(X1[:5000])
    assert np.allclose(check, m1.decision_function(X1[:5000]), atol=1e-6), "export mismatch"
    model.save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB) in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
