"""Numbers that describe each block, and its neighbourhood, for the text model.

Like jusText, a block is judged first by what it is (length, stopword density,
link density, punctuation, boilerplate phrases) and then by where it is (its
neighbours, the page's main prose region, how much article-like text lies
before and after it). Everything is computed for a whole batch of documents at
once: per-block values come from cheap string methods, context from shifted
and cumulative numpy arrays that never cross a document boundary.

>>> from pipeline.segment import segment_text
>>> batch = Batch.of([segment_text("Home\\nThe cat sat on the mat and it was a good day for it.")])
>>> X, names = stage1_matrix(batch)
>>> X.shape == (2, len(names))
True
>>> float(X[1, names.index("stop_density")]) > 0.3
True
"""
from __future__ import annotations

import re
from functools import cache
from itertools import chain
from operator import attrgetter
from dataclasses import dataclass, field

import numpy as np

from . import datelines, kernels, lexicon, wordscore
from .metadata.language import THAI_SCRIPT, UNSPACED_SCRIPT, detect_language, word_count
from .record import Block

# Function words of the seven languages: prose is dense in them, menus are not.
STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers him his how i if in into is it its itself just me more
most my no nor not now of off on once only or other our out over own same she should so some
such than that the their theirs them then there these they this those through to too under
until up very was we were what when where which while who whom why will with would you your
also said says after its it's i'm we're they're don't can't won't isn't
der die das und ist nicht ein eine einen einem einer zu den dem des von mit sich auf für im
auch es an als dass sie er wir ihr aber wie bei nach noch wird wurde werden hat haben sind war
le la les et est un une des du de dans pour que qui ne pas sur au aux il elle ce se plus par
avec son sa ses ont été sont mais comme cette leur nous vous ou où
el los las y en por con para es una unos se lo como más pero sus al del le ha fue está son
il gli di che non per una sono della nel alla anche come più ma ha è si da dei delle
o os as um uma em não com por para mais foi são ao seu sua pelo pela dos das
и в не на что с по как это он она они но из у к за о от же так все был была было бы то
который которая которое которые которого которой которых также через около будет будут после
при для его ее её их уже еще ещё только или между более чем где когда если этот эта эти этого
того над под до без со во об мы вы я может нет ни лишь тоже очень всех всего свой своих своей
ему ей им ним них нему весь вся всё
""".split())

# The function words of the other languages the guesser knows (metadata.language),
# but for Chinese, Japanese and Thai, written without spaces between words. A
# page in one of them has few of the words above, so its prose would look like a
# menu: there, lines count their own language's words too (``_in_own_language``).
OTHER_STOPWORDS = {lang: frozenset(words.split()) for lang, words in {
    "nl": "de het een en van in is dat op te zijn met voor niet die er aan ook als maar bij door om naar hij ze "
          "wordt werd nog uit worden deze dit was heeft hebben wel geen tot dan kan zou of al wat we je ik hun "
          "haar",
    "pl": "i w na z że do nie się jest to o jak po od za ale czy przez przy są jego jej oraz może już także "
          "który która które było tylko dla co jako być ich ten ta te tym tego jednak bardzo został została",
    "sv": "och att det som en på är av för med till den har de inte om ett men var jag sig från vi så kan man "
          "när år också eller efter vid under hade detta dessa han hon blev sina sin",
    "da": "og at det som en på er af for med til den har de ikke om et men var jeg sig fra vi så kan man når "
          "også blev efter eller havde hun han skal vil denne disse",
    "no": "og at det som en på er av for med til den har de ikke om et men var jeg seg fra vi så kan man når "
          "også ble etter eller hadde hun han skal vil denne disse",
    "fi": "ja on ei että se hän oli ovat mutta myös kun tai joka sen ole jos niin kuin vain voi tämä ne mukaan "
          "sekä jo nyt kanssa hänen olla ollut",
    "tr": "ve bir bu da de için ile olarak daha çok en gibi ama olan kadar sonra değil ancak göre her şey ki mi "
          "ne o olduğu ise veya hem diye çünkü",
    "ro": "și în de la a cu pe din care este să nu un o mai pentru ca sunt fost au ce dar sau cel cea acest "
          "această lui ei fi era",
    "cs": "a se na v je že to s z do o k i ve jako by ale pro jsou jeho které který která byl bylo byla podle "
          "také jak už nebo však jen tak po od při",
    "hu": "a az és hogy nem is egy van meg de csak már el ki mint volt ezt azt pedig lesz még vagy kell így "
          "után mert",
    "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada ke juga ada oleh karena atau bisa sudah "
          "telah saat lebih mereka kami kita",
    "uk": "і в у на з що не до та це як для від за по але його її є був була було були він вона вони ми так "
          "також який яка які про при після щодо або ще вже лише понад через під між",
    "bg": "и на в за да се от с че е не по са до като но който която които това тази този ще със при след или "
          "през още вече много му ги им беше бяха",
    "el": "και το η ο να σε του της την τη τα των τον τους τις με για που από στο στην στη στα στους στις δεν "
          "θα είναι οι ένα μια ως αλλά ότι όπως πιο μετά κατά έχει ήταν πολύ αυτό αυτή επίσης μόνο",
    "ar": "في من على إلى أن عن مع هذا هذه التي الذي الذين كان كانت قد لا ما أو بعد قبل كما بين ذلك تلك هو هي إن "
          "لم لن حتى عند كل ثم وهو وهي أنه أنها فإن وقد وفي ومن أيضا إلا لكن منذ خلال حول",
    "he": "של את על עם לא הוא היא הם זה זו גם כי אם או אבל מה יש היה הייתה כל אל אחרי לפני בין עד כמו רק אשר "
          "שלהם שלו שלה עוד כבר מאוד יותר אך כך לכן",
    "hi": "का की के में है हैं और से को पर यह इस एक ने भी था थी थे तो लिए कि जो कर हो नहीं वह वे इसके उनके उनकी "
          "उन्होंने गया गई किया रहे रही होगा होगी बहुत कहा जा अपने अपनी साथ बाद तक लेकिन",
    "ko": "이 그 그리고 그러나 하지만 또한 및 등 수 것 이는 있다 있는 있으며 있지만 했다 한다 하는 된다 위해 대한 통해 따라 때문에 것이다 것으로 더 가장 매우 또",
}.items()}
# Below this share of STOPWORDS among its words, a page may be in one of those.
OWN_LANGUAGE_BELOW = 0.2

_ATTRS = attrgetter("link_chars", "n_links", "heading", "list_depth", "blank_before")
_TERMINAL = frozenset('.!?"”»…)\'’')

# Base features of each block, in matrix column order.
BASE = [
    "log_chars", "log_words", "mean_word_len", "stop_density", "stop_count_log",
    "link_share", "log_links", "links_per_word", "heading", "is_heading", "list_depth",
    "is_list", "blank_before", "ends_terminal", "ends_colon", "starts_upper", "digit_share",
    "upper_share", "comma_rate", "pipe_count", "has_date", "indented", "raw_link_url_share",
    "is_prose", "repeat_count", "repeat_lower_count", "word_count_eq1",
] + [f"lex_{c}" for c in lexicon.CATEGORIES] + [f"lexstart_{c}" for c in lexicon.CATEGORIES] + [
    "lex_verdict",
]
# Position and document-level features.
POSITION = [
    "rel_pos", "rel_pos_end", "log_pos", "log_pos_end", "log_doc_blocks", "log_doc_chars",
    "share_chars_before", "share_prose_before", "share_prose_after", "in_region",
    "region_dist", "region_dist_log", "region_rel", "log_region_chars", "region_share",
    "chars_to_max", "is_longest",
    "after_region_prose_end", "before_region_start", "verdicts_before_in_article",
    "verdicts_after", "in_region2", "region2_dist_log", "region2_rel",
]
# Base features whose neighbours are informative.
CONTEXT_KEYS = ["log_chars", "stop_density", "link_share", "is_prose", "is_heading",
                "is_list", "ends_terminal", "has_date", "blank_before", "lex_verdict"]
OFFSETS = (-3, -2, -1, 1, 2, 3)
WINDOWS = (2, 5, 12)
WINDOW_KEYS = ["is_prose", "link_share", "stop_density", "log_chars", "is_list"]
STAGE1_NAMES = (BASE + POSITION + [f"{key}@{k:+d}" for key in CONTEXT_KEYS for k in OFFSETS]
                + [f"{key}~{w}" for key in WINDOW_KEYS for w in WINDOWS]
                + [f"prose_chars~{w}" for w in WINDOWS])
# The learned word score (``wordscore``) of a block and its neighbourhood,
# after STAGE1_NAMES in a model that has one.
WORD_OFFSETS = (-1, 1)
WORD_WINDOWS = (2, 5)
WORD_NAMES = (["word_score"] + [f"word_score@{k:+d}" for k in WORD_OFFSETS]
              + [f"word_score~{w}" for w in WORD_WINDOWS])


@dataclass
class Batch:
    """Blocks of many documents laid end to end, with each row's document span."""

    blocks: list[Block]
    doc: np.ndarray      # document number of each row
    start: np.ndarray    # first row of the row's document
    end: np.ndarray      # one past the last row of the row's document
    _shifts: dict = field(default_factory=dict, repr=False)   # k -> (valid rows, sources)

    @classmethod
    def of(cls, docs: list[list[Block]]) -> "Batch":
        sizes = np.array([len(d) for d in docs], np.intp)
        doc = np.repeat(np.arange(len(docs)), sizes)
        bounds = np.concatenate([[0], np.cumsum(sizes)])
        return cls([b for d in docs for b in d], doc, bounds[:-1][doc], bounds[1:][doc])

    def __len__(self) -> int:
        return len(self.blocks)

    def shift(self, col: np.ndarray, k: int, fill: float = 0.0) -> np.ndarray:
        """``col`` of the row ``k`` places later (earlier if negative), in the same document."""
        if k not in self._shifts:
            idx = np.arange(len(col)) + k
            ok = (idx >= self.start) & (idx < self.end)
            self._shifts[k] = (ok, idx[ok])
        ok, src = self._shifts[k]
        out = np.full(len(col), fill, dtype=np.float64)
        out[ok] = col[src]
        return out

    def shift_many(self, cols: np.ndarray, offsets, fill: float = 0.0) -> np.ndarray:
        """``shift`` of every column of ``cols`` (rows x keys) by every offset, in one
        gather: the result is (rows, offsets, keys)."""
        n = len(cols)
        key = ("many", tuple(offsets))
        if key not in self._shifts:
            idx = np.arange(n)[:, None] + np.asarray(offsets)[None, :]
            ok = (idx >= self.start[:, None]) & (idx < self.end[:, None])
            self._shifts[key] = np.where(ok, idx, n)      # row n holds ``fill``
        padded = np.empty((n + 1, cols.shape[1]), np.float64)
        padded[:n] = cols
        padded[n] = fill
        return padded[self._shifts[key]]

    def window_means(self, cols: np.ndarray, windows) -> list[np.ndarray]:
        """Mean of every column of ``cols`` (rows x keys) over the rows within
        ``w`` places, clipped to the document, for each ``w`` of ``windows``.

        Sums of neighbouring rows, not differences of a running sum: a row's
        mean is then the same float whatever documents share its batch.
        """
        order = np.asarray(sorted(windows), np.int64)
        means = kernels.window_means(np.ascontiguousarray(cols, np.float64), self.start, self.end, order)
        by_w = dict(zip(order.tolist(), means))
        return [by_w[w] for w in windows]

    def window_mean(self, col: np.ndarray, w: int) -> np.ndarray:
        """Mean of ``col`` over rows within ``w`` places, clipped to the document."""
        cs = np.concatenate([[0.0], np.cumsum(col, dtype=np.float64)])
        i = np.arange(len(col))
        lo = np.maximum(i - w, self.start)
        hi = np.minimum(i + w + 1, self.end)
        return (cs[hi] - cs[lo]) / np.maximum(hi - lo, 1)

    def before(self, col: np.ndarray) -> np.ndarray:
        """Sum of ``col`` over the earlier rows of each row's document."""
        cs = np.concatenate([[0.0], np.cumsum(col, dtype=np.float64)])
        return cs[np.arange(len(col))] - cs[self.start]

    def after(self, col: np.ndarray) -> np.ndarray:
        """Sum of ``col`` over the later rows of each row's document."""
        cs = np.concatenate([[0.0], np.cumsum(col, dtype=np.float64)])
        return cs[self.end] - cs[np.arange(len(col)) + 1]

    def doc_total(self, col: np.ndarray) -> np.ndarray:
        cs = np.concatenate([[0.0], np.cumsum(col, dtype=np.float64)])
        return cs[self.end] - cs[self.start]


