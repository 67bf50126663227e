"""Metadata from an HTML page, with one selectolax (lexbor) parse.

Signals are read in order of trust: JSON-LD article objects, then meta tags
(OpenGraph, article:*, parsely, dc.*, sailthru, ...), then visible markup
(``<h1>``, ``<time>``, byline elements), then the URL. Only the page's own
signals are used for the date: never a date mentioned in the story.

>>> html = ('<html lang="en-GB"><head><title>Big story | Daily Planet</title>'
...         '<meta property="og:site_name" content="Daily Planet">'
...         '<meta property="article:published_time" content="2024-05-01T08:00:00Z">'
...         '</head><body><h1>Big story</h1><p class="byline">By Lois Lane</p></body></html>')
>>> m = extract_html_metadata(html)
>>> (m.title, m.authors, m.published, m.site_name, m.language)
('Big story', ['Lois Lane'], '2024-05-01T08:00:00+00:00', 'Daily Planet', 'en')
"""
from __future__ import annotations

import html as html_lib
import json
import re
from difflib import SequenceMatcher

from selectolax.lexbor import LexborHTMLParser

from ..record import Block, Metadata
from .authors import (clean_authors, copyright_name, domain_label, name_cased, parse_byline, site_owner,
                      squash, starts_with_given_name)
from .bylines import (BY_LABELS, NameTest, about_name, author_bio, distant_byline, initials_avatars,
                      looks_like_name, own_blog_owner)
from .dates import date_from_url, day, find_date, normalize_iso
from .language import language_code
from .sitename import site_of
from .text import (date_by_byline, distant_dateline, first_published, scan_header,
                   settle_first_published, settle_numeric)
from .titles import clean_headline, norm, strip_site

_ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "scholarlyarticle",
    "techarticle", "report", "liveblogposting", "socialmediaposting", "posting", "review",
    "medicalwebpage", "howto", "recipe", "creativework", "pressrelease", "advertisercontentarticle",
    "satiricalarticle", "discussionforumposting", "qapage", "blog", "videoobject", "event",
})
_PAGE_TYPES = frozenset({"webpage", "itempage", "collectionpage", "aboutpage", "profilepage",
                         "faqpage", "contactpage", "searchresultspage"})

_TITLE_KEYS = ("og:title", "twitter:title", "parsely-title", "sailthru.title", "dc.title",
               "dcterms.title", "title", "headline")
_PUB_KEYS = ("article:published_time", "og:article:published_time", "article.published",
             "datepublished", "parsely-pub-date", "sailthru.date", "dc.date.issued",
             "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "dc.date.created",
             "pubdate", "publishdate", "publish-date", "publish_date", "published_time",
             "date", "article_date_original", "original-publish-date", "cxenseparse:recs:publishtime",
             "og:published_time", "release_date", "citation_publication_date",
             "citation_date", "displaydate", "article:published", "published-date",
             "datecreated", "bt:pubdate", "rnews:datepublished", "published_at")
_MOD_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "dc.date.modified",
             "dcterms.modified", "lastmod", "last-modified", "article:modified", "updated_time",
             "modified_time")
_AUTHOR_KEYS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
                "dcterms.creator", "byl", "citation_author", "twitter:creator",
                "article.author", "cxenseparse:author", "authors", "og:article:author",
                "author_name", "dc.contributor")
_SITE_KEYS = ("og:site_name", "application-name", "apple-mobile-web-app-title", "twitter:site",
              "publisher", "dc.publisher", "cxenseparse:recs:publisher")
_SECTION_KEYS = ("article:section", "parsely-section", "section", "article.section",
                 "cxenseparse:recs:articlesection", "category")
_TAG_KEYS = ("article:tag", "news_keywords", "parsely-tags", "sailthru.tags", "keywords")

_BYLINE_SEL = ('[rel="author"], [itemprop="author"], .byline, .author, .author-name, '
               '.byline-name, .article-author, .post-author, .entry-author, .author_name, '
               '.td-post-author-name, .c-byline__author, .authors, .writer, .byline__name, '
               '[class*="byline"], [class*="author-name"], [class*="AuthorName"], '
               '[class*="author__name"], [class*="authorName"], [class*="author_name"], '
               '[data-testid*="byline"], [data-component="byline"], address')
_SPACES = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
# Any other meta naming a publication date ("w-published-date", "published").
_META_PUB_KEY = re.compile(r"publi(?:sh|cation)|pubdate")
_META_NOT_PUB = re.compile(r"modif|updat|publisher|expir|last")
# Visible lines read around the headline: HTML splits a byline into several
# text nodes, so more lines follow the headline than in scraped text.
_HEAD_BEFORE = 4
_HEAD_AFTER = 16
# A byline far from the headline: a capitalised label, then a capitalised name.
_STRICT_BY = re.compile(r"^(?:(?:Written|Posted|Published|Article|Story|Words)\s{1,3}[Bb]y|By|Authors?|Autor|Von"
                        r"|Par|Por)\s{0,3}:?\s{0,3}[A-Z].{0,60}$|^Authors?:\s{0,3}[A-Z].{0,120}$"
                        r"|^This\s(?:post|article|story|piece)\swas\swritten\sby\s[A-Z].{0,60}$")
