"""Date parsing for metadata: ISO strings from markup, and dates written in prose.

Only short, explicit date expressions are recognised; every regex uses bounded
repetition so a 100 KB adversarial line is scanned in linear time.

>>> normalize_iso("2021-07-22T10:05:00+03:00")
'2021-07-22T10:05:00+03:00'
>>> find_date("Global Research, July 11, 2021")
'2021-07-11'
>>> find_date("publish: 8 July 2021")
'2021-07-08'
>>> date_from_url("https://x.com/2025/09/04/slug/")
'2025-09-04'
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

_MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mai": 5, "juni": 6,
    "juli": 7, "oktober": 10, "dezember": 12, "okt": 10, "dez": 12, "mär": 3,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12, "janv": 1, "févr": 2, "avr": 4, "juil": 7,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
    # Italian
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
    # Portuguese
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7,
    "setembro": 9, "outubro": 10, "dezembro": 12,
    # Dutch
    "januari": 1, "februari": 2, "maart": 3, "augustus": 8,
    # Polish (nominative and genitive)
    "styczeń": 1, "stycznia": 1, "luty": 2, "lutego": 2, "marzec": 3, "marca": 3,
    "kwiecień": 4, "kwietnia": 4, "maj": 5, "maja": 5, "czerwiec": 6, "czerwca": 6,
    "lipiec": 7, "lipca": 7, "sierpień": 8, "sierpnia": 8, "wrzesień": 9, "września": 9,
    "październik": 10, "października": 10, "listopad": 11, "listopada": 11,
    "grudzień": 12, "grudnia": 12,
    # Swedish, Danish, Norwegian (the rest are spelled as in English or German)
    "augusti": 8, "marts": 3, "desember": 12,
    # Finnish (partitive, as dates write them, and nominative)
    "tammikuuta": 1, "helmikuuta": 2, "maaliskuuta": 3, "huhtikuuta": 4, "toukokuuta": 5,
    "kesäkuuta": 6, "heinäkuuta": 7, "elokuuta": 8, "syyskuuta": 9, "lokakuuta": 10,
    "marraskuuta": 11, "joulukuuta": 12, "tammikuu": 1, "helmikuu": 2, "maaliskuu": 3,
    "huhtikuu": 4, "toukokuu": 5, "kesäkuu": 6, "heinäkuu": 7, "elokuu": 8, "syyskuu": 9,
    "lokakuu": 10, "marraskuu": 11, "joulukuu": 12,
    # Turkish
    "ocak": 1, "şubat": 2, "mart": 3, "nisan": 4, "mayıs": 5, "haziran": 6, "temmuz": 7,
    "ağustos": 8, "eylül": 9, "ekim": 10, "kasım": 11, "aralık": 12,
    # Romanian
    "ianuarie": 1, "februarie": 2, "martie": 3, "aprilie": 4, "iunie": 6, "iulie": 7,
    "septembrie": 9, "octombrie": 10, "noiembrie": 11, "decembrie": 12,
    # Czech (genitive, as dates write them, and nominative)
    "ledna": 1, "února": 2, "března": 3, "dubna": 4, "května": 5, "června": 6, "července": 7,
    "srpna": 8, "září": 9, "října": 10, "listopadu": 11, "prosince": 12, "leden": 1, "únor": 2,
    "březen": 3, "duben": 4, "květen": 5, "červen": 6, "červenec": 7, "srpen": 8, "říjen": 10,
    "prosinec": 12,
    # Hungarian
    "január": 1, "február": 2, "március": 3, "április": 4, "május": 5, "június": 6,
    "július": 7, "augusztus": 8, "szeptember": 9, "október": 10,
    # Indonesian
    "maret": 3, "mei": 5, "agustus": 8, "desember": 12,
    # Ukrainian, Bulgarian (genitive as dates write them; Bulgarian has no case)
    "січня": 1, "лютого": 2, "березня": 3, "квітня": 4, "травня": 5, "червня": 6, "липня": 7,
    "серпня": 8, "вересня": 9, "жовтня": 10, "листопада": 11, "грудня": 12,
    "януари": 1, "февруари": 2, "април": 4, "юни": 6, "юли": 7, "септември": 9, "октомври": 10,
    "ноември": 11, "декември": 12,
    # Greek (genitive, as dates write them)
    "ιανουαρίου": 1, "φεβρουαρίου": 2, "μαρτίου": 3, "απριλίου": 4, "μαΐου": 5, "ιουνίου": 6,
    "ιουλίου": 7, "αυγούστου": 8, "σεπτεμβρίου": 9, "οκτωβρίου": 10, "νοεμβρίου": 11, "δεκεμβρίου": 12,
    # Arabic: the names used in Egypt and the Gulf, and the Levant's one-word names
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "إبريل": 4, "مايو": 5, "يونيو": 6, "يوليو": 7,
    "أغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6, "تموز": 7, "أيلول": 9,
    # Hebrew, bare and with "in" written on ("5 במרץ 2024")
    "ינואר": 1, "פברואר": 2, "מרץ": 3, "מרס": 3, "אפריל": 4, "מאי": 5, "יוני": 6, "יולי": 7,
    "אוגוסט": 8, "ספטמבר": 9, "אוקטובר": 10, "נובמבר": 11, "דצמבר": 12,
    "בינואר": 1, "בפברואר": 2, "במרץ": 3, "במרס": 3, "באפריל": 4, "במאי": 5, "ביוני": 6, "ביולי": 7,
    "באוגוסט": 8, "בספטמבר": 9, "באוקטובר": 10, "בנובמבר": 11, "בדצמבר": 12,
    # Russian (genitive and nominative)
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6, "июль": 7,
    "август": 8, "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12,
}
# (25xx and 26xx: Thai dates count years in the Buddhist era, 543 ahead.)
_YEAR = re.compile(r"(?:19|20|25|26)\d\d")
# Hindi and Thai month names hold vowel signs, which are no letters to ``\w``:
# their own pattern, and Thai's abbreviations ("มี.ค.").
_MARKED_MONTHS = {
    "जनवरी": 1, "फ़रवरी": 2, "फरवरी": 2, "मार्च": 3, "अप्रैल": 4, "मई": 5, "जून": 6, "जुलाई": 7,
    "अगस्त": 8, "सितंबर": 9, "सितम्बर": 9, "अक्टूबर": 10, "अक्तूबर": 10, "नवंबर": 11, "नवम्बर": 11,
    "दिसंबर": 12, "दिसम्बर": 12,
    "มกราคม": 1, "กุมภาพันธ์": 2, "มีนาคม": 3, "เมษายน": 4, "พฤษภาคม": 5, "มิถุนายน": 6, "กรกฎาคม": 7,
    "สิงหาคม": 8, "กันยายน": 9, "ตุลาคม": 10, "พฤศจิกายน": 11, "ธันวาคม": 12,
    "ม.ค.": 1, "ก.พ.": 2, "มี.ค.": 3, "เม.ย.": 4, "พ.ค.": 5, "มิ.ย.": 6, "ก.ค.": 7, "ส.ค.": 8, "ก.ย.": 9,
    "ต.ค.": 10, "พ.ย.": 11, "ธ.ค.": 12,
}
_DMY_MARKED = re.compile(r"(?<!\d)(\d{1,2})\s{1,3}([\u0900-\u097f\u0e00-\u0e7f.]{2,14})\s{1,3}(\d{4})(?!\d)")
_BUDDHIST_ERA = 543
# A month is matched as any short run of letters and looked up in _MONTHS:
# a 150-way alternation tried at every word would be slow on long text.
_MONTH_WORD = r"([^\W\d_]{3,13})"

_ISO = re.compile(
    r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d{1,9})?\s?(Z|[+-]\d{2}:?\d{2})?)?(?!\d)")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?(Z|[+-]\d{2}:?\d{2})?$")
# The end of a year: no digit follows, except a glued read time or clock time
# ("20255 mins", "November 9, 202211:01 AM ET").
_YEAR_END = r"(?:(?!\d)|(?=\d{1,2}\s?[Mm]in|\d{1,2}:\d\d))"
# "July 11, 2021", "Jul. 11th 2021"; also glued to a name before it, as scraped
# inline elements are ("Jane DoeMarch 5, 2024"): a capital after a lowercase letter.
_MDY = re.compile(r"(?:\b|(?<=[a-z])(?=[A-Z]))" + _MONTH_WORD
                  + r"\.?\s{1,3}(\d{1,2})(?:st|nd|rd|th)?[,.]?\s{1,3}(\d{4})" + _YEAR_END)
# "8 July 2021", "8. Juli 2021", "8 de julio de 2021", "8 июля 2021 г.", "19-Dec-2025", "25.Jun.2019"
_DMY = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th|er|º)?[.-]?\s{0,3}(?:de\s{1,3})?" + _MONTH_WORD
                  + r"(?:\.?,?\s{1,3}|[.-])(?:de\s{1,3})?(\d{4})" + _YEAR_END)
# "2023 Jan 7" (citation meta, PubMed style), "2024. március 5." (Hungarian)
_YMD_NAME = re.compile(r"(?<!\d)(\d{4})\.?\s{1,3}" + _MONTH_WORD + r"\.?\s{1,3}(\d{1,2})(?![\d:])")
# "2024年3月5日" (Chinese, Japanese), "2024년 3월 5일" (Korean)
_YMD_CJK = re.compile(r"(?<!\d)(\d{4})\s?[年년]\s?(\d{1,2})\s?[月월]\s?(\d{1,2})\s?[日일]")
# "11.07.2021", "11/07/2021", "11-07-2021", "2021/07/11"
_NUMERIC = re.compile(r"(?<![\d.:/-])(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?![\d])")
_YMD_SLASH = re.compile(r"(?<!\d)(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?![\d])")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?=[/_.+-]|$)")
_URL_DATE_SLASHED = re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])/")


def _valid(y: int, m: int, d: int) -> str | None:
    """``YYYY-MM-DD`` if the triple is a real date in a plausible range."""
    if not 1990 <= y <= 2100:
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def normalize_iso(value: str | None) -> str | None:
    """An ISO 8601 string from markup, normalised; None if it is not a date.

    Keeps the time and timezone when the source gives them.

    >>> normalize_iso("2024-03-05 14:02:11")
    '2024-03-05T14:02:11'
    >>> normalize_iso("20240305")
    '2024-03-05'
    >>> normalize_iso("Tue, 05 Mar 2024 14:02:11 GMT")
    '2024-03-05'
    """
    if not value:
        return None
    value = value.strip()[:64]
    m = _ISO.search(value)
    if m:
        day = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if not day:
            return None
        if m.group(4) is None:
            return day
        out = f"{day}T{int(m.group(4)):02d}:{m.group(5)}:{m.group(6) or '00'}"
        tz = m.group(7)
        if tz:
            if tz != "Z" and ":" not in tz:
                tz = tz[:3] + ":" + tz[3:]
            out += "+00:00" if tz in ("Z", "+00:00", "-00:00") else tz
        return out
    m = _COMPACT.match(value)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return find_date(value)


def find_date(text: str, us_first: bool = True, order: str | None = None) -> str | None:
    """The first explicit date written in ``text``, as ``YYYY-MM-DD``.

    >>> find_date("Posted on 3. März 2024 von Max")
    '2024-03-03'
    >>> find_date("le 5 juin 2023")
    '2023-06-05'
    >>> find_date("By Jane DoeMarch 5, 2024 | 6 comments")
    '2024-03-05'
    >>> find_date("Mar 27, 20255 mins")
    '2025-03-27'
    >>> find_date("02-12-2025"), find_date("05/01/2024"), find_date("13/01/2024")
    ('2025-12-02', '2024-05-01', '2024-01-13')
    >>> find_date("2023 Jan 7;15(1):e33475")
    '2023-01-07'
    >>> find_date("no date here 2021") is None
    True
    """
    found = find_date_span(text, us_first, order)
    return found[2] if found else None


@lru_cache(maxsize=2048)
def find_date_span(text: str, us_first: bool = True, order: str | None = None) -> tuple[int, int, str] | None:
    """``(start, end, YYYY-MM-DD)`` of the first explicit date in ``text``.

    ``order`` ("mdy" or "dmy", from ``numeric_order`` over the whole page)
    settles an ambiguous numeric date such as ``03/10/2023`` for any separator.

    >>> find_date_span("Updated: 2021-07-22 10:00")
    (9, 25, '2021-07-22')
    """
    text = text[:2000]
    # Every pattern below needs a four-digit year: one cheap scan rules most lines out.
    if not text or not _YEAR.search(text):
        return None
    best: tuple[int, int, str] | None = None

    def keep(m, y, mon, d):
        nonlocal best
        day = _valid(y, mon, d) if mon else None
        if day and (best is None or m.start() < best[0]):
            best = (m.start(), m.end(), day)

    m = _first_month_match(_MDY, text, 1)
    if m:
        keep(m, int(m.group(3)), _MONTHS.get(m.group(1).lower()), int(m.group(2)))
    m = _first_month_match(_DMY, text, 2)
    if m:
        keep(m, int(m.group(3)), _MONTHS.get(m.group(2).lower()), int(m.group(1)))
    m = _first_month_match(_YMD_NAME, text, 2)
    if m:
        keep(m, int(m.group(1)), _MONTHS.get(m.group(2).lower()), int(m.group(3)))
    if not text.isascii():
        m = _DMY_MARKED.search(text)
        if m and m.group(2) in _MARKED_MONTHS:
            y = int(m.group(3))
            keep(m, y - _BUDDHIST_ERA if y > 2400 else y, _MARKED_MONTHS[m.group(2)], int(m.group(1)))
    for m in (_ISO.search(text), _YMD_SLASH.search(text), _YMD_CJK.search(text)):
        if m:
            keep(m, int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _NUMERIC.search(text)
    if m:
        a, sep, b, y = int(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4))
        # Dots and dashes are day-first ("05.01.2024", "05-01-2024"); slashes
        # are US order unless impossible or the caller says otherwise.
        if a > 12 or b > 12:
            day_first = a > 12
        elif order:
            day_first = order == "dmy"
        else:
            day_first = sep in ".-" or not us_first
        if day_first:
            keep(m, y, b, a)
        else:
            keep(m, y, a, b)
    return best


def numeric_order(text: str) -> str | None:
    """"mdy" or "dmy" if the unambiguous numeric dates in ``text`` agree on an
    order ("11.24.2025" is month-first), else None.

    >>> numeric_order("x 09.10.2024 y 11.24.2025"), numeric_order("31/01/2024"), numeric_order("1/2/2024")
    ('mdy', 'dmy', None)
    """
    mdy = dmy = 0
    for m in _NUMERIC.finditer(text[:200_000]):
        a, b = int(m.group(1)), int(m.group(3))
        if a > 12 >= b:
            dmy += 1
        elif b > 12 >= a:
            mdy += 1
    if mdy and not dmy:
        return "mdy"
    if dmy and not mdy:
        return "dmy"
    return None


def _first_month_match(rx: re.Pattern, text: str, group: int):
    """The first match of ``rx`` whose letter group is a month name."""
    pos = 0
    while True:
        m = rx.search(text, pos)
        if m is None or m.group(group).lower() in _MONTHS:
            return m
        # Not a month: look again inside the word ("DoeMarch" holds "March").
        pos = m.start(group) + 1


_URL_DATE_NAMED = re.compile(r"/((?:19|20)\d{2})/([A-Za-z]{3,9})/(0?[1-9]|[12]\d|3[01])/")


def date_from_url(url: str | None) -> str | None:
    """A full date in the URL path (``/2021/07/11/``, ``/2021-07-11-``,
    ``/2023/october/03/``), else None.

    >>> date_from_url("https://a.b/blog/2023/october/03/slug/")
    '2023-10-03'

    >>> date_from_url("https://a.b/news/20210711_slug.html")
    '2021-07-11'
    >>> date_from_url("https://a.b/2021/07/slug") is None
    True
    """
    if not url:
        return None
    path = url.split("?", 1)[0][:500]
    m = _URL_DATE_SLASHED.search(path) or _URL_DATE.search(path)
    if not m:
        m = _URL_DATE_NAMED.search(path)
        month = _MONTHS.get(m.group(2).lower()) if m else None
        return _valid(int(m.group(1)), month, int(m.group(3))) if month else None
    return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def day(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` prefix of an ISO value."""
    return value[:10] if value else None