@dataclass
class LineText:
    """The blocks' texts one a line, as they are and lower-cased, as strings
    and as code points: made once per chunk, read by the lexicon and the features."""

    texts: list[str]
    low: str                # "\n".join(texts).lower()
    cp: np.ndarray          # code points of "\n".join(texts)
    low_cp: np.ndarray      # code points of ``low``

    @classmethod
    def of(cls, blocks: list[Block]) -> "LineText":
        texts = [b.text for b in blocks]
        joined = "\n".join(texts)
        low = joined.lower()
        return cls(texts, low, kernels.codepoints(joined), kernels.codepoints(low))


def lexicon_hits(blocks: list[Block], text: LineText | None = None) -> list[list[lexicon.Hit]]:
    """Phrase hits of each block (``text``: ``LineText.of(blocks)``, if the caller has it)."""
    if text is None:
        return lexicon.find_lines([b.text for b in blocks])
    return lexicon.find_lines(text.texts, text.low, text.low_cp)


def _base_rows(blocks: list[Block], hits: list[list[lexicon.Hit]], text: LineText,
               spans: list[tuple[int, int]]):
    """Own features of the blocks (repeats count within each document's ``spans``),
    and each block's number of characters."""
    n = len(blocks)
    cats = {c: j for j, c in enumerate(lexicon.CATEGORIES)}
    n_cat = len(cats)
    texts, cp, low = text.texts, text.cp, text.low_cp
    stats = _line_stats(cp, low, n).T
    n_chars, n_words, digits, upper, commas, pipes, ends_terminal, ends_colon, starts_upper, stop = stats
    _in_own_language(texts, spans, n_words, stop, ends_terminal)
    for i in np.flatnonzero(starts_upper < 0).tolist():   # a first character beyond the BMP
        starts_upper[i] = texts[i][:1].isupper()
    attrs = np.fromiter(chain.from_iterable(map(_ATTRS, blocks)), np.float64, 5 * n).reshape(n, 5)
    link_chars, n_links, heading, list_depth, blank = attrs.T
    raws = [b.raw for b in blocks]
    raw_len = np.fromiter(map(len, raws), np.float64, n)
    indented = np.array([r[:1] in " \t" for r in raws], np.float64)
    # Dates are short: only lines under 200 characters that hold a digit are searched.
    has_date = datelines.has_date(text.low, low, (digits > 0) & (n_chars < 200))
    # Lines repeated within their document, matched by a 64-bit hash (a
    # collision between two lines of one page is not a practical concern).
    bounds = np.array(spans, np.int64).reshape(-1, 2)
    repeat = kernels.repeats(kernels.line_hashes(cp, n), bounds[:, 0], bounds[:, 1])
    repeat_low = kernels.repeats(kernels.line_hashes(low, n), bounds[:, 0], bounds[:, 1])

    lex = np.zeros((n, n_cat))
    lex_start = np.zeros((n, n_cat))
    lex_short = np.zeros(n)
    for i in [i for i, hs in enumerate(hits) if hs]:   # most lines have no hit
        hs = hits[i]
        for h in hs:
            j = cats[h.category]
            lex[i, j] = 1.0
            if h.at_line_start:
                lex_start[i, j] = 1.0
        if lexicon.verdict(texts[i], hs) is not None:
            lex_short[i] = 1.0

    safe_words = np.maximum(n_words, 1)
    safe_chars = np.maximum(n_chars, 1)
    stop_density = stop / safe_words
    link_share = link_chars / safe_chars
    is_prose = ((n_words >= 10) & (stop_density >= 0.2) & (link_share < 0.5)).astype(np.float64)
    cols = [
        np.log1p(n_chars), np.log1p(n_words), n_chars / safe_words, stop_density, np.log1p(stop),
        link_share, np.log1p(n_links), n_links / safe_words, heading, (heading > 0) * 1.0,
        list_depth, (list_depth > 0) * 1.0, blank, ends_terminal, ends_colon, starts_upper,
        digits / safe_chars, upper / safe_chars, commas / safe_words, pipes, has_date, indented,
        1.0 - n_chars / np.maximum(raw_len, 1), is_prose, np.log1p(repeat), np.log1p(repeat_low),
        (n_words == 1) * 1.0,
    ]
    return cols + list(lex.T) + list(lex_start.T) + [lex_short], n_chars


