"""Turn raw byline strings into a clean list of person names.

>>> clean_authors(["By Jane Doe and John Smith, Staff Writers"])
['Jane Doe', 'John Smith']
>>> clean_authors(["Staff report"])
[]
>>> clean_authors(["@handle", "Reuters", "https://x.com/author/jd"])
[]
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

# "By" before a name in the other languages bylines come in ("von Jane Doe",
# "av Anna Svensson", "oleh Budi Santoso"), and the labels before one ("Autor:
# Jan Kowalski", "Yazar: Ayşe Yılmaz"), as regex alternations.
BY_WORDS = r"von|par|por|di|door|przez|av|af|oleh|napsal|napsala"
AUTHOR_LABELS = r"автор|авторы|author|authors|autor|autorin|auteur|autore|kirjoittaja|yazar|szerző"
# Leading words that introduce a byline in several languages.
# "By", "Written by", "Guide by", "Autor:", and "ByJane" (no space, as scraped
# text glues inline elements) before a capital letter only.
_BY_PREFIX = re.compile(
    r"^(?:[^\W\d_]{2,15}\s{1,3})?"
    rf"(?:by(?:\b|(?=(?-i:[A-Z])))|(?:{BY_WORDS})\b|"
    rf"(?:from|{AUTHOR_LABELS}|text|texto|redakcja|writer|"
    r"contributors?|escrito\s{1,3}por|publié\s{1,3}par)\b)\s{0,3}[:\-–—]?\s{0,3}",
    re.IGNORECASE)
_CJK_NAME = re.compile(r"[\u3400-\u9fff]{2}")
# Inline elements glued together: "Emmet WhiteUpdated: ...".
_GLUED = re.compile(r"(?<=[a-z])(?=(?:Updated|Published|Posted|Last|Reviewed|Founder|Contributing|Senior|"
                    r"Staff|Head|Editor|Tech|Writer|Reporter|On|In)\b)")
# Words glued by scraping: "RichardsonTrending", "ZeldmanNovember" (but not
# "McDonald" or "DeCamp": the first part must have four letters or more; nor
# a handle, "ShawnHymel": the second part is a date's or a known element's).
_CAMEL = re.compile(r"\b([A-Z][a-z]{3,})((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|"
                    r"Sat|Sun|Trending)[a-z]*)\b")
# The same after a first name: "Jane DoeTrending" is a name, then another
# element; the glue ends the name.
_CAMEL_AFTER_NAME = re.compile(r"\b(?!By\s)([A-Z][a-z]{1,20}\s)([A-Z][a-z]{3,})([A-Z][a-z]{2,})")
# "By Jane Doe 15 min read": a reading time ends a byline.
_READ_TIME_ANY = re.compile(r"\b\d{1,3}\s{0,2}(?:min(?:ute)?s?|mins?)\b\.?(?:\s{1,2}(?:read|reading))?", re.IGNORECASE)
_WRITTEN_BY = re.compile(r"\bwritten\s{1,3}by\b", re.IGNORECASE)
# Separators between names. Each alternative starts with a literal or a word
# boundary, so a run of spaces is scanned in one pass.
_SPLIT_LIST = re.compile(r"[,;|/]")
_SPLIT_AND = re.compile(r"[&+]|\b(?:and|und|et|y|e|i|и|en|with)\b", re.IGNORECASE)
ROLE_WORDS = frozenset("""
staff writer writers reporter reporters correspondent correspondents editor editors editorial
contributor contributors columnist columnists senior chief associate deputy managing executive
news desk team staff report reports author authors admin administrator guest producer journalist
journalists photographer photographers photo photos video intern analyst press release
redaktion redaktor redakteur redakteurin correspondant rédaction redacción redazione redacao
redação autor contributing special assistant director founder ceo president manager officer
member lead head host anchor writer blogger publisher published updated sponsored content
desk wire wires service agency agencies newsroom bureau online digital web media group
professor university college columnists expert experts specialist consultant strategist
coordinator advisor adviser gardener astrologer horticulturalist horticulturist educator nutritionist
dietitian attorney lawyer physician therapist trainer coach tech
""".split())
_TEAM_WORDS = frozenset("team staff editors desk newsroom editorial contributors contributor".split())
_AGENCIES = frozenset("""
reuters ap afp dpa ansa efe tass ria xinhua pti ani ians upi bloomberg kyodo yonhap
associated-press agence-france-presse press-trust-of-india the-associated-press
""".split())
_NOT_NAME = re.compile(r"[@#<>{}=\\:]|https?:|www\.|\.com\b|\d", re.IGNORECASE)
# Link texts and widget labels that author selectors pick up.
_JUNK = frozenset("""
see all our people faculty profile undefined null none webmaster bluesky blue sky twitter facebook
linkedin instagram mastodon threads youtube tiktok email share follow human people home about
read more view all posts more articles all articles unknown anonymous admin editor sat sun mon tue wed
thu fri menu search login name
""".split())
# Words of page furniture and headings that are never part of a person's name.
NOT_NAME_WORDS = frozenset("""
related posts post table contents key takeaways share article articles home news blog read more comments
comment leave reply subscribe follow us recent popular categories category tags tag about author authors
contact privacy policy terms search menu sign login log free trial get started learn overview summary
introduction conclusion faq faqs the our your my all new latest top best guide guides tips how what why
when where who view see back next previous prev continue reading page skip content main navigation
products product services service shop cart account help support resources tools company team careers
editor editors staff desk newsroom updated published posted by on in at of and for to with from
link copied copy print save download watch listen podcast events event courses course class classes
students student alumni admissions apply donate order pricing type location find meet current board
trustees insights projects program programs time this that these those no yes trends industry strategy
system energy solar installing weight loss medications thoughts nonessential engineering wellness
prevention financial reviews review report reports magazine journal press media group inc llc ltd
close modal dialog toggle expand collapse open copyright rate
pllc llp plc gmbh modified role
bio full official pc co corp corporation company dentistry dental clinic studio studios videos video health
center centre university college school institute foundation association society agency club
hospital church council department ministry office bank insurance solutions consulting marketing
laboratory laboratories lab labs information quote quotes user users
construction ask park county trail int intl international released
join featured options business forum development accounting tax financing
""".split())
# Credits that name someone other than the author.
_NOT_AUTHOR = re.compile(
    r"^\s{0,3}(?:(?:medically\s{1,3})?reviewed|fact[-\s]?checked|edited|photos?|photographs?|"
    r"illustrations?|images?|video|graphics?|translated|articles|posts|more\s{1,3}from)\s{1,3}by\b",
    re.IGNORECASE)
# Lowercase words inside names.
PARTICLES = frozenset("van der den de del della di da das dos du la le von zu ten ter bin ibn al el y e".split())
_PARENS = re.compile(r"\([^()]{0,200}\)|\[[^\[\]]{0,200}\]")
_SPACES = re.compile(r"\s+")
_MAIDEN = re.compile(r"(?<=[a-z] )\(([A-Z][a-z]{1,20})\)(?= [A-Z])")


def _norm_key(name: str) -> str:
    return "-".join(re.findall(r"\w+", name.lower()))


def clean_name(raw: str, site_names: tuple[str, ...] = (), own_site: bool = False) -> str | None:
    """One name cleaned, or None when it is not a person's name.

    >>> clean_name("  By: JANE DOE ")
    'Jane Doe'
    >>> clean_name("Associated Press") is None
    True
    >>> clean_name("Personal finance") is None, clean_name("Marna van der Merwe")
    (True, 'Marna van der Merwe')

    ``own_site`` keeps a person's name that is also the site's name (a
    one-person blog), when it comes from an explicit author field.
    """
    s = _SPACES.sub(" ", raw).strip(" \t\n-–—:|·•●,.[]")
    s = _BY_PREFIX.sub("", s).strip(" -–—:|·•●,.[]")
    if not s or len(s) > 60 or _NOT_NAME.search(s) or not s[0].isalpha():
        return None     # ("Author’s Profile" less its "Author" is no name)
    words = s.split()
    if len(words) > 5:
        return None
    # "Colin Gray Colin Gray": a name scraped twice (link text and alt text).
    half = len(words) // 2
    if len(words) % 2 == 0 and half and words[:half] == words[half:]:
        words = words[:half]
        s = " ".join(words)
    lowered = [w.lower().strip(".,") for w in words]
    # "Jane Doe Senior Editor": keep the name before the role; a team or
    # desk ("The Currency editors", "News Desk") is no person.
    cut = next((k for k, w in enumerate(lowered) if w in ROLE_WORDS or w == "former"), None)
    if cut is not None:
        if cut < 2 or any(w in _TEAM_WORDS for w in lowered):
            return None
        words, lowered = words[:cut], lowered[:cut]
        if words[-1].endswith(("'s", "’s")):   # "Derek Seaman's Tech Blog"
            words[-1] = words[-1][:-2]
            lowered[-1] = lowered[-1][:-2]
        s = " ".join(words)
    if all(w in _JUNK for w in lowered) or any(w in NOT_NAME_WORDS for w in lowered):
        return None
    # A handle ("jdoe", "brandon-peaktwo") is not a name.
    if len(words) == 1 and (s.islower() or "-" in s or "_" in s or "." in s):
        return None
    s = _strip_site(s, site_names)
    if not s:
        return None
    key = _norm_key(s)
    if key in _AGENCIES or not key:
        return None
    if any(key == _norm_key(n) for n in site_names if n):
        if not (own_site and 2 <= len(words) <= 4 and (s.islower() or all(w[:1].isupper() for w in words))):
            return None
    if len(words) == 1 and len(s) < 3 and not _CJK_NAME.fullmatch(s):
        return None     # (a Chinese name is often two characters: "张伟")
    if not any(ch.isalpha() for ch in s):
        return None
    # "Personal finance": a capitalised name with a lowercase word that is no
    # particle ("van der", "de la") is a phrase, not a name.
    if len(words) > 1 and not s.islower() and any(
            w[:1].islower() and w.lower() not in PARTICLES for w in words):
        return None
    if s.isupper() or s.islower() and len(words) > 1:
        s = s.title()
    return unicodedata.normalize("NFC", s)


def _strip_site(name: str, site_names: tuple[str, ...]) -> str:
    """``Brian Truitt USA TODAY`` -> ``Brian Truitt`` when USA TODAY is the site;
    a name left with one word was the site's owner's ("Pierce Freeman" on
    pierce.dev) and stays whole.

    >>> _strip_site("Brian Truitt USA TODAY", ("USA TODAY",)), _strip_site("Pierce Freeman", ("pierce",))
    ('Brian Truitt', 'Pierce Freeman')
    """
    low = name.lower()
    for site in site_names:
        sl = site.lower()
        if len(sl) > 3 and sl != low:
            if low.endswith(" " + sl):
                rest = name[:-len(sl)].strip(" ,-|")
            elif low.startswith(sl + " "):
                rest = name[len(sl):].strip(" ,-|")
            else:
                continue
            if len(rest.split()) >= 2:
                return rest
    return name


_GIVEN_NAMES = Path(__file__).resolve().parent.parent / "models" / "given_names.txt"
_TITLES = frozenset("dr dr. mr mr. mrs mrs. ms ms. prof prof. sir".split())


@cache
def _given_names() -> frozenset[str]:
    with open(_GIVEN_NAMES, encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip() and not line.startswith("#"))


def starts_with_given_name(name: str) -> bool:
    """True if ``name`` opens with a common given name (after a title such as
    "Dr."): evidence that two capitalised words are a person, not a phrase.
    The list is the US Census one, so a False says little on its own.

    >>> starts_with_given_name("Dr. Jane Doe"), starts_with_given_name("Climate Change")
    (True, False)
    """
    words = name.lower().split()
    if len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    return bool(words) and words[0].strip(".,") in _given_names()


_COPYRIGHT_NAME = re.compile(r"(?:©|&copy;|\(c\)|copyright)\s{0,3}(?:\d{4}\s{0,3}(?:[-–]\s{0,3}\d{4}\s{0,3})?)?"
                             r"(?:by\s{1,3})?([A-Z][^\W\d_]{1,20}(?:\s{1,3}[A-Z][^\W\d_'’.-]{0,20}){1,2})", re.IGNORECASE)


def copyright_name(text: str) -> str | None:
    """The holder named by a copyright line, if it is a few capitalised words.

    >>> copyright_name("© 2025 Toby Hede. All rights reserved.")
    'Toby Hede'
    """
    m = _COPYRIGHT_NAME.search(text[:300])
    return m.group(1) if m else None


def site_owner(candidates, domain: str | None, rare_name_ok=None) -> list[str]:
    """The person a one-person site is named after, as its author: the first
    candidate (the site's home-link text, title part, copyright holder) that
    is a person's name matching the domain (tobyhede.com and "Toby Hede",
    owain.bearblog.dev and "Owain Brennan") and opens with a common given
    name. A name opening with a rarer one counts where that first name is
    the domain and the site goes by it twice (pierce.dev and "Pierce Freeman"
    in its title and home link), or where the surname is the domain
    (artmann.co and "Christoffer Artmann"), if its words are capitalised as
    names are and ``rare_name_ok(name)`` agrees.

    >>> site_owner(["Blog", "Toby Hede"], "https://tobyhede.com/posts/x")
    ['Toby Hede']
    >>> site_owner(["Code Farm"], "https://codefarm.com/")
    []
    >>> site_owner(["Pierce Freeman", "Pierce Freeman"], "https://pierce.dev/x", rare_name_ok=lambda n: True)
    ['Pierce Freeman']
    >>> site_owner(["Posts", "Christoffer Artmann"], "https://artmann.co/a", rare_name_ok=lambda n: True)
    ['Christoffer Artmann']
    >>> site_owner(["Nexxis USA", "Nexxis USA"], "https://nexxis.com/", rare_name_ok=lambda n: True)
    []
    """
    labels = [squash(x) for x in _host_labels(domain or "")]
    labels = [x for x in labels if len(x) >= 4]
    if not labels:
        return []
    for raw in candidates:
        # A name written in lowercase is a brand's styling ("echo live"), not a person's.
        if not raw or len(raw) > 40 or raw.islower():
            continue
        name = clean_name(raw, own_site=True)
        words = name.split() if name else []
        # "Jane Doe", "Jane Q. Doe", "Jan van Dam"; not "Arla Foods Ingredients".
        if not (len(words) == 2 or len(words) == 3 and (words[1].endswith(".") or words[1] in PARTICLES)):
            continue
        key = squash(name)
        if starts_with_given_name(name):
            if any(key == label or (len(label) >= 5 and (key.startswith(label) or key.endswith(label)))
                   for label in labels):
                return [name]
        elif rare_name_ok and (squash(words[0]) in labels and candidates.count(raw) >= 2
                               or squash(words[-1]) in labels) \
                and name_cased(words) and rare_name_ok(name):
            return [name]
    return []


def name_cased(words: list[str]) -> bool:
    """First and last word capitalised as names are: "Pierce Freeman", not
    "Nexxis USA" nor "EcoFlow ZA".

    >>> name_cased(["Pierce", "Freeman"]), name_cased(["Nexxis", "USA"])
    (True, False)
    """
    return all(w[:1].isupper() and w[1:].islower() for w in (words[0], words[-1]))


def _host_labels(host: str) -> list[str]:
    """The domain's own label, then a personal subdomain's: ``owain.bearblog.dev``
    -> ``['bearblog', 'owain']``; ``www.usatoday.com`` -> ``['usatoday']``."""
    label = domain_label(host)
    first = host.lower().split("://")[-1].split("/")[0].split(".")[0]
    return [label] if first in (label, "www", "blog", "news", "m") else [label, first]


def squash(text: str) -> str:
    """Letters and digits only, lowercased: "Cottage Care" and "CottageCare" agree."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def drop_site_credit(names: list[str], domain: str | None) -> list[str]:
    """Remove the site's own name from an author list read off the page text:
    "Brian Truitt USA TODAY" on usatoday.com is Brian Truitt; "Jane Doe,
    Modern Farmer" on modernfarmer.com is Jane Doe. A name that is the site
    alone stays (one-person blogs are named after their author).

    >>> drop_site_credit(["Brian Truitt USA TODAY"], "usatoday.com")
    ['Brian Truitt']
    >>> drop_site_credit(["Emily Baron Cadloff", "Modern Farmer"], "modernfarmer.com")
    ['Emily Baron Cadloff']
    >>> drop_site_credit(["Myles Katherine"], "myleskatherine.com")
    ['Myles Katherine']
    """
    if not names or not domain:
        return names
    label = squash(domain_label(domain))
    if len(label) < 4:
        return names
    out = []
    for name in names:
        words = name.split()
        cut = next((k for k in range(2, len(words)) if squash("".join(words[k:])) == label), None)
        if cut is not None:
            out.append(" ".join(words[:cut]))
        elif squash(name) != label or len(names) == 1:
            out.append(name)
    return out


