"""Front matter and reader headers: the page's own metadata, in fields, not in the body."""
from __future__ import annotations

import json
import time

from pipeline.clean import clean_document
from pipeline.frontmatter import read_front_matter
from pipeline.read import record_to_document
from pipeline.record import Document

STORY = """The harbour reopened on Tuesday after three months of repairs to the breakwater, which was badly damaged in the January storms. Ferries resumed their normal timetable at dawn.

Local fishermen said the closure had cost them most of the winter season. "We have been waiting for this day since January," said one skipper, who asked not to be named.

The council said the repairs cost 4.2 million pounds, most of it paid by a national resilience fund. Further work on the sea wall is planned for the autumn.
"""

YAML_PAGE = """---
layout: post
title: "Harbour reopens after storm repairs"
authors:
  - Jane Doe
  - Tom Bell
date: 2024-03-05T09:30:00+01:00
lastmod: 2024-03-07
categories: news
tags:
  - harbour
  - storms
description: The harbour reopened on Tuesday after repairs.
---

""" + STORY


def _clean(text: str, **hints) -> Document:
    return clean_document(Document(source="post.md", content=text, hints=dict(hints)))


def test_yaml_front_matter_fills_the_fields_and_leaves_the_body():
    doc = _clean(YAML_PAGE)
    meta = doc.meta
    assert meta.title == "Harbour reopens after storm repairs"
    assert meta.authors == ["Jane Doe", "Tom Bell"]
    assert meta.published == "2024-03-05T09:30:00+01:00" and meta.modified == "2024-03-07"
    assert meta.section == "news" and meta.tags == ["harbour", "storms"]
    assert doc.body == STORY.strip()
    removed = doc.to_record()["removed"]
    assert len(removed) == 14 and {r["category"] for r in removed} == {"metadata"}
    assert all(r["reason"].startswith("YAML front matter") for r in removed)


def test_lines_are_numbered_across_the_front_matter():
    doc = _clean(YAML_PAGE)
    assert [b.index for b in doc.blocks] == list(range(len(doc.blocks)))


def test_toml_front_matter():
    doc = _clean("+++\ntitle = 'Ferries return'\ndate = 2024-03-05\nauthor = 'Jane Doe'\n+++\n" + STORY)
    assert (doc.meta.title, doc.meta.published, doc.meta.authors) == ("Ferries return", "2024-03-05", ["Jane Doe"])
    assert doc.body == STORY.strip()


def test_reader_header():
    page = ("Title: Harbour reopens after storm repairs\n\nURL Source: https://gazette.example/harbour\n\n"
            "Published Time: 2024-03-05T09:30:00Z\n\nMarkdown Content:\n" + STORY)
    doc = _clean(page)
    assert doc.meta.title == "Harbour reopens after storm repairs"
    assert doc.meta.url == "https://gazette.example/harbour"
    assert doc.meta.published == "2024-03-05T09:30:00+00:00"
    assert doc.body == STORY.strip()
    assert all(r.reason.startswith("reader header") for r in doc.removed)


def test_a_page_that_opens_with_a_rule_is_not_front_matter():
    page = "---\n\nA short note before the story.\n\n---\n\n" + STORY
    assert read_front_matter(page) is None
    doc = _clean(page)
    assert STORY.split("\n")[0] in doc.body
    assert not any("front matter" in (b.reason or "") for b in doc.blocks)


def test_broken_or_unclosed_front_matter_is_read_as_text():
    assert read_front_matter("---\ntitle: [unclosed\n---\n" + STORY) is None
    assert read_front_matter("---\ntitle: Never closed\n" + STORY) is None
    assert read_front_matter("Title: Ferries\nSome prose line that is no header.\n" + STORY) is None
    assert read_front_matter("---\n- a\n- list\n---\n" + STORY) is None      # not a mapping
    assert _clean("---\ntitle: [unclosed\n---\n" + STORY).body.endswith(STORY.strip()[-40:])


def test_hostile_front_matter_costs_little():
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)) + "title: t\n---\n"
    nested = "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n"
    for page in (bomb, nested, "---\n" + "k: v\n" * 100_000):
        started = time.process_time()
        read_front_matter(page + STORY)
        assert time.process_time() - started < 1.0