# The text path's "By" labels less five the HTML path has never taken as a
# label line: derived, so a label added to the text path reaches this one too.
_BY_LABEL_LINES = BY_LABELS - {"post by", "auteur", "автор", "door", "di"}
# The wider window read for a dateline when nothing nearer dates the page.
_WIDE_BEFORE = 40
_WIDE_AFTER = 400


def _text(node) -> str:
    return _SPACES.sub(" ", node.text(separator=" ") or "").strip()


def _meta_map(tree) -> dict[str, list[str]]:
    """Every meta name/property (lowercased) to its contents, in page order."""
    out: dict[str, list[str]] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or attrs.get("http-equiv")
        content = attrs.get("content")
        if key and content and content.strip():
            key = key.strip().lower()
            content = content.strip()
            if key == "citation_author":
                content = _last_first(content)
            out.setdefault(key, []).append(content)
    return out


def _last_first(name: str) -> str:
    """``Roy, Aniruddha`` (the citation_author convention) as ``Aniruddha Roy``.

    >>> _last_first("Roy, Aniruddha"), _last_first("Jane Doe")
    ('Aniruddha Roy', 'Jane Doe')
    """
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 2 and all(p and len(p.split()) <= 3 for p in parts):
        return f"{parts[1]} {parts[0]}"
    return name


def _first(meta: dict[str, list[str]], keys) -> str | None:
    for k in keys:
        vals = meta.get(k)
        if vals:
            return vals[0]
    return None


# ---------------------------------------------------------------- JSON-LD

def _iter_ld_objects(data, depth: int = 0):
    """Yield every dict in a JSON-LD document (``@graph``, lists, nesting)."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data[:200]:
            yield from _iter_ld_objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _iter_ld_objects(graph, depth + 1)
        main = data.get("mainEntity") or data.get("mainEntityOfPage")
        if isinstance(main, (dict, list)):
            yield from _iter_ld_objects(main, depth + 1)


def _types(obj: dict) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.lower()}
    if isinstance(t, list):
        return {x.lower() for x in t if isinstance(x, str)}
    return set()


def _load_json(raw: str):
    raw = raw.strip()
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        # Common breakage: raw newlines/tabs inside strings, trailing commas.
        try:
            return json.loads(re.sub(r"[\n\r\t]", " ", raw), strict=False)
        except ValueError:
            return None


def _ld_names(value, ids: dict) -> list[str]:
    """Names from a JSON-LD author/publisher value (string, object, list, @id ref)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        out = []
        for v in value[:20]:
            out.extend(_ld_names(v, ids))
        return out
    if isinstance(value, dict):
        if "name" not in value and value.get("@id") in ids:
            value = ids[value["@id"]]
        name = value.get("name")
        if isinstance(name, list):
            name = name[0] if name else None
        if isinstance(name, str):
            ts = _types(value)
            if ("organization" in ts or "newsmediaorganization" in ts) and "person" not in ts:
                return ["\x00org:" + name]
            return [name]
        given, family = value.get("givenName"), value.get("familyName")
        if isinstance(given, str) and isinstance(family, str):
            return [f"{given} {family}"]
    return []


def _json_ld(tree) -> dict:
    """The best article object's fields, plus site name from the publisher/WebSite."""
    objs = []
    for node in tree.css('script[type="application/ld+json"]'):
        data = _load_json(node.text() or "")
        if data is not None:
            objs.extend(_iter_ld_objects(data))
    if not objs:
        return {}
    ids = {o["@id"]: o for o in objs if isinstance(o.get("@id"), str)}
    article = None
    page = None
    out: dict = {}
    for o in objs:
        ts = _types(o)
        if article is None and ts & _ARTICLE_TYPES and ("headline" in o or "datePublished" in o or "author" in o):
            article = o
        elif page is None and ts & _PAGE_TYPES:
            page = o
        if "website" in ts and isinstance(o.get("name"), str):
            out.setdefault("site", o["name"])
        # Yoast types a one-person blog's owner as both Person and Organization.
        if ("organization" in ts or "newsmediaorganization" in ts) and "person" not in ts \
                and isinstance(o.get("name"), str):
            out.setdefault("org", o["name"])
    src = article or page
    if src is None:
        return out
    out["is_article"] = article is not None
    headline = src.get("headline") or (src.get("name") if article is not None else None)
    if isinstance(headline, list):
        headline = headline[0] if headline else None
    if isinstance(headline, str):
        out["title"] = headline
    for key, field in (("datePublished", "published"), ("dateCreated", "created"),
                       ("dateModified", "modified"), ("inLanguage", "language")):
        val = src.get(key)
        if isinstance(val, list):
            val = val[0] if val else None
        if isinstance(val, str):
            out[field] = val
    if article is not None:
        names = _ld_names(src.get("author"), ids) or _ld_names(src.get("creator"), ids)
        out["authors"] = names
    pub = _ld_names(src.get("publisher"), ids)
    if pub:
        out["publisher"] = pub[0].replace("\x00org:", "")
    section = src.get("articleSection")
    if isinstance(section, list):
        section = section[0] if section else None
    if isinstance(section, str):
        out["section"] = section
    kw = src.get("keywords")
    if isinstance(kw, str):
        out["tags"] = [k.strip() for k in kw.split(",") if k.strip()]
    elif isinstance(kw, list):
        out["tags"] = [k.strip() for k in kw if isinstance(k, str) and k.strip()]
    return out


