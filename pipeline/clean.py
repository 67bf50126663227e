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

import gc
from contextlib import contextmanager
from functools import cache

from .classify import (classify_many, drop_above_headline, drop_below_comment_count, drop_boilerplate_phrases,
                       drop_comment_thread)
from .decode import repair_text
from .frontmatter import read_front_matter
from .giveaways import drop_giveaways
from .html_body import extract_html_blocks
from .limits import Limits
from .metadata import biography_lines, detect_language, extract_html_metadata, extract_text_metadata, header_lines
from .metadata.authors import clean_authors
from .metadata.dates import normalize_iso
from .metadata.language import language_code
from .metadata.sitename import host_label, site_name, site_of
from .metadata.titles import clean_headline, headline_with_suffix
from .record import Document, Metadata, Rejected
from .segment import segment_text
from .userrules import rules_for

DEMO = """# A Quiet Harbour Reopens

The harbour at Wexmoor reopened on Monday after three years of repairs, and the first ferry left on time with forty passengers aboard.

Local traders said the reopening had already brought more visitors to the town, although parking near the quay remains difficult.

Please consider making a donation to keep our local reporting free for everyone.
"""

# Where the input carried metadata (a JSON export's "title", front matter's
# "date"), it wins over what we infer from the page.
_HINT_FIELDS = ("title", "url", "published", "modified", "site_name", "language", "section")
_HINT_DATES = ("published", "modified")


def clean_document(doc: Document, limits: Limits | None = None, rules=None, model=None) -> Document:
    """Segment, classify and extract metadata; raise Rejected if no article remains.

    ``model`` replaces the shipped block model of the document's format (the
    benchmark passes the cross-validation fold models this way).
    """
    result = clean_documents([doc], limits, rules, [model])[0]
    if isinstance(result, Rejected):
        raise result
    return result


def clean_documents(docs: list[Document], limits: Limits | None = None, rules=None,
                    models: list | None = None) -> list[Document | Rejected]:
    """``clean_document`` for many documents: each entry is the cleaned document
    or the ``Rejected`` it ended with. Text documents are classified together,
    which costs less per document than one at a time; the decisions are the same.

    ``models``: a block model per document (None: the shipped one).
    """
    with _cyclic_gc_paused():
        return _clean_documents(docs, limits or Limits(), rules, models or [None] * len(docs))


def _clean_documents(docs: list[Document], limits: Limits, rules, models: list) -> list[Document | Rejected]:
    out: list[Document | Rejected | None] = [None] * len(docs)
    # Text documents by block model (models are not hashable: keyed by identity).
    text: dict[int, tuple[object, list[int]]] = {}
    body_start: dict[int, int] = {}     # first block after a text document's front matter
    for i, doc in enumerate(docs):
        if len(doc.content) > limits.max_doc_chars:
            out[i] = Rejected(f"document larger than the limit of {limits.max_doc_chars} characters")
        elif doc.format == "html":
            _clean_html(doc, rules, models[i])
        else:
            body_start[i] = _segment(doc)
            text.setdefault(id(models[i]), (models[i], []))[1].append(i)
    for model, members in text.values():
        sites = [_site(docs[i]) for i in members]
        classify_many([docs[i].blocks[body_start[i]:] for i in members], rules=rules, sites=sites, model=model)
        for i, site in zip(members, sites):
            lines = _text_metadata(docs[i], body_start[i])
            _drop_above_headline(docs[i], body_start[i], lines, rules_for(rules, site), site)
    for i, doc in enumerate(docs):
        if out[i] is None:
            out[i] = _finish(doc)
    return out