_CHAR_CLASS = kernels.char_class(_TERMINAL, "|•·»›/")
_STOP_ALPHABET, _STOP_KEYS = kernels.stopword_keys(STOPWORDS)


def _line_stats(cp: np.ndarray, low: np.ndarray, n: int) -> np.ndarray:
    """``kernels.LINE_STATS`` of each of ``n`` texts (``cp``: their code points
    joined with newlines, ``low``: the same lower-cased): characters, words,
    digits, upper-case letters, commas, separators, ending and starting
    characters, and stopwords of the lower-cased line."""
    if not n:
        return np.zeros((0, len(kernels.LINE_STATS)))
    return kernels.line_stats(cp, low, _CHAR_CLASS, _STOP_ALPHABET, _STOP_KEYS, n)


@cache
def _stop_keys(lang: str) -> tuple[np.ndarray, np.ndarray]:
    return kernels.stopword_keys(STOPWORDS | OTHER_STOPWORDS[lang])


def _in_own_language(texts: list[str], spans: list[tuple[int, int]], n_words: np.ndarray,
                     stop: np.ndarray, ends_terminal: np.ndarray) -> None:
    """Recount (in place) each page written in a language other than the seven
    of ``STOPWORDS``: its stopwords with its own language's function words
    too (``OTHER_STOPWORDS``), and on a Chinese or Japanese page, written
    without spaces, its words and sentence ends as well (``_count_unspaced``).

    Only a page with few of ``STOPWORDS`` is guessed (from its longer lines),
    so a page in English or another of the seven keeps its counts: the models
    were trained on English pages, and their figures stay as measured.
    """
    for s, e in spans:
        if stop[s:e].sum() >= OWN_LANGUAGE_BELOW * n_words[s:e].sum():
            continue
        lang = detect_language("\n".join(t for t in texts[s:e] if len(t) >= 40))
        if lang in UNSPACED_FUNCTION_CHARS:
            _count_unspaced(texts[s:e], UNSPACED_FUNCTION_CHARS[lang], n_words[s:e], stop[s:e],
                            ends_terminal[s:e])
        elif lang == "ko":
            stop[s:e] = [_korean_function_words(t) for t in texts[s:e]]
        elif lang == "he":
            stop[s:e] = [_hebrew_function_words(t) for t in texts[s:e]]
        elif lang == "th":
            _count_thai(texts[s:e], n_words[s:e], stop[s:e])
        elif lang in OTHER_STOPWORDS:
            own = LineText.of([Block(0, t, t) for t in texts[s:e]])
            alphabet, keys = _stop_keys(lang)
            stop[s:e] = kernels.line_stats(own.cp, own.low_cp, _CHAR_CLASS, alphabet, keys, e - s)[:, 9]


