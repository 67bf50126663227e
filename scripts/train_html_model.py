"""Train the two-stage HTML block model on the WCXB dev set.

Stage 1 scores each block from its own features; stage 2 adds how the
block's neighbours and containers scored in stage 1 (``context_features``).
Prints the site-grouped 5-fold cross-validated body F1 of both stages (train
on four folds of sites, score the held-out fold with the official shingle
metric). Stage 2 is cross-validated honestly: the stage-1 scores it trains on
come from models that never saw the held-out fold either (nested folds).
Then fits on all pages and writes pipeline/models/html_model.json.

``--save-folds DIR`` also keeps the models the CV scores with: for each outer
fold k, the stage-1 model trained on folds != k and the stage-2 model trained
on folds != k with the nested stage-1 scores, written as
``DIR/html_model.fold{k}.json.gz`` in the shipped model's format (same
thresholds), plus ``DIR/folds.json`` (fold rule, page -> fold, CV figure).
Running every page through ``extract_html_body(..., model=load_model(fold file
of its site))`` gives a full-pipeline figure from models that never saw the site.

    .venv/bin/python scripts/train_html_model.py --cache /tmp/html_blocks.npz
    .venv/bin/python scripts/train_html_model.py --no-write   # CV only
    .venv/bin/python scripts/train_html_model.py --no-write --save-folds bench/cv-models
    .venv/bin/python scripts/train_html_model.py --check-folds bench/cv-models  # no training
"""
from __future__ import annotations

import os

# The build machine is shared: one core for the booster.
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import gzip  # noqa: E402
import hashlib  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.devset import default_gold_dir, load_pages, site_folds  # noqa: E402
from pipeline.html_body import compose  # noqa: E402
from pipeline.html_features import (CONTEXT_FEATURES, FEATURES, _shingle_set,  # noqa: E402
                                    context_features, layout_ids, overlap, page_blocks)
from pipeline.htmlmodel import MODEL_PATH, TreeModel, export_hgb  # noqa: E402
from pipeline.score import f1, shingle_pr  # noqa: E402

PARAMS = dict(max_iter=200, learning_rate=0.1, max_leaf_nodes=31, min_samples_leaf=40,
              l2_regularization=1.0, max_depth=8, random_state=0)
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65)


def build(pages, cache: str | None = None):
    """Block features, labels (share of a block's 4-grams in the gold body), page
    index, texts, element paths (last four ids, -1 padded) and word counts."""
    if cache and os.path.exists(cache):
        d = np.load(cache, allow_pickle=False)
        if list(d["features"]) == list(FEATURES) and "text_ends" in d:
            return d["X"], d["y"], d["pid"], _unpack(d["text_bytes"], d["text_ends"]), d["paths"], d["words"]
    X, y, pid, texts, paths, words = [], [], [], [], [], []
    for i, p in enumerate(pages):
        pb = page_blocks(p.read("html"))
        gs, gj = _shingle_set(p.gold.get("body") or "")
        for b, row in zip(pb.blocks, pb.features):
            X.append(row)
            y.append(overlap(b.text, gs, gj))
            pid.append(i)
            texts.append(b.text)
            tail = b.path[-4:]
            paths.append((-1,) * (4 - len(tail)) + tuple(tail))
            words.append(len(b.text.split()))
    X, y, pid = np.asarray(X, dtype=np.float64), np.asarray(y), np.asarray(pid)
    paths, words = np.asarray(paths, dtype=np.int64), np.asarray(words)
    if cache:
        text_bytes, text_ends = _pack(texts)
        np.savez(cache, X=X, y=y, pid=pid, text_bytes=text_bytes, text_ends=text_ends, paths=paths,
                 words=words, features=np.asarray(FEATURES))
    return X, y, pid, texts, paths, words


