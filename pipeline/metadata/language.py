"""A small, fast language guesser: stopword profiles plus script detection.

Counts how many of a text's first words are frequent function words of each
language; non-Latin scripts are recognised by their characters. Good enough
for a news article's body (hundreds of words); short strings may return None.

>>> detect_language("The cat is on the table and it is not going to move from there.")
'en'
>>> detect_language("Der Hund ist nicht auf dem Tisch, aber er ist sehr müde und will schlafen.")
'de'
>>> detect_language("Россия готова помочь Таджикистану, заявил министр в среду.")
'ru'
"""
from __future__ import annotations

import re

import numpy as np

from .. import kernels

_STOPWORDS = {
    "en": "the of and to in is that for it was on with as are be by this at from have not an or but his they which you were has had their its been will would there we more",
    "de": "der die und den das ist nicht von zu mit sich des auf für im dem ein eine als auch es an er wird aus bei sind nach wie noch oder aber einer werden nur vor zur wurde über",
    "fr": "le la les de des et est en du une un que qui dans pour pas sur au ne par se plus avec sont ce il elle ont aux cette mais ou été leur nous vous être",
    "es": "el la los las de del y en que es un una por con para se no al lo como más pero sus su ha son este esta fue también entre sobre está ya muy",
    "it": "il di che la è e per un una non sono le del della con gli da in al si dei nel alla anche come più ma questo delle ha essere stato sua",
    "pt": "o a os as de do da dos das e em que um uma para com não por se no na mais como mas foi ao ele ela são pelo pela também seu sua está",
    "nl": "de het een en van in is dat op te zijn met voor niet die er aan ook als maar bij door om naar hij ze wordt werd nog uit worden deze",
    "pl": "i w na z że do nie się jest to o jak po od za ale czy przez przy są jego tak jej oraz może już także który która było tylko dla",
    "sv": "och att det som en på är av för med till den har de inte om ett men var jag sig från vi så kan man när år också",
    "da": "og at det som en på er af for med til den har de ikke om et men var jeg sig fra vi så kan man når også blev",
    "no": "og at det som en på er av for med til den har de ikke om et men var jeg seg fra vi så kan man når også ble",
    "fi": "ja on ei että se hän oli ovat mutta myös kun tai joka sen ole jos niin kuin vain voi tämä ne mukaan",
    "tr": "ve bir bu da de için ile olarak daha çok en gibi ama olan kadar sonra değil ancak göre her şey",
    "ro": "și în de la a cu pe din care este să nu un o mai pentru ca sunt fost au ce dar sau",
    "cs": "a se na v je že to s z do o k i ve jako by ale pro jsou jeho které které byl bylo podle také",
    "hu": "a az és hogy nem is egy van meg de csak már el ki mint volt ezt azt pedig lesz még",
    "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada ke juga ada oleh karena atau bisa",
}
_PROFILES = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
# word -> languages using it, so each word is looked up once.
_INDEX: dict[str, tuple[str, ...]] = {}
for _lang, _words in _PROFILES.items():
    for _w in _words:
        _INDEX[_w] = _INDEX.get(_w, ()) + (_lang,)
_WORD = re.compile(r"[^\W\d_]+")


def _word_tables():
    """What ``kernels.word_languages`` reads: which BMP code points ``_WORD``
    matches, and the listed words by FNV-1a hash with their languages."""
    letter = kernels.flags(str.isalnum) & ~kernels.flags(str.isdecimal)
    langs = list(_PROFILES)
    words = list(_INDEX)
    # The kernel hashes a word as ``line_hashes`` hashes a line.
    hashes = kernels.line_hashes(kernels.codepoints("\n".join(words)), len(words)).view(np.uint64)
    order = np.argsort(hashes, kind="stable")
    words, hashes = [words[k] for k in order.tolist()], hashes[order]
    if len(np.unique(hashes)) != len(words):
        raise ValueError("two listed words share a hash")
    starts = np.cumsum([0] + [len(w) for w in words]).astype(np.int64)
    chars = kernels.codepoints("".join(words))
    masks = np.array([sum(1 << langs.index(lang) for lang in _INDEX[w]) for w in words], np.int64)
    return letter, hashes, starts, chars, masks


def _words_by_language(low: str) -> tuple[int, dict[str, int]]:
    """The number of ``_WORD`` words in the lower-cased ``low``, and for each
    language how many of them it lists (each word counts once per language)."""
    cp = kernels.codepoints(low)
    if len(cp) and cp.max() >= 0x10000:     # the compiled pass reads BMP text
        words = _WORD.findall(low)
        scores = dict.fromkeys(_PROFILES, 0)
        for w in words:
            for lang in _INDEX.get(w, ()):
                scores[lang] += 1
        return len(words), scores
    n_words, counts = kernels.word_languages(cp, *_WORD_TABLES, len(_PROFILES))
    return n_words, dict(zip(_PROFILES, counts.tolist()))


_WORD_TABLES = _word_tables()