# Korean writes its particles and endings on the word before ("도시에서", "말했다"):
# prose words end in them, menu items (nouns) mostly do not.
_KOREAN_ENDINGS = tuple("은는이가을를에의와과도로서만다고며면")


def _korean_function_words(text: str) -> int:
    """Words of a Korean line that are function words or end in a particle or ending.

    >>> _korean_function_words("시장은 개통식에서 이 다리가 중요하다고 말했다."), _korean_function_words("뉴스 정치 경제")
    (6, 0)
    """
    words = [w.strip(".,!?\"'()“”‘’") for w in text.split()]
    return sum(w in OTHER_STOPWORDS["ko"] or w.endswith(_KOREAN_ENDINGS) for w in words)


# Hebrew writes "and", "the" and "that" on the word after ("והעירייה", "הגשר",
# "שיחבר"): prose words open with them far more often than menu items do. A
# word of four letters or more, as the root under the prefix has three.
_HEBREW_PREFIXES = tuple("והש")


def _hebrew_function_words(text: str) -> int:
    """Words of a Hebrew line that are function words or open with a prefix.

    >>> _hebrew_function_words("ראש העיר אמר כי הגשר הוא צעד חשוב והעירייה שמחה"), _hebrew_function_words("חדשות ספורט תרבות")
    (6, 0)
    """
    words = [w.strip(".,!?\"'()“”‘’־-") for w in text.split()]
    return sum(w in OTHER_STOPWORDS["he"] or (len(w) >= 4 and w.startswith(_HEBREW_PREFIXES)) for w in words)


