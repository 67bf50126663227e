"""Clean one Document: the steps, in order, and nothing else.

read -> decode/repair (pipeline.read, pipeline.decode) -> segment -> classify
-> extract metadata -> assemble. Each step fills in the same ``Document``.

>>> doc = clean_document(Document(source="demo.txt", content=DEMO))
>>> doc.meta.title
'A Quiet Harbour Reopens'
>>> [b.category for b in doc.removed]
['metadata', 'donation']
"""
from __future__ import annotations

from .classify import classify_blocks, decide
from .features import lexicon_hits
from .html_body import extract_html_body
from .limits import Limits
from .metadata import detect_language, extract_html_metadata, extract_text_metadata
from .record import Document, Metadata, Rejected
from .segment import segment_text

DEMO = """# A Quiet Harbour Reopens

The harbour at Wexmoor reopened on Monday after three years of repairs, and the first ferry left on time with forty passengers aboard.

Local traders said the reopening had already brought more visitors to the town, although parking near the quay remains difficult.

Please consider making a donation to keep our local reporting free for everyone.
"""

# Where the input carried metadata (a JSON export's "title", a WARC date),
# it wins over what we infer from the page.
_HINT_FIELDS = ("title", "url", "published", "site_name", "language")


def clean_document(doc: Document, limits: Limits | None = None, rules=None) -> Document:
    """Segment, classify and extract metadata; raise Rejected if no article remains."""
    limits = limits or Limits()
    if len(doc.content) > limits.max_doc_chars:
        raise Rejected(f"document larger than the limit of {limits.max_doc_chars} characters")
    if doc.format == "html":
        _clean_html(doc, rules)
    else:
        _clean_text(doc, rules)
    _apply_hints(doc.meta, doc.hints)
    if not doc.meta.language:
        doc.meta.language = detect_language(doc.body)
    if not doc.body.strip():
        raise Rejected("not an article: no article text left after removing boilerplate")
    return doc


def _clean_text(doc: Document, rules) -> None:
    doc.blocks = segment_text(doc.content)
    classify_blocks(doc.blocks, rules=rules, site=_site(doc))
    doc.meta, metadata_lines = extract_text_metadata(doc.blocks, doc.hints)
    for index, reason in metadata_lines.items():
        doc.blocks[index].drop("metadata", reason)


def _clean_html(doc: Document, rules) -> None:
    from .decode import repair_text

    url = doc.hints.get("url")
    doc.meta = extract_html_metadata(doc.content, url)
    body, repairs = repair_text(extract_html_body(doc.content, url))
    doc.repairs += repairs
    doc.blocks = segment_text(body)
    # The extractor already chose the main content; what it keeps of site
    # chrome is what the phrase lexicon and the user's rules catch.
    drop_boilerplate_phrases(doc.blocks, rules=rules, site=_site(doc))
    title = (doc.meta.title or "").strip().casefold()
    for block in doc.blocks[:3]:
        if block.keep and title and block.text.strip().casefold() == title:
            block.drop("metadata", "title line repeated at the top of the body")


def drop_boilerplate_phrases(blocks, rules=None, site: str | None = None) -> None:
    """User rules and the phrase lexicon alone, for text a main-content extractor chose."""
    import numpy as np

    decide(blocks, np.ones(len(blocks)), lexicon_hits(blocks), rules=rules, site=site)


def _site(doc: Document) -> str | None:
    from urllib.parse import urlsplit

    url = doc.hints.get("url") or doc.meta.url
    if not url:
        return None
    host = urlsplit(str(url)).hostname or ""
    return host[4:] if host.startswith("www.") else host or None


def _apply_hints(meta: Metadata, hints: dict) -> None:
    for name in _HINT_FIELDS:
        value = hints.get(name)
        if isinstance(value, str) and value.strip():
            setattr(meta, name, value.strip())
    authors = hints.get("authors")
    if isinstance(authors, str) and authors.strip():
        meta.authors = [authors.strip()]
    elif isinstance(authors, list) and all(isinstance(a, str) for a in authors) and authors:
        meta.authors = [a.strip() for a in authors if a.strip()]
