"""Extract an article's main text from its HTML.

``extract_html_body`` returns one paragraph, heading or list item per line with
blank lines between them, the shape ``segment_text`` expects. The page is cut
into blocks (``html_features``), a small gradient-boosted model
(``htmlmodel``, trained by ``scripts/train_html_model.py``) keeps the article
blocks, and trafilatura is the fallback when the model is missing or keeps
(almost) nothing. Repeated long blocks are kept once.

>>> html = ("<html><head><title>Budget approved</title></head><body>"
...         "<nav><a href='/'>Home</a> <a href='/n'>News</a></nav>"
...         "<article><h1>Budget approved</h1>"
...         "<p>The council approved the new budget on Monday after a long debate.</p>"
...         "<p>Residents will see lower fees for waste collection from next year.</p></article>"
...         "<footer>Copyright 2024 Example</footer></body></html>")
>>> text = extract_html_body(html)
>>> "Home" in text, "Copyright" in text, "debate.\\n\\nResidents will see" in text
(False, False, True)
"""
from __future__ import annotations

import numpy as np

from .html_features import context_features, page_blocks
from .htmlmodel import load_model

# Pages larger than this are cut before parsing: article text sits in the
# first megabytes, and a runaway page must not stall a batch.
MAX_HTML_CHARS = 5_000_000
# Repeated blocks at least this long are kept once (see ``compose``).
DEDUP_MIN_WORDS = 8


def compose(texts) -> str:
    """Join kept block texts into blank-line separated lines.

    A long block seen before is dropped: pages often carry the article twice
    (mobile and desktop copies, sticky summaries), the gold text only once.

    >>> compose(["One.", "Two.", "One."])
    'One.\\n\\nTwo.\\n\\nOne.'
    >>> long = "a b c d e f g h i"
    >>> compose([long, "x", long]) == long + "\\n\\nx"
    True
    """
    seen: set[str] = set()
    out: list[str] = []
    for t in texts:
        if not t:
            continue
        if t.count(" ") >= DEDUP_MIN_WORDS - 1:
            if t in seen:
                continue
            seen.add(t)
        out.append(t)
    return "\n\n".join(out)


def _trafilatura(html: str, url: str | None) -> str:
    try:
        import trafilatura
        text = trafilatura.extract(html, url=url, include_comments=False) or ""
    except Exception:  # broken markup must not stop a batch
        return ""
    # trafilatura separates paragraphs by single newlines; the segmenter wants
    # blank lines so every block starts a new paragraph.
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


def extract_html_body(html: str, url: str | None = None) -> str:
    """Return the main text of ``html`` as blank-line separated lines, or ""."""
    if not html or not html.strip():
        return ""
    if len(html) > MAX_HTML_CHARS:
        html = html[:MAX_HTML_CHARS]
    model = load_model()
    if model is None:
        return _trafilatura(html, url)
    try:
        page = page_blocks(html)
    except Exception:  # selectolax copes with nearly anything; be safe anyway
        return _trafilatura(html, url)
    if not page.blocks:
        return ""
    paths = [b.path for b in page.blocks]
    words = [len(b.text.split()) for b in page.blocks]
    proba = model.predict_proba(np.asarray(page.features),
                                lambda p: context_features(paths, words, p))
    kept = [b.text for b, p in zip(page.blocks, proba) if p >= model.threshold]
    text = compose(kept)
    if len(text.split()) < 10:
        # The model found no article; trafilatura's heuristics may still.
        alt = _trafilatura(html, url)
        if len(alt) > len(text):
            return alt
    return text