def domain_label(host: str) -> str:
    """``www.usatoday.com`` -> ``usatoday``; ``news.bbc.co.uk`` -> ``bbc``."""
    host = host.lower().split("://")[-1].split("/")[0].split(":")[0]
    parts = [p for p in host.split(".") if p]
    if len(parts) >= 3 and parts[-2] in ("co", "com", "org", "net", "ac", "gov", "edu") and len(parts[-1]) == 2:
        parts = parts[:-1]
    return parts[-2] if len(parts) >= 2 else (parts[0] if parts else "")


def surname_first(raw: str) -> str | None:
    """``Doe, Jane`` (a catalogue's or an export's surname-first author) as
    ``Jane Doe``; None when ``raw`` is not one name written that way.

    The part after the comma must open with a common given name and hold at
    most a middle initial more, and the part before it must not: "Jane Doe,
    John Smith" and "Maria, Katerina" are lists, "Jane Doe, Staff Writer" a
    name and a role.

    >>> surname_first("Doe, Jane"), surname_first("Smith, John A."), surname_first("van der Berg, Anna")
    ('Jane Doe', 'John A. Smith', 'Anna van der Berg')
    >>> surname_first("Jane Doe, John Smith"), surname_first("Maria, Katerina"), surname_first("Doe, Staff Writer")
    (None, None, None)
    """
    surname, comma, given = raw.strip().partition(",")
    surname, given = surname.strip(), given.strip()
    if not comma or "," in given or not surname or not given:
        return None
    given_words, surname_words = given.split(), surname.split()
    if len(given_words) > 2 or len(given_words) == 2 and not _INITIAL.match(given_words[1]):
        return None
    # A surname is one word, or one after particles ("van der Berg").
    if not surname_words[-1][:1].isupper() or any(w.lower() not in PARTICLES for w in surname_words[:-1]):
        return None
    if not starts_with_given_name(given) or starts_with_given_name(surname_words[-1]):
        return None
    return f"{given} {surname}"