# Chinese and Japanese put no space between words. Their prose is dense in a few
# characters (particles, "的", "了"), menus are not; a word is about two characters.
UNSPACED_FUNCTION_CHARS = {
    "zh": frozenset("的了是在和有也就都而及与或这那我他她们你不上中对说将被把从到为以于之其等地得着过还又很会可要能个"),
    "ja": frozenset("のにはをがでともへや"),
}
_UNSPACED_ENDS = tuple("。！？」』）…")


def _count_unspaced(texts: list[str], function_chars: frozenset, n_words: np.ndarray, stop: np.ndarray,
                    ends_terminal: np.ndarray) -> None:
    """Words (two characters of Chinese or Japanese script each), function
    characters and sentence ends ("。") of ``texts``, in place.

    >>> n_words, stop, ends = np.ones(2), np.zeros(2), np.zeros(2)
    >>> _count_unspaced(["研究人员在太平洋深处发现了一种鱼。", "首页"], UNSPACED_FUNCTION_CHARS["zh"], n_words, stop, ends)
    >>> n_words.tolist(), stop.tolist(), ends.tolist()
    ([9.0, 2.0], [2.0, 0.0], [1.0, 0.0])
    """
    for i, t in enumerate(texts):
        script = len(UNSPACED_SCRIPT.findall(t))
        if script:
            n_words[i] += script // 2
            stop[i] += sum(c in function_chars for c in t)
            ends_terminal[i] = ends_terminal[i] or t.endswith(_UNSPACED_ENDS)


