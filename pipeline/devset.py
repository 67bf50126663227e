"""Access to the WCXB development set kept in ../shared (never copied here).

Each page has ``html/<id>.html``, ``text/<id>.txt`` and ``gold/<id>.json``.
Benchmarks and tests call ``default_gold_dir()`` and skip when it is None.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

_CANDIDATES = ("../shared/data/wcxb-dev",)


def default_gold_dir() -> Path | None:
    """The dev set beside the checkout, or $BOILERSTRIP_DEVSET, or None."""
    env = os.environ.get("BOILERSTRIP_DEVSET")
    roots = [Path(env)] if env else []
    here = Path(__file__).resolve().parent.parent
    roots += [here / c for c in _CANDIDATES] + [Path.cwd() / c for c in _CANDIDATES]
    for root in roots:
        if (root / "gold").is_dir():
            return root
    return None


@dataclass
class Page:
    id: str
    gold: dict
    root: Path

    @property
    def site(self) -> str:
        host = urlsplit(self.gold.get("url") or "").hostname or self.id
        return host[4:] if host.startswith("www.") else host

    def read(self, kind: str) -> str:
        ext = "html" if kind == "html" else "txt"
        data = (self.root / kind / f"{self.id}.{ext}").read_bytes()
        return data.decode("utf-8", errors="replace")

    def path(self, kind: str) -> Path:
        ext = "html" if kind == "html" else "txt"
        return self.root / kind / f"{self.id}.{ext}"


def load_pages(root: Path, limit: int | None = None) -> list[Page]:
    pages = []
    for gold_path in sorted((root / "gold").glob("*.json")):
        pages.append(Page(gold_path.stem, json.loads(gold_path.read_text("utf-8")), root))
        if limit and len(pages) >= limit:
            break
    return pages


def site_folds(pages: list[Page], k: int = 5) -> list[int]:
    """A fold number per page; all pages of one site share a fold (stable hash)."""
    import zlib
    return [zlib.crc32(p.site.encode()) % k for p in pages]