def _pack(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Texts as one UTF-8 byte array and each text's end offset. (A numpy
    string array pads every text to the longest one's width: 6 GB for the
    dev set's blocks, against some 20 MB this way.)

    >>> _unpack(*_pack(["Home", "", "Café au lait"]))
    ['Home', '', 'Café au lait']
    """
    encoded = [t.encode("utf-8") for t in texts]
    ends = np.cumsum([len(e) for e in encoded], dtype=np.int64)
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), ends


def _unpack(text_bytes: np.ndarray, ends: np.ndarray) -> list[str]:
    raw = text_bytes.tobytes()
    starts = np.r_[0, ends[:-1]]
    return [raw[a:b].decode("utf-8") for a, b in zip(starts.tolist(), ends.tolist())]


def weights(X, pid):
    # Every page counts once in the metric, and long blocks carry more shingles.
    nw = X[:, FEATURES.index("n_words")] + 1.0
    tot = np.bincount(pid, weights=nw)
    return nw / tot[pid] * 100.0


def contexts(proba, pid, paths, words, X):
    """Stage-2 context rows for every block, page by page (``X``: the
    blocks' stage-1 features, which name their layouts)."""
    out = np.zeros((len(proba), len(CONTEXT_FEATURES)))
    starts = np.flatnonzero(np.r_[True, pid[1:] != pid[:-1]])
    ends = np.r_[starts[1:], len(pid)]
    for a, b in zip(starts, ends):
        ps = [tuple(int(x) for x in row if x >= 0) for row in paths[a:b]]
        out[a:b] = context_features(ps, words[a:b].tolist(), proba[a:b], layout_ids(X[a:b]))
    return out


def page_scores(pages, pid, texts, keep):
    P, R = [], []
    starts = np.flatnonzero(np.r_[True, pid[1:] != pid[:-1]])
    ends = np.r_[starts[1:], len(pid)]
    by_page = {int(pid[a]): (a, b) for a, b in zip(starts, ends)}
    for i, p in enumerate(pages):
        a, b = by_page.get(i, (0, 0))
        text = compose([texts[j] for j in range(a, b) if keep[j]])
        pr, rc = shingle_pr(text, p.gold.get("body") or "")
        P.append(pr)
        R.append(rc)
    return float(np.mean(P)), float(np.mean(R))


def fit(X, y, w):
    from sklearn.ensemble import HistGradientBoostingClassifier
    clf = HistGradientBoostingClassifier(**PARAMS)
    clf.fit(X, (y >= 0.5).astype(int), sample_weight=w)
    return clf


def sweep(name, pages, pid, texts, proba):
    best = (0.0, 0.5, 0.0, 0.0)
    for thr in THRESHOLDS:
        p, r = page_scores(pages, pid, texts, proba >= thr)
        print(f"  {name} thr={thr:.2f}: P={p:.4f} R={r:.4f} F1={f1(p, r):.4f}", flush=True)
        best = max(best, (f1(p, r), thr, p, r))
    return best


def fold_spec(clf1, clf2, s1, s2, cv, k):
    """One fold's two-stage model in the shipped format (CV-chosen thresholds)."""
    return {
        "stage1": export_hgb(clf1, FEATURES, s1[1]),
        "stage2": export_hgb(clf2, list(FEATURES) + CONTEXT_FEATURES, s2[1]),
        "cv": dict(cv, fold=k),
    }


def save_folds(out: Path, pages, page_fold, folds, clf1, clf2, s1, s2, cv, X, pid, paths, words,
               oof1, oof2):
    """Write html_model.fold{k}.json.gz for every outer fold, and folds.json.

    Checks on the way that the exported numpy models give the CV's own
    held-out scores (stage 1 alone, then stage 2 fed the fold's stage-1 scores
    as at run time)."""
    from pipeline.htmlmodel import BlockModel
    out.mkdir(parents=True, exist_ok=True)
    K = cv["k"]
    files = {}
    for k in range(K):
        spec = fold_spec(clf1[k], clf2[k], s1, s2, cv, k)
        m = BlockModel(spec)
        te = folds == k
        Xk = X[te]
        d1 = np.abs(m.stage1.predict_proba(Xk) - oof1[te]).max()
        C = contexts(m.stage1.predict_proba(Xk), pid[te], paths[te], words[te], Xk)
        d2 = np.abs(m.stage2.predict_proba(np.hstack([Xk, C])) - oof2[te]).max()
        raw = json.dumps(spec, separators=(",", ":")).encode("utf-8")
        name = f"html_model.fold{k}.json.gz"
        (out / name).write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
        size = (out / name).stat().st_size
        files[str(k)] = {"file": name, "bytes": size, "sha256": hashlib.sha256((out / name).read_bytes()).hexdigest(),
                         "pages": int(sum(1 for f in page_fold if f == k)),
                         "sites": len({p.site for p, f in zip(pages, page_fold) if f == k})}
        print(f"fold {k}: {name} {size // 1024} KiB; numpy vs CV held-out scores max |dp| "
              f"stage1 {d1:.2e} stage2 {d2:.2e}", flush=True)
    meta = {
        "k": K,
        "fold_rule": f"pipeline.devset.site_folds(pages, k={K}): zlib.crc32(site) % k, site = host of "
                     "gold['url'] without 'www.' (page id when no url); pages = load_pages(dev set), "
                     "sorted by id",
        "stage1": "trained on pages of folds != k",
        "stage2": "trained on pages of folds != k, context from nested stage-1 scores "
                  "(models that saw neither fold k nor the scored fold)",
        "thresholds": {"stage1": s1[1], "stage2": s2[1]},
        "cv": {"stage1_f1": round(s1[0], 4), "stage1_p": round(s1[2], 4), "stage1_r": round(s1[3], 4),
               "stage2_f1": round(s2[0], 4), "stage2_p": round(s2[2], 4), "stage2_r": round(s2[3], 4),
               "metric": "pipeline.score.shingle_pr body P/R averaged over pages, F1 of the means"},
        "params": PARAMS,
        "features": list(FEATURES),
        "context_features": list(CONTEXT_FEATURES),
        "files": files,
        "page_fold": {p.id: int(f) for p, f in zip(pages, page_fold)},
    }
    (out / "folds.json").write_text(json.dumps(meta, indent=1) + "\n", "utf-8")
    print(f"wrote {K} fold models and folds.json to {out}", flush=True)


def check_folds(out: Path, pages):
    """Score every page with ``extract_html_body(..., model=its fold's model)``.

    Also scores the kept blocks alone (no trafilatura fallback), which is what
    the CV figure measures, so any gap between the two is the fallback's."""
    from pipeline.html_body import MAX_HTML_CHARS, extract_html_body
    from pipeline.htmlmodel import load_model
    meta = json.loads((out / "folds.json").read_text("utf-8"))
    K = meta["k"]
    page_fold = site_folds(pages, K)
    stale = [p.id for p, f in zip(pages, page_fold) if meta["page_fold"].get(p.id) != f]
    if stale or len(meta["page_fold"]) != len(pages):
        sys.exit(f"fold assignment differs from {out}/folds.json ({len(stale)} pages)")
    models = [load_model(str(out / f"html_model.fold{k}.json.gz")) for k in range(K)]
    if any(m is None for m in models):
        sys.exit(f"fold model missing or unreadable under {out}")
    t0 = time.time()
    full, blocks = [], []
    fallback = truncated = 0
    for p, k in zip(pages, page_fold):
        html, gold = p.read("html"), p.gold.get("body") or ""
        m = models[k]
        text = extract_html_body(html, p.gold.get("url"), model=m)
        full.append(shingle_pr(text, gold))
        truncated += len(html) > MAX_HTML_CHARS
        pb = page_blocks(html[:MAX_HTML_CHARS])
        if pb.blocks:
            proba = m.predict_proba(np.asarray(pb.features), lambda q: context_features(
                [b.path for b in pb.blocks], [len(b.text.split()) for b in pb.blocks], q,
                layout_ids(pb.features)))
            kept = compose([b.text for b, q in zip(pb.blocks, proba) if q >= m.threshold])
        else:
            kept = ""
        fallback += kept != text
        blocks.append(shingle_pr(kept, gold))

    def agg(prs):
        P = float(np.mean([a for a, _ in prs]))
        R = float(np.mean([b for _, b in prs]))
        return P, R, f1(P, R)

    cv = meta["cv"]
    print(f"fold models in {out}: {len(pages)} pages scored by the model of the fold that held "
          f"their site out ({time.time() - t0:.0f}s)")
    print(f"  CV figure (train script, stage 2):      P={cv['stage2_p']:.4f} R={cv['stage2_r']:.4f} "
          f"F1={cv['stage2_f1']:.4f}")
    P, R, F = agg(blocks)
    print(f"  fold models, kept blocks (no fallback): P={P:.4f} R={R:.4f} F1={F:.4f}")
    P, R, F = agg(full)
    print(f"  fold models, extract_html_body:         P={P:.4f} R={R:.4f} F1={F:.4f} "
          f"(trafilatura fallback changed {fallback} pages; {truncated} pages over "
          f"{MAX_HTML_CHARS} chars)")
    print(f"  difference extract_html_body - CV: {F - cv['stage2_f1']:+.4f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--cache", help="npz file to keep the block features in between runs")
    ap.add_argument("--save-folds", metavar="DIR",
                    help="write the per-fold CV models (html_model.fold{k}.json.gz) and folds.json here")
    ap.add_argument("--check-folds", metavar="DIR",
                    help="no training: run extract_html_body on every dev page with its fold's model "
                         "from DIR and compare with the CV figure in DIR/folds.json")
    args = ap.parse_args()
    root = default_gold_dir()
    if root is None:
        sys.exit("dev set not found")
    pages = load_pages(root)
    if args.check_folds:
        check_folds(Path(args.check_folds), pages)
        return
    t0 = time.time()
    X, y, pid, texts, paths, words = build(pages, args.cache)
    print(f"{len(pages)} pages, {len(y)} blocks, features in {time.time() - t0:.1f}s", flush=True)
    w = weights(X, pid)
    op, orc = page_scores(pages, pid, texts, y >= 0.5)
    print(f"oracle (gold block labels): P={op:.4f} R={orc:.4f} F1={f1(op, orc):.4f}", flush=True)

    K = args.k
    page_fold = site_folds(pages, K)
    folds = np.asarray(page_fold)[pid]
    fold_clf1, fold_clf2 = {}, {}  # kept for --save-folds
    # Stage 1, outer folds: the held-out fold's stage-1 scores.
    oof1 = np.zeros(len(y))
    for k in range(K):
        tr, te = folds != k, folds == k
        clf = fit(X[tr], y[tr], w[tr])
        oof1[te] = clf.predict_proba(X[te])[:, 1]
        if args.save_folds:
            fold_clf1[k] = clf
        print(f"stage 1 fold {k} done ({time.time() - t0:.0f}s)", flush=True)
    s1 = sweep("stage1 CV", pages, pid, texts, oof1)

    # Nested stage-1 scores for stage-2 training: inner[k][j] scores fold j
    # with a model that saw neither fold j nor the outer held-out fold k. A
    # model fit without folds {k, j} serves both (k, j) and (j, k).
    inner = {}
    for k, j in itertools.combinations(range(K), 2):
        tr = (folds != k) & (folds != j)
        clf = fit(X[tr], y[tr], w[tr])
        for a, b in ((k, j), (j, k)):
            m = folds == b
            inner[(a, b)] = clf.predict_proba(X[m])[:, 1]
        print(f"stage 1 inner ({k},{j}) done ({time.time() - t0:.0f}s)", flush=True)
    oof2 = np.zeros(len(y))
    for k in range(K):
        p1 = oof1.copy()  # the held-out fold keeps its outer stage-1 scores
        for j in range(K):
            if j != k:
                p1[folds == j] = inner[(k, j)]
        C = contexts(p1, pid, paths, words, X)
        X2 = np.hstack([X, C])
        tr, te = folds != k, folds == k
        clf = fit(X2[tr], y[tr], w[tr])
        oof2[te] = clf.predict_proba(X2[te])[:, 1]
        if args.save_folds:
            fold_clf2[k] = clf
        print(f"stage 2 fold {k} done ({time.time() - t0:.0f}s)", flush=True)
    s2 = sweep("stage2 CV", pages, pid, texts, oof2)
    print(f"site-grouped {K}-fold CV body F1: stage 1 = {s1[0]:.4f} (P={s1[2]:.4f} R={s1[3]:.4f}, "
          f"thr {s1[1]}), stage 2 = {s2[0]:.4f} (P={s2[2]:.4f} R={s2[3]:.4f}, thr {s2[1]})", flush=True)
    cv = {"stage1_f1": round(s1[0], 4), "stage2_f1": round(s2[0], 4), "k": K}

    if args.save_folds:
        save_folds(Path(args.save_folds), pages, page_fold, folds, fold_clf1, fold_clf2,
                   s1, s2, cv, X, pid, paths, words, oof1, oof2)

    if not args.no_write:
        clf1 = fit(X, y, w)
        # Stage 2 trains on out-of-fold stage-1 scores, as it will see at run time.
        X2 = np.hstack([X, contexts(oof1, pid, paths, words, X)])
        clf2 = fit(X2, y, w)
        spec = {
            "stage1": export_hgb(clf1, FEATURES, s1[1]),
            "stage2": export_hgb(clf2, list(FEATURES) + CONTEXT_FEATURES, s2[1]),
            "cv": cv,
        }
        m = TreeModel(spec["stage2"])
        diff = np.abs(m.predict_proba(X2[:5000]) - clf2.predict_proba(X2[:5000])[:, 1]).max()
        print(f"numpy runtime vs sklearn max |dp| = {diff:.2e}")
        MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
        MODEL_PATH.write_text(json.dumps(spec, separators=(",", ":")), "utf-8")
        print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
