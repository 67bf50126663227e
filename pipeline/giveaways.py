"""Lines one pattern gives away, dropped after the model has decided.

A picture's credit ("Photo by Caleb Oquendo"), a share button, an embedded
post's caption, a link to a full review, a table of contents' label, a shop's
button, a comment's "<name> says: <date>", a form's consent notice, a caption
pointing at its picture ("Above: ..."), an unrendered shortcode, an address
hidden by email protection, template placeholder text. As phrase-lexicon
entries (which the text model's context features read on the neighbouring
lines too) these cost more than they gained; applied to the kept lines after
the model, on text and on HTML, they gain (README, "Rules after the model").
"""
from __future__ import annotations

import re

import numpy as np

from . import features, kernels
from .record import Block
from .userrules import Rule, match_rules


_GIVEAWAY = re.compile(
    # a picture's credit: "Photo by Caleb Oquendo", "Image Credit: ... / Shutterstock", "Credits:"
    r"^(?:(?P<credit>(?:photo(?:graph)?|image|picture|illustration|video|header|featured image|cover)s?"
    r"\s{0,2}(?:credits?|courtesy|by|via|source)\b|credits?\s{0,2}:"
    r"|source\s{0,2}:\s{0,2}(?:getty|shutterstock|unsplash|pexels|istock|adobe))"
    # "Click to share on Bluesky (Opens in new window)"
    r"|(?P<share>click to (?:share|print|email)\b)"
    # an embedded post's caption: "A post shared by Patagonia (@patagonia)"
    r"|(?P<embed>>?\s?a post shared by\b)"
    # a review roundup's link to one review: "Read our full YouTube TV review"
    r"|(?P<review>read (?:our|the) full\b.{1,60}\breview$)"
    # a table of contents' label: "Table of Contents", "In this article:"
    r"|(?P<toc>(?:table of contents|contents|in this article|jump to|on this page)\s{0,2}:?$)"
    # a shop's button: "Buy on Amazon", "Check Price at Backcountry", "Get a free estimate"
    r"|(?P<shop>(?:buy|view|shop|see it)\s(?:it\s)?(?:now\s)?(?:on|at|from)\s|buy now\b|where to buy$|best prices today"
    r"|check (?:the\s)?(?:latest\s)?(?:price|prices|availability)\b|check amazon\b|check their rates"
    r"|get a (?:free\s)?(?:quote|estimate)\b))", re.IGNORECASE)
_GIVEAWAY_WHY = {"credit": ("caption", "a picture's credit on a line of its own"),
                 "share": ("share", "a share button"),
                 "embed": ("caption", "an embedded post's caption"),
                 "review": ("related", "a link to a full review"),
                 "toc": ("navigation", "a table of contents' label"),
                 "shop": ("advert", "a shop's button")}
# "Balu says: December 19, 2025 at 14:10 About time ...": a comment thread's entry,
# its poster and its date ("The mayor says: the bridge ..." is the article's).
COMMENT_HEAD = re.compile(r"^\S[^:]{0,40}\ssays:\s{0,3}(?:$|[A-Za-z]{3,9}\.?\s\d{1,2},?\s\d{4}"
                           r"|\d{1,2}\.?\s[A-Za-z]{3,9}\.?\s\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})")
# "By signing up, you agree to receive ...", "By clicking Subscribe you consent to ...":
# a form's fine print, however long.
_CONSENT = re.compile(r"^by (?:signing(?: up)?|submitting|clicking|subscribing|entering|providing|registering"
                      r"|continuing|checking|opting|completing|sharing|tapping|pressing|proceeding|creating)\b"
                      r"[^.]{0,120}?\b(?:you|i)\s(?:also\s|hereby\s)?(?:agree|consent|acknowledge|authori[sz]e"
                      r"|confirm|accept|understand)", re.IGNORECASE)
_CONSENT_WHY = ("legal", "a form's consent notice ('By signing up, you agree ...')")
# "Above: The winter seed heads of purple coneflowers on the High Line.": a
# picture's caption pointing at it, however long.
_CAPTION_ABOVE = re.compile(r"^above\s{0,2}:\s", re.IGNORECASE)
_CAPTION_ABOVE_WHY = ("caption", "a picture's caption ('Above: ...')")
# A line that is one unrendered shortcode of a site's template ("[post-views]",
# "[forminator_form id="2543"]") or an address its email protection hid.
_SHORTCODE = re.compile(r"^\[/?(?:[a-z][a-z0-9]*(?:[_-][a-z0-9]+)+|[a-z][a-z0-9_-]{1,40}\s[^\]=]{0,60}=[^\]]{0,400})\]$",
                        re.IGNORECASE)
_SHORTCODE_WHY = ("placeholder", "an unrendered shortcode of the site's template ('[post-views]')")
_HIDDEN_EMAIL = "[email protected]"
_HIDDEN_EMAIL_WHY = ("contact", "an email address the site hid ('[email protected]')")
# A caption that closes with its picture's credit ("The Darien is one of the most
# comfortable hammocks. – Photo Credit: Taylor Passofaro"); prose says "photo by".
_CREDIT_AFTER = re.compile(r"\b(?:photo|image|picture)s?\s{0,2}credits?\s{0,2}[:\-–—]", re.IGNORECASE)
_CREDIT_AFTER_WHY = ("caption", "a picture's caption, closing with its credit ('... Photo credit: ...')")
CAPTION_WORDS = 60
_PLACEHOLDER = "lorem ipsum"
_PLACEHOLDER_WHY = ("placeholder", "template placeholder text ('Lorem ipsum')")
# What the giveaway patterns and comment headers need a line to hold; the
# chunk's lines are sifted for all of them in one pass.
GIVEAWAY_NEEDLES = (" says:", _PLACEHOLDER, "credit")


