"""Bylines anywhere on a page of scraped text, and the evidence that a line
names a person.

The header scan (``text.scan_header``) reads the lines around the headline;
when they name no author, these look farther: links to author pages, author
boxes under the story ("Author:" / "Jane Doe", a name over its biography),
explicit bylines far from the headline, and the person a one-person site is
named after. A lone capitalised line is taken for a name only with evidence
(``NameTest``): a common given name, or words the page never uses in
lowercase.
"""
from __future__ import annotations

import re

import numpy as np

from .. import kernels
from ..record import Block
from .authors import (AUTHOR_LABELS, BY_WORDS, NOT_NAME_WORDS, PARTICLES, ROLE_WORDS, clean_authors,
                      copyright_name, parse_byline, starts_with_given_name, unglue)

FAR = 400               # lines after the headline an author box may be found in
_DIGIT = re.compile(r"\d")

# "By Jane Doe", "Von Max", "Автор: Иван", "Written by ..."; the name part is capped.
BYLINE = re.compile(
    r"^(?:this\s{1,3}(?:post|article|story|piece)\s{1,3}(?:was|is)\s{1,3})?"
    r"(?:(?:written|posted|published|reported|story|words|text|guide|interview|review|article)\s{1,3})?"
    rf"(?:by(?:\b|(?=(?-i:[A-Z])))|(?:{BY_WORDS})\b|"
    rf"(?:{AUTHOR_LABELS}|contributors?|"
    r"escrito\s{1,3}por|publié\s{1,3}par)\b)\s{0,3}:?\s{0,3}\S",
    re.IGNORECASE)
BY_LABELS = frozenset({"by", "written by", "author", "authors", "author(s)", "contributor", "contributors",
                        "posted by", "words by", "article by", "story by", "post by", "interview by", "von", "par", "por",
                        "autor", "auteur", "автор", "door", "di", "av", "af", "oleh", "napsal", "kirjoittaja",
                        "yazar", "szerző"})
_NOT_AUTHOR_LINE = re.compile(r"^(?:illustrations?|photos?|images?|video|graphics?)\s{1,3}by\b", re.IGNORECASE)
AND = re.compile(r"\s{1,3}(?:and|&)\s{1,3}")
# A line that is one markdown link to an author page: "[Jane Doe](/author/jdoe)",
# "By [Jane Doe](https://x.com/authors/jane "Posts by Jane Doe")".
_AUTHOR_LINK_LINE = re.compile(
    r"^\s{0,3}(?:#{1,6}\s{1,3})?(?:(?:[Bb]y|[Aa]uthor|[Ww]ritten\s[Bb]y):?\s{1,3})?"
    r"\[\s{0,3}([^\[\]\n]{3,80}?)\s{0,3}\]\(\s{0,3}([^()\s]{1,300})(?:\s{1,3}\"[^\"]{0,120}\")?\s{0,3}\)\s{0,3}$")
AUTHOR_PATH = re.compile(r"/(?:blog-)?(?:authors?|writers?|contributors?|people|staff|team|(?:user)?profile"
                          r"|experts?|bylines?|autor|auteur)(?:[/_?-]|$)|[?&]_?author=|linkedin\.com/in/|/u/",
                          re.IGNORECASE)
# Words one of which every AUTHOR_PATH match holds.
_AUTHOR_PATH_WORDS = ("/author", "/blog-", "author=", "/writer", "/contributor", "/people", "/staff", "/team",
                      "/profile", "/userprofile", "/expert", "/byline", "/autor", "/auteur", "linkedin.com/in/", "/u/")
# "Reviewed by [X](/experts/x)": a credit, not the author.
CREDIT_BEFORE = re.compile(r"(?:review|edit|check|photo|illustrat|expert|contribut|contact)\w{0,6}\W{0,6}(?:by)?\W{0,4}$",
                            re.IGNORECASE)
LINK_TEXT_URL = re.compile(r"\[\s{0,3}([^\[\]\n]{2,60}?)\s{0,3}\]\(\s{0,3}([^()\s]{1,300})")
LINK_URL = re.compile(r"\]\(\s{0,3}([^()\s]{1,300})")
# Link targets that list things, not people.
NOT_AUTHOR_PATH = re.compile(
    r"/(?:categor(?:y|ies)|tags?|topics?|products?|collections?|shop|store|services?|solutions?|"
    r"recipes?|guides?|events?|locations?|industries|resource-center)(?:[/?#]|$)", re.IGNORECASE)
