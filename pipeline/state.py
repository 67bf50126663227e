"""What the last successful run saw, so the next one cleans only what changed.

``clean/state.json`` maps each raw file to its size, mtime and SHA-256. A file
whose size and mtime are unchanged is trusted without rehashing; otherwise its
hash decides. The state also records the pipeline version (the schema, the
shipped models and the run's settings: user rules and limits): new code, a
changed rules file or new limits mean every file is cleaned again.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .limits import Limits
from .output import write_atomic
from .record import SCHEMA_VERSION

STATE_FILE = "state.json"


def pipeline_version(settings: str = "") -> str:
    """Schema version plus a digest of the shipped model files and of ``settings``
    (``settings_digest``: what else decides the outputs)."""
    digest = hashlib.sha256(str(SCHEMA_VERSION).encode())
    models = Path(__file__).parent / "models"
    for path in sorted(models.glob("*")) if models.is_dir() else []:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(settings.encode())
    return digest.hexdigest()[:16]


def settings_digest(rules=None, limits=None) -> str:
    """A digest of the user rules and limits a run cleans with: outputs made
    under other rules are stale even when no raw file changed.

    >>> from pipeline.userrules import parse_rules
    >>> from pipeline.limits import Limits
    >>> settings_digest() == settings_digest(parse_rules({}), Limits())
    True
    >>> settings_digest(parse_rules({"rule": [{"pattern": "Sponsored by"}]})) == settings_digest()
    False
    """
    parts = [repr(limits or Limits())]
    for rule in rules or []:
        parts.append(repr((rule.regex.pattern, rule.regex.flags, rule.category, rule.action, rule.site)))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


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
    version: str = ""        # pipeline_version(settings) of this run


def load_state(clean_dir: Path) -> dict:
    try:
        return json.loads((clean_dir / STATE_FILE).read_text("utf-8"))
    except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError):
        return {}


def plan_run(raw_dir: Path, clean_dir: Path, rels: list[str], full: bool = False, settings: str = "") -> Plan:
    """Split ``rels`` into files to clean and files whose outputs are current
    (cleaned by this code with the same ``settings``)."""
    state = load_state(clean_dir)
    version = pipeline_version(settings)
    known = state.get("files", {}) if state.get("pipeline_version") == version and not full else {}
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
    return Plan(todo, unchanged, prints, version)


def save_state(clean_dir: Path, plan: Plan) -> None:
    """Record the run; called only after every batch succeeded."""
    data = {"pipeline_version": plan.version or pipeline_version(), "files": plan.fingerprints}
    write_atomic(clean_dir / STATE_FILE, json.dumps(data, sort_keys=True, indent=0).encode("utf-8"))
