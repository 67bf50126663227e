"""WARC input: HTML responses only, streamed, with URL and fetch date passed on."""

import pytest

from pipeline.read import Reject, read_documents
from pipeline.record import Document
from warc_builder import make_warc

warcio = pytest.importorskip("warcio")




PAGE = ("<html><head><meta charset='windows-1252'><title>Ferry</title></head><body><article>"
        "<p>The ferry to the island ran on time all week, the operator said on Friday.</p>"
        "</article></body></html>").encode("cp1252")


def test_html_responses_become_documents_with_url_and_date(tmp_path):
    data = make_warc([("https://a.example/1", "text/html; charset=windows-1252", PAGE),
                  ("https://a.example/logo.png", "image/png", b"\x89PNG..."),
                  ("https://a.example/2", "text/html", PAGE)])
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    docs = list(read_documents(tmp_path, "crawl.warc.gz"))
    assert [type(d) for d in docs] == [Document, Document]
    assert docs[0].hints["url"] == "https://a.example/1" and docs[0].hints["fetched"]
    assert docs[0].source.startswith("crawl.warc.gz#") and docs[0].source != docs[1].source
    assert "ferry" in docs[0].content


def test_truncated_record_is_a_reject_and_earlier_records_survive(tmp_path):
    data = make_warc([("https://a.example/1", "text/html", PAGE), ("https://a.example/2", "text/html", PAGE)],
                 gzip=False)
    (tmp_path / "cut.warc").write_bytes(data[:-40])
    items = list(read_documents(tmp_path, "cut.warc"))
    assert isinstance(items[0], Document)
    assert isinstance(items[-1], Reject) and "truncated" in items[-1].error


def test_warc_without_html_is_one_reject(tmp_path):
    (tmp_path / "img.warc.gz").write_bytes(make_warc([("https://a.example/x.png", "image/png", b"\x89PNG")]))
    [item] = read_documents(tmp_path, "img.warc.gz")
    assert isinstance(item, Reject) and "no HTML" in item.error
