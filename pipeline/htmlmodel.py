"""Run the gradient-boosted block model with numpy alone (no sklearn, no pickle).

The model is a JSON file written by ``scripts/train_html_model.py``: a baseline
log-odds, a threshold, the feature names it was trained on, and the trees as
flat node arrays (feature, threshold, left, right, leaf value). All trees are
walked at once, one numpy step per tree level.

>>> m = TreeModel({"baseline": 0.0, "threshold": 0.5, "features": ["x"],
...                "trees": [{"feature": [0, 0, 0], "threshold": [1.0, 0, 0],
...                           "left": [1, 0, 0], "right": [2, 0, 0],
...                           "leaf": [0, 1, 1], "value": [0.0, -2.0, 2.0]}]})
>>> [round(float(p), 2) for p in m.predict_proba([[0.0], [3.0]])]
[0.12, 0.88]
"""
from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).resolve().parent / "models" / "html_model.json"


class TreeModel:
    def __init__(self, spec: dict):
        self.baseline = float(spec["baseline"])
        self.threshold = float(spec["threshold"])
        self.features = list(spec["features"])
        trees = spec["trees"]
        sizes = [len(t["value"]) for t in trees]
        offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
        cat = lambda k, dt: np.concatenate([np.asarray(t[k], dtype=dt) for t in trees])  # noqa: E731
        # Child indices become global so one gather serves every tree.
        rep = np.repeat(offsets, sizes)
        self.feature = cat("feature", np.int64)
        self.thr = cat("threshold", np.float64)
        self.left = cat("left", np.int64) + rep
        self.right = cat("right", np.int64) + rep
        self.leaf = cat("leaf", bool)
        self.value = cat("value", np.float64)
        # A leaf points at itself so extra steps leave it in place.
        idx = np.arange(len(self.value))
        self.left[self.leaf] = idx[self.leaf]
        self.right[self.leaf] = idx[self.leaf]
        self.roots = offsets
        # children[2 * node + went_right]: one gather per level instead of two.
        self.children = np.stack([self.left, self.right], axis=1).ravel()
        self.depth = int(spec.get("max_depth", 0)) or 32
        self.extra = dict(spec.get("extra", {}))

    def decision(self, X) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or not len(X):
            return np.zeros(0)
        n, d = X.shape
        flat = X.ravel()
        node = np.broadcast_to(self.roots, (n, len(self.roots))).copy()
        base = (np.arange(n) * d)[:, None]
        for _ in range(self.depth):
            right = flat[base + self.feature[node]] > self.thr[node]
            node = self.children[2 * node + right]
        return self.baseline + self.value[node].sum(axis=1)

    def predict_proba(self, X) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.decision(X)))


class BlockModel:
    """Stage 1 scores blocks alone; stage 2 (optional) adds their context.

    ``context`` is a callable mapping stage-1 probabilities to the extra
    stage-2 columns (``html_features.context_features`` bound to a page).
    """

    def __init__(self, spec: dict):
        if "stage1" in spec:
            self.stage1 = TreeModel(spec["stage1"])
            self.stage2 = TreeModel(spec["stage2"]) if spec.get("stage2") else None
        else:
            self.stage1, self.stage2 = TreeModel(spec), None
        self.features = self.stage1.features
        final = self.stage2 or self.stage1
        self.threshold = final.threshold

    def predict_proba(self, X, context=None) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64)
        p = self.stage1.predict_proba(X)
        if self.stage2 is None or context is None or not len(p):
            return p
        C = np.asarray(context(p), dtype=np.float64)
        return self.stage2.predict_proba(np.hstack([X, C]))


def read_spec(path: str | Path) -> dict:
    """A model spec from a JSON file, gzip-compressed or plain (told by its magic bytes)."""
    data = Path(path).read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return json.loads(data.decode("utf-8"))


@lru_cache(maxsize=8)
def load_model(path: str | Path | None = None) -> BlockModel | None:
    """The model at ``path`` (``.json`` or ``.json.gz``; default: the shipped
    model), or None when the file is missing or unreadable.

    Loaded models are cached per path, so passing the same path again is cheap.
    The cross-validation fold models written by ``train_html_model.py
    --save-folds`` load the same way and go to ``extract_html_body(model=...)``.
    """
    p = Path(path) if path else MODEL_PATH
    try:
        return BlockModel(read_spec(p))
    except (OSError, ValueError, KeyError, EOFError):
        return None


def export_hgb(clf, features: list[str], threshold: float, extra: dict | None = None) -> dict:
    """Turn a fitted binary ``HistGradientBoostingClassifier`` into the JSON spec."""
    trees = []
    max_depth = 0
    for (pred,) in clf._predictors:
        nodes = pred.nodes
        trees.append({
            "feature": nodes["feature_idx"].astype(int).tolist(),
            "threshold": [float(x) for x in nodes["num_threshold"]],
            "left": nodes["left"].astype(int).tolist(),
            "right": nodes["right"].astype(int).tolist(),
            "leaf": nodes["is_leaf"].astype(int).tolist(),
            "value": [round(float(x), 6) for x in nodes["value"]],
        })
        max_depth = max(max_depth, int(nodes["depth"].max()))
    return {"baseline": float(np.ravel(clf._baseline_prediction)[0]), "threshold": threshold,
            "features": list(features), "max_depth": max_depth + 1, "trees": trees,
            "extra": extra or {}}
