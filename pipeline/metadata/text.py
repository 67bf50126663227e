"""Metadata from scraped text: the headline and the lines around it.

Scraped pages put the headline (often a markdown ``# heading``) near the first
long paragraph, with bylines, datelines and "category: ..." lines around it.
``extract_text_metadata`` reads those lines and returns which blocks they are,
so the pipeline can drop them as metadata.

>>> from pipeline.segment import segment_text
>>> blocks = segment_text("Menu\\n# Big story\\nBy [Jane Doe](#) | July 11, 2021\\n" + "Body text. " * 20)
>>> meta, lines = extract_text_metadata(blocks)
>>> (meta.title, meta.authors, meta.published, lines)
('Big story', ['Jane Doe'], '2021-07-11', {1: 'title line', 2: 'byline'})
"""
from __future__ import annotations

import re

from ..record import Block, Metadata
from .authors import (BY_WORDS, NOT_NAME_WORDS, ROLE_WORDS, clean_authors, copyright_name, drop_site_credit,
                      name_cased, parse_byline, site_owner, squash, starts_with_given_name, unglue)
from .bylines import (AND, AUTHOR_PATH, BY_LABELS, BYLINE, CREDIT_BEFORE, FAR, HOME_LINK, LINK_TEXT_URL, LINK_URL,
                      NOT_AUTHOR_PATH, NameTest, author_bio, author_link, biography_lines, distant_byline,
                      initials_avatars, linked_author_line, looks_like_name, menu_links, name_line,
                      names_under_label, own_blog_owner, owner_candidates)
from .dates import date_from_url, find_date_span, normalize_iso, numeric_order
from .language import word_count
from .sitename import site_name
from .taglines import tag_lines
from .titles import clean_headline, headline_with_suffix, norm, strip_site

_LONG = 150              # characters of a body paragraph
_BEFORE = 8              # header lines looked at before the headline
_AFTER = 10              # ... and after it

# "... by Jane Doe | ...": finds where the name starts; the name is cut in Python.
_POSTED_BY = re.compile(rf"\b(?:by|{BY_WORDS})\s{{1,3}}(?=\S)", re.IGNORECASE)
# Bylines in scripts without capital letters, whose names the capitalised-words
# tests cannot see: "作者：张伟", "文／李娜", "記者：佐藤花子", "홍길동 기자",
# "מאת דנה כהן", "بقلم أحمد علي", "लेखक: राम शर्मा", "โดย สมชาย ใจดี".
_CJK = "\u3040-\u30ff\u3400-\u9fff"
_CASELESS_BYLINE = re.compile(
    rf"^(?:(?:作者|记者|記者|撰文|撰稿|文|著者|執筆者?|筆者)\s{{0,2}}[:：/／|｜]\s{{0,2}}"
    rf"(?P<cjk>[{_CJK}]{{2,4}}(?:\s{{0,2}}[、，,]\s{{0,2}}[{_CJK}]{{2,4}}){{0,3}}|[{_CJK}]{{1,3}}\s[{_CJK}]{{1,3}})"
    r"|(?:\([^)]{1,20}\)\s{0,2})?(?P<ko>[가-힣]{2,4}(?:\s{0,2}[·,]\s{0,2}[가-힣]{2,4}){0,3})\s?기자(?=\s|$|=)"
    r"|(?:글|글·사진)\s(?P<ko_by>[가-힣]{2,4})"
    r"|(?:מאת|כתב|כתבה|כתבת)\s{0,2}:?\s{1,2}(?P<he>[\u05d0-\u05ea\"'׳-]{2,}(?:\s[\u05d0-\u05ea\"'׳-]{2,}){1,2})"
    r"|(?:بقلم|كتب|كتبت|بواسطة)\s{0,2}:?\s{1,2}(?P<ar>[\u0621-\u064a]{2,}(?:\s[\u0621-\u064a]{2,}){1,3})"
    r"|(?:लेखक|लेखिका|द्वारा)\s{0,2}:?\s{1,2}(?P<hi>[\u0900-\u097f]{2,}(?:\s[\u0900-\u097f]{2,}){1,2})"
    r"|(?:โดย|เขียนโดย|ผู้เขียน)\s{0,2}:?\s{0,2}(?P<th>[\u0e00-\u0e7f]{2,}(?:\s[\u0e00-\u0e7f]{2,})?)"
    r")(?=\s*$|\s{1,3}\S+@\S+$|\s{0,3}[|·•=])")


_NAME_END = re.compile(r"[|•·⋅∙●◦▪,]")
_FIELD_SEP = re.compile(r"\s{0,3}[|•·⋅∙●◦▪]\s{0,3}")
_BY_FIELD_STOP = re.compile(r"\s(?:on\s{1,3}behalf|in|at|for)\s", re.IGNORECASE)
_PUB_WORD = re.compile(
    r"\b(?:publish(?:ed)?|posted|date[ds]?|veröffentlicht|publié|publicado|pubblicato|"
    r"опубликовано|дата|gepubliceerd|opublikowano|created|released|issued|written)\b",
    re.IGNORECASE)
