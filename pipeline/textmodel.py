"""Gradient-boosted trees stored as plain arrays, run by a compiled kernel.

Training (``scripts/train_text_model.py``) uses scikit-learn; the package only
reads the exported arrays, so a newer scikit-learn, or none, cannot break it.
Each tree is padded to a complete binary tree of depth ``D`` (a leaf above the
last level becomes a node whose threshold sends every row left, down to copies
of its value). Then a row goes down every tree in exactly ``D`` steps of

    node <- 2 * node + 1 + (x[feature[node]] > threshold[node])

with no branch on the tree's shape; ``kernels.forest_decision`` runs them
compiled, one tree at a time for a block of rows.

>>> import numpy as np
>>> f = Forest(np.zeros((1, 1), np.int32), np.array([[0.5]]), np.array([[-1.0, 1.0]]), 0.0)
>>> f.decision(np.array([[0.2], [0.9]])).tolist()
[-1.0, 1.0]
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from . import kernels
from .wordscore import WordScore

MODEL_PATH = Path(__file__).with_name("models") / "text_model.npz"


@dataclass
class Forest:
    """Complete trees of one depth: ``feature``/``threshold`` (T, 2^D - 1) in
    level order, ``leaf`` (T, 2^D), plus the constant ``base`` margin."""

    feature: np.ndarray
    threshold: np.ndarray
    leaf: np.ndarray
    base: float

    def __post_init__(self) -> None:
        n_trees, n_inner = self.feature.shape
        self.depth = int(np.log2(n_inner + 1))
        self._feature = np.ascontiguousarray(self.feature, np.int64)
        self._threshold = np.ascontiguousarray(self.threshold, np.float64)
        self._leaf = np.ascontiguousarray(self.leaf, np.float64)
        # the kernel does not check bounds: a short row must not reach it
        self._min_width = int(self.feature.max(initial=0)) + 1

    def decision(self, X: np.ndarray) -> np.ndarray:
        """The summed margin (log-odds) for each row of ``X``."""
        X = np.asarray(X, np.float64)
        if X.ndim != 2 or X.shape[1] < self._min_width:
            raise ValueError(f"expected rows of at least {self._min_width} features, got {X.shape}")
        return kernels.forest_decision(X, self._feature, self._threshold, self._leaf,
                                       self.base, self.depth)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.decision(X)))

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        return {f"{prefix}feature": self.feature.astype(np.int16),
                f"{prefix}threshold": self.threshold.astype(np.float64),
                f"{prefix}leaf": self.leaf.astype(np.float32),
                f"{prefix}base": np.array([self.base])}

    @classmethod
    def from_arrays(cls, arrays, prefix: str) -> "Forest":
        return cls(arrays[f"{prefix}feature"].astype(np.int32), arrays[f"{prefix}threshold"],
                   arrays[f"{prefix}leaf"].astype(np.float64), float(arrays[f"{prefix}base"][0]))


def forest_from_sklearn(model, depth: int | None = None) -> Forest:
    """Pad the trees of a fitted binary ``HistGradientBoostingClassifier``.

    Only numeric splits without missing values are supported (the features
    never produce NaN).
    """
    predictors = [p[0] for p in model._predictors]
    if depth is None:
        depth = max(int(p.nodes["depth"].max()) for p in predictors)
    n_inner = 2 ** depth - 1
    feature = np.zeros((len(predictors), n_inner), np.int32)
    threshold = np.full((len(predictors), n_inner), np.inf)
    leaf = np.zeros((len(predictors), n_inner + 1))
    for t, pred in enumerate(predictors):
        nodes = pred.nodes

        def fill(src: int, dst: int, level: int) -> None:
            node = nodes[src]
            if level == depth:
                leaf[t, dst - n_inner] = node["value"]
                return
            if node["is_leaf"]:
                # +inf threshold: every row goes left, down to a copy of this leaf
                fill(src, 2 * dst + 1, level + 1)
                fill(src, 2 * dst + 2, level + 1)
                return
            feature[t, dst] = node["feature_idx"]
            threshold[t, dst] = node["num_threshold"]
            fill(int(node["left"]), 2 * dst + 1, level + 1)
            fill(int(node["right"]), 2 * dst + 2, level + 1)

        fill(0, 0, 0)
    base = float(np.ravel(model._baseline_prediction)[0])
    return Forest(feature, threshold, leaf, base)


@dataclass
class TextModel:
    """Stage 1 sees a block and its neighbours' features; the optional stage 2
    adds the neighbours' stage-1 probabilities. ``feature_names`` guard against a model
    file that does not match the code computing the features."""

    stage1: Forest
    stage2: Forest | None
    names1: list[str]
    names2: list[str] | None
    threshold: float = 0.5
    info: dict | None = None
    words: WordScore | None = None   # the word score its features read (names1 has WORD_NAMES)

    def predict(self, batch, X1: np.ndarray) -> np.ndarray:
        """p(article) for each row of a featurised batch."""
        from . import features
        p = self.stage1.predict_proba(X1)
        if self.stage2 is None:
            return p
        X2, _ = features.stage2_matrix(batch, X1, self.names1, p)
        return self.stage2.predict_proba(X2)

    def save(self, path: Path = MODEL_PATH) -> None:
        arrays = self.stage1.to_arrays("s1_")
        if self.stage2 is not None:
            arrays.update(self.stage2.to_arrays("s2_"))
        if self.words is not None:
            arrays.update(self.words.to_arrays("words_"))
        meta = {"names1": self.names1, "names2": self.names2, "threshold": self.threshold,
                "info": self.info or {}}
        arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), np.uint8)
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, **arrays)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> "TextModel":
        with np.load(path) as z:
            meta = json.loads(bytes(z["meta"]).decode())
            stage2 = Forest.from_arrays(z, "s2_") if "s2_feature" in z.files else None
            words = WordScore.from_arrays(z, "words_") if "words_weight" in z.files else None
            return cls(Forest.from_arrays(z, "s1_"), stage2,
                       meta["names1"], meta["names2"], meta["threshold"], meta.get("info"), words)


@lru_cache(maxsize=1)
def default_model() -> TextModel:
    """The model shipped with the package, loaded once."""
    return TextModel.load(MODEL_PATH)
