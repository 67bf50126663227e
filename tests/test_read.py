import gzip
import json

from pipeline.read import Reject, discover, input_kind, read_documents
from pipeline.record import Document


def _all(raw, rel):
    return list(read_documents(raw, rel))


def test_discover_is_recursive_sorted_and_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("x")
    (tmp_path / "a.html").write_text("x")
    (tmp_path / ".partial.txt").write_text("x")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "c.txt").write_text("x")
    assert discover(tmp_path) == ["a.html", "b/z.txt"]


def test_input_kinds():
    assert [input_kind(n) for n in ["a.txt", "a.md", "a.htm", "a.json", "a.jsonl.gz", "a.warc.gz", "a.exe"]] == \
        ["text", "text", "html", "records", "records", "warc", None]


def test_json_lines_keep_good_records_and_reject_bad_lines(tmp_path):
    lines = [json.dumps({"url": "https://x.example/1", "text": "Hello there."}), "{not json",
             json.dumps({"url": "https://x.example/2"}), json.dumps(["a list"]),
             json.dumps({"html": "<p>Hi</p>", "title": "T"})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    items = _all(tmp_path, "feed.jsonl")
    assert [type(i).__name__ for i in items] == ["Document", "Reject", "Reject", "Reject", "Document"]
    assert items[0].source == "feed.jsonl#L1" and items[0].hints["url"] == "https://x.example/1"
    assert items[4].format == "html" and items[4].hints["title"] == "T"
    assert "malformed JSON" in items[1].error and "no non-empty" in items[2].error


def test_json_array_documents_get_index_locators(tmp_path):
    (tmp_path / "pages.json").write_text(json.dumps([{"text": "one"}, {"text": "two"}]))
    assert [d.source for d in _all(tmp_path, "pages.json")] == ["pages.json#0", "pages.json#1"]


def test_gzip_and_truncated_gzip(tmp_path):
    data = gzip.compress("Some article text.".encode())
    (tmp_path / "ok.txt.gz").write_bytes(data)
    (tmp_path / "cut.txt.gz").write_bytes(data[: len(data) // 2])
    [ok] = _all(tmp_path, "ok.txt.gz")
    assert isinstance(ok, Document) and ok.content == "Some article text."
    [cut] = _all(tmp_path, "cut.txt.gz")
    assert isinstance(cut, Reject) and "gzip" in cut.error


def test_symlink_out_of_raw_dir_is_not_followed(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("private words")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "link.txt").symlink_to(outside)
    [item] = _all(raw, "link.txt")
    assert isinstance(item, Reject) and "outside" in item.error


def test_unsupported_extension_is_a_reject(tmp_path):
    (tmp_path / "photo.png").write_bytes(b"\x89PNG....")
    [item] = _all(tmp_path, "photo.png")
    assert isinstance(item, Reject) and "unsupported" in item.error


def test_legacy_encoding_is_recorded_as_a_repair(examples_dir):
    [doc] = _all(examples_dir, "legacy/cider-festival-cp1252.txt")
    assert "Agnès Dubois" in doc.content and "decoded as cp1252" in doc.repairs


def test_html_under_a_text_name_or_in_a_text_field_is_read_as_html(tmp_path, examples_dir):
    from pipeline.clean import clean_document

    page = (examples_dir / "html" / "city-council.html").read_text("utf-8")
    (tmp_path / "saved.txt").write_text(page, "utf-8")
    fragment = ("<h1>Harbour reopens</h1><p>The harbour reopened on Tuesday after three months of repairs "
                "to the breakwater, which storms had damaged.</p><p>Local fishermen said the closure had "
                "cost them most of the winter season.</p>")
    (tmp_path / "export.jsonl").write_text(json.dumps({"url": "https://x.org/a", "content": fragment}) + "\n")
    (tmp_path / "notes.md").write_text("# Notes\n\nA line with a <br> tag.\n\n<div>and a div</div> in markdown.\n")
    [saved] = _all(tmp_path, "saved.txt")
    [exported] = _all(tmp_path, "export.jsonl")
    [notes] = _all(tmp_path, "notes.md")
    assert saved.format == exported.format == "html" and notes.format == "text"
    assert "read as HTML: the text is HTML markup" in saved.repairs
    for doc in (saved, exported):
        body = clean_document(doc).body
        assert body and "<" not in body and "</p>" not in body
    assert "Library" in clean_document(saved).meta.title


def test_metadata_nested_in_an_export_record_is_read(tmp_path):
    records = [
        # Firecrawl
        {"markdown": "Some text.", "metadata": {"title": "Ferries", "sourceURL": "https://x.org/f",
                                                "publishedTime": "2024-03-05T09:00:00Z", "language": "en"}},
        # datatrove / FineWeb: the nested "date" is the crawl's, not the page's
        {"text": "Some text.", "metadata": {"url": "https://y.org/g", "date": "2013-05-18T05:48:54Z"}},
        # the record's own field wins over the nested one
        {"text": "Some text.", "title": "Own", "metadata": {"title": "Nested"}},
    ]
    (tmp_path / "x.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    firecrawl, fineweb, own = _all(tmp_path, "x.jsonl")
    assert firecrawl.hints == {"title": "Ferries", "url": "https://x.org/f",
                               "published": "2024-03-05T09:00:00Z", "language": "en"}
    assert fineweb.hints == {"url": "https://y.org/g"}
    assert own.hints == {"title": "Own"}


def test_exports_and_front_matter_share_one_vocabulary_of_field_names(tmp_path):
    from pipeline.frontmatter import read_front_matter

    record = {"text": "Some text.", "Headline": "Ferries", "byline": "Jane Doe", "lastmod": "2024-03-07",
              "og:site_name": "Gazette", "categories": ["Local"], "locale": "en_GB",
              "created": "2025-01-01T00:00:00Z"}        # when a dataset made the row: not read
    (tmp_path / "x.jsonl").write_text(json.dumps(record) + "\n")
    [doc] = _all(tmp_path, "x.jsonl")
    assert doc.hints == {"title": "Ferries", "modified": "2024-03-07", "authors": "Jane Doe",
                         "site_name": "Gazette", "language": "en_GB", "section": ["Local"]}
    head = read_front_matter("---\ndatePublished: 2024-03-05\nsourceURL: https://x.org/f\n---\nText.")
    assert head.hints == {"url": "https://x.org/f", "published": "2024-03-05"}
    from pipeline.clean import clean_document
    record["text"] = "The harbour reopened on Monday after repairs and the ferry left on time with forty aboard."
    (tmp_path / "y.jsonl").write_text(json.dumps(record) + "\n")
    meta = clean_document(_all(tmp_path, "y.jsonl")[0]).meta
    assert (meta.title, meta.authors, meta.modified, meta.section, meta.language) == \
        ("Ferries", ["Jane Doe"], "2024-03-07", "Local", "en")


def test_an_exports_section_and_tags_are_read(tmp_path):
    from pipeline.clean import clean_document

    record = {"text": "The harbour reopened on Monday after repairs and the ferry left on time with forty aboard.",
              "category": "Local", "tags": ["harbour", "ferries"]}
    (tmp_path / "x.jsonl").write_text(json.dumps(record) + "\n")
    [doc] = _all(tmp_path, "x.jsonl")
    meta = clean_document(doc).meta
    assert (meta.section, meta.tags) == ("Local", ["harbour", "ferries"])
    record = {"text": record["text"], "keywords": "harbour, ferries"}
    (tmp_path / "y.jsonl").write_text(json.dumps(record) + "\n")
    assert clean_document(_all(tmp_path, "y.jsonl")[0]).meta.tags == ["harbour", "ferries"]


def test_an_export_url_that_does_not_parse_is_dropped_not_fatal(tmp_path):
    from pipeline.clean import clean_document

    story = "<p>The harbour reopened on Monday after repairs and the ferry left on time with forty aboard.</p>"
    records = [{"html": f"<html><body><article><h1>Harbour</h1>{story}</article></body></html>", "url": "http://[bad/a"},
               {"text": "The harbour reopened on Monday after repairs and the ferry left on time.", "url": "http://[x"}]
    (tmp_path / "x.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    for doc in _all(tmp_path, "x.jsonl"):
        assert "url" not in doc.hints and "URL dropped: it does not parse" in doc.repairs
        assert clean_document(doc).body