_INITIAL = re.compile(r"^[A-Z]\.?$")


def split_names(raw: str) -> list[str]:
    """Split a byline listing several people.

    >>> split_names("Jane Doe, John Smith and Ann Lee")
    ['Jane Doe', 'John Smith', 'Ann Lee']
    >>> split_names("By Doe, Jane")
    ['Jane Doe']
    >>> split_names("Jane Doe, Head of Marketing and Community Development")
    ['Jane Doe']
    >>> split_names("Paramita (Guha) Ghosh"), split_names("Jean-Luc Aufranc (CNXSoft)")
    (['Paramita Guha Ghosh'], ['Jean-Luc Aufranc'])
    """
    # A maiden name between given name and surname is part of the name.
    raw = _MAIDEN.sub(r"\1", raw[:500])
    raw = _PARENS.sub(" ", raw)
    raw = _BY_PREFIX.sub("", raw.strip())
    name = surname_first(raw)
    if name:
        return [name]
    out = []
    for chunk in _SPLIT_LIST.split(raw):
        words = chunk.split()
        # "Head of Marketing and Community Development": a role, "and" included.
        if not words or words[0].lower().strip(".") in ROLE_WORDS:
            continue
        out.extend(p.strip() for p in _SPLIT_AND.split(chunk) if p and p.strip())
    return out