# ---------------------------------------------------------------- pieces

def _site_names(meta, ld, url) -> tuple[str, ...]:
    """Names the site goes by (og:site_name, publisher, host), to strip from titles."""
    names = []
    for v in (_first(meta, _SITE_KEYS), ld.get("site"), ld.get("publisher"), ld.get("org")):
        if v:
            names.append(v.lstrip("@"))
    host = site_of(url)
    if host:
        names.append(host)
        names.append(host.rsplit(".", 1)[0])
    return tuple(dict.fromkeys(n for n in names if n))


_BANNER = re.compile(r"\b(?:cookies?|privacy|consent|newsletter|subscribe|sign\s?up|log\s?in|menu|"
                     r"search|404|not\s+found|access\s+denied|contact\s+us|skip\s+to)\b", re.IGNORECASE)


def _overlap(a: str, b: str) -> bool:
    """True if two titles share a content word (a blog-name h1 shares none).

    >>> _overlap("Affordable nutrition", "Affordable food: Nutrition for all")
    True
    >>> _overlap("RogerBW's Blog", "Advent of Code 2025 week 2")
    False
    """
    wa = {w for w in norm(a).split() if len(w) > 3}
    wb = {w for w in norm(b).split() if len(w) > 3}
    return bool(wa & wb)


def _in_chrome(node) -> bool:
    """True if an element sits in the page chrome (nav, footer, aside) or is a
    link to the home page: a logo h1. (A <header> is no sign: article heroes
    use it too.)"""
    link = node.css_first("a")
    if link is not None:
        href = (link.attributes.get("href") or "").strip()
        if href in ("/", "./", "#") or re.match(r"^https?://[^/]{1,200}/?$", href):
            return True
    cur = node.parent
    for _ in range(25):
        if cur is None:
            break
        tag = cur.tag
        if tag in ("article", "main"):
            return False
        if tag in ("nav", "footer", "aside"):
            return True
        cur = cur.parent
    return False


def _plain_byline(text: str) -> bool:
    """"By Jane Doe", "Written by: Jane Doe", or a "By" label on its own line."""
    return bool(_STRICT_BY.match(text)) or text.lower().rstrip(": ") in _BY_LABEL_LINES


def _site_only(authors: list[str], site_names) -> bool:
    """True if every author is one of the site's own names: a publisher put
    in the author field ("USA TODAY" on usatoday.com), not the person a
    one-person site is named after ("Rick Steves" on ricksteves.com).

    >>> _site_only(["Usa Today"], ("USA TODAY", "usatoday.com")), _site_only(["Jane Doe"], ("USA TODAY",))
    (True, False)
    >>> _site_only(["Rick Steves"], ("ricksteves",))
    False
    """
    own = {squash(n) for n in site_names}
    return all(squash(a) in own and not starts_with_given_name(a) for a in authors)


def _garbled_copy(h1: str, title: str) -> bool:
    """True if ``h1`` is ``title`` damaged on the page: a character lost to
    "?" or a word split by markup ("Planning C ycle").

    >>> _garbled_copy("Event Planning? Beginner? Guide", "Event Planning: Beginner's Guide")
    True
    >>> _garbled_copy("Planning C ycle From Two Weeks", "Planning Cycle From Two Weeks")
    True
    >>> _garbled_copy("Best Movers in 2025", "Best Movers in 2025 - Top Local Movers")
    False
    """
    if h1 == title:
        return False
    if h1.replace(" ", "").casefold() == title.replace(" ", "").casefold():
        return True
    return "?" in h1 and "?" not in title and SequenceMatcher(None, h1.casefold(), title.casefold()).ratio() >= 0.9


def _pick_title_raw(tree, meta, ld, site_names) -> str | None:
    """The headline: an ``<h1>`` agreeing with a metadata title, else the first
    plausible ``<h1>``, else the metadata title without the site name."""
    title_node = tree.css_first("title")
    title_tag = _text(title_node) if title_node else None
    cands = [ld.get("title"), _first(meta, _TITLE_KEYS), title_tag]
    cands = [html_lib.unescape(c).strip() for c in cands if c and c.strip()]
    site_keys = {norm(s) for s in site_names}
    h1s = []
    for n in tree.css("h1")[:8]:
        h = _text(n)
        if 3 <= len(h) <= 400 and norm(h) not in site_keys \
                and not (len(h.split()) <= 6 and _BANNER.search(h)) \
                and not _in_chrome(n):
            h1s.append(h)
    cand_norms = [norm(c) for c in cands]
    for h in h1s:
        nh = norm(h)
        if nh and any(nh == c or (c.startswith(nh) and len(nh) > 15) or (nh in c and len(nh) > 25)
                      for c in cand_norms):
            return h
    meta_title = next((strip_site(c, site_names) for c in cands
                       if norm(strip_site(c, site_names)) not in site_keys), None)
    if h1s and meta_title and _garbled_copy(h1s[0], meta_title):
        return meta_title
    if h1s and (meta_title is None or _overlap(h1s[0], meta_title)):
        return h1s[0]
    cleaned = [strip_site(c, site_names) for c in cands]
    for k, c in enumerate(cleaned):
        if c and len(c) > 3 and norm(c) not in site_keys:
            # JSON-LD headlines are cut at 110 characters (Yoast): a longer
            # title that goes on from it is the whole headline.
            key = norm(c)
            return next((d for d in cleaned[k + 1:] if d and len(norm(d)) > len(key) + 3
                         and norm(d).startswith(key)), c)
    if h1s:
        return h1s[0]
    return None


