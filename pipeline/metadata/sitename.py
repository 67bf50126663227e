"""The site's name from scraped text: its copyright line, checked against the URL.

Text has no ``og:site_name``; what names the site is the footer's "© 2026 The
Good Trade". A copyright holder is as often a company ("© 2026 Yankee
Publishing Inc." on almanac.com), so a name counts only when it spells the
URL's host: without a URL the text path leaves the site name empty.

>>> from pipeline.segment import segment_text
>>> site_name(segment_text("Story.\\n© 2026 The Good Trade. All rights reserved."), "https://www.thegoodtrade.com/x")
'The Good Trade'
>>> site_name(segment_text("Story.\\n© 2026 Yankee Publishing Inc."), "https://www.almanac.com/x") is None
True
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..record import Block
from .authors import domain_label, squash

_NAME = r"((?:The\s)?[A-Z0-9][\w.&'’-]{0,40}(?:\s(?:of\s|and\s|&\s|for\s)?[A-Z0-9][\w.&'’-]{0,40}){0,4})"
_COPYRIGHT = re.compile(r"(?:©|\b(?i:copyright)\b)\s{0,3}(?:©\s{0,3})?"
                        r"(?:\d{4}(?:\s{0,3}[-–—]\s{0,3}\d{4})?\s{0,3},?\s{0,3})?" + _NAME)
_NAME_END = re.compile(r"\.\s|\s(?i:all\s{1,3}rights)")
_COMPANY = re.compile(r"[\s,]{1,3}(?:Inc|LLC|Ltd|Limited|Corp|Co|GmbH|PLC)\.?$")
_DOMAIN_END = re.compile(r"\.(?:com|org|net|co|io|ai|news|info|us|uk)$", re.IGNORECASE)
MAX_LINE = 250
FOOTER_LINES = 150      # from the end of the page


def site_name(blocks: list[Block], url: str | None, texts: list[str] | None = None) -> str | None:
    """The name a copyright line gives the site, if it spells ``url``'s host
    (``texts``: the blocks' texts, if the caller has them listed)."""
    label = host_label(url)
    if not label:
        return None
    texts = texts if texts is not None else [b.text for b in blocks]
    for text in reversed(texts[-FOOTER_LINES:]):        # a footer is at the bottom
        if len(text) > MAX_LINE or not ("©" in text or "opyright" in text or "OPYRIGHT" in text):
            continue
        for m in _COPYRIGHT.finditer(text):
            name = _COMPANY.sub("", _NAME_END.split(m.group(1), 1)[0].strip(" .,")).strip()
            bare = _DOMAIN_END.sub("", name)        # "CleverHiker.com" spells cleverhiker
            if squash(bare) and label in (squash(bare), squash(bare.removeprefix("The "))):
                return name
    return None


def site_of(url) -> str | None:
    """The host a URL names, without "www.": the site user rules and site
    templates are scoped by. None for no URL or one that does not parse.

    >>> site_of("https://www.Example.com/a"), site_of("http://[bad/a"), site_of(None)
    ('example.com', None, None)
    """
    if not url or not isinstance(url, str):
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    return host.removeprefix("www.") or None


def host_label(url: str | None) -> str:
    """The host's own label, letters and digits only: "uk.glossier.com" -> "glossier",
    "news.bbc.co.uk" -> "bbc".

    >>> host_label("https://uk.glossier.com/a"), host_label("https://news.bbc.co.uk/b"), host_label(None)
    ('glossier', 'bbc', '')
    """
    host = site_of(url)
    return squash(domain_label(host)) if host and "." in host else ""