def clean_authors(raws, site_names: tuple[str, ...] = (), own_site: bool = False) -> list[str]:
    """Clean, split and deduplicate raw author strings, keeping order."""
    out: list[str] = []
    seen: set[str] = set()
    for raw in raws:
        if not raw or not isinstance(raw, str):
            continue
        if "://" in raw or raw.lstrip().startswith("www.") or _NOT_AUTHOR.match(raw):
            continue
        if re.search(r"\bstaff\s{1,3}reports?\b", raw, re.IGNORECASE):
            continue
        parts = split_names(raw)
        names = [clean_name(part, site_names, own_site) for part in parts]
        if None in names and len(parts) > 1:
            # "Center for Drug Evaluation and Research": a lone word left by
            # a split whose other part is no name was never a name either.
            names = [n for n in names if n and " " in n]
        for name in names:
            if name and _norm_key(name) not in seen:
                seen.add(_norm_key(name))
                out.append(name)
    return out


# Words after which a byline stops naming people.
_BYLINE_STOP = re.compile(
    r"\s(?:published|updated|posted|last\s{1,3}updated|on|at|in|for|reviewed|fact[-\s]checked|edited|"
    r"veröffentlicht|aktualisiert|publié|le|el|il|am|um)\b|\s{0,3}[|•·⋅∙●◦▪—–]\s{0,3}|\s{2,}|\s-\s|\n",
    re.IGNORECASE)