_AUTHOR_LINKS = ('a[rel="author"], a[href*="/author/"], a[href*="/authors/"], a[href*="/staff/"], '
                 'a[href*="/writers/"], a[href*="/writer/"], a[href*="/contributors/"], '
                 'a[href*="/contributor/"], a[href*="/people/"], '
                 'a[href*="/producers/"], a[href*="/journalist/"], a[href*="/autor/"], a[href*="/auteur/"], '
                 'a[href*="?author="], a[href*="/byline/"]')


_AUTHOR_ANY = '[class*="author"], [class*="Author"]'
# Topic links in a byline: "Lifestyle" in "<a href=/tag/lifestyle>Lifestyle</a> March 12, 2025".
_TOPIC_LINKS = ('a[href*="/tag/"], a[href*="/tags/"], a[href*="/category/"], '
                'a[href*="/categories/"], a[href*="/topic/"], a[href*="/topics/"]')
# Parts of a byline or author box that hold no name: its topic tags ("byline__tag"),
# the author's description or bio, a role, a date, a picture.
_NOT_NAME_CLASS = re.compile(r"(?:^|[-_\s])(?:tags?|description|desc|bio|biography|role|job"
                             r"|position|date|time|avatar|image|img|photo)(?:$|[-_\s])", re.I)
# An author box's description, under the author's name ("dynamic-author-description").
_AUTHOR_NOTE = re.compile(r"author[-_]{1,2}(?:description|desc|bio)", re.IGNORECASE)


def _siblings_before(node):
    """The siblings before ``node``, nearest first, HTML comments left out."""
    prev = node.prev
    while prev is not None:
        if prev.tag != "-comment":
            yield prev
        prev = prev.prev


def _name_before(node) -> list[str]:
    """The full name in the element just before ``node``, if it holds nothing else."""
    prev = next((s for s in _siblings_before(node) if s.tag != "-text"), None)
    text = _text(prev) if prev is not None else ""
    return clean_authors([text]) if looks_like_name(text) else []


def _label_before(node) -> str:
    """The text of the nearest sibling before ``node`` that has any ("Contact:")."""
    return next((text for s in _siblings_before(node) if (text := _text(s))), "")


def _in_menu(node, depth: int = 4) -> bool:
    """Whether ``node`` sits in a navigation menu, within ``depth`` ancestors."""
    for _ in range(depth):
        node = node.parent
        if node is None:
            return False
        if node.tag == "nav" or "menu" in (node.attributes.get("class") or ""):
            return True
    return False


def _byline_authors(tree, site_names, name_test: NameTest) -> list[str]:
    """Names from visible byline elements (``rel=author``, ``.byline``, author links)."""
    for sel in (_BYLINE_SEL, _AUTHOR_LINKS, _AUTHOR_ANY):
        loose = sel is _AUTHOR_ANY
        seen = 0
        for node in tree.css(sel)[:40]:
            if node.tag in ("meta", "link", "body", "html", "script", "style", "img"):
                continue
            t = _text(node)
            # An author box holding a bio is not a byline.
            if not t or len(t) > (60 if loose else 120):
                continue
            # A comment's author ("wp-block-comment-author-name", "Jane says:") is no byline.
            cls = node.attributes.get("class") or ""
            if "comment" in cls.lower() or loose and t.lower().rstrip(": ").endswith(" says"):
                continue
            if _NOT_NAME_CLASS.search(cls):
                # An author box's description under a name element without a class of its own.
                names = _name_before(node) if loose and _AUTHOR_NOTE.search(cls) else []
                if names:
                    return names
                continue
            # A postal address ("409 3rd St., SW Washington, DC 20416"), an
            # author page linked from the site's menu.
            if node.tag == "address" and _DIGIT.search(t) or _in_menu(node):
                continue
            if _label_before(node).lower().startswith(("contact", "media contact", "press contact")):
                continue    # "Contact: Ron Sands" names whom to ask, not who wrote it
            seen += 1
            names = parse_byline(t, site_names)
            if names and len(t) > len(names[0]):
                # A byline may show the story's topic as a link ("Lifestyle March 12, 2025").
                topics = {_text(a) for a in node.css(_TOPIC_LINKS)}
                names = [n for n in names if n not in topics]
            # Any element whose class mentions an author ("post-hero__author",
            # "author-box__name"): only full names, as widgets share the word.
            # A lone word the page uses in lowercase is a label ("Teaching").
            if names and (not loose or all(looks_like_name(n) for n in names)) \
                    and all(" " in n or name_test.lowercase_free([n]) for n in names):
                if sel is _AUTHOR_LINKS:
                    names += [n for n in _co_author_links(node, site_names) if n not in names]
                return names
            if seen >= 8:
                break
    return []