# Thai, unspaced too, is dense in a few function words, counted where they occur.
UNSPACED_LANGUAGES = frozenset(UNSPACED_FUNCTION_CHARS) | {"th"}
THAI_FUNCTION_WORDS = ("ที่", "และ", "ของ", "ใน", "เป็น", "ได้", "ว่า", "จะ", "มี", "การ", "ให้", "ไม่", "กับ",
                       "แล้ว", "นี้", "โดย", "ซึ่ง", "ก็", "คือ", "อยู่", "จาก", "เพื่อ", "แต่", "หรือ", "ความ")


def _count_thai(texts: list[str], n_words: np.ndarray, stop: np.ndarray) -> None:
    """Words (five code points of Thai script each) and function words of Thai
    ``texts``, in place. Function words are counted where they occur, inside
    longer words too ("การ" in "ราชการ"): prose holds several times more.

    >>> n_words, stop = np.ones(2), np.zeros(2)
    >>> _count_thai(["ผู้ว่าราชการกล่าวว่าสะพานนี้เป็นก้าวสำคัญ", "หน้าแรก"], n_words, stop)
    >>> n_words.tolist(), stop.tolist()
    ([9.0, 2.0], [5.0, 0.0])
    """
    for i, t in enumerate(texts):
        script = len(THAI_SCRIPT.findall(t))
        if script:
            n_words[i] += script // 5
            stop[i] += _thai_function_words(t)


def _thai_function_words(text: str) -> int:
    """Occurrences of Thai function words in ``text``, inside longer words too."""
    return sum(text.count(w) for w in THAI_FUNCTION_WORDS)


_TOKEN = re.compile(r"\w+")


def function_word_share(text: str, lang: str) -> float:
    """Share of ``text``'s words that are function words of ``lang``, counted
    as the text features count them on a page in that language.

    >>> function_word_share("De burgemeester zei dat de brug een belangrijke stap is", "nl")
    0.5
    >>> function_word_share("首页 新闻 体育", "zh"), round(function_word_share("研究人员在太平洋深处发现了一种鱼。", "zh"), 2)
    (0.0, 0.22)
    """
    if lang in UNSPACED_FUNCTION_CHARS:
        words, found = word_count(text), sum(c in UNSPACED_FUNCTION_CHARS[lang] for c in text)
    elif lang == "th":
        words, found = word_count(text), _thai_function_words(text)
    elif lang == "ko":
        words, found = len(text.split()), _korean_function_words(text)
    elif lang == "he":
        words, found = len(text.split()), _hebrew_function_words(text)
    else:
        own = STOPWORDS | OTHER_STOPWORDS[lang] if lang in OTHER_STOPWORDS else STOPWORDS
        tokens = _TOKEN.findall(text.lower())
        words, found = len(tokens), sum(t in own for t in tokens)
    return found / max(words, 1)


def _main_region(batch: Batch, score: np.ndarray):
    """The run of blocks with the highest total ``score`` (max-subarray per
    document). Returns (first, last) row of each row's region."""
    spans = np.array(_doc_spans(batch), np.int64).reshape(-1, 2)
    return kernels.main_region(np.ascontiguousarray(score, np.float64), spans[:, 0], spans[:, 1])


