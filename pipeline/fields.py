"""The names a page's metadata goes by in the inputs: one vocabulary for every reader.

A JSON export says ``datePublished`` or ``publishedTime``, Hugo's front matter
``date`` and ``lastmod``, a reader service's header ``Published Time``. Every
reader looks its keys up here, case, spaces and separators ignored, so each
input shape knows every name.

>>> values = field_values({"Published Time": "2024-03-05", "lastMod": "2024-03-07", "og:site_name": "Gazette"})
>>> values["published"], values["modified"], values["site_name"]
(['2024-03-05'], ['2024-03-07'], ['Gazette'])
"""
from __future__ import annotations

import re

# Each field's names, the most specific first: when a record has two, the
# first that holds a usable value wins.
FIELDS = {
    "title": ("title", "headline"),
    "url": ("url", "canonical_url", "canonical", "url_source", "source_url", "link"),
    "published": ("published", "date_published", "published_time", "published_at", "publish_date",
                  "pub_date", "date", "created"),
    "modified": ("modified", "date_modified", "modified_time", "last_modified", "lastmod", "updated",
                 "updated_at"),
    "authors": ("authors", "author", "byline", "creator", "creators"),
    "site_name": ("site_name", "og_site_name", "site"),
    "language": ("language", "lang", "locale"),
    "section": ("section", "category", "categories"),
    "tags": ("tags", "keywords"),
}
_SEPARATORS = re.compile(r"[\W_]+")


def squash(name: object) -> str:
    """A key as the vocabulary compares it.

    >>> squash("sourceURL"), squash("date_published"), squash("URL Source")
    ('sourceurl', 'datepublished', 'urlsource')
    """
    return _SEPARATORS.sub("", str(name).lower())


_FIELD_OF = {squash(name): (field, rank) for field, names in FIELDS.items() for rank, name in enumerate(names)}


def field_values(data: dict, skip: frozenset[str] = frozenset()) -> dict[str, list]:
    """Each known field's values in ``data``, in the order of its names.

    ``skip`` names keys not to read (squashed): a crawl's own ``date`` is not the
    page's publication date.

    >>> field_values({"date": "2024-01-02", "datePublished": "2024-03-05", "misc": 1})
    {'published': ['2024-03-05', '2024-01-02']}
    >>> field_values({"date": "2024-01-02"}, skip=frozenset({"date"}))
    {}
    """
    found: dict[str, list[tuple[int, object]]] = {}
    for key, value in data.items():
        squashed = squash(key)
        if squashed in skip or squashed not in _FIELD_OF:
            continue
        field, rank = _FIELD_OF[squashed]
        found.setdefault(field, []).append((rank, value))
    return {field: [value for _, value in sorted(pairs, key=lambda pair: pair[0])]
            for field, pairs in found.items()}