def _co_author_links(link, site_names) -> list[str]:
    """The other authors linked beside ``link`` in the same short credit
    ("Written by <a>Ann Lee</a>, senior editor <a>Bo Dahl</a>, ...")."""
    box = link.parent.parent if link.parent is not None else None
    if box is None or box.tag in ("body", "html"):
        return []
    links = box.css(_AUTHOR_LINKS)
    if not 2 <= len(links) <= 4 or len(_text(box)) > 400:
        return []
    names = [_text(a) for a in links]
    if not all(looks_like_name(n) for n in names):
        return []
    return clean_authors(names, site_names)


def _owner_full_name(authors: list[str], site_names, page_url: str | None) -> list[str]:
    """A one-person site's owner credited by first name alone, in full when a
    site name opens with the name that is the domain ("Brett" on
    brettlarkin.com, "Brett Larkin Yoga").

    >>> _owner_full_name(["Brett"], ("Brett Larkin Yoga",), "https://brettlarkin.com/mats/")
    ['Brett Larkin']
    >>> _owner_full_name(["Brett"], ("Brett Larkin Yoga",), "https://yoga.example/mats/")
    ['Brett']
    """
    if len(authors) != 1 or " " in authors[0] or not page_url:
        return authors
    label = squash(domain_label(page_url))
    for name in site_names:
        words = name.split()
        if len(words) >= 2 and words[0] == authors[0] and squash(" ".join(words[:2])) == label:
            return [" ".join(words[:2])]
    return authors


def _masthead_person(tree, name_test: NameTest) -> list[str]:
    """A one-person site's masthead: the header's heading or home link names
    the person its footer's copyright names ("Cassidy Williams" over the page,
    "© 2025 Cassidy Williams." under it).
    """
    footer = tree.css_first("footer")
    holder = copyright_name(_text(footer)) if footer else None
    if not holder:
        return []
    for node in tree.css('header h1, header a[href="/"]')[:3]:
        names = clean_authors([_text(node)])
        words = names[0].split() if len(names) == 1 else []
        if 2 <= len(words) <= 3 and squash(names[0]) == squash(holder) and name_cased(words) \
                and name_test(names[0]) and name_test.lowercase_free(words[1:]):
            return names
    return []


def _owner_candidates(tree, site_names) -> list[str]:
    """Names a site goes by on the page: its names, the title's last part,
    the home link's text, the copyright holder."""
    out = list(site_names)
    title = tree.css_first("title")
    if title:
        out += [p.strip(" ()") for p in _TITLE_PARTS.split(_text(title))[1:]]
    for node in tree.css('a[href="/"], a[href="../"]')[:4]:
        out.append(_text(node))
    out += [name for node in tree.css('a[href*="about"]')[:12] if (name := about_name(_text(node)))]
    footer = tree.css_first("footer")
    if footer:
        out.append(copyright_name(_text(footer)) or "")
    return out


_TITLE_PARTS = re.compile(r"\s[|–—-]\s|\s\((?=[^()]{3,40}\)$)")


def _time_dates(tree) -> tuple[str | None, str | None]:
    """Publication and modification dates from ``<time>`` and itemprop elements."""
    pub = mod = None
    for node in tree.css('[itemprop="datePublished"], [itemprop="dateModified"]')[:6]:
        prop = node.attributes.get("itemprop")
        val = node.attributes.get("content") or node.attributes.get("datetime") or _text(node)
        iso = normalize_iso(val)
        if prop == "datePublished" and iso and not pub:
            pub = iso
        elif prop == "dateModified" and iso and not mod:
            mod = iso
    if pub:
        return pub, mod
    for node in tree.css("time")[:6]:
        # A <time> in a comment or a "related" teaser is not the article's date.
        cls = (node.attributes.get("class") or "").lower()
        if "updated" in cls or "modified" in cls:
            mod = mod or normalize_iso(node.attributes.get("datetime") or _text(node))
            continue
        iso = normalize_iso(node.attributes.get("datetime") or "") or find_date(_text(node)[:80])
        if iso:
            pub = iso
            break
    return pub, mod


def _canonical(tree, meta) -> str | None:
    """The page's own URL (canonical link, og:url), if it parses: every later
    step reads it, and ``urlsplit`` refuses some ("http://[bad")."""
    node = tree.css_first('link[rel="canonical"]')
    href = node.attributes.get("href") if node else None
    for url in (href if href and href.startswith("http") else None, _first(meta, ("og:url", "twitter:url"))):
        if url and site_of(url) is not None:
            return url
    return None


def _language(tree, meta, ld) -> str | None:
    node = tree.css_first("html")
    lang = node.attributes.get("lang") if node else None
    lang = lang or node.attributes.get("xml:lang") if node else lang
    lang = lang or _first(meta, ("og:locale", "content-language", "language", "dc.language"))
    lang = lang or ld.get("language")
    return language_code(lang)