def stage1_matrix(batch: Batch, hits: list[list[lexicon.Hit]] | None = None,
                  text: LineText | None = None, words: "wordscore.WordScore | None" = None):
    """Features of every block of ``batch``: own, position, neighbours, windows,
    and, given a model's ``words``, the word score's columns (``word_columns``).

    A page gets exactly the same numbers in a batch (training,
    ``classify_many``) as alone: whatever crosses rows stays inside the
    row's document and is exact (integer-valued running sums, windows summed
    row by row, repeats counted per document).
    ``text``: ``LineText.of(batch.blocks)``, if the caller has it.
    """
    docs_hits = hits
    if docs_hits is None:
        docs_hits = []
        for s, e in _doc_spans(batch):
            docs_hits += lexicon_hits(batch.blocks[s:e])
    text = text or LineText.of(batch.blocks)
    if len(batch):
        base, chars = _base_rows(batch.blocks, docs_hits, text, _doc_spans(batch))
    else:
        base, chars = [np.zeros(0)] * len(BASE), np.zeros(0)
    col = dict(zip(BASE, base))
    n = len(batch)
    i = np.arange(n, dtype=np.float64)
    size = (batch.end - batch.start).astype(np.float64)
    pos = i - batch.start
    pos_end = batch.end - 1 - i
    prose_chars = chars * col["is_prose"]
    total_chars = np.maximum(batch.doc_total(chars), 1)
    total_prose = np.maximum(batch.doc_total(prose_chars), 1)
    # Two views of the main text: a strict one where every non-prose line costs,
    # and a lenient one where only link-heavy lines do (articles full of
    # headings, lists and tables).
    capped = np.minimum(chars, 600.0)
    strict = np.where(col["is_prose"] > 0, capped, -60.0)
    lenient = np.where(col["is_prose"] > 0, capped,
                       np.where(col["link_share"] >= 0.5, -50.0, -3.0))
    first, last = _main_region(batch, strict) if n else (i, i)
    first2, last2 = _main_region(batch, lenient) if n else (i, i)
    dist2 = np.where(i < first2, i - first2, np.where(i > last2, i - last2, 0.0))
    in_region = ((i >= first) & (i <= last)) * 1.0
    dist = np.where(i < first, i - first, np.where(i > last, i - last, 0.0))
    region_len = np.maximum(last - first + 1, 1)
    region_chars = np.zeros(n)
    if n:
        cs = np.concatenate([[0.0], np.cumsum(chars)])
        region_chars = cs[last + 1] - cs[first]
    doc_max = np.zeros(n)
    if n:
        doc_max = np.zeros(int(batch.doc[-1]) + 1)
        np.maximum.at(doc_max, batch.doc, chars)
        doc_max = doc_max[batch.doc]
    verdict = col["lex_verdict"]
    prose_before = batch.before(prose_chars)
    prose_after = batch.after(prose_chars)
    position = [
        pos / size, pos_end / size, np.log1p(pos), np.log1p(pos_end), np.log1p(size),
        np.log(total_chars), batch.before(chars) / total_chars, prose_before / total_prose,
        prose_after / total_prose, in_region, np.clip(dist, -50, 50),
        np.sign(dist) * np.log1p(np.abs(dist)), (i - first) / region_len,
        np.log1p(region_chars), region_chars / total_chars, chars / np.maximum(doc_max, 1),
        (chars >= doc_max) * 1.0,
        ((i > last) & (prose_after < 1)) * 1.0, ((i < first) & (prose_before < 1)) * 1.0,
        np.log1p(batch.before(verdict * (i >= first))), np.log1p(batch.after(verdict)),
        ((i >= first2) & (i <= last2)) * 1.0, np.sign(dist2) * np.log1p(np.abs(dist2)),
        (i - first2) / np.maximum(last2 - first2 + 1, 1),
    ]
    head = base + position
    shifted = batch.shift_many(np.column_stack([col[k] for k in CONTEXT_KEYS]), OFFSETS, -1.0)
    # The word score's windows come out of the same pass as the other windows' (same floats).
    score = [] if words is None or not n else [words.score(*wordscore.term_lists(text.low_cp, n))]
    windowed = batch.window_means(
        np.column_stack([col[k] for k in WINDOW_KEYS] + [prose_chars] + score), WINDOWS)
    n_head, n_shift = len(head), len(CONTEXT_KEYS) * len(OFFSETS)
    n_win = len(WINDOW_KEYS)
    # Column-major: each feature is written, and later read by the trees, as one run.
    n_words = len(WORD_NAMES) if words is not None else 0
    X = np.empty((n, n_head + n_shift + (n_win + 1) * len(WINDOWS) + n_words), np.float64,
                 order="F")
    for j, c in enumerate(head):
        X[:, j] = c
    # (row, offset, key) -> key-major columns "key@offset"
    X[:, n_head:n_head + n_shift] = shifted.transpose(0, 2, 1).reshape(n, n_shift)
    at = n_head + n_shift
    for k, m in enumerate(windowed):   # columns "key~w": key-major, then window
        X[:, at + k:at + k + n_win * len(WINDOWS):len(WINDOWS)] = m[:, :n_win]
    at += n_win * len(WINDOWS)
    X[:, at:at + len(WINDOWS)] = np.log1p(np.column_stack([m[:, n_win] for m in windowed]))
    if words is None:
        return X, STAGE1_NAMES
    if n:
        means = [windowed[WINDOWS.index(w)][:, -1] for w in WORD_WINDOWS]
        X[:, -n_words:] = word_columns(batch, score[0], means)
    return X, STAGE1_NAMES + WORD_NAMES