# The first three characters (lower-cased) of any line _GIVEAWAY matches, as
# packed code points: whole chunks are sifted by them in numpy, and only the
# few lines left see the regex (~0.5 us a line in Python).
_GIVEAWAY_STARTS = np.array(sorted(ord(a) << 42 | ord(b) << 21 | ord(c) for a, b, c in
                                   "pho ima pic ill vid hea fea cov cre sou cli rea tab con jum buy vie sho whe bes "
                                   "che get".split() + ["see", "in ", "on ", "a p", "> a", ">a "]), np.int64)
_CONSENT_START = ord("b") << 42 | ord("y") << 21 | ord(" ")     # consent notices, of any length
_ANY_LENGTH_STARTS = np.array([_CONSENT_START, ord("a") << 42 | ord("b") << 21 | ord("o")], np.int64)  # and "Above:"


def giveaway_rows(text: features.LineText, held: dict[str, np.ndarray] | None = None) -> list[int]:
    """Rows of the chunk that ``drop_giveaways`` may drop: short lines opening
    with one of ``_GIVEAWAY_STARTS``, lines opening with "By " or "Abo", and
    lines holding one of ``GIVEAWAY_NEEDLES`` (``held``: which lines hold each
    needle, ``kernels.lines_holding``'s rows by needle, if the caller has them)."""
    cp = text.low_cp
    if not len(cp):
        return []
    breaks = kernels.line_breaks(cp)
    starts = np.concatenate(([0], breaks + 1))
    ends = np.append(breaks, len(cp))
    last = len(cp) - 1
    heads = (cp[np.minimum(starts, last)].astype(np.int64) << 42
             | cp[np.minimum(starts + 1, last)].astype(np.int64) << 21 | cp[np.minimum(starts + 2, last)])
    rows = set(np.flatnonzero((((ends - starts) <= 120) & np.isin(heads, _GIVEAWAY_STARTS))
                              | np.isin(heads, _ANY_LENGTH_STARTS)).tolist())
    # Lines in square brackets, for ``_SHORTCODE``.
    rows.update(np.flatnonzero((cp[np.minimum(starts, last)] == 91) & (cp[np.maximum(ends - 1, 0)] == 93)).tolist())
    if held is None:
        held = dict(zip(GIVEAWAY_NEEDLES, kernels.lines_holding(cp, GIVEAWAY_NEEDLES)))
    rows.update(lines_with(held, GIVEAWAY_NEEDLES))
    return sorted(rows)


def lines_with(held: dict[str, np.ndarray], needles) -> list[int]:
    """Rows holding any of ``needles``, ascending (``held``: which lines hold
    each needle, ``kernels.lines_holding``'s rows by needle)."""
    return np.flatnonzero(np.logical_or.reduce([held[n] for n in needles])).tolist()


def drop_giveaways(blocks: list[Block], rules: list[Rule] | None = None, site: str | None = None) -> None:
    """Drop kept blocks of template placeholder text and the lines one pattern
    gives away (``giveaway``); a line a user rule matches is left as decided."""
    for b in blocks:
        if not b.keep:
            continue
        why = _PLACEHOLDER_WHY if _PLACEHOLDER in b.text.lower() else giveaway(b.text)
        if why and not (rules and match_rules(rules, b.text, site)):
            b.drop(*why)


def giveaway(text: str) -> tuple[str, str] | None:
    """``(category, reason)`` if one pattern gives the line away.

    >>> giveaway("Photo by Caleb Oquendo"), giveaway("Balu says: December 19, 2025 at 14:10 Great!")
    (('caption', "a picture's credit on a line of its own"), ('comment', "a comment: '<name> says:'"))
    >>> giveaway("The mayor says: the bridge opens in May.") is None
    True
    >>> giveaway("By clicking Subscribe you consent to Example Inc. processing your data.")
    ('legal', "a form's consent notice ('By signing up, you agree ...')")
    >>> giveaway("By submitting the bill in May, the senator said, she had agreed to wait.") is None
    True
    >>> giveaway("Above: A native tulip tree grows in Washington Square Park.")
    ('caption', "a picture's caption ('Above: ...')")
    """
    if len(text) <= 120:
        m = _GIVEAWAY.match(text)
        if m:
            return _GIVEAWAY_WHY[m.lastgroup]
    if " says:" in text and COMMENT_HEAD.match(text):
        return "comment", "a comment: '<name> says:'"
    if _CONSENT.match(text):
        return _CONSENT_WHY
    if _CAPTION_ABOVE.match(text):
        return _CAPTION_ABOVE_WHY
    if text.count(" ") < CAPTION_WORDS and _CREDIT_AFTER.search(text):
        return _CREDIT_AFTER_WHY
    if text[:1] == "[" and text[-1:] == "]":
        if " ".join(text.split()).lower() == _HIDDEN_EMAIL:     # (its space is often a no-break space)
            return _HIDDEN_EMAIL_WHY
        if _SHORTCODE.match(text):
            return _SHORTCODE_WHY
    return None