# "Posted by [Jane](/author/jane)", "[Jane](/blog?author=1)March 11, 2024".
_BY_BEFORE = re.compile(r"\b[Bb]y:?\s{0,3}$")
_DATE_AFTER = re.compile(r"\s{0,3}(?:(?:[A-Z][a-z]{2,8}\.?\s{1,3}\d{1,2}|\d{1,2}\s{1,3}[A-Z][a-z]{2,8})\b"
                         r"|\d{4}-\d{2}-\d{2}(?!\d))")
# "[Jane Doe](/)", "# [ Jane Doe ](https://janedoe.example/)": the site's home link.
HOME_LINK = re.compile(r"^\s{0,3}(?:#{1,6}\s{1,3})?\[\s{0,3}([^\[\]\n]{3,40}?)\s{0,3}\]"
                        r"\(\s{0,3}(?:/|\.\./|https?://[^/()\s]{3,80}/?)\s{0,3}\)")
# How what BYLINE and BY_LABELS match begins ("Written by", "Von", "Автор", ...).
_BYLINE_OPENINGS = ("this", "written", "posted", "post ", "published", "reported", "story", "words", "text", "guide",
                    "interview", "review", "article", "by", *BY_WORDS.split("|"), *AUTHOR_LABELS.split("|"),
                    "contributor", "escrito", "publié")
_AUTHOR_ROLE_LABELS = frozenset({"author", "writer", "contributor", "guest author", "staff writer",
                                 "about the author", "autor", "auteur", "autore", "автор"})
_BIO_VERBS = frozenset("is was has joined writes explores covers holds lives loves graduated specializes "
                       "brings leads works serves".split())
# A biography speaks of a person: "she has written ...", "a journalist who ...".
_BIO_WORDS = re.compile(r"\b(?:he|she|his|her|they|their|writer|writes|writing|author|journalist|editor|"
                        r"reporter|founder|specializ\w{1,5}|career)\b", re.IGNORECASE)


def menu_links(b: Block) -> bool:
    """A line of links that are not to author pages: a menu item ("* [By
    Style](/venues/by-style)") or a list of categories.

    >>> from pipeline.segment import segment_line
    >>> menu_links(segment_line(0, "    * [By Manufacturer](/browse-by-manufacturer/)", True))
    True
    >>> menu_links(segment_line(0, "[Tips](/category/tips/), [Tech](/category/tech/)", True))
    True
    >>> menu_links(segment_line(0, "[By Modality](/modalities)", True))
    True
    >>> menu_links(segment_line(0, "By [Ann Lee](/author/ann/) in [Tips](/category/tips/)", True))
    False
    """
    if not b.n_links or "](" not in b.raw or AUTHOR_PATH.search(b.raw):
        return False
    if b.list_depth or b.n_links == 1 and b.raw.lstrip(" #*-").lower().startswith("[by ") \
            and b.raw.rstrip().endswith(")"):
        return True     # ("[By Modality](/modalities)": a filter, the "By" inside the link)
    urls = LINK_URL.findall(b.raw)
    return bool(urls) and all(NOT_AUTHOR_PATH.search(u) for u in urls) and b.link_chars * 2 > len(b.text)


def looks_like_name(text: str) -> bool:
    """Two to four capitalised words that are not common page words.

    >>> looks_like_name("Jane Doe"), looks_like_name("Related Posts"), looks_like_name("Nick van Mead")
    (True, False, True)
    >>> looks_like_name("Paramita (Guha) Ghosh"), looks_like_name("Paramita (guha) Ghosh")
    (True, False)
    """
    if len(text) > 40 or not text[:1].isupper() or _DIGIT.search(text):
        return False
    words = text.split()
    if not 2 <= len(words) <= 4:
        return False
    last = len(words) - 1
    for k, w in enumerate(words):
        if 0 < k < last and w[:1] == "(" and w[-1:] == ")":
            w = w[1:-1]     # a maiden name: "Paramita (Guha) Ghosh"
        if not w[:1].isupper() and not (0 < k < last and w in PARTICLES):
            return False
        if w.lower().strip(".,") in NOT_NAME_WORDS:
            return False
    return True