def word_columns(batch: Batch, score: np.ndarray, means: list[np.ndarray] | None = None):
    """The ``WORD_NAMES`` columns: each row's word score, its neighbours'
    (0 past the document's ends) and its means over ``WORD_WINDOWS`` in the same
    document (``means``, if the caller has them)."""
    col = np.ascontiguousarray(score, np.float64)[:, None]
    shifted = batch.shift_many(col, WORD_OFFSETS, 0.0)[:, :, 0]
    if means is None:
        means = [m[:, 0] for m in batch.window_means(col, WORD_WINDOWS)]
    return np.column_stack([score, shifted] + means)


def _doc_spans(batch: Batch):
    if not len(batch):
        return []
    n_docs = int(batch.doc[-1]) + 1
    starts = np.searchsorted(batch.doc, np.arange(n_docs), side="left")
    ends = np.searchsorted(batch.doc, np.arange(n_docs), side="right")
    return list(zip(starts.tolist(), ends.tolist()))


P_OFFSETS = (-4, -3, -2, -1, 1, 2, 3, 4)
P_WINDOWS = (2, 5, 12, 30)


def stage2_matrix(batch: Batch, X1: np.ndarray, names1: list[str], p: np.ndarray):
    """Stage-1 features plus the neighbourhood of stage-1 article probabilities."""
    chars = np.expm1(X1[:, names1.index("log_chars")])
    high = (p > 0.5) * 1.0
    high_chars = chars * high
    total_high = np.maximum(batch.doc_total(high_chars), 1)
    i = np.arange(len(p))
    cols, names = [p], ["p"]
    for k in P_OFFSETS:
        cols.append(batch.shift(p, k, fill=-1.0))
        names.append(f"p@{k:+d}")
    for w in P_WINDOWS:
        cols.append(batch.window_mean(p, w))
        names.append(f"p~{w}")
    before = batch.before(high_chars)
    after = batch.after(high_chars)
    # Rows since the last / until the next confident article block.
    last_high = _last_index(high, batch)
    next_high = _next_index(high, batch)
    cols += [before / total_high, after / total_high, np.log1p(before), np.log1p(after),
             np.log1p(total_high), np.clip(i - last_high, 0, 200), np.clip(next_high - i, 0, 200),
             batch.doc_total(high) / np.maximum(batch.end - batch.start, 1)]
    names += ["p_share_before", "p_share_after", "p_chars_before", "p_chars_after",
              "p_total_chars", "since_article", "until_article", "p_doc_share"]
    X2 = np.column_stack([X1] + cols)
    return X2, names1 + names


def _last_index(flag: np.ndarray, batch: Batch) -> np.ndarray:
    """Row of the most recent flagged row before each row (doc start - 200 if none)."""
    idx = np.where(flag > 0, np.arange(len(flag)), -1)
    prev = np.maximum.accumulate(np.concatenate([[-1], idx[:-1]])) if len(flag) else idx
    return np.where(prev >= batch.start, prev, batch.start - 200)


def _next_index(flag: np.ndarray, batch: Batch) -> np.ndarray:
    """Row of the next flagged row after each row (doc end + 200 if none)."""
    n = len(flag)
    idx = np.where(flag > 0, np.arange(n), n + 10**6)
    nxt = np.minimum.accumulate(np.concatenate([idx[1:], [n + 10**6]])[::-1])[::-1] if n else idx
    return np.where(nxt < batch.end, nxt, batch.end + 200)