_MOD_WORD = re.compile(
    r"\b(?:updated?|modified|revised|reviewed|aktualisiert|geändert|mis\s{1,3}à\s{1,3}jour|"
    r"actualizado|aggiornat[oa]|обновлено|bijgewerkt|zaktualizowano|atualizado)\b",
    re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s?(?:[ap]\.?m\.?)?(?:\s?[A-Z]{2,4}\b)?", re.IGNORECASE)
# "category: Politics", "No: 18219", "time: 12:54 pm", "5 min read".
_FIELD = re.compile(
    r"^(?:category|categories|section|tags?|topics?|time|no|id|region|theme|in-depth report|"
    r"filed under|reading time|read time|views|comments|rubrik|kategorie|catégorie|categoría|"
    r"categoria|рубрика|тема|теги)\s{0,2}:", re.IGNORECASE)
_READ_TIME = re.compile(r"^\d{1,3}\s{0,2}(?:min(?:ute)?s?|minutes?)\.?\s{0,2}(?:read|de lecture|lesezeit|"
                        r"di lettura|de lectura)?$", re.IGNORECASE)
_LABEL = re.compile(r"^[^:]{1,30}:\s{0,3}(?=\S)")
_BANNER = re.compile(r"\b(?:cookies?|privacy|consent|newsletter|subscribe|sign\s?up|log\s?in|search|"
                     r"menu|about\s+us|contact\s+us|we\s+already|email|404|not\s+found)\b", re.IGNORECASE)
# A whole line that is a control's text: "Icon image", "Select an option", "Open Menu Close Menu".
_UI_LABEL = re.compile(r"(?:icon\s)?image|icon|select\s(?:an?\s)?option|(?:open\s)?menu(?:\sclose\smenu)?|close\smenu"
                       r"|toggle(?:\s\w+)?|dismiss(?:\s\w+)?", re.IGNORECASE)
_BY_AFTER = re.compile(r"\s{0,3}\b(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or)\s{1,3}[A-Z]")
# "Monday, August 11th, 2025 at 11:00 am | Categories: ...": a date leading a meta line.
_LED_BY_DATE = re.compile(r"^(?:[^\W\d_]{3,9},?\s{1,3})?(?:[^\W\d_]{3,9}\.?\s{1,3}\d{1,2}|\d{1,2}\.?\s{1,3}[^\W\d_]{3,9})"
                          r"(?:st|nd|rd|th)?,?\s{1,3}\d{4}\b[^|•·]{0,25}[|•·]")
_NOT_DATELINE = re.compile(r"\b(?:commented|replied)\b", re.IGNORECASE)
# The name after a "By " (found with str.rfind) up to a date: "Jane Doe on ".
_NAME_BEFORE_DATE = re.compile(r"[A-Z][\w.'’-]{0,30}(?:\s{1,3}[A-Z][\w.'’-]{0,30}){0,3}"
                               r"\s{0,3}(?:on\s{1,3}|[|•·,–—-]\s{0,3})?")
_LABELS = frozenset({"updated", "published", "posted", "date", "last updated", "by", "share"})
_DIGIT = re.compile(r"\d")
_MONTH_WORDS = frozenset("january february march april may june july august september october november december "
                         "monday tuesday wednesday thursday friday saturday sunday".split())
_HAS_LETTER = re.compile(r"[^\W\d_]")
_NAME_TAIL = re.compile(r"\s{0,3}[,|•·—–]\s{0,3}")
_H1_PROSE = 200          # characters of prose that make an h1 the article's
_WORDS = re.compile(r"[^\W\d_][\w'’.-]*")


def _is_body(b: Block) -> bool:
    """A long prose paragraph, not a list of links."""
    return len(b.text) >= _LONG and b.link_chars * 2 < len(b.text) and not b.list_depth


def _first_body(blocks: list[Block], start: int = 0) -> int | None:
    for i in range(start, len(blocks)):
        if _is_body(blocks[i]):
            return i
    return None


_LINK_TARGET = re.compile(r"\]\(\s*(?:https?://[^/\s)]+)?(/?[^\s)]*)")


def _linked_headline(b: Block) -> bool:
    """An h1 that is one link to a page other than the home page: the
    headline linking to its post ("# [A brief intro](/posts/intro)"), not a
    logo ("# [Yoga Pathways](/)").
    """
    if b.heading != 1 or b.n_links != 1:
        return False
    m = _LINK_TARGET.search(b.raw)
    path = m.group(1).strip("/#").lower() if m else ""
    return bool(path) and path.partition(".")[0] not in ("home", "index")


def _titleish(b: Block) -> float:
    """How much a block looks like a headline (0 = not at all).

    >>> from pipeline.segment import segment_line
    >>> _titleish(segment_line(0, "# Russia in Talks to Help Tajikistan", True)) > 1
    True
    >>> _titleish(segment_line(0, "# Metasploit Wrap-Up 12/19/2025", True)) > 1
    True
    >>> _titleish(segment_line(0, "Posted 12/19/2025", True))
    0.0
    >>> _titleish(segment_line(0, "# Ω 48", True)), _titleish(segment_line(0, "#  Select an option", True))
    (0.0, 0.0)
    >>> _titleish(segment_line(0, "# Windows 11", True)) > 1, _titleish(segment_line(0, "Image compression explained", True)) > 1
    (True, True)
    """
    text = b.text
    words = text.split()
    n_words = word_count(text)      # "科学家发现新的深海物种" is six words
    if not 2 <= n_words <= 30 or len(text) > 250 or b.list_depth:
        return 0.0
    if b.link_chars * 2 >= len(text) and not _linked_headline(b):
        return 0.0
    if _FIELD.match(text) or _UI_LABEL.fullmatch(text.strip()):
        return 0.0
    if n_words == len(words) and not any(sum(map(str.isalpha, w)) >= 2 for w in words):
        return 0.0      # "Ω 48", "# 94": a counter, not a headline
    found = find_date_span(text) if len(words) < 6 else None
    # A short line with a date is a dateline; an h1 with two more words is a
    # headline ("# Metasploit Wrap-Up 12/19/2025").
    if found and not (b.heading == 1 and len((text[:found[0]] + " " + text[found[1]:]).split()) >= 2):
        return 0.0
    # "Credit: Getty Images", "Estimated reading time: 11 minutes", "Search AMA".
    if not b.heading:
        m = _LABEL.match(text)
        if m and len(text[m.end():].split()) <= 3 or len(words) <= 3 and _BANNER.search(text):
            return 0.0
    score = 1.0
    if b.heading == 1:
        score += 2.0
    elif b.heading:
        score += 1.0
    if text[-1:] in ".;,:" and not text.endswith("..."):
        score -= 0.8
    if 4 <= n_words <= 20:
        score += 0.5
    caps = sum(w[:1].isupper() for w in words)
    score += 0.5 * caps / len(words)
    return score


def find_title(blocks: list[Block], hint: str | None = None) -> int | None:
    """Position in ``blocks`` of the headline, or None when the text has none.

    The first first-level heading followed by prose wins (a logo, cookie or
    newsletter h1 has little prose after it); else the most headline-like
    short line just before the first long paragraph.
    """
    if hint:
        key = norm(hint)
        for i, b in enumerate(blocks[:400]):
            if key and norm(b.text) == key:
                return i
        # The hint may be a <title> tag: the headline plus " | Site".
        ti = find_title(blocks)
        return ti if ti is not None and headline_with_suffix(hint, blocks[ti].text) else None
    # The first paragraph the classifier kept, when the blocks were classified
    # (some dropped): the first long one may be a cookie banner or a teaser.
    classified = not all(b.keep for b in blocks)
    kept = next((i for i, b in enumerate(blocks) if b.keep and _is_body(b)), None) if classified else None
    h1 = [i for i, b in enumerate(blocks[:600]) if b.heading == 1 and _titleish(b) > 0]
    if h1:
        scored = [(i, _prose_after(blocks, i)) for i in h1]
        ti = next((i for i, score in scored if score >= _H1_PROSE), None)
        if ti is None:
            ti = max(scored, key=lambda x: x[1])[0]
        if kept is not None and ti > kept + 20:
            # An h1 far below the start of the text is a sidebar's or a footer's.
            above = _walk_back(blocks, kept)
            ti = ti if above is None else above
        return ti
    body = kept if kept is not None else _first_body(blocks)
    if body is None:
        return None
    return _walk_back(blocks, body)


def _headline_copies(blocks: list[Block], ti: int, span: int = 120) -> list[int]:
    """Positions of other headings with the headline's text, nearest first."""
    text = blocks[ti].text
    near = range(max(0, ti - span), min(len(blocks), ti + span))
    return sorted((j for j in near if j != ti and blocks[j].heading and blocks[j].text == text),
                  key=lambda j: abs(j - ti))


def _walk_back(blocks: list[Block], body: int) -> int | None:
    """The most headline-like short line just before the paragraph at ``body``."""
    best, best_score = None, 0.0
    seen = 0
    # Walk back from the body over at most six lines, not counting the
    # byline/dateline/field lines that sit between headline and body.
    for i in range(body - 1, max(-1, body - 16), -1):
        b = blocks[i]
        if _is_meta_line(b) or i and _role_line(b.text) and BYLINE.match(blocks[i - 1].text):
            continue
        seen += 1
        if seen > 6:
            break
        s = _titleish(b) - 0.05 * seen + (0.5 if b.heading else 0.0)
        if s > best_score:
            best, best_score = i, s
    return best if best is not None and best_score >= 1.2 else None


def _prose_after(blocks: list[Block], i: int, span: int = 12) -> float:
    """Characters of prose in the blocks after ``i`` up to the next h1, capped,
    minus a penalty for consent/newsletter wording in the heading itself."""
    total = 0
    for b in blocks[i + 1:i + 1 + span]:
        if b.heading == 1:
            break
        if b.link_chars * 2 < len(b.text) and not b.list_depth:
            total += len(b.text)
    score = min(total, 1500) - (1000 if _BANNER.search(blocks[i].text) else 0)
    return score - 0.5 * i  # earlier wins ties


def _is_meta_line(b: Block) -> bool:
    """A byline, dateline or field line (cheap checks first)."""
    text = b.text
    if len(text) > 250:
        return False
    return bool(_field_line(b) or BYLINE.match(text) or _dateline(text)
                or text.lower().rstrip(":") in _LABELS)


def _dateline(text: str) -> tuple[str, str] | None:
    """``(date, kind)`` if ``text`` is a dateline; kind is published or modified.

    >>> _dateline("Global Research, July 11, 2021")
    ('2021-07-11', 'published')
    >>> _dateline("The operation is to be completed by September 11, 2021.") is None
    True
    >>> _dateline("Updated: Dec 4, 2025")
    ('2025-12-04', 'modified')
    >>> _dateline("jdoe commented Dec 18, 2025") is None
    True
    >>> _dateline("A long teaser about the chain's plans for growth this year. By Jane Doe on Dec. 19, 2025")
    ('2025-12-19', 'published')
    >>> _dateline("Dec 4, 2025 (date published)")
    ('2025-12-04', 'published')
    >>> _dateline("The tax season ends on April 15, 2025. If you cannot file before that date, ask for more time.") is None
    True
    """
    if len(text) > 250:
        return None
    found = find_date_span(text)
    if not found:
        return None
    start, end, day = found
    if _NOT_DATELINE.search(text):
        return None         # a comment's date
    glued = find_date_span(text[end:end + 40])
    if glued and glued[0] == 0 and glued[2] < day:
        # A theme prints its updated and published dates with nothing between
        # them ("May 21, 2025April 24, 2025"); the earlier one is the publication.
        day = glued[2]
    before = text[:start]
    # The keyword nearest before the date says what it is: "Originally
    # published in 2022. Last updated on December 20, 2024" is an update.
    last_pub = max((m.start() for m in _PUB_WORD.finditer(before)), default=-1)
    last_mod = max((m.start() for m in _MOD_WORD.finditer(before)), default=-1)
    kind = "modified" if last_mod > last_pub else "published"
    # A word after the date says what it is only beside it: "... April 15,
    # 2025. If you cannot file before that date" is a sentence.
    if last_pub >= 0 or last_mod >= 0 or _PUB_WORD.search(text, end, end + 30) or _BY_AFTER.search(text, end) \
            or BYLINE.match(text):
        return day, kind
    # "... teaser text. By Jane Doe on Dec. 19, 2025": a byline ending the line.
    if len(text) - end <= 3 and _by_name_before(before[-80:]):
        return day, kind
    rest = _TIME.sub(" ", text[:start] + " " + text[end:])
    words = _WORDS.findall(rest)
    if text.rstrip()[-1:] in ".!?" and len(words) >= 4:
        return None
    separated = any(c in text for c in "|•·●")
    if len(words) <= 8 or (len(words) <= 16 and separated):
        return day, kind
    # "Monday, August 11th, 2025 at 11:00 am | Categories: ...": a line led by its date.
    if separated and len(_WORDS.findall(before)) <= 1:
        return day, kind
    return None


def _published_later_on(text: str) -> str | None:
    """The day of a second date on an update's line, when a publication word
    comes before it.

    >>> _published_later_on("Updated November 11, 2022 8:23 PM ET Originally published November 9, 2022")
    '2022-11-09'
    >>> _published_later_on("Updated: Dec 4, 2025 | Dec 5, 2025") is None
    True
    """
    first = find_date_span(text)
    if not first:
        return None
    second = find_date_span(text[first[1]:])
    if second and _PUB_WORD.search(text, first[1], first[1] + second[0]):
        return second[2]
    return None


_ORIGINALLY = re.compile(r"(?:This (?:article|post|page|story|piece) was )?originally (?:published|posted)"
                         r"(?: on)?\s+", re.IGNORECASE)


def first_published(lines: list[str]) -> tuple[str, int] | None:
    """``(day, index)`` of the line saying when the page first appeared.

    >>> first_published(["Intro.", "This article was originally published on 26 Sep 2019 "
    ...                  "at 4:12pm but has been regularly updated."])
    ('2019-09-26', 1)
    >>> first_published(["Originally published in JMIR, 25.06.2019."]) is None
    True
    """
    for i, line in enumerate(lines):
        # hundreds of lines a page: the plain test spares the regex on nearly all
        if "riginally " not in line:
            continue
        line = line.lstrip()
        m = _ORIGINALLY.match(line)
        if m:
            found = find_date_span(line[m.end():m.end() + 60])
            if found and found[0] == 0:
                return found[2], i
    return None


def settle_first_published(first: str, published: str | None,
                           modified: str | None) -> tuple[str | None, str | None]:
    """``(published, modified)`` once a line has said the page first appeared on
    the day ``first``: an earlier day than the one shown dates the page, and the
    shown one becomes its update.

    >>> settle_first_published("2019-09-26", "2021-03-01T10:00:00", None)
    ('2019-09-26', '2021-03-01T10:00:00')
    >>> settle_first_published("2021-03-01", "2019-09-26", None)
    ('2019-09-26', None)
    """
    if published is not None and first >= published[:10]:
        return published, modified
    return first, modified or published


def _by_name_before(tail: str) -> bool:
    """True if ``tail`` ends with "by Jane Doe (on)", the text before a date.

    >>> _by_name_before("a teaser. By Jane Doe on "), _by_name_before("approved by the board on ")
    (True, False)
    """
    at = max(tail.rfind("By "), tail.rfind("by "))
    if at < 0 or at > 0 and tail[at - 1].isalnum():
        return False
    return _NAME_BEFORE_DATE.fullmatch(tail, at + 3) is not None


def _byline_names(b: Block) -> list[str] | None:
    """Authors named by a byline block, or None when it is not a byline.

    >>> from pipeline.segment import segment_line
    >>> _byline_names(segment_line(0, "By Matt Miller on Dec 16, 2025 at 11:00 AM", True))
    ['Matt Miller']
    >>> _byline_names(segment_line(0, "Dakota Hebert July 3, 2025", True))
    ['Dakota Hebert']
    >>> _byline_names(segment_line(0, "Paramita (Guha) Ghosh  Published: January 3, 2024", True))
    ['Paramita Guha Ghosh']
    >>> _byline_names(segment_line(0, "December 15, 2025 · 30 min · 6279 words · Ash Vard", True))
    ['Ash Vard']
    >>> _byline_names(segment_line(0, "12/19/2025 • [Friday Notes](/notes) • [Ann Lee](/profile/ann-lee)", True))
    ['Ann Lee']
    >>> _byline_names(segment_line(0, "[109 Comments](/p#comments) | [Jill Winger](/author/jill) | Updated: Mar 11, 2019",
    ...                            True))
    ['Jill Winger']
    """
    if b.n_links == 1 and "](" in b.raw:
        linked = linked_author_line(b)     # "[Jane Doe](/author/jdoe)"
        if linked:
            return linked
    names = _byline_names_of_text(b)
    if names is None and b.n_links and "](" in b.raw and len(b.text) <= 200 and find_date_span(b.text):
        # A dateline whose fields the text alone does not tell apart: "[109
        # Comments](#comments) | [Jill Winger](/author/jill) | Last Updated: ...".
        return clean_authors([t for t, _ in _author_links(b.raw, LINK_TEXT_URL.findall(b.raw))
                              if looks_like_name(t)]) or None
    return _linked_first(b, names)


def _author_links(raw: str, links: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The ``(text, url)`` links of the line ``raw`` that point at author
    pages and follow no credit ("Reviewed by [X](/experts/x)" is a reviewer's)."""
    return [(t, url) for t, url in links if AUTHOR_PATH.search(url)
            and not CREDIT_BEFORE.search(raw[max(0, raw.find(t) - 40):raw.find(t)])]


def _linked_first(b: Block, names: list[str] | None) -> list[str] | None:
    """``names`` read off the text of ``b``, narrowed to those its links to
    author pages name: other links on the line (a section, a location) and
    words after the link ("[Brian Truitt](/staff/..) USA TODAY") are no names.

    >>> from pipeline.segment import segment_line
    >>> _linked_first(segment_line(0, "[Brian Truitt](/staff/1/brian-truitt/) USA TODAY", True),
    ...               ["Brian Truitt USA TODAY"])
    ['Brian Truitt']
    """
    if names and b.n_links and "](" in b.raw:
        links = LINK_TEXT_URL.findall(b.raw)
        linked = [t for t, _ in _author_links(b.raw, links)]
        keys = {squash(x) for x in linked}
        names = [n for n in names if squash(n) in keys] or (linked and clean_authors(linked)) or names
        # "[Sides](/category/sides/), [Sourdough](/category/sourdough/) · Dec 9": sections, not people.
        listed = {squash(t) for t, url in links if NOT_AUTHOR_PATH.search(url)}
        names = [n for n in names if squash(n) not in listed]
    return names


def _caseless_byline(text: str) -> list[str] | None:
    """Names of a byline in a script without capital letters, or None.

    >>> _caseless_byline("作者：张伟、李娜"), _caseless_byline("(서울=연합뉴스) 홍길동 기자 = 시는 오늘")
    (['张伟', '李娜'], ['홍길동'])
    >>> _caseless_byline("מאת דנה כהן"), _caseless_byline("文化新闻")
    (['דנה כהן'], None)
    """
    m = _CASELESS_BYLINE.match(text)
    if m is None:
        return None
    names = next(v for v in m.groupdict().values() if v)
    return clean_authors(re.split(r"\s{0,2}[、，,·]\s{0,2}", names)) or None


def _byline_names_of_text(b: Block) -> list[str] | None:
    text = b.text
    if len(text) > 200:
        return None
    if "](" in text:
        # A link the segmenter left whole ("By: [Jane Doe]( https://...)").
        text = _MD_LINK.sub(r"\1", text)
    if BYLINE.match(text):
        return parse_byline(text)
    if not text.isascii() and (names := _caseless_byline(text)):
        return names
    found = find_date_span(text)
    if found:
        # "Reviewed by X" names a reviewer, not the author.
        m = next((m for m in _POSTED_BY.finditer(text)
                  if not CREDIT_BEFORE.search(text[max(0, m.start() - 30):m.end()])), None)
        if m:
            name = _NAME_END.split(text[m.end():m.end() + 60], maxsplit=1)[0]
            return parse_byline(name)
        # "Jane Doe July 3, 2025", "Sep 01, 2023 Jane Doe", "Jane Doe | May 2, 2025".
        before, after = text[:found[0]].strip(" |•·-–—,"), text[found[1]:].strip(" |•·-–—,")
        # "Jane Doe Published: January 3, 2024": the date's label is no part of the name.
        before = _DATE_LABEL_END.sub("", before)
        for part in (before, after):
            part = re.split(r"\s{0,3}[|•·—–]\s{0,3}", part, maxsplit=1)[0]
            # "Dec 26, 2025 • Jane Doe in Project Management": the section ends the name.
            part = _BY_FIELD_STOP.split(part, maxsplit=1)[0].strip()
            if part and looks_like_name(part):
                return clean_authors([part])
        # "December 15, 2025 · 30 min · 6279 words · Jane Doe": a name among
        # the separated fields of a dateline.
        if len(text) <= 120:
            for part in _FIELD_SEP.split(after)[1:6]:
                part = _BY_FIELD_STOP.split(part, maxsplit=1)[0].strip()
                if part and looks_like_name(part):
                    return clean_authors([part])
    return None


_DATE_LABEL_END = re.compile(r"\s(?:published|posted|updated|last\supdated)(?:\son)?:?$", re.IGNORECASE)


def _may_be_name_line(b: Block) -> bool:
    """A line that may hold a bare name: no heading (a section title), and
    if a link, one to an author page (not a category or product).

    >>> from pipeline.segment import segment_line
    >>> _may_be_name_line(segment_line(0, "[Tax Software](/blog/topic/tax-software/)", True))
    False
    >>> _may_be_name_line(segment_line(0, "[Jane Doe](/author/jdoe)", True))
    True
    >>> _may_be_name_line(segment_line(0, "  * [Clinical Trials](/health/clinical-trials)", True))
    False
    """
    if b.heading:
        return False
    if b.n_links and "](" in b.raw:
        if HOME_LINK.match(b.raw):
            return False    # the site's name (a one-person site's is read by site_owner)
        m = LINK_URL.search(b.raw)
        if b.list_depth:
            # A menu item ("* [Clinical Trials](/trials)") unless it links to an author page.
            return bool(m and AUTHOR_PATH.search(m.group(1)))
        # Not a category, nor a story ("[Indigo Flight Cancellations](/travel/
        # indigo-flight-cancellations-today/articleshow/125998002.cms)").
        return not (m and (NOT_AUTHOR_PATH.search(m.group(1))
                           or _STORY_URL.search(m.group(1)) and not AUTHOR_PATH.search(m.group(1))))
    return True


# A story's address: a slug of four words or more, a page file, a long number.
_STORY_URL = re.compile(r"/[a-z0-9]{1,40}(?:-[a-z0-9]{1,40}){3}|\.(?:s?html?|cms|php|aspx?)\b|/\d{5}")


def _bare_names(text: str) -> list[str]:
    """Names on a line of their own: ``Jane Doe``, ``Jane Doe, Print Editor``,
    ``Jane Doe and John Roe | Guest Columnists``.

    >>> _bare_names("Audrey Huang, Print Managing Editor")
    ['Audrey Huang']
    >>> _bare_names("Manoj Jain and Jagpreet Chhatwal | Guest Columnists")
    ['Manoj Jain', 'Jagpreet Chhatwal']
    >>> _bare_names("Indoor Plants, Garden Tips")
    []
    >>> _bare_names("Naftali Tishby, Fernando C. Pereira, William Bialek")
    ['Naftali Tishby', 'Fernando C. Pereira', 'William Bialek']
    >>> _bare_names("Eli Manikan Contributing Writer | Strategy and RPG player")
    ['Eli Manikan']
    """
    if len(text) > 120:
        return []
    listed = [p.strip() for p in text.split(",")]
    if len(listed) >= 2 and all(looks_like_name(p) for p in listed if p):
        return clean_authors(listed)
    # "Eli Manikan Contributing Writer | ...", "Jane DoeFounder at X": a name, then its role.
    words = _NAME_TAIL.split(unglue(text), maxsplit=1)[0].split()
    role_at = next((k for k, w in enumerate(words) if w.lower().strip(".,&") in ROLE_WORDS), None)
    if role_at is not None and role_at >= 2 and looks_like_name(" ".join(words[:role_at])):
        return clean_authors([" ".join(words[:role_at])])
    pieces = _NAME_TAIL.split(text, maxsplit=1)
    head = pieces[0]
    if len(pieces) == 2 and not any(w.lower().strip(".,&") in ROLE_WORDS for w in pieces[1].split()):
        # What follows the name must be a role ("Print Editor"), not more words.
        return []
    parts = AND.split(head)
    if all(looks_like_name(p) for p in parts):
        return clean_authors(parts)
    return []


def _name_over_role(b: Block, nxt: Block) -> list[str]:
    """The name on ``b`` when the line after it is the person's role.

    >>> from pipeline.segment import segment_line
    >>> _name_over_role(segment_line(0, "Jane Doe", True), segment_line(1, "Co-Founder & Marketing Director", True))
    ['Jane Doe']
    >>> _name_over_role(segment_line(0, "Related Posts", True), segment_line(1, "Senior Editor", True))
    []
    >>> _name_over_role(segment_line(0, "Jane Doe", True), segment_line(1, "The editor of this magazine says hello.", True))
    []
    """
    text = b.text.strip(" #")
    if (b.heading and b.heading < 3) or (b.n_links and not _may_be_name_line(b)) or not looks_like_name(text):
        return []
    if not _role_line(nxt.text):
        return []
    return clean_authors([text])


def _role_line(text: str) -> bool:
    """A person's role under their name ("Co-Founder & Marketing Director")."""
    role = text.strip(" ,")
    words = [w.lower().strip(".,&()") for w in role.replace("-", " ").split()]
    return (1 <= len(words) <= 8 and len(role) <= 60 and not _DIGIT.search(role) and role[-1:] not in ".!?"
            and role[:1].isupper() and any(w in ROLE_WORDS for w in words))


def _field_line(b: Block) -> bool:
    text = b.text
    if len(text) > 120:
        return False
    if _FIELD.match(text) or _READ_TIME.match(text):
        return True
    # "Bridgestone Team | 5 min read": the reading time ends a line of fields.
    tail = text.rpartition("|")[2].strip()
    return bool(tail and _READ_TIME.match(tail))


def scan_header(blocks: list[Block], ti: int | None, before: int = _BEFORE,
                after: int = _AFTER, bare_names: bool = True,
                bare_name_test=None, dated_name_test=None) -> tuple[list[str], str | None, str | None, dict[int, str]]:
    """Authors, published and modified dates, and metadata lines around the
    headline at position ``ti`` (or before the first paragraph when None).
    ``bare_names`` lets a lone name next to the headline count as a byline,
    if each name passes ``bare_name_test`` (when given); a name next to the
    dateline must pass ``dated_name_test`` (default: ``bare_name_test``).

    Lines after the headline are read first, then the lines before it from
    the nearest outwards: a date above the headline may belong to a teaser.
    """
    if ti is not None:
        lo, hi = max(0, ti - before), min(len(blocks), ti + after + 1)
        order = list(range(ti + 1, hi)) + list(range(ti - 1, lo - 1, -1))
    else:
        body = _first_body(blocks) or 0
        lo, hi = 0, min(len(blocks), max(body + 1, 10), 60)
        order = list(range(lo, hi))
    lines: dict[int, str] = {}
    authors: list[str] = []
    published = modified = None
    dateline_at = None
    prose_after = 0     # paragraphs read since the headline
    for i in order:
        b = blocks[i]
        if ti is not None and i > ti and len(b.text) >= 150 and b.text[-1:] in ".!?":
            prose_after += 1
        if b.index in lines:
            continue
        # Under the story's first paragraphs a credit is the story's own
        # ("Authors: ..." of a module the post lists), not its byline.
        credit_ok = not authors and (prose_after < 2 or i < ti)
        low = b.text.lower().rstrip(": ")
        if low in BY_LABELS and i + 1 < hi and credit_ok and not menu_links(b) and not (
                low == "by" and i > 0 and CREDIT_BEFORE.search(blocks[i - 1].text)):
            # ("Medically reviewed" / "by" / "Kim Lee" names a reviewer.)
            # "Written by" on its own line, the name on the next.
            names, taken = names_under_label(blocks, i)
            if names:
                authors = names
                for j in taken:
                    lines[blocks[j].index] = "byline"
                continue
        names = _byline_names(b) if credit_ok and not menu_links(b) else None
        if names:
            authors = names
            lines[b.index] = "byline"
        dl = _dateline(b.text)
        if dl:
            day, kind = dl
            kind = _label_kind(blocks, i, kind)
            if kind == "published" and not published:
                published = day
                dateline_at = i
            elif kind == "modified" and not modified:
                modified = day
                dateline_at = i if dateline_at is None else dateline_at
                # "Updated November 11, 2022 8:23 PM ET Originally published November 9, 2022"
                originally = _published_later_on(b.text)
                if originally and not published:
                    published = originally
            lines.setdefault(b.index, "publication date line" if kind == "published" else "update date line")
        elif _field_line(b):
            lines.setdefault(b.index, "metadata field line")
        elif low in _LABELS:
            lines.setdefault(b.index, "date label")
    if not authors and ti is not None and bare_names:
        # A bare name right under (or over) the headline.
        for j in (ti + 1, ti + 2, ti + 3, ti - 1):
            if lo <= j < hi and blocks[j].index not in lines and _may_be_name_line(blocks[j]):
                names = _linked_first(blocks[j], _bare_names(blocks[j].text))
                if names and (bare_name_test is None or all(map(bare_name_test, names))):
                    authors = names
                    lines[blocks[j].index] = "byline"
                    break
    if not authors and ti is not None and bare_names:
        names = _listed_author(blocks, ti)
        if names and (bare_name_test is None or all(map(bare_name_test, names))):
            authors = names
            lines[blocks[ti + 1].index] = "byline"
    if not authors and ti is not None:
        # "Jane Doe" / "Senior Writer": a name over its role, near the headline
        # (which is no role, even with "host" in it).
        for j in (ti + 1, ti + 2, ti + 3, ti + 4, ti - 2, ti - 3):
            if lo <= j < hi - 1 and blocks[j].index not in lines:
                names = _name_over_role(blocks[j], blocks[j + 1])
                if names:
                    authors = names
                    lines[blocks[j].index] = "byline"
                    break
    if not authors and ti is not None:
        authors = distant_byline(blocks, ti, lines, far=FAR, far_test=bare_name_test) \
            or author_bio(blocks, ti, lines)
    if not authors and dateline_at is not None:
        for step in (-1, 1):
            j = dateline_at + step
            if lo <= j < hi and not _HAS_LETTER.search(blocks[j].text):
                j += step       # over a separator line ("Dec 26, 2025" / "•" / "Jane Doe")
            if lo <= j < hi and j != ti and blocks[j].index not in lines and not menu_links(blocks[j]):
                names = name_line(blocks[j])
                text = blocks[j].text.strip()
                if not names and text.isalpha() and text[:1].isupper() and starts_with_given_name(text) \
                        and text.lower() not in _MONTH_WORDS:
                    names = [text]      # a first name alone ("Stefan" / "March 5, 2026")
                test = dated_name_test or bare_name_test
                if names and (test is None or all(map(test, names))):
                    authors = names
                    lines[blocks[j].index] = "byline"
                    break
    if not authors and bare_names:
        authors = author_link(blocks, ti, lines)
    if not authors and ti is not None:
        # A page that credits only its reviewer ("Reviewed by Jane Doe, Trial
        # Attorney, on ...") is the reviewer's.
        for j in range(ti + 1, min(hi, ti + 7)):
            names = _reviewer(blocks[j].text)
            if names:
                authors = names
                lines[blocks[j].index] = "byline (reviewer)"
                break
    return authors, published, modified, lines


_AGO = re.compile(r"^\d{1,2}\s(?:min(?:ute)?|hour|day|week|month)s?\sago$", re.IGNORECASE)


def _listed_author(blocks: list[Block], ti: int) -> list[str]:
    """The first item of a list of post fields right under the headline, when
    another item is a date or a reading time ("* Gabo" / "* Jan 23" / "* 11 min read").

    >>> from pipeline.segment import segment_text
    >>> _listed_author(segment_text("# Title of it\\n  * Ben\\n  * 2 days ago\\n  * 6 min read\\nBody."), 0)
    ['Ben']
    >>> _listed_author(segment_text("# Title of it\\n  * Travel\\n  * Food\\nBody."), 0)
    []
    """
    items = []
    for b in blocks[ti + 1:ti + 5]:
        if not b.list_depth:
            break
        items.append(b.text.strip())
    if len(items) < 2 or blocks[ti + 1].n_links:
        return []
    if not any(_READ_TIME.match(t) or _AGO.match(t) or find_date_span(t) for t in items[1:]):
        return []
    words = items[0].split()
    if not 1 <= len(words) <= 3 or not all(w.isalpha() and w[:1].isupper() and w.lower() not in NOT_NAME_WORDS
                                           for w in words):
        return []
    return clean_authors([items[0]])


_REVIEWED_BY = re.compile(r"\W{0,4}(?:medically\s|expert\s)?reviewed\s{1,3}by\b\W{0,3}", re.IGNORECASE)


def _reviewer(text: str) -> list[str]:
    """The person a "Reviewed by" line credits.

    >>> _reviewer("Reviewed by Justin C. Meserole, Trial Attorney at Morgan & Morgan, on December 9, 2024.")
    ['Justin C. Meserole']
    >>> _reviewer("Reviewed by a panel of experts"), _reviewer("Reviewed / Betsey Goldwasser")
    ([], [])
    """
    m = _REVIEWED_BY.match(text)
    if not m or len(text) > 200:
        return []
    head = _NAME_END.split(text[m.end():m.end() + 80], maxsplit=1)[0]
    head = re.split(r"\s(?:on|in|at|for)\s", head, maxsplit=1)[0].strip(" .")
    return clean_authors([head]) if looks_like_name(head) else []


_MD_LINK = re.compile(r"\[([^\[\]\n]{1,100})\]\(\s{0,3}[^()\s]{0,300}\s{0,3}\)")


def _label_kind(blocks: list[Block], i: int, kind: str) -> str:
    """The kind of the dateline at ``i`` when a label on the line(s) just
    before it says what the date is: "Updated on" / "June 3, 2025".

    A dateline naming itself ("Published June 3") keeps its own kind.
    """
    text = blocks[i].text
    found = find_date_span(text)
    if found and (_PUB_WORD.search(text, 0, found[0]) or _MOD_WORD.search(text, 0, found[0])):
        return kind
    for j in (i - 1, i - 2):
        if j < 0:
            break
        prev = blocks[j].text
        if len(prev) > 30 or _DIGIT.search(prev):
            break
        if _MOD_WORD.search(prev):
            return "modified"
        if _PUB_WORD.search(prev):
            return "published"
        if prev.strip(" :|-–—") and j == i - 1:
            # Only punctuation may stand between a label and its date.
            break
    return kind


def _masthead_owner(blocks: list[Block], name_test: NameTest) -> list[str]:
    """A one-person site's masthead: the page's first line links home and
    names a person ("# [Anil Madhavapeddy](/)", "[Eric Ries](/)"), or is a
    heading naming the person the site's copyright or social accounts name;
    or a tagline says whose blog it is ("Mike Woodward's thoughts on AI").

    >>> from pipeline.segment import segment_text
    >>> blocks = segment_text("# [Anil Madhavapeddy](/)\\n# Porting a parser\\nBody text here.")
    >>> _masthead_owner(blocks, NameTest(blocks)), _masthead_owner(blocks[1:], NameTest(blocks))
    (['Anil Madhavapeddy'], [])
    >>> blocks = segment_text("[Pierce Freeman](/)\\nBody text.\\n[](https://github.com/piercefreeman)")
    >>> _masthead_owner(blocks, NameTest(blocks)), _masthead_owner(blocks[:2], NameTest(blocks))
    (['Pierce Freeman'], [])
    >>> blocks = segment_text("# Cassidy Williams\\nBody text.\\n© 2025 Cassidy Williams.")
    >>> _masthead_owner(blocks, NameTest(blocks))
    ['Cassidy Williams']
    """
    owner = own_blog_owner(blocks[:3], name_test)
    if owner:
        return owner
    for b in blocks[:2]:
        m = HOME_LINK.match(b.raw)
        if not m and not b.heading:
            continue
        names = clean_authors([m.group(1) if m else b.text.strip(" #")])
        words = names[0].split() if len(names) == 1 else []
        # Never a surname the page uses in lowercase ("Austin Hardware").
        if not (2 <= len(words) <= 3 and name_cased(words) and name_test(names[0])
                and name_test.lowercase_free(words[1:])):
            continue
        # A home link in a heading, or with a common given name off one (a bar
        # of links); else the site must go by the name elsewhere.
        if m and (b.heading or starts_with_given_name(names[0])) or _site_goes_by(blocks, names[0]):
            return names
    return []


# A profile on a social site: github.com/<handle>, x.com/<handle>, ...
_SOCIAL_HANDLE = re.compile(r"\((?:https?://)?(?:www\.)?(?:github\.com|twitter\.com|x\.com|instagram\.com|"
                            r"linkedin\.com/in|youtube\.com)/@?([\w.-]{3,40})/?\)", re.IGNORECASE)


def _copyright_person(blocks: list[Block], name_test: NameTest, most: int = 5) -> list[str]:
    """The person holding the page's copyright ("© 2025 Toby Hede."): on a
    page with no byline, a one-person site's owner. Not a brand in capitals
    ("© ROYAL CANIN® SAS"), nor one the page keeps naming ("Noble Desktop",
    19 times: its courses, its menus).
    """
    for name in _copyright_holders(blocks):
        words = name.split()
        if 2 <= len(words) <= 3 and name_cased(words) and starts_with_given_name(name) and name_test(name) \
                and name_test.lowercase_free(words[1:]) \
                and sum(name in x.text for x in blocks) <= most:
            return clean_authors([name])
    return []


def _copyright_holders(blocks: list[Block]) -> list[str]:
    """The holders the copyright lines among the page's last 15 lines name."""
    return [name for b in blocks[-15:] if "©" in b.text or "opyright" in b.text
            for name in [copyright_name(b.text)] if name]


def _site_goes_by(blocks: list[Block], name: str) -> bool:
    """True if the page's copyright holder, or a social account it links to,
    is ``name`` ("© 2025 Cassidy Williams", "github.com/piercefreeman")."""
    key = squash(name)
    if any(squash(holder) == key for holder in _copyright_holders(blocks)):
        return True
    return any(squash(h) == key for b in blocks if b.n_links for h in _SOCIAL_HANDLE.findall(b.raw))


_ISO_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def date_by_byline(blocks: list[Block], lines: dict[int, str]) -> tuple[str | None, int | None]:
    """The date on a byline line or the lines right around it.

    >>> from pipeline.segment import segment_text
    >>> blocks = segment_text("# Title here now\\n" + "Body text. " * 20 + "\\nPosted On: January 14 2026\\nBy: Ann Lee")
    >>> date_by_byline(blocks, {blocks[-1].index: "byline"})
    ('2026-01-14', 2)
    >>> blocks = segment_text("[Tom](/author/tom/)2024-04-18T13:00:39+00:00March 22nd, 2024|[Reviews](/c/r/)")
    >>> date_by_byline(blocks, {0: "byline"})
    ('2024-03-22', 0)
    """
    at = {b.index: i for i, b in enumerate(blocks)}
    for idx, label in lines.items():
        if label != "byline" or idx not in at:
            continue
        i = at[idx]
        for j in (i, i - 1, i + 1, i - 2, i + 2):
            if not 0 <= j < len(blocks):
                continue
            text = blocks[j].text
            if j == i:      # the byline itself: any date on its start (tags may follow)
                found = find_date_span(text[:300])
                shown = found and _ISO_STAMP.match(text, found[0]) and find_date_span(text[found[1]:found[1] + 40])
                if shown and shown[0] == 0:
                    found = shown   # "2024-04-18T13:00:39+00:00March 22nd, 2024": a hidden stamp, then the date shown
                dl = (found[2], "published") if found else None
            else:
                dl = _dateline(text) if len(text) <= 300 else None
            if dl and dl[1] == "published":
                return dl[0], j
    return None, None


def distant_dateline(blocks: list[Block], ti: int | None, span: int = 150,
                     bare_ok: bool = True) -> tuple[str | None, int | None]:
    """A dateline farther from the headline: the first one naming itself
    ("Published ...", "Posted on ...") within ``span`` lines after the
    headline, else before it; else (``bare_ok``) the first bare date line
    after it, else the nearest one before it."""
    start = ti + 1 if ti is not None else 0
    after = range(start, min(len(blocks), start + span))
    before = range(start - 2, max(-1, start - 1 - span), -1) if ti is not None else range(0)
    bare = update = None
    for order in (after, before):
        for i in order:
            text = blocks[i].text
            if len(text) > 120 or not _DIGIT.search(text):
                continue
            dl = _dateline(text)
            if not dl:
                continue
            if _PUB_WORD.search(text) or _MOD_WORD.search(text) \
                    or len(_WORDS.findall(text)) <= 4 and _after_label(blocks, i) or _dated_byline(text):
                if dl[1] == "published":
                    return dl[0], i
                # "Updated November 23, 2013": a "Posted July 10, 2004" further on is the one.
                update = update or (dl[0], i)
            if bare_ok and bare is None and (len(_WORDS.findall(_TIME.sub(" ", text))) <= 4
                                             or _LED_BY_DATE.match(text)):
                bare = (dl[0], i)
    return update or bare or (None, None)


def _dated_byline(text: str) -> bool:
    """A date opening a byline: "August 12, 2025 By The Diggs Team".

    >>> _dated_byline("August 12, 2025 By  The Diggs Team"), _dated_byline("August 12, 2025 by the river")
    (True, False)
    """
    found = find_date_span(text)
    return bool(found) and found[0] <= 12 and bool(_BY_AFTER.match(text, found[1]))


def _after_label(blocks: list[Block], i: int) -> bool:
    """True if the line before ``blocks[i]`` is a publication label of its
    own ("Published" / "July 8, 2025"), only punctuation between them.

    >>> from pipeline.segment import segment_text
    >>> blocks = segment_text("Published\\nJuly 8, 2025\\nApril 2, 2024")
    >>> _after_label(blocks, 1), _after_label(blocks, 2)
    (True, False)
    """
    for j in (i - 1, i - 2):
        if j < 0:
            return False
        prev = blocks[j].text
        if len(prev) > 30 or _DIGIT.search(prev):
            return False
        if _PUB_WORD.search(prev) and not _MOD_WORD.search(prev):
            return True
        if prev.strip(" :|-–—"):
            return False
    return False


_DATE_SLOTS = {"publication date line": 0, "update date line": 1}
_DIGIT_SEP = re.compile(r"\d[./-]\d")


def settle_numeric(blocks: list[Block], lines: dict[int, str], published: str | None,
                   modified: str | None, url: str | None,
                   page_text: str | None = None) -> tuple[str | None, str | None]:
    """Re-read an ambiguous numeric dateline (``03/10/2023``) in the order the
    page's other numeric dates (in ``page_text``, else the blocks) or its
    URL date show.

    >>> from pipeline.segment import segment_text
    >>> blocks = segment_text("# Title here now\\nPosted 03/10/2023\\n" + "Body text. " * 20 + "\\nOld post 25/12/2022")
    >>> extract_text_metadata(blocks)[0].published
    '2023-10-03'
    """
    out = [published, modified]
    order = None
    by_index = None
    for idx, label in lines.items():
        slot = _DATE_SLOTS.get(label)
        if slot is None or out[slot] is None:
            continue
        if 0 <= idx < len(blocks) and blocks[idx].index == idx:
            text = blocks[idx].text
        else:
            by_index = by_index or {b.index: b for b in blocks}
            if idx not in by_index:
                continue
            text = by_index[idx].text
        if not _DIGIT_SEP.search(text):
            continue
        found = find_date_span(text)
        if not found or found[2] != out[slot]:
            continue
        readings = {o: find_date_span(text, order=o) for o in ("mdy", "dmy")}
        if any(r is None or r[0] != found[0] for r in readings.values()) \
                or readings["mdy"][2] == readings["dmy"][2]:
            continue
        if order is None:
            url_day = date_from_url(url)
            order = next((o for o, r in readings.items() if r[2] == url_day), None) \
                or numeric_order(page_text if page_text is not None else "\n".join(b.text for b in blocks)) or ""
        if order:
            out[slot] = readings[order][2]
    return out[0], out[1]


def header_lines(blocks: list[Block], most: int = 12, longest: int = 100) -> dict[int, str]:
    """The metadata lines (byline, dateline, their labels) among the first
    ``most`` blocks, above the first paragraph, by block index. An HTML
    extractor keeps them with the article; their values belong in fields.

    >>> from pipeline.segment import segment_text
    >>> blocks = segment_text("By Jane Doe\\n\\nMarch 3, 2024\\n\\n" + "The council met on Monday. " * 6)
    >>> header_lines(blocks)
    {0: 'byline', 1: 'publication date line'}
    """
    head = blocks[:most]
    first = _first_body(head)
    head = head[:first] if first is not None else head
    _, _, _, lines = scan_header(head, None)
    # (A long line is more likely prose that mentions a date.)
    return {b.index: lines[b.index] for b in head if b.index in lines and len(b.text) <= longest}


def extract_text_metadata(blocks: list[Block], hints: dict | None = None) -> tuple[Metadata, dict[int, str]]:
    """Read the headline, byline and dateline of scraped text.

    Returns the metadata and the blocks that are metadata lines, by index.
    Values in ``hints`` (``url``, ``title``, ``published``) take precedence.
    """
    hints = hints or {}
    meta = Metadata(url=hints.get("url"))
    if not blocks:
        meta.title = hints.get("title")
        meta.published = normalize_iso(hints.get("published"))
        return meta, {}
    ti = find_title(blocks, hints.get("title"))
    if ti is not None:
        meta.title = clean_headline(strip_site(blocks[ti].text), dashes=False)
    if hints.get("title") and not headline_with_suffix(hints["title"], meta.title):
        meta.title = hints["title"]
    name_test = NameTest(blocks)    # joins the page's text once, if a test needs it
    authors, published, modified, lines = scan_header(blocks, ti, bare_name_test=name_test)
    if ti is not None and not published:
        # A page laid out twice (a mobile and a desktop header) may date only
        # one copy of its headline: "Supermove" / "February 8, 2022" over the
        # first, "Last update:" / "July 16, 2025" over the second.
        for j in _headline_copies(blocks, ti):
            _, published, _, copy_lines = scan_header(blocks, j, bare_names=False)
            if published:
                lines.update((k, v) for k, v in copy_lines.items() if v == "publication date line")
                break
    if ti is not None:
        lines[blocks[ti].index] = "title line"
    if not authors and hints.get("url"):
        # "Austin Hardware" is a shop: "hardware" is a word of its pages.
        owner = site_owner(owner_candidates(blocks), hints["url"],
                           rare_name_ok=lambda n: name_test.lowercase_free(n.split()))
        if owner and name_test.lowercase_free(owner[0].split()[1:]):
            authors = owner
    if not authors:
        authors = _masthead_owner(blocks, name_test) or initials_avatars(blocks) or _copyright_person(blocks, name_test)
    meta.authors = drop_site_credit(authors, hints.get("url"))
    for i in biography_lines(blocks, meta.authors):
        lines.setdefault(blocks[i].index, "author biography")
    if not published and not modified:
        # A byline found far from the headline ("[Jane](/blog?author=1)March 11,
        # 2024", an author box over "Posted On: ...") dates the post where it stands.
        published, at = date_by_byline(blocks, lines)
        if not published:
            published, at = distant_dateline(blocks, ti)
        if at is not None:
            lines.setdefault(blocks[at].index, "publication date line")
    if published or modified:
        published, modified = settle_numeric(blocks, lines, published, modified, hints.get("url"))
    texts = [b.text for b in blocks]    # one list for the line scans below
    first = first_published(texts)
    if first is not None:
        shown = published
        published, modified = settle_first_published(first[0], published, modified)
        if published != shown:
            lines[blocks[first[1]].index] = "publication date line"
    meta.published = normalize_iso(hints.get("published")) or published or modified \
        or date_from_url(hints.get("url"))
    meta.modified = modified
    meta.site_name = site_name(blocks, hints.get("url"), texts)
    meta.section, meta.tags, tag_rows = tag_lines(blocks, texts)
    for index, reason in tag_rows.items():
        if lines.get(index, "metadata field line") == "metadata field line":
            lines[index] = reason
    return meta, dict(sorted(lines.items()))