def name_line(b: Block, strict: bool = True) -> list[str]:
    """A bare author name on its own line (``Jane Doe``), next to a dateline
    (``strict``: two to four capitalised words) or after a "By" label."""
    words = b.text.split()
    # (Under a "Posted by" label a name may be a heading: "#### Gokul Sarkar".)
    if not (2 if strict else 1) <= len(words) <= (4 if strict else 8) or b.heading and strict or len(b.text) > 60:
        return []
    if not strict:
        return parse_byline(b.text)
    if words[-1] in ("in", "at") and len(words) > 2:
        words = words[:-1]      # "Jane Doe in" / "[Section]": the section's link was cut off
    # ("Erik van Vulpen": a particle inside the name stays lowercase.)
    if not all(w[:1].isupper() or 0 < k < len(words) - 1 and w in PARTICLES for k, w in enumerate(words)):
        return []
    return clean_authors([" ".join(words)])


def owner_candidates(blocks: list[Block], edge: int = 15) -> list[str]:
    """Names the site goes by in the page's first and last lines: home links,
    copyright holders and "About <name>" links."""
    out = []
    for b in blocks[:edge] + blocks[-edge:]:
        m = HOME_LINK.match(b.raw)
        if m:
            out.append(m.group(1))
        elif "©" in b.text or "opyright" in b.text:
            out.append(copyright_name(b.text) or "")
        elif b.n_links and (name := about_name(b.text)):
            out.append(name)
    return out


def about_name(text: str) -> str | None:
    """The name an "About <name>" link names (a one-person site's owner, as
    "About Melissa Neill" on melissaneill.com), else None.

    >>> about_name("About Melissa Neill"), about_name("About us and our long history of service here")
    ('Melissa Neill', None)
    """
    return text[6:] if text.startswith("About ") and len(text) <= 40 else None


class NameTest:
    """Whether a lone capitalised line is a person's name: it opens with a
    common given name, or none of its words is used in lowercase elsewhere on
    the page ("Climate Change" is: "climate" and "change" occur in the story;
    "Chirag Bhardwaj" is not).

    >>> from pipeline.segment import segment_text
    >>> test = NameTest(segment_text("Climate Change\\nThe climate is changing fast, and the change is real."))
    >>> test("Climate Change"), test("Chirag Bhardwaj"), test("Will Judd")
    (False, True, True)
    """

    def __init__(self, blocks: list[Block], text: str | None = None):
        self.blocks = blocks
        self._text = text   # the page's text, when the caller has it joined already

    def __call__(self, name: str) -> bool:
        return starts_with_given_name(name) or self.lowercase_free(name.split())

    def lowercase_free(self, words: list[str]) -> bool:
        """True if none of ``words`` (particles and short words aside) occurs
        in lowercase as a word of the page.

        >>> NameTest([], "Notes on Postgres.").lowercase_free(["Pierce", "Freeman"])
        True
        >>> NameTest([], "Our foods.").lowercase_free(["Arla", "Foods"])
        False
        """
        if self._text is None:
            self._text = "\n".join(b.text for b in self.blocks)
        return not any(_used_as_word(w.lower(), self._text) for w in words
                       if len(w) > 2 and w.lower() not in PARTICLES)


def _used_as_word(word: str, text: str) -> bool:
    """True if ``word`` occurs in ``text`` as a word of its own (not inside
    another word, a handle "@word", a URL path "/word/", a slug "1-jo-hede"
    or a domain "hede.se").

    >>> _used_as_word("hede", "see tobyhede.com, @hede, /hede/, hede.se and 1-toby-hede)")
    False
    >>> _used_as_word("hede", "a hede b"), _used_as_word("hede", "a hede. B")
    (True, True)
    """
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        before = text[at - 1] if at else " "
        after = text[end] if end < len(text) else " "
        domain = after == "." and text[end + 1:end + 2].isalpha()
        if not (before.isalnum() or before in "_@/-" or after.isalnum() or after in "_/-" or domain):
            return True
        at = text.find(word, at + 1)
    return False


