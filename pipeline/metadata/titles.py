"""Title cleaning: the headline without the site name or section around it.

>>> strip_site("Russia in Talks - The Moscow Times", ("The Moscow Times",))
'Russia in Talks'
>>> strip_site("Home | Big News: Markets fall sharply today", ())
'Big News: Markets fall sharply today'
"""
from __future__ import annotations

import html as html_lib
import re

from .dates import find_date_span

# Separators sites put between headline and site name. A hyphen counts only
# with spaces around it, so "Covid-19" stays whole.
_SEP = re.compile(r"\s{1,3}[|–—·•»«:~/\-]{1,2}\s{1,3}|\s{0,3}[|–—»«]\s{0,3}|\s::\s")
_WORD = re.compile(r"\w+")


def norm(text: str | None) -> str:
    """Lowercased words joined by single spaces, for comparisons.

    >>> norm("  Hello,  World! ")
    'hello world'
    """
    return " ".join(_WORD.findall((text or "").lower()))


def _is_site_like(part: str, site_names: tuple[str, ...]) -> bool:
    key = norm(part)
    if not key:
        return True
    for name in site_names:
        n = norm(name)
        if n and (key == n or key.replace(" ", "") == n.replace(" ", "")
                  or (len(n) > 3 and (n in key or key in n) and len(key) < 40)):
            return True
    return False


def strip_site(title: str | None, site_names: tuple[str, ...] = (), aggressive: bool = True) -> str | None:
    """Remove a site-name (or short section) prefix or suffix from ``title``.

    Parts are split on separators; parts that equal a known site name are
    dropped, and, when ``aggressive``, so are short outer parts when the
    remaining part is clearly the longest.

    >>> strip_site("Covid-19 cases rise in Berlin | Berlin", ())
    'Covid-19 cases rise in Berlin'
    >>> strip_site("Why X matters: a primer", ())
    'Why X matters: a primer'
    """
    if not title:
        return None
    title = " ".join(title.split())
    parts = [p for p in _SEP.split(title[:1000])]
    if len(parts) == 1:
        return title
    # Drop parts naming the site first, from both ends.
    while len(parts) > 1 and _is_site_like(parts[-1], site_names):
        parts.pop()
    while len(parts) > 1 and _is_site_like(parts[0], site_names):
        parts.pop(0)
    if len(parts) > 1 and aggressive:
        longest = max(parts, key=len)
        # A trailing short chunk after a long headline is a site or section name.
        while len(parts) > 1 and parts[-1] is not longest and len(parts[-1].split()) <= 4 \
                and len(longest) >= 2 * len(parts[-1]) and _only_trailing_sep(title, parts):
            parts.pop()
        while len(parts) > 1 and parts[0] is not longest and len(parts[0].split()) <= 3 \
                and len(longest) >= 3 * len(parts[0]) and _hard_sep_after(title, parts[0]):
            parts.pop(0)
    return _rejoin(title, parts)


def _only_trailing_sep(title: str, parts: list[str]) -> bool:
    """True if the separator before the last part is not a plain colon (a subtitle)."""
    idx = title.rfind(parts[-1])
    sep = title[:idx].rstrip()[-1:] if idx > 0 else ""
    return sep != ":"


def _hard_sep_after(title: str, first: str) -> bool:
    rest = title[len(first):].lstrip()[:1]
    return rest in "|–—»«·•-/"