# Thai puts no space between words either (a space ends a clause); a word is
# about five code points (its vowels and tone marks are code points of their own).
THAI_SCRIPT = re.compile(r"[\u0E00-\u0E7F]")
# Characters that decide a script outright (first match wins).
_SCRIPTS = (
    (re.compile(r"[\u0400-\u04FF]"), "cyrillic"),
    (re.compile(r"[\u0370-\u03FF]"), "el"),
    (re.compile(r"[\u0590-\u05FF]"), "he"),
    (re.compile(r"[\u0600-\u06FF]"), "ar"),
    (re.compile(r"[\u3040-\u30FF]"), "ja"),
    (re.compile(r"[\uAC00-\uD7AF]"), "ko"),
    (re.compile(r"[\u4E00-\u9FFF]"), "zh"),
    (THAI_SCRIPT, "th"),
    (re.compile(r"[\u0900-\u097F]"), "hi"),
)
# Chinese and Japanese characters: these scripts put no space between words,
# which are about two characters long.
UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def word_count(text: str) -> int:
    """Words of ``text``: its spaced words, a word per two Chinese or Japanese
    characters and a word per five Thai code points.

    >>> word_count("Deep-sea fish found"), word_count("科学家发现新的深海物种"), word_count("สะพานแห่งใหม่ข้ามแม่น้ำ")
    (3, 6, 5)
    """
    return len(text.split()) + len(UNSPACED_SCRIPT.findall(text)) // 2 + len(THAI_SCRIPT.findall(text)) // 5


# Any character of those scripts: Latin-script text (most pages) needs one scan, not eight.
_ANY_SCRIPT = re.compile("[" + "".join(rx.pattern[1:-1] for rx, _ in _SCRIPTS) + "]")
_UK_ONLY = re.compile(r"[іїєґ]", re.IGNORECASE)
# Function words telling Bulgarian from Russian (counted on split words: a
# regex alternation per word boundary is slow on long text).
_BG_WORDS = frozenset("на и се за от да че не са по със като това".split())
_RU_WORDS = frozenset("и в не на что с по это как для из он она был от".split())


def _script(sample: str) -> str | None:
    """The language or script decided by characters, or None for Latin text."""
    if sample.isascii() or not _ANY_SCRIPT.search(sample):
        return None
    counts = []
    for rx, name in _SCRIPTS:
        n = len(rx.findall(sample))
        if n:
            counts.append((n, name))
    if not counts:
        return None
    n, name = max(counts)
    letters = sum(ch.isalpha() for ch in sample)
    if n < 0.3 * max(letters, 1):
        return None
    if name == "zh" and any(name2 == "ja" for _, name2 in counts):
        return "ja"
    if name == "cyrillic":
        if _UK_ONLY.search(sample):
            return "uk"
        low = sample.lower()
        # Bulgarian has no "ы", "э" or "ё", and its "ъ" is a vowel of every
        # other sentence; in Russian "ъ" is rare and "ы" common.
        ru_letters = low.count("ы") + low.count("э") + low.count("ё")
        bg_letters = low.count("ъ")
        if bg_letters >= 3 and bg_letters > 3 * ru_letters:
            return "bg"
        if ru_letters >= 3 and ru_letters > 3 * bg_letters:
            return "ru"
        words = _WORD.findall(low)
        ru = sum(w in _RU_WORDS for w in words)
        bg = sum(w in _BG_WORDS for w in words)
        return "bg" if bg > ru * 1.5 and bg >= 3 else "ru"
    return name


def detect_language(text: str, max_chars: int = 3000) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when unsure."""
    if not text:
        return None
    sample = text[:max_chars]
    script = _script(sample)
    if script:
        return script
    n_words, scores = _words_by_language(sample.lower())
    if n_words < 3:
        return None
    best = max(scores, key=scores.get)
    hits = scores[best]
    if hits < 2 or hits < 0.08 * n_words:
        return None
    return best


# Language names an export may give instead of a code.
_NAMES = {"english": "en", "german": "de", "deutsch": "de", "french": "fr", "français": "fr",
          "francais": "fr", "spanish": "es", "español": "es", "espanol": "es", "italian": "it",
          "italiano": "it", "portuguese": "pt", "português": "pt", "portugues": "pt",
          "russian": "ru", "русский": "ru", "dutch": "nl", "nederlands": "nl", "polish": "pl",
          "polski": "pl"}


def language_code(value: str | None) -> str | None:
    """ISO 639-1 (or 639-2) code of a stated language: a tag ("en-GB", "pt_BR")
    or a name ("English", "Deutsch"); None if it is neither.

    >>> language_code("en-GB"), language_code("pt_BR"), language_code("Deutsch"), language_code("Klingon")
    ('en', 'pt', 'de', None)
    """
    if not value:
        return None
    value = value.strip().lower()
    if value in _NAMES:
        return _NAMES[value]
    code = re.split(r"[-_]", value, maxsplit=1)[0]
    return code if 2 <= len(code) <= 3 and code.isascii() and code.isalpha() else None