def test_an_exports_own_fields_win_and_its_dates_are_iso():
    item = {"text": YAML_PAGE, "title": "Export title", "date": "March 6, 2024"}
    doc = clean_document(record_to_document("export.jsonl#L1", item))
    assert doc.meta.title == "Export title"
    assert doc.meta.published == "2024-03-06"          # the export's date, as ISO 8601
    assert doc.meta.authors == ["Jane Doe", "Tom Bell"]  # from the front matter
    unreadable = clean_document(record_to_document("x#L1", {"text": "Posted March 1, 2024\n\n" + STORY,
                                                            "date": "sometime"}))
    assert unreadable.meta.published == "2024-03-01"     # an unreadable hint leaves the page's date


def test_the_record_carries_the_front_matter_fields():
    record = _clean(YAML_PAGE).to_record()
    assert json.loads(json.dumps(record))["tags"] == ["harbour", "storms"]
    assert "description:" not in record["text"] and "storms" not in record["text"].split()


def test_an_exports_author_field_gets_the_person_names_policy():
    doc = clean_document(record_to_document("x#L1", {"text": STORY, "author": "By Jane Doe, Staff Writer"}))
    assert doc.meta.authors == ["Jane Doe"]
    doc = clean_document(record_to_document("x#L1", {"text": STORY, "authors": ["Jane Doe", "Tom Bell"]}))
    assert doc.meta.authors == ["Jane Doe", "Tom Bell"]
    page = "# Harbour reopens\n\nBy Ann Lee\n\n" + STORY
    doc = clean_document(record_to_document("x#L1", {"text": page, "author": "Staff report"}))
    assert doc.meta.authors == ["Ann Lee"]          # no name in the field: the page's byline stands


def test_an_exports_title_tag_gives_way_to_the_pages_headline():
    page = "# Harbour reopens after storm repairs\n\n" + STORY
    item = {"text": page, "title": "Harbour reopens after storm repairs | Northern Gazette"}
    assert clean_document(record_to_document("x#L1", item)).meta.title == "Harbour reopens after storm repairs"
    item = {"text": page, "title": "Ferries are back"}          # another title: the export's word stands
    assert clean_document(record_to_document("x#L1", item)).meta.title == "Ferries are back"
    html = ("<html><head><title>Harbour reopens | Gazette</title></head><body><article><h1>Harbour reopens</h1>"
            + "".join(f"<p>{p}</p>" for p in STORY.split("\n\n")) + "</article></body></html>")
    item = {"html": html, "title": "Harbour reopens - Gazette"}
    assert clean_document(record_to_document("x#L1", item)).meta.title == "Harbour reopens"


def test_a_stated_language_becomes_an_iso_code():
    for stated, expected in (("en-US", "en"), ("pt_BR", "pt"), ("Deutsch", "de"), ("Klingon", "en")):
        doc = clean_document(record_to_document("x#L1", {"text": STORY, "language": stated}))
        assert doc.meta.language == expected, stated        # an unknown one: the text's own language
    assert _clean("---\ntitle: Fähren\nlang: de-DE\n---\n" + STORY).meta.language == "de"


def test_an_exports_title_tag_loses_the_sites_name_when_the_page_has_no_headline():
    item = {"text": STORY, "title": "Harbour reopens after storm repairs | Northern Gazette"}
    assert clean_document(record_to_document("x#L1", item)).meta.title == "Harbour reopens after storm repairs"
    item = {"text": STORY, "title": "Northern Gazette | Harbour reopens", "site_name": "Northern Gazette"}
    assert clean_document(record_to_document("x#L1", item)).meta.title == "Harbour reopens"
    item = {"text": STORY, "title": "Harbour reopens – and what it means for ferries"}
    assert clean_document(record_to_document("x#L1", item)).meta.title == item["title"]


def test_hugos_json_front_matter_fills_the_fields_and_leaves_the_body():
    page = '{\n  "title": "Harbour reopens",\n  "date": "2024-03-05T08:00:00Z",\n  "tags": ["harbour"]\n}\n\n' + STORY
    doc = _clean(page)
    assert (doc.meta.title, doc.meta.published, doc.meta.tags) == ("Harbour reopens", "2024-03-05T08:00:00+00:00",
                                                                  ["harbour"])
    assert doc.body.startswith("The harbour reopened") and "{" not in doc.body
    assert {b.category for b in doc.removed if '"title"' in b.text} == {"metadata"}
    # A JSON object with nothing below it is no front matter: it stays the page's text.
    assert read_front_matter('{"title": "Harbour reopens"}\n') is None
