"""What the last successful run saw, so the next one cleans only what changed.

``clean/state.json`` maps each raw file to its size, mtime and SHA-256. A file
whose size and mtime are unchanged is trusted without rehashing; otherwise its
hash decides. The state also records the pipeline version (the schema and the
shipped models): new code means every file is cleaned again.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .output import write_atomic
from .record import SCHEMA_VERSION

STATE_FILE = "state.json"


def pipeline_version() -> str:
    """Schema version plus a digest of the shipped model files."""
    digest = hashlib.sha256(str(SCHEMA_VERSION).encode())
    models = Path(__file__).parent / "models"
    for path in sorted(models.glob("*")) if models.is_dir() else []:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class Plan:
    todo: list[str]          # new or changed: clean these
    unchanged: list[str]     # seen before with the same content: skip
    fingerprints: dict       # rel -> {"size", "mtime_ns", "sha256"} for every live file


def load_state(clean_dir: Path) -> dict:
    try:
        return json.loads((clean_dir / STATE_FILE).read_text("utf-8"))
    except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError):
        return {}


def plan_run(raw_dir: Path, clean_dir: Path, rels: list[str], full: bool = False) -> Plan:
    """Split ``rels`` into files to clean and files whose outputs are current."""
    state = load_state(clean_dir)
    known = state.get("files", {}) if state.get("pipeline_version") == pipeline_version() and not full else {}
    todo, unchanged, prints = [], [], {}
    for rel in rels:
        path = raw_dir / rel
        try:
            st = path.lstat()
        except OSError:
            todo.append(rel)  # vanished since discovery: cleaning it records the reject
            continue
        old = known.get(rel)
        if old and old["size"] == st.st_size and old["mtime_ns"] == st.st_mtime_ns:
            sha = old["sha256"]
        else:
            try:
                sha = file_hash(path) if path.is_file() else ""
            except OSError:
                sha = ""
        prints[rel] = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": sha}
        (unchanged if old and sha and old["sha256"] == sha else todo).append(rel)
    return Plan(todo, unchanged, prints)


def save_state(clean_dir: Path, plan: Plan) -> None:
    """Record the run; called only after every batch succeeded."""
    data = {"pipeline_version": pipeline_version(), "files": plan.fingerprints}
    write_atomic(clean_dir / STATE_FILE, json.dumps(data, sort_keys=True, indent=0).encode("utf-8"))
