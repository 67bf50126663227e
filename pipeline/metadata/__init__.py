"""Metadata extraction: title, authors, dates, site, URL and language.

``extract_html_metadata(html, url)`` reads a page's markup;
``extract_text_metadata(blocks, hints)`` reads the header lines of scraped text
and says which blocks are metadata lines; ``detect_language(text)`` guesses the
ISO 639-1 code of a text; ``biography_lines(blocks, authors)`` finds the
paragraphs of an author box that introduce the authors.
"""
from __future__ import annotations

from .bylines import biography_lines
from .html import extract_html_metadata
from .language import detect_language
from .text import extract_text_metadata, header_lines

__all__ = ["extract_html_metadata", "extract_text_metadata", "detect_language", "biography_lines",
           "header_lines"]