def _rejoin(title: str, parts: list[str]) -> str:
    """The span of ``title`` from the first kept part to the last one."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    if start < 0 or end < start:
        return parts[0].strip()
    return title[start:end].strip()


def same_title(a: str | None, b: str | None) -> bool:
    """True if two titles are equal once normalised."""
    return bool(a and b) and norm(a) == norm(b)


_SECTION_PREFIX = re.compile(r"^(?:blog|news|article|opinion|op-ed|review|podcast|video|guide|"
                             r"press release)\s{0,2}:\s{1,3}(?=\S.{10})", re.IGNORECASE)
_SOURCE_DOMAIN = re.compile(r"(?<=\S)\s{0,3}\((?:[a-z0-9-]{1,40}\.){1,3}[a-z]{2,6}\)\s{0,3}\d{0,6}\s{0,3}$")
_BAR_SEP = re.compile(r"\s{1,3}\|\s{1,3}")
_HARD_SEP = re.compile(r"\s{1,3}[|–—]\s{1,3}|\s{1,3}-\s{1,3}")


def clean_headline(title: str | None, site_names: tuple[str, ...] = (), dashes: bool = True) -> str | None:
    """Unescape a double-escaped headline and drop what follows a spaced
    separator ("Title | Section", "Title – Tagline" unless ``dashes`` is
    false) when what precedes it is a headline of three words or more.
    A lowercase continuation is kept: "The top workout of 2024 — and 5
    trends to expect" is one headline.

    >>> clean_headline("Top workout of 2024 — and 5 trends to expect", ())
    'Top workout of 2024 — and 5 trends to expect'
    >>> clean_headline("Top workout of 2024 — Daily Planet Sports", ())
    'Top workout of 2024'


    >>> clean_headline("Best Movers in NYC 2025 | Top 19 Companies", ())
    'Best Movers in NYC 2025'
    >>> clean_headline("Covid-19 - a primer", ())
    'Covid-19 - a primer'
    >>> clean_headline("Grads Find Their Degrees No Longer Guarantee Jobs (latimes.com) 87", ())
    'Grads Find Their Degrees No Longer Guarantee Jobs'
    """
    if not title:
        return title
    if "&" in title:
        title = html_lib.unescape(title)
    if "\u00e2\u0080" in title:
        # UTF-8 read as Latin-1 ("Investorâ\x80\x99s"): undo it.
        try:
            title = title.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    title = strip_site(title, site_names, aggressive=False) or title
    # A date or the site's name run into the start of the headline.
    found = find_date_span(title[:40])
    if found and found[0] == 0 and len(title) - found[1] > 10:
        title = title[found[1]:].strip(" -|:")
    low = title.lower()
    for name in site_names:
        # Only a domain name ("example.com Big story"): a brand starting a
        # headline ("Docker Hardened Images: ...") is part of it.
        if "." in name and len(name) > 3 and low.startswith(name.lower() + " ") and len(title) > len(name) + 10:
            title = title[len(name):].strip(" -|:")
            break
    title = _SECTION_PREFIX.sub("", title)
    # An aggregator's source credit (and comment count): "... Jobs (latimes.com) 87".
    title = _SOURCE_DOMAIN.sub("", title)
    parts = (_HARD_SEP if dashes else _BAR_SEP).split(title, maxsplit=1)
    # "... of 2024 — and 5 trends to expect": a lowercase continuation is
    # the headline going on, not a site name or a tagline.
    if len(parts) == 2 and parts[1][:1].islower():
        return title
    if len(parts) == 2 and len(parts[0].split()) >= 3:
        return parts[0].strip()
    return title


def headline_with_suffix(given: str, headline: str | None) -> bool:
    """True if an export's title is the page's headline plus a site or section
    name ("Harbour reopens | Northern Gazette"): a ``<title>`` tag, which the
    headline read from the page improves on. A subtitle after a colon is part
    of the title.

    >>> headline_with_suffix("Harbour reopens | Northern Gazette", "Harbour reopens")
    True
    >>> headline_with_suffix("Local News - Harbour reopens", "Harbour reopens")
    True
    >>> headline_with_suffix("Harbour reopens: what next", "Harbour reopens")
    False
    >>> headline_with_suffix("Harbour reopens after the storm", "Harbour reopens")
    False
    """
    if not headline or len(headline) >= len(given):
        return False
    key = norm(headline)
    n = len(headline)
    if norm(given[:n]) == key and _SUFFIX.match(given[n:]):
        return True
    return norm(given[-n:]) == key and bool(_PREFIX.search(given[:-n]))


# " | Site", " - Section": a separator with space around it.
_SUFFIX = re.compile(r"\s{1,3}[|\-–—·•»/]\s{1,3}\S")
_PREFIX = re.compile(r"\S\s{1,3}[|\-–—·•»/]\s{1,3}$")
