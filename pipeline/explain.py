"""Answer "why was this line removed?" for one input file."""
from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from .clean import clean_document
from .read import Reject, read_documents
from .record import Rejected


def explain_file(path: Path, rules_path: str | None = None) -> list[dict]:
    """Every document in ``path`` with each block's decision, and its metadata."""
    from .userrules import load_rules

    rules = load_rules(rules_path) if rules_path else None
    path = Path(path)
    results = []
    for item in read_documents(path.parent, path.name):
        if isinstance(item, Reject):
            results.append({"source": item.source, "error": item.error, "blocks": [], "metadata": None})
            continue
        error = None
        try:
            clean_document(item, rules=rules)
        except Rejected as exc:
            error = str(exc)
        results.append({
            "source": item.source,
            "error": error,
            "repairs": item.repairs,
            "blocks": [{"line": b.index + 1, "keep": b.keep, "category": b.category, "reason": b.reason,
                        # (An image's line flattens to nothing: show it as written, as records do.)
                        "text": b.text or b.raw.strip()} for b in item.blocks],
            "metadata": asdict(item.meta),
        })
    return results


def format_explanation(results: list[dict], width: int = 100) -> str:
    lines = []
    for doc in results:
        lines.append(f"== {doc['source']}")
        if doc.get("error"):
            lines.append(f"   rejected: {doc['error']}")
        for repair in doc.get("repairs") or []:
            lines.append(f"   repaired: {repair}")
        for block in doc["blocks"]:
            text = block["text"] if len(block["text"]) <= width else block["text"][: width - 1] + "…"
            if block["keep"]:
                lines.append(f"KEEP {block['line']:>4}  {text}")
            else:
                lines.append(f"DROP {block['line']:>4}  [{block['category']}] {text}")
                lines.append(f"            why: {block['reason']}")
        if doc.get("metadata"):
            lines.append("-- metadata")
            for key, value in doc["metadata"].items():
                if value not in (None, [], ""):
                    lines.append(f"   {key}: {value}")
    return "\n".join(lines)