def unglue(text: str) -> str:
    """Split inline elements that scraping glued together; the glue after a
    name ends it with a bar.

    >>> unglue("Harry RabinowitzTech Reporter"), unglue("Nicola RichardsTrending")
    ('Harry Rabinowitz Tech Reporter', 'Nicola Richards | Trending')
    >>> unglue("By MixmasterFred")
    'By MixmasterFred'
    """
    text = _GLUED.sub(" ", text)
    text = _CAMEL_AFTER_NAME.sub(r"\1\2 | \3", text)
    return _CAMEL.sub(r"\1 \2", text)


# "Published by Hooded Horse and released in May": a sentence, not a byline.
_PROSE_AFTER_AND = re.compile(r"\band\s(?!(?:others|more|friends|colleagues|team|staff)\b)[a-z]+\s[a-z]+\b")


def parse_byline(text: str, site_names: tuple[str, ...] = ()) -> list[str]:
    """Names in a visible byline such as ``By Jane Doe | July 1, 2024``.

    >>> parse_byline("By Nicole Burke Published August 7, 2023")
    ['Nicole Burke']
    >>> parse_byline("Written by Jane Doe and Ann Lee on 3 May 2024")
    ['Jane Doe', 'Ann Lee']
    >>> parse_byline("By Kyle Howe 15 min read")
    ['Kyle Howe']
    >>> parse_byline("By Nicola RichardsTrending")
    ['Nicola Richards']
    >>> parse_byline("Published by Hooded Horse and released in May 2025,")
    []
    """
    from .dates import find_date_span  # local: dates does not need authors

    text = " ".join(text[:300].split())
    m = _WRITTEN_BY.search(text)
    if m:
        # "Reviewed by A — Written by B": the writer is the author.
        text = text[m.start():]
    if _NOT_AUTHOR.match(text):
        return []
    text = unglue(text)
    found = find_date_span(text)
    if found:
        text = text[:found[0]] + " | " + text[found[1]:]
    text = _READ_TIME_ANY.sub(" | ", text)
    text = _BY_PREFIX.sub("", text.strip(" :|-"))
    head = _BYLINE_STOP.split(text, maxsplit=1)[0]
    if len(head.split()) > 12 or _PROSE_AFTER_AND.search(text):
        return []
    return clean_authors([head], site_names)