@contextmanager
def _cyclic_gc_paused():
    """Cleaning makes a few hundred small objects per page (blocks, hits, strings)
    and reference counting frees them all: a page holds no reference cycles.
    The cyclic collector's passes over them found nothing and cost ~10% of the
    text path's time, so it waits until the documents are done."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@cache
def warm_up() -> None:
    """Clean a tiny page once per process, outside any time limit.

    The text path's kernels load from numba's disk cache on first use, or, the
    first time they ever run on a machine, compile (several seconds). That
    must not count against the first document's time limit.
    """
    repair_text(DEMO + "&amp;\u00a0")
    clean_document(Document(source="warm-up.txt", content=DEMO))


def _finish(doc: Document) -> Document | Rejected:
    _apply_hints(doc.meta, doc.hints)
    body = doc.body     # joined once: a page's body is tens of kilobytes
    if not doc.meta.language:
        doc.meta.language = detect_language(body)
    if not body.strip():
        return Rejected("not an article: no article text left after removing boilerplate")
    return doc


def _segment(doc: Document) -> int:
    """Split a text document into blocks; return how many its front matter takes.

    Front matter's fields join the document's hints (a JSON export's own fields
    win) and its lines are dropped here: the classifier and the metadata
    extractor see only the page below it.
    """
    head = read_front_matter(doc.content)
    if head is None:
        doc.blocks = segment_text(doc.content)
        return 0
    top, body = segment_text(doc.content[:head.end]), segment_text(doc.content[head.end:])
    for block in top:
        block.drop("metadata", f"{head.kind}: the page's own metadata, read into the record's fields")
    for block in body:
        block.index += len(top)
    for name, value in head.hints.items():
        doc.hints.setdefault(name, value)
    doc.blocks = top + body
    return len(top)


def _text_metadata(doc: Document, start: int = 0) -> dict[int, str]:
    """Fill ``doc.meta``; drop the metadata lines and return them, by block index."""
    doc.meta, metadata_lines = extract_text_metadata(doc.blocks[start:], doc.hints)
    for index, reason in metadata_lines.items():
        doc.blocks[index].drop("metadata", reason)
    return metadata_lines


def _drop_above_headline(doc: Document, start: int, metadata_lines: dict[int, str], rules, site) -> None:
    headline = next((i for i, reason in metadata_lines.items() if reason == "title line"), None)
    if headline is not None:
        drop_above_headline(doc.blocks[start:], headline - start, rules, site)


def _clean_html(doc: Document, rules, model) -> None:
    url = doc.hints.get("url")
    doc.meta = repair_metadata(extract_html_metadata(doc.content, url))
    doc.blocks = extract_html_blocks(doc.content, url, model=model)
    if not doc.meta.site_name:
        # No og:site_name or publisher: the footer's copyright line may name the site.
        doc.meta.site_name = site_name(doc.blocks, doc.meta.url or url)
    kept = [b for b in doc.blocks if b.keep]
    for block in kept:
        block.text, fixes = repair_text(block.text)
        doc.repairs += [f for f in fixes if f not in doc.repairs]
    # The extractor already chose the main content; what it keeps of site
    # chrome is what the phrase lexicon and the user's rules catch.
    site = _site(doc)
    rules = rules_for(rules, site)
    drop_boilerplate_phrases(kept, rules=rules, site=site)
    drop_giveaways(kept, rules, site)
    drop_below_comment_count(doc.blocks, rules, site)
    drop_comment_thread(doc.blocks, rules=rules, site=site)
    for i in biography_lines(kept, doc.meta.authors):
        kept[i].drop("metadata", "author biography")
    title = (doc.meta.title or "").strip().casefold()
    for block in kept[:3]:
        if block.keep and title and block.text.strip().casefold() == title:
            block.drop("metadata", "title line repeated at the top of the body")
    headline = next((i for i, b in enumerate(doc.blocks) if title and b.text.strip().casefold() == title), None)
    if headline is not None:
        drop_above_headline(doc.blocks, headline, rules, site)
    # A byline or dateline kept above the first paragraph is metadata, as on
    # the text path: its values are in the record's fields.
    lines = header_lines([b for b in doc.blocks if b.keep])
    for block in doc.blocks:
        if block.index in lines:
            block.drop("metadata", lines[block.index])


def repair_metadata(meta: Metadata) -> Metadata:
    """``meta`` with its text fields repaired as the body is: markup can carry
    mojibake ("Dariusz JaroÅ\\x84") or entities that the parser left."""
    for name in ("title", "site_name", "section"):
        value = getattr(meta, name)
        if value:
            setattr(meta, name, repair_text(value)[0])
    meta.authors = [repair_text(a)[0] for a in meta.authors]
    meta.tags = [repair_text(t)[0] for t in meta.tags]
    return meta


def _site(doc: Document) -> str | None:
    return site_of(doc.hints.get("url") or doc.meta.url)


def _site_names(meta: Metadata, hints: dict) -> tuple[str, ...]:
    """The names the site goes by, as far as the input and the page say."""
    names = (hints.get("site_name"), meta.site_name, host_label(hints.get("url") or meta.url))
    return tuple(n for n in names if isinstance(n, str) and n.strip())


def _apply_hints(meta: Metadata, hints: dict) -> None:
    """Let the input's own metadata win; its dates in ISO 8601 and its language
    as an ISO 639-1 code, like ours.

    >>> meta = Metadata(published="2024-03-01")
    >>> _apply_hints(meta, {"published": "March 5, 2024", "modified": "not a date", "tags": ["sea"],
    ...                     "language": "en-US"})
    >>> meta.published, meta.modified, meta.tags, meta.language
    ('2024-03-05', None, ['sea'], 'en')
    >>> _apply_hints(meta, {"authors": "By Jane Doe and Tom Bell, Staff Writers"})
    >>> meta.authors
    ['Jane Doe', 'Tom Bell']
    >>> _apply_hints(meta, {"title": "Harbour reopens after repairs | Northern Gazette",
    ...                     "section": ["Local", "Sea"]})
    >>> meta.title, meta.section
    ('Harbour reopens after repairs', 'Local')
    """
    for name in _HINT_FIELDS:
        value = hints.get(name)
        if isinstance(value, list) and value:
            value = value[0]                    # "categories": ["Local", "Sea"]: one section
        if isinstance(value, str) and value.strip():
            # A date (or language) no parser reads leaves the page's own in place.
            value = normalize_iso(value) if name in _HINT_DATES else \
                language_code(value) if name == "language" else value.strip()
            if name == "title":
                if headline_with_suffix(value, meta.title):
                    continue
                # Exports often carry the <title> tag: the headline without the site's name.
                value = clean_headline(value, _site_names(meta, hints))
            if value:
                setattr(meta, name, value)
    for name in ("authors", "tags"):
        value = hints.get(name)
        if name == "tags" and isinstance(value, str):
            value = value.split(",")           # "harbour, ferries"
        values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        values = [v.strip() for v in values if isinstance(v, str) and v.strip()]
        if name == "authors":
            # The same person-names policy as ours: "By Jane Doe, Staff Writer" is
            # Jane Doe; an agency or "Staff report" leaves what the page shows.
            values = clean_authors(values)
        if values:
            setattr(meta, name, values)