def _tags(meta, ld) -> list[str]:
    vals: list[str] = []
    for k in _TAG_KEYS:
        for v in meta.get(k, []):
            vals.extend(x.strip() for x in v.split(","))
        if vals:
            break
    vals = vals or ld.get("tags", [])
    return list(dict.fromkeys(v for v in vals if v and len(v) < 80))[:30]


def _visible_text(tree) -> str:
    """The page's visible text, one text node per line (scripts and styles removed).

    Inline elements become separate lines ("By" / "Jane Doe"), which the text
    header scan handles with its label rule.
    """
    body = tree.body
    if body is None:
        return ""
    tree.strip_tags(["script", "style", "noscript", "template", "svg", "select"])
    return body.text(separator="\n") or ""


def _lines_around(text: str, at: int, before: int, after: int) -> tuple[list[str], int] | None:
    """Non-blank lines around the line holding ``text[at]``, and that line's
    position among them; read from growing slices around it, not by
    splitting the page.

    >>> _lines_around("a\\n\\n b \\nc\\n\\nd\\ne", 4, 1, 2)
    (['a', 'b', 'c', 'd'], 1)
    """
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    head: list[str] = []
    width = 2048
    while before:
        lo = max(0, start - width)
        pieces = text[lo:start].split("\n")
        if lo > 0:
            pieces = pieces[1:]          # a partial line
        head = [" ".join(p.split()) for p in pieces if p and not p.isspace()][-before:]
        if len(head) >= before or lo == 0:
            break
        width *= 4
    tail: list[str] = []
    width = 4096
    while after:
        hi = min(len(text), end + width)
        pieces = text[end:hi].split("\n")
        if hi < len(text):
            pieces = pieces[:-1]
        tail = [" ".join(p.split()) for p in pieces if p and not p.isspace()][:after]
        if len(tail) >= after or hi == len(text):
            break
        width *= 4
    return head + [" ".join(text[start:end].split())] + tail, len(head)


def _line_blocks(lines: list[str]) -> list[Block]:
    """Blocks of visible-text lines, numbered from 0, to read as scraped text."""
    return [Block(index=i, raw=t, text=t) for i, t in enumerate(lines)]


def _header_blocks(text: str, title: str | None, before: int = _HEAD_BEFORE,
                   after: int = _HEAD_AFTER) -> tuple[list[Block], int | None]:
    """Blocks around the visible headline and the headline's position among them."""
    want = " ".join(title.split()) if title else None
    if want:
        # Fast path: the headline is a text node of its own.
        at = text.find(want)
        while 0 <= at:
            # Check the line holding the match before gathering lines around it.
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            if " ".join(text[start:end if end >= 0 else len(text)].split()) == want:
                lines, ti = _lines_around(text, at, before, after)
                return _line_blocks(lines), ti
            at = text.find(want, at + len(want))
            if at > 300_000:
                break
    key = norm(want) if want else None
    lines = []
    ti = None
    for raw in text[:300_000].split("\n"):
        if not raw or raw.isspace():
            continue
        line = " ".join(raw.split())
        lines.append(line)
        if ti is None:
            if want and abs(len(line) - len(want)) < 12 and norm(line) == key:
                ti = len(lines) - 1
            elif len(lines) > 3000:
                break
        elif len(lines) > ti + after:
            break
    if ti is None:
        return _line_blocks(lines[:200]), None
    lo = max(0, ti - before)
    return _line_blocks(lines[lo:]), ti - lo


def _merge_day(shown: str, published: str | None, modified: str | None) -> str:
    """The visible day, with the time of whichever markup date has that day."""
    for iso in (published, modified):
        if iso and iso[:10] == shown:
            return iso
    return shown


