"""Site templates: paragraphs the cleaner kept on many pages of one site, as rules.

A site's promo or standing notice can read like prose ("Enjoyed this piece? We
need your help to keep publishing."), so the classifier may keep it; across a
run, though, it repeats on page after page of that site, which no article
paragraph does. ``find_templates`` reads a run's records (``clean/articles``),
counts each kept paragraph over the distinct pages of its site, and returns the
ones on at least ``min_pages`` pages and ``min_share`` of the site's pages.
``format_rules`` writes them as a rules file to review and pass to ``--rules``.

Two guards come from the dev set. Short repeated lines are mostly a site's
section headings ("What We Like", "Conclusion"), which the articles keep:
only paragraphs of ``min_words`` words or more count. And one article saved
twice (a print version, a syndicated copy) repeats all its paragraphs: pages
count once per distinct opening (their first two paragraphs).

>>> records = [{"url": f"https://a.example/{i}", "text": f"Story {i} opens here, and it goes on.\\n\\n"
...             "Enjoyed this piece? We need your help to keep publishing."} for i in range(3)]
>>> [(t.site, t.text, t.pages, t.site_pages) for t in find_templates(records)]
[('a.example', 'Enjoyed this piece? We need your help to keep publishing.', 3, 3)]
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

from .metadata.sitename import site_of

MIN_PAGES = 3
MIN_SHARE = 0.5
MIN_WORDS = 6
MAX_CHARS = 600       # a long paragraph that repeats is an article quoted, not chrome


@dataclass(frozen=True)
class Template:
    site: str
    text: str
    pages: int          # distinct pages of the site that kept it
    site_pages: int     # distinct pages of the site in the records


def find_templates(records, min_pages: int = MIN_PAGES, min_share: float = MIN_SHARE,
                   min_words: int = MIN_WORDS) -> list[Template]:
    """Kept paragraphs repeated across a site's pages, most widespread first.

    ``records``: dicts with ``url`` and ``text`` (a run's article records);
    those without a URL name no site and are passed over.
    """
    # Hashes, not texts: a large run's paragraphs need not all stay in memory.
    by_site: dict[str, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    pages: dict[str, set[int]] = defaultdict(set)
    written: dict[tuple[str, int], str] = {}      # a repeated paragraph, as written on a page
    for record in records:
        site = site_of(record.get("url"))
        paragraphs = [" ".join(p.split()) for p in (record.get("text") or "").split("\n\n") if p.strip()]
        if not site or not paragraphs:
            continue
        page = hash(_page_key(paragraphs))
        pages[site].add(page)
        for paragraph in paragraphs:
            if len(paragraph) > MAX_CHARS or len(paragraph.split()) < min_words:
                continue
            key = hash(_norm(paragraph))
            seen = by_site[site][key]
            seen.add(page)
            if len(seen) == 2:
                written.setdefault((site, key), paragraph)
    found = []
    for site, counts in by_site.items():
        site_pages = len(pages[site])
        for key, on in counts.items():
            n = len(on)
            if n >= max(min_pages, 2) and n >= min_share * site_pages:
                found.append(Template(site, written[site, key], n, site_pages))
    return sorted(found, key=lambda t: (-t.pages / t.site_pages, t.site, t.text))


def format_rules(templates: list[Template], source: str = "") -> str:
    """``templates`` as a TOML rules file (``pipeline.userrules``), one rule each.

    >>> print(format_rules([Template("a.example", 'Say "hi"', 3, 4)]), end="")
    # Site templates found by `boilerstrip templates`: review them, then pass the file with --rules.
    <BLANKLINE>
    [[rule]]    # kept on 3 of 4 pages of a.example
    site = "a.example"
    pattern = "Say \\"hi\\""
    category = "template"
    """
    lines = ["# Site templates found by `boilerstrip templates`" + (f" in {source}" if source else "")
             + ": review them, then pass the file with --rules."]
    for t in templates:
        # JSON's string escapes are TOML basic-string escapes.
        lines += ["", f"[[rule]]    # kept on {t.pages} of {t.site_pages} pages of {t.site}",
                  f"site = {json.dumps(t.site)}", f"pattern = {json.dumps(t.text, ensure_ascii=False)}",
                  'category = "template"']
    return "\n".join(lines) + "\n"


def _page_key(paragraphs: list[str]) -> str:
    """What tells a page from a copy of the same article: its opening two
    paragraphs (two, so that a banner kept at the top of every page does not
    make all pages one)."""
    return _norm("\n".join(paragraphs[:2]))


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())