def author_link(blocks: list[Block], ti: int | None, lines: dict[int, str], span: int = 400) -> list[str]:
    """Names linked to author pages, nearest the headline (after it first):
    a line that is such a link (an author box, "Written by [A and B](...)"),
    or, on the lines just under the headline, links to author pages within
    a byline ("[Susan](/author/susan/) December 9, 2024").

    >>> from pipeline.segment import segment_text
    >>> blocks = segment_text("# A headline here\\n" + "Body text. " * 20 + "\\n[Jane Doe](/author/jdoe)")
    >>> author_link(blocks, 0, {})
    ['Jane Doe']
    >>> blocks = segment_text("# A headline here\\n[Ann](/author/ann/), [Bo Li](/author/bo/) May 2, 2024\\n" + "Body. " * 40)
    >>> author_link(blocks, 0, {})
    ['Ann', 'Bo Li']
    """
    start = ti + 1 if ti is not None else 0
    lo = max(0, start - 1 - span // 2)
    marked = _lines_holding(blocks, lo, min(len(blocks), start + span), _AUTHOR_PATH_WORDS)
    # After the headline, then before it (a sidebar author box comes first in some pages).
    for order in ([i for i in marked if i >= start], [i for i in reversed(marked) if i <= start - 2]):
        for i in order:
            b = blocks[i]
            if "](" not in b.raw or not AUTHOR_PATH.search(b.raw):
                continue
            if len(b.raw) > 600 or b.n_links > 8 or len(b.text) > 300:
                # A long meta line: "[Style](/c/style)[Jane](/blog?author=1)March 11,
                # 2024" and then its tags; only a linked name with a date counts.
                head = b.raw[:300]
                found = [n.group(1) for n in LINK_TEXT_URL.finditer(head) if AUTHOR_PATH.search(n.group(2))
                         and _DATE_AFTER.match(head, head.find(")", n.end()) + 1)]
                names = clean_authors(found) if found else []
                if names:
                    lines[b.index] = "byline"
                    return names
                continue
            m = _AUTHOR_LINK_LINE.match(b.raw) if b.n_links == 1 else None
            if m and AUTHOR_PATH.search(m.group(2)):
                names = linked_author_line(b)
                if names:
                    lines[b.index] = "byline"
                    return names
            else:
                near = ti is not None and 0 < i - ti <= 3
                found = [n.group(1) for n in LINK_TEXT_URL.finditer(b.raw) if AUTHOR_PATH.search(n.group(2))
                         and not CREDIT_BEFORE.search(b.raw[max(0, n.start() - 40):n.start()])
                         and (near or _BY_BEFORE.search(b.raw, max(0, n.start() - 12), n.start())
                              or _DATE_AFTER.match(b.raw, b.raw.find(")", n.end()) + 1)
                              or _role_after(b.raw, b.raw.find(")", n.end()) + 1))]
                names = clean_authors(found) if found else []
                if names and len(names) == len(found):
                    lines[b.index] = "byline"
                    return names
    return []


def linked_author_line(b: Block) -> list[str]:
    """The names of a line that is one link to an author page ("[Jane Doe
    and Ann Lee](/author/jdoe)", "By [Kristen](/blog?author=1)").

    >>> from pipeline.segment import segment_line
    >>> linked_author_line(segment_line(0, "[Spencer McIntyre](/blog/author/spencer-mcintyre/)", True))
    ['Spencer McIntyre']
    >>> linked_author_line(segment_line(0, "[Our Services](/team/)", True))
    []
    """
    m = _AUTHOR_LINK_LINE.match(b.raw) if b.n_links == 1 else None
    if not (m and AUTHOR_PATH.search(m.group(2))):
        return []
    parts = AND.split(unglue(m.group(1)).split(",")[0].split(" | ")[0])
    if all(looks_like_name(p) or looks_like_name(p.title()) or _one_word_name(p) for p in parts):
        return clean_authors(parts)
    return []


def _role_after(raw: str, at: int) -> bool:
    """True if the words at ``at`` are a role ("[Jane Doe](/u/jane) Writer, Hardware").

    >>> _role_after("[Jo](/u/jo) Writer, Hardware", 12), _role_after("[Jo](/u/jo) wrote this", 12)
    (True, False)
    """
    word = raw[at:at + 40].split(",")[0].split()
    return bool(word) and word[0].lower() in ROLE_WORDS


def _lines_holding(blocks: list[Block], lo: int, hi: int, words: tuple[str, ...]) -> list[int]:
    """Positions in ``lo:hi``, ascending, of the blocks with links whose raw
    line holds one of ``words`` (lowercase), found in one compiled pass over
    the window's joined lines (``kernels.lines_holding``) rather than a regex
    per line.

    >>> from pipeline.segment import segment_text
    >>> _lines_holding(segment_text("[A](/x)\\nplain author\\n[B](/Author/b)"), 0, 3, ("author",))
    [2]
    >>> _lines_holding(segment_text("[" + "İ" * 13 + "](/x)\\n[A](/a)\\n[B](/author/b)\\n[C](/c)"), 0, 4, ("author",))
    [2]
    """
    at = [i for i in range(lo, hi) if blocks[i].n_links]
    if not at:
        return []
    held = kernels.lines_holding(kernels.codepoints("\n".join(blocks[i].raw for i in at).lower()), words)
    return [at[k] for k in np.flatnonzero(held.any(axis=0)).tolist()]


def _one_word_name(text: str) -> bool:
    """A first name alone ("Kristen"), as author links on small blogs give it."""
    return text.isalpha() and text[:1].isupper() and 3 <= len(text) <= 20 and text.lower() not in NOT_NAME_WORDS


def distant_byline(blocks: list[Block], ti: int, lines: dict[int, str], span: int = 120,
                   far: int = 0, far_test=None) -> list[str]:
    """Names from the nearest explicit "By ..." line within ``span`` lines of
    the headline (after it first), marking it as a byline; then, up to
    ``far`` lines after the headline (an author box under the story), names
    of two to four capitalised words that each pass ``far_test``.

    >>> from pipeline.segment import segment_text
    >>> blocks = segment_text("# A headline here\\n" + "Body text. " * 20 + "\\nMore text." * 130 + "\\nAuthor:\\nShai Shmarel")
    >>> distant_byline(blocks, 0, {}), distant_byline(blocks, 0, {}, far=400, far_test=lambda n: True)
    ([], ['Shai Shmarel'])
    """
    after = range(ti + 1, min(len(blocks), ti + 1 + max(span, far if far_test else 0)))
    for order in (after, range(ti - 1, max(-1, ti - 1 - span), -1)):
        for i in order:
            text = blocks[i].text
            # Prose, and lines that can neither open a byline nor stand over an
            # author label, the common cases, are passed over without a call.
            if len(text) > 100:
                continue
            if not text[:12].lower().startswith(_BYLINE_OPENINGS):
                nxt = blocks[i + 1].text if len(text) <= 40 and i + 1 < len(blocks) else ""
                if len(nxt) > 20 or nxt.lower().rstrip(": ") not in _AUTHOR_ROLE_LABELS:
                    continue
            names, at = _byline_at(blocks, i)
            if names and abs(i - ti) > span and not all(looks_like_name(n) and far_test(n) for n in names):
                continue
            if names:
                for j in at:
                    lines[blocks[j].index] = "byline"
                return names
    return []


def names_under_label(blocks: list[Block], i: int) -> tuple[list[str], tuple[int, ...]]:
    """Names under the "By" / "Authors:" label at ``i``, one a line, and the
    lines they take (the label's included); nothing if the next line is no name.

    >>> from pipeline.segment import segment_text
    >>> names_under_label(segment_text("Author(s)\\n* Ann Lee\\n* Bo Dahl\\nThe story goes on here."), 0)
    (['Ann Lee', 'Bo Dahl'], (0, 1, 2))
    >>> names_under_label(segment_text("Written by\\nAnn Lee\\n,\\nBo Dahl\\nThe story goes on here."), 0)
    (['Ann Lee', 'Bo Dahl'], (0, 1, 2, 3))
    >>> names_under_label(segment_text("Written by\\nAnn Lee\\n, senior editor\\nBo Dahl\\nThe story."), 0)
    (['Ann Lee', 'Bo Dahl'], (0, 1, 2, 3))
    >>> names_under_label(segment_text("Written by\\n[Ann Lee](/authors/ann), 4+ years covering laptops and games"
    ...                                "\\n[Bo Dahl](/authors/bo), senior editor\\nThe story."), 0)
    (['Ann Lee', 'Bo Dahl'], (0, 1, 2))
    """
    # ("* [Authors](/search/authors)" over "* [Themes](/themes)" is a menu.)
    names = (_leading_author_link(blocks[i + 1]) or name_line(blocks[i + 1], strict=False)) \
        if not menu_links(blocks[i + 1]) else []
    if not names:
        return [], ()
    end = i + 2
    stop = min(len(blocks), i + 10)
    while end < stop:
        # HTML shows "Ann Lee" / "," / "Bo Dahl" when each name is an element,
        # and "Ann Lee" / ", senior editor" / "Bo Dahl" when a role follows it.
        sep = blocks[end].text.strip()
        at = end + 1 if (sep in _NAME_SEPARATORS or sep[:2] == ", ") and end + 1 < stop else end
        more = _leading_author_link(blocks[at]) or name_line(blocks[at])
        if not (more and all(looks_like_name(n) for n in more)):
            break
        names += [n for n in more if n not in names]
        end = at + 1
    return names, tuple(range(i, end))


_NAME_SEPARATORS = frozenset({",", "&", "and", "·", "|", "/", ";"})


_LEADING_LINK = re.compile(r"\s{0,3}(?:[*-]\s{1,3})?(?=\[)")


def _leading_author_link(b: Block) -> list[str]:
    """The name a line opens with when it is a link to the person's author
    page ("[Ann Lee](/authors/ann), senior editor")."""
    lead = _LEADING_LINK.match(b.raw) if b.n_links else None
    m = LINK_TEXT_URL.match(b.raw, lead.end()) if lead else None
    if not (m and AUTHOR_PATH.search(m.group(2)) and looks_like_name(m.group(1))):
        return []
    return clean_authors([m.group(1)])


def initials_avatars(blocks: list[Block], most: int = 3) -> list[str]:
    """Authors shown as an initials avatar over their name ("CP" / "Chengcheng
    Pei"), when the page has few such pairs and none twice: a comment thread
    repeats its posters.

    >>> from pipeline.segment import segment_text
    >>> initials_avatars(segment_text("Body text.\\nCP\\nChengcheng Pei\\nStaff Engineer\\nYL\\n### Yuan Lin"))
    ['Chengcheng Pei', 'Yuan Lin']
    >>> initials_avatars(segment_text("WJ\\nWesley Jensen\\nGreat post!\\nWJ\\nWesley Jensen\\nThanks"))
    []
    """
    names = []
    last = len(blocks) - 1
    for i in [i for i, b in enumerate(blocks) if len(b.text) <= 5 and i < last]:  # few short lines
        mark = blocks[i].text.strip()
        if 2 <= len(mark) <= 3 and mark.isupper() and mark.isalpha():
            words = blocks[i + 1].text.strip(" #").split()
            if len(words) == len(mark) and "".join(w[0] for w in words) == mark:
                names.append(" ".join(words))
    if not names or len(names) > most or len(set(names)) < len(names) \
            or not all(looks_like_name(n) for n in names):
        return []
    return clean_authors(names)


# "Mike Woodward's thoughts on AI, data, and analytics.", "Jane Doe's blog"
_OWN_BLOG = re.compile(r"^([A-Z][\w-]{1,20}(?: [A-Z][\w-]{1,20}){1,2})['’]s (?:[a-z]{1,12} )?"
                       r"(?:thoughts|blog|notes|musings|writings|journal)\b")


# A masthead's "by Eric Ries" under the blog's name.
_BY_OWNER = re.compile(r"^[Bb]y ([A-Z][\w-]{1,20}(?: [A-Z][\w.-]{0,20}){1,2})$")


def own_blog_owner(lines: list[Block], name_test: NameTest) -> list[str]:
    """The person a tagline among ``lines`` says the blog is of
    ("Mike Woodward's thoughts on AI", "by Eric Ries" under the blog's name).

    >>> from pipeline.segment import segment_text
    >>> blocks = segment_text("Engora Data Blog\\nMike Woodward's thoughts on AI, data, and analytics.")
    >>> own_blog_owner(blocks, NameTest(blocks))
    ['Mike Woodward']
    """
    for b in lines:
        own = _OWN_BLOG.match(b.text) or _BY_OWNER.match(b.text)
        if own and name_test(own.group(1)) and name_test.lowercase_free(own.group(1).split()[1:]):
            return clean_authors([own.group(1)])
    return []


def _byline_at(blocks: list[Block], i: int) -> tuple[list[str], tuple[int, ...]]:
    """Names of an explicit byline at ``i`` ("By Jane Doe", or "Written by" /
    "Jane Doe" on two lines), and the lines it takes; ``blocks[i]`` is at
    most 100 characters long."""
    b = blocks[i]
    text = b.text
    if len(text) <= 16 and text.lower().rstrip(": ") in BY_LABELS and i + 1 < len(blocks):
        return names_under_label(blocks, i)
    if BYLINE.match(text) and not _NOT_AUTHOR_LINE.match(text) and not menu_links(b):
        names = parse_byline(text)
        return (names, (i,)) if names else ([], ())
    if len(text) <= 40 and i + 1 < len(blocks) and len(blocks[i + 1].text) <= 20 and not b.n_links \
            and blocks[i + 1].text.lower().rstrip(": ") in _AUTHOR_ROLE_LABELS and looks_like_name(text.strip(" #")):
        # "Jane Doe" / "Author": an author box's name over its label.
        names = clean_authors([text.strip(" #")])
        return (names, (i, i + 1)) if names else ([], ())
    return [], ()


def biography_lines(blocks: list[Block], authors: list[str]) -> list[int]:
    """Positions of the kept paragraphs that introduce one of ``authors``: an
    author box's biography ("Jane Doe is a writer who ...", "Jane has ...").

    >>> from pipeline.segment import segment_text
    >>> blocks = segment_text("Jane Doe is here today.\\nJane Doe is a writer in Leeds; she covers food and travel.")
    >>> biography_lines(blocks, ["Jane Doe"]), biography_lines(blocks, ["Ann Lee"])
    ([1], [])
    """
    keys = {a for a in authors if len(a) >= 3} | {a.split()[0] for a in authors if len(a.split()) > 1}
    if not keys:
        return []
    initials = {k[0] for k in keys}
    out = []
    # (One pass of cheap tests over the kept lines; the rest only for the few that pass.)
    for i in [i for i, b in enumerate(blocks) if b.keep and b.text[:1] in initials and len(b.text) >= 40]:
        text = blocks[i].text
        if 8 <= len(text.split()) <= 150 and any(_opens_biography(text, k) is not None for k in keys):
            out.append(i)
    return out


def _opens_biography(text: str, name: str) -> str | None:
    """What follows ``name`` when ``text`` opens with it and a biography verb
    ("Jane Doe is a writer ..." -> "is a writer ..."), else None."""
    if not text.startswith(name + " "):
        return None
    rest = text[len(name) + 1:]
    return rest if rest.split(" ", 1)[0] in _BIO_VERBS else None


def author_bio(blocks: list[Block], ti: int, lines: dict[int, str], span: int = 150) -> list[str]:
    """A name over a biography that opens with it, after the headline: an
    author box ("Jane Doe" / "Jane Doe is a writer who ..." or "Jane has ...").

    >>> from pipeline.segment import segment_text
    >>> blocks = segment_text("# A headline here\\n" + "Body text. " * 20 + "\\nJane Doe\\nJane is a writer based in Leeds; she covers food and travel.")
    >>> author_bio(blocks, 0, {})
    ['Jane Doe']
    >>> author_bio(segment_text("# A headline\\n" + "Body text. " * 20 + "\\nProton VPN\\nProton VPN is a strong contender in the VPN space, and they have been in operation for years."), 0, {})
    []
    """
    for i in range(ti + 1, min(len(blocks) - 1, ti + 1 + span)):
        b = blocks[i]
        text = b.text.strip(" #")
        words = text.split() if len(text) <= 40 else None
        if not words:
            continue
        first = words[0]
        # The biography opens with the name: most short lines have no such line under them.
        if not any(len(n.text) >= 60 and n.text.startswith(first + " ") for n in blocks[i + 1:i + 3]):
            continue
        # (A product over its review is no author box: "Proton VPN" / "Proton VPN is ...".)
        if b.index in lines or not looks_like_name(text) or any(len(w) >= 3 and w.isupper() for w in words):
            continue
        for nxt in blocks[i + 1:i + 3]:
            bio = nxt.text
            if len(bio) < 60:
                continue
            rest = _opens_biography(bio, text if bio.startswith(text + " ") else first)
            if rest is not None and _BIO_WORDS.search(rest):
                names = clean_authors([text])
                if names:
                    lines[b.index] = "byline"
                    return names
    return []