def extract_html_metadata(html: str, url: str | None = None) -> Metadata:
    """Title, authors, dates, site name, URL, language, section and tags of a page."""
    tree = LexborHTMLParser(html)
    meta = _meta_map(tree)
    ld = _json_ld(tree)
    canonical = _canonical(tree, meta)
    page_url = url or canonical
    site_names = _site_names(meta, ld, page_url)
    # A one-person site: its publisher is the author, not a site name to drop.
    ld_people = {norm(a) for a in ld.get("authors") or [] if not a.startswith("\x00org:")}
    site_names = tuple(n for n in site_names if norm(n) not in ld_people)

    raw_title = _pick_title_raw(tree, meta, ld, site_names)
    title = clean_headline(raw_title, site_names)

    raw_authors = ld.get("authors") or []
    authors = clean_authors([a for a in raw_authors if not a.startswith("\x00org:")], site_names, own_site=True)
    if not authors:
        authors = clean_authors(meta.get(_first_key(meta, _AUTHOR_KEYS), []), site_names, own_site=True)
    if not authors:
        authors = clean_authors(_labelled_meta(meta, _WRITTEN_BY_LABELS), site_names)
    if authors:
        authors = _fuller_list(authors, meta, site_names)
        authors = _owner_full_name(authors, site_names, page_url)

    ld_pub = ld.get("published") if ld.get("is_article") else None
    published = normalize_iso(ld_pub) or normalize_iso(_first(meta, _PUB_KEYS))
    modified = normalize_iso(ld.get("modified")) or normalize_iso(_first(meta, _MOD_KEYS))
    if not published:
        # <body data-pubdate="2022-10-05" data-lastmod="..."> (moz.com)
        node = tree.css_first("body[data-pubdate], article[data-pubdate], body[data-published], "
                              "article[data-published]")
        if node is not None:
            published = normalize_iso(node.attributes.get("data-pubdate") or node.attributes.get("data-published"))
    if not published:
        t_pub, t_mod = _time_dates(tree)
        published = t_pub
        modified = modified or t_mod
    # The visible header lines, read as scraped text would be.
    visible = _visible_text(tree)
    blocks, ti = _header_blocks(visible, raw_title)
    if ti is None and title and title != raw_title:
        # "davidbau.com Vibe Coding" is not on the page; "Vibe Coding" is.
        raw_title = title
        blocks, ti = _header_blocks(visible, raw_title)
    name_test = NameTest(blocks, visible)   # a given name, or words the page never uses in lowercase
    # A lone name by the headline only if it opens with a common given name:
    # visible text has many short capitalised lines (menus, breadcrumbs).
    v_authors, v_pub, v_mod, v_lines = scan_header(blocks, ti, _HEAD_BEFORE, _HEAD_AFTER,
                                                   bare_name_test=starts_with_given_name,
                                                   dated_name_test=name_test)
    if v_pub or v_mod:
        # "03/10/2023": read in the order the URL's date or the page's other dates show.
        v_pub, v_mod = settle_numeric(blocks, v_lines, v_pub, v_mod, page_url, visible)
    shown_authors = clean_authors(v_authors, site_names, own_site=True)
    if authors and shown_authors and not {squash(a) for a in authors} & {squash(a) for a in shown_authors}:
        # "By Jane Doe" shown under the headline wins over a markup author
        # naming someone else (the account that posted the page).
        by_lines = [b.text for b in blocks if v_lines.get(b.index) == "byline"]
        if by_lines and _plain_byline(by_lines[0]) or _site_only(authors, site_names):
            authors = shown_authors
    authors = authors or shown_authors
    if not authors:
        authors = _byline_authors(tree, site_names, name_test)
    wide = None
    marked: dict[int, str] = {}     # lines of a far author box, by position in ``wide``
    if not authors:
        # "Written by Jane Doe" farther down (an author box after the story).
        wide = _header_blocks(visible, raw_title, _WIDE_BEFORE, _WIDE_AFTER)
        if wide[1] is not None:
            found = clean_authors(distant_byline(wide[0], wide[1], marked, far=_WIDE_AFTER,
                                                 far_test=name_test), site_names)
            # Far from the headline only a plain byline counts: "By Jane Doe",
            # not "by filing a return." in prose nor "By Style" (a filter).
            texts = [b.text for b in wide[0] if b.index in marked]
            # (A common first name alone counts: "Posted by David at ...".)
            if found and all(looks_like_name(n) or " " not in n and starts_with_given_name(n) for n in found) \
                    and texts \
                    and _plain_byline(texts[0]) \
                    and not texts[-1].endswith("."):
                authors = found
            else:
                marked.clear()
            if not authors:
                authors = clean_authors(author_bio(wide[0], wide[1], marked), site_names, own_site=True)
    if not authors:
        # A rare first name that the page never uses in lowercase is a
        # person's ("Pierce Freeman" on pierce.dev), not a brand's.
        authors = site_owner(_owner_candidates(tree, site_names), page_url,
                             rare_name_ok=lambda n: name_test.lowercase_free(n.split()))
    if not authors:
        authors = _masthead_person(tree, name_test)
    if not authors:
        # As on a text page: a tagline saying whose blog it is ("Mike
        # Woodward's thoughts on AI"), initials avatars over names.
        first = [line.strip() for line in visible[:2000].split("\n") if line.strip()][:3]
        authors = own_blog_owner(_line_blocks(first), name_test)
        if not authors:
            wide = wide or _header_blocks(visible, raw_title, _WIDE_BEFORE, _WIDE_AFTER)
            authors = initials_avatars(wide[0])
        authors = clean_authors(authors, site_names)
    # The date shown next to the headline wins over markup: markup dates are
    # often in UTC (a day off) or stale template values, and a page showing
    # only "Updated <date>" is dated by readers (and the dev set) that day.
    # An unlabelled shown date above the headline, later than the markup's
    # publication date (and not its modification date), is more likely a
    # teaser's; under the headline it is the story's own (the markup's can be
    # a stale template value).
    shown = v_pub or v_mod
    if v_pub and published and v_pub > day(published) and v_pub != day(modified) \
            and not _dated_under_headline(blocks, ti, v_lines):
        shown = None
    if shown:
        published = _merge_day(shown, published, modified)
    if not published:
        published = _meta_publish_date(meta)
    if not published and marked:
        # The date by the author box far down ("This post was written by ..." /
        # "Posted on April 13, 2023").
        published = date_by_byline(wide[0], marked)[0]
    if not published:
        # A dateline farther from the headline ("Posted on ...", a date under
        # the author box), read over a wider window of visible lines.
        wide = wide or _header_blocks(visible, raw_title, _WIDE_BEFORE, _WIDE_AFTER)
        published = distant_dateline(wide[0], wide[1], bare_ok=False)[0]
    if not published:
        published = date_from_url(page_url) or (normalize_iso(ld.get("created")) if ld.get("is_article") else None)
    if not published and authors:
        published = _date_by_name(visible, authors)
    first = _first_published_shown(visible)
    if first is not None:
        published, modified = settle_first_published(first[0], published, modified)

    site = _first(meta, ("og:site_name",)) or ld.get("publisher") or ld.get("site")
    return Metadata(
        title=title,
        authors=authors,
        published=published,
        modified=modified,
        site_name=site,
        url=page_url,
        language=_language(tree, meta, ld),
        section=_first(meta, _SECTION_KEYS) or ld.get("section"),
        tags=_tags(meta, ld),
    )


def _dated_under_headline(blocks: list[Block], ti: int | None, v_lines: dict[int, str]) -> bool:
    """Whether the header scan found a publication date line under the
    headline (it reads those lines first, so the date it kept is from there)."""
    if ti is None:
        return False
    head = blocks[ti].index
    return any(kind == "publication date line" and at > head for at, kind in v_lines.items())


def _date_by_name(visible: str, authors: list[str]) -> str | None:
    """The date on the line beside the first line that is an author's name
    ("Luke Kim" / "December 17, 2025"), in the page's first 600 lines.

    >>> _date_by_name("Intro\\nLuke Kim\\nDecember 17, 2025\\nText", ["Luke Kim"])
    '2025-12-17'
    >>> _date_by_name("Intro\\nMo Kim and Kate Lee\\nApril 8, 2024\\nText", ["Mo Kim", "Kate Lee"])
    '2024-04-08'
    """
    names = {norm(a) for a in authors}
    if len(authors) > 1:
        # One line crediting them all: "Mo Kim and Kate Lee", "Ann, Bo & Cy".
        most = ", ".join(authors[:-1])
        names |= {norm(most + sep + authors[-1]) for sep in (" and ", " & ", ", ")}
    lines = [line.strip() for line in visible[:200_000].split("\n") if line.strip()][:600]
    at = next((i for i, line in enumerate(lines) if len(line) <= 60 and norm(line) in names), None)
    if at is None:
        return None
    # Two lines off, a date may be a comment's ("Jo" / "commented" / "Dec 18, 2025").
    lo = max(0, at - 1)
    near = _line_blocks(lines[lo:at + 2])
    return date_by_byline(near, {at - lo: "byline"})[0]


def _first_published_shown(visible: str) -> tuple[str, int] | None:
    """``first_published`` over the visible lines that could say it, their
    whitespace collapsed: markup often breaks "published on\\n  26 Sep 2019".

    >>> _first_published_shown("Intro\\nThis article was originally published on \\n   26 Sep 2019 at 4:12pm")
    ('2019-09-26', 0)
    """
    lines = []
    at = visible.find("riginally ")
    while at >= 0 and len(lines) < 20:
        start = visible.rfind("\n", 0, at) + 1
        lines.append(" ".join(visible[start:at + 120].split()))
        at = visible.find("riginally ", at + 1)
    return first_published(lines)


def _meta_publish_date(meta) -> str | None:
    """A date from any other meta whose name says publication.

    >>> _meta_publish_date({"w-published-date": ["2025-05-27T06:03:43Z"], "publisher": ["X 2020-01-01"]})
    '2025-05-27T06:03:43+00:00'
    """
    for key, vals in meta.items():
        if _META_PUB_KEY.search(key) and not _META_NOT_PUB.search(key):
            iso = normalize_iso(vals[0])
            if iso:
                return iso
    return None


_WRITTEN_BY_LABELS = frozenset({"written by", "author", "by"})


def _labelled_meta(meta, labels) -> list[str]:
    """Values of label/data meta pairs (``twitter:label1`` "Written by",
    ``twitter:data1`` "Jane Doe") whose label is one of ``labels``.

    >>> _labelled_meta({"twitter:label1": ["Written by"], "twitter:data1": ["Jane Doe"]}, {"written by"})
    ['Jane Doe']
    """
    out = []
    for i in "1234":
        label = meta.get(f"twitter:label{i}")
        if label and label[0].strip().lower() in labels:
            out.extend(meta.get(f"twitter:data{i}") or [])
    return out


def _fuller_list(authors: list[str], meta, site_names) -> list[str]:
    """Another author meta listing everyone the first source names and more
    ("dc.creator" the lead author, "dc.contributor" all of them).

    >>> _fuller_list(["Ann Lee"], {"dc.creator": ["Ann Lee"], "dc.contributor": ["Ann Lee", "Bo Chen"]}, ())
    ['Ann Lee', 'Bo Chen']
    """
    have = {norm(a) for a in authors}
    best = authors
    for k in _AUTHOR_KEYS:
        vals = meta.get(k)
        if not vals or len(vals) <= len(best):
            continue
        names = clean_authors(vals, site_names, own_site=True)
        if len(names) > len(best) and have <= {norm(n) for n in names}:
            best = names
    return best


def _first_key(meta, keys) -> str | None:
    for k in keys:
        if meta.get(k):
            return k
    return None
