"""Hostile inputs: every one ends as a record or a clear reject, and the run goes on.

The corpus is generated here (synthetic prose, made-up bytes); no third-party
text is kept in the repo. ``assert_accounted`` checks the promise over a
whole clean dir: every discovered input is a record or a reject, once.
"""
from __future__ import annotations

import codecs
import gzip
import json
import os
import random
import time
from pathlib import Path

import pytest

import pipeline.read
from pipeline.limits import Limits
from pipeline.output import ARTICLES, REJECTED, output_name
from pipeline.read import Reject, discover, limit_html_depth, read_documents
from pipeline.record import Document, safe_text
from pipeline.run import clean_file, run
from warc_builder import make_warc

# --- a synthetic corpus -------------------------------------------------------

_SUBJECTS = ["The harbour board", "A local baker", "The county council", "Two ferry captains",
             "The night market", "A school choir", "The river trust", "Volunteers from the valley"]
_VERBS = ["announced", "celebrated", "postponed", "reviewed", "opened", "discussed", "repaired", "praised"]
_OBJECTS = ["a new footbridge", "the winter timetable", "plans for the old mill", "the cider harvest",
            "a longer season", "repairs to the quay", "the lantern parade", "fees for visitors"]
_TAILS = ["on Monday morning", "after a long debate", "despite the rain", "for the third year running",
          "with little fuss", "before the holiday weekend"]


def prose(seed: int, sentences: int = 6, accents: bool = False) -> str:
    """A paragraph of made-up news prose, the same for the same seed."""
    rnd = random.Random(seed)
    out = []
    for _ in range(sentences):
        sentence = f"{rnd.choice(_SUBJECTS)} {rnd.choice(_VERBS)} {rnd.choice(_OBJECTS)} {rnd.choice(_TAILS)}."
        if accents:
            sentence = sentence.replace("council", "Gemeinderäte café").replace("market", "marché – déjà")
        out.append(sentence)
    return " ".join(out)


def article(seed: int, accents: bool = False) -> str:
    return f"# Story number {seed}\n\n" + "\n\n".join(prose(seed * 10 + i, accents=accents) for i in range(4)) + "\n"


def html_page(seed: int, head: str = "", extra: str = "") -> str:
    paragraphs = "".join(f"<p>{prose(seed * 10 + i)}</p>" for i in range(4))
    return (f"{head}<html><head><title>Story {seed}</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>Story {seed}</h1>{extra}{paragraphs}</article><footer>Contact</footer></body></html>")




_LOL = ('<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{i} "' + (f"&lol{i - 1};" if i > 1 else "&lol;") * 10 + '">' for i in range(1, 10)))
XXE_DOCTYPE = f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">{_LOL}]>'
XXE_BODY = "<p>Leak: &xxe; and laughs: &lol9;</p>"
# What /etc/passwd would put in the output if an entity were ever expanded.
PASSWD_MARKERS = ("root:", "/bin/bash", "/usr/sbin/nologin")
NAME_BYTES = b"caf\xe9-latin1.txt"  # a Latin-1 file name: not valid UTF-8


def build_hostile_raw(raw: Path, outside: Path) -> dict[str, str]:
    """Write every hostile case under ``raw``; return {case: relative path}."""
    raw.mkdir(parents=True)
    outside.mkdir(parents=True, exist_ok=True)
    cases: dict[str, str] = {}

    def put(case: str, rel: str, data: bytes) -> None:
        path = raw / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        cases[case] = rel

    put("good", "good/ferry.txt", article(1).encode())
    put("empty", "bad/empty.txt", b"")
    put("blank", "bad/blank.md", b"  \n\t\n  ")
    put("png", "bad/photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    put("zip", "bad/archive.html", b"PK\x03\x04" + bytes(300))
    put("pdf", "bad/report.md", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    put("random", "bad/noise.txt", random.Random(7).randbytes(4096))
    whole = gzip.compress(article(2).encode())
    put("truncated_gzip", "bad/cut.txt.gz", whole[: len(whole) // 2])
    put("empty_gzip", "bad/zero.md.gz", b"")
    good_utf8 = article(3, accents=True).encode()
    middle = len(good_utf8) // 2
    while good_utf8[middle] >= 0x80:  # cut between characters, not inside one
        middle += 1
    put("bad_utf8", "enc/damaged-utf8.txt", good_utf8[:middle] + b"\xff\xfe\xc3(" + good_utf8[middle:])
    put("utf16_bom", "enc/utf16-bom.txt", codecs.BOM_UTF16_LE + article(4, accents=True).encode("utf-16-le"))
    put("utf16le", "enc/utf16le-nobom.txt", article(5, accents=True).encode("utf-16-le"))
    put("utf16be", "enc/utf16be-nobom.md", article(6, accents=True).encode("utf-16-be"))
    nested = "<div>" * 100_000 + f"<p>{prose(8)}</p>" + "</div>" * 100_000
    put("nested", "html/nested.html", html_page(8, extra=nested).encode())
    put("xxe", "html/xxe.html", html_page(9, head=XXE_DOCTYPE, extra=XXE_BODY).encode())
    put("xxe_xhtml", "html/xxe.xhtml", html_page(10, head=XXE_DOCTYPE, extra=XXE_BODY).encode())
    lines = [json.dumps({"url": "https://news.example/a", "html": html_page(11)}),
             "{not json at all",
             json.dumps({"url": "https://news.example/b", "text": article(12)}),
             '{"text": "unterminated',
             "[" * 100_000 + "]" * 100_000,
             '{"text": "x", "n": ' + "9" * 5000 + "}",
             json.dumps({"html": html_page(13, head=XXE_DOCTYPE, extra=XXE_BODY), "title": {"en": "odd"}}),
             '{"text": "Lone surrogate \\ud800 in an otherwise fine line. ' + prose(14) + '"}',
             json.dumps(["not", "an", "object"]),
             json.dumps({"html": html_page(15)})]
    put("jsonl", "feeds/mixed.jsonl", ("\n".join(lines) + "\n").encode())
    put("json_empty_array", "feeds/nothing.json", b"[]")
    page = html_page(16).encode()
    warc = make_warc([("https://news.example/1", "text/html", page), ("https://news.example/2", "text/html", page),
                  ("https://news.example/3", "text/html; charset=rot13", page)], gzip=False)
    put("warc_truncated", "crawl/cut.warc", warc[:-60])
    warc_gz = make_warc([("https://news.example/4", "text/html", page), ("https://news.example/5", "text/html", page)],
                    gzip=True)
    put("warc_gz_truncated", "crawl/cut.warc.gz", warc_gz[: len(warc_gz) * 3 // 4])
    put("space", "names/with space.txt", article(17).encode())
    put("newline", "names/new\nline.txt", article(18).encode())
    put("non_latin", "names/Новости 東京.md", article(19).encode())
    put("non_utf8", os.fsdecode(b"names/" + NAME_BYTES), article(20).encode())
    secret = outside / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n" + prose(21))
    (outside / "dir").mkdir(exist_ok=True)
    (outside / "dir" / "inner.txt").write_text(prose(22))
    (raw / "links").mkdir()
    (raw / "links" / "leak.txt").symlink_to(secret)
    cases["symlink_file"] = "links/leak.txt"
    (raw / "links" / "leakdir").symlink_to(outside / "dir")
    cases["symlink_dir"] = "links/leakdir"
    os.mkfifo(raw / "bad" / "pipe.txt")
    cases["fifo"] = "bad/pipe.txt"
    return cases


def assert_accounted(raw: Path, clean: Path, rels: list[str] | None = None) -> tuple[list[dict], list[dict]]:
    """Check the promise over ``clean``: every discovered input is a record or a reject.

    Also: every output line is valid UTF-8 JSON, no source appears twice, no
    output belongs to an input that was not discovered, no temp file is left,
    and each line of a JSON Lines file has its own record or reject.
    """
    rels = discover(raw) if rels is None else rels
    names = {output_name(rel): rel for rel in rels}
    leftovers = [p for p in clean.rglob(".tmp-*")]
    assert not leftovers, f"temp files left behind: {leftovers}"
    rows: dict[str, list[dict]] = {}
    records, rejects = [], []
    for sub, bucket in ((ARTICLES, records), (REJECTED, rejects)):
        folder = clean / sub
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            assert path.name in names, f"output {path.name} belongs to no discovered input"
            for line in path.read_bytes().decode("utf-8").splitlines():  # strict: must be UTF-8
                row = json.loads(line)
                bucket.append(row)
                rows.setdefault(names[path.name], []).append(row)
    sources = [r["source"] for r in records + rejects]
    assert len(sources) == len(set(sources)), "a source appears twice"
    for rel in rels:
        own = rows.get(rel)
        assert own, f"input {rel!r} has neither a record nor a reject"
        shown = safe_text(rel)
        for row in own:
            assert row["source"] == shown or row["source"].startswith(shown + "#"), (rel, row["source"])
        if rel.endswith(".jsonl") and not any(r["source"] == shown for r in own):
            text = (raw / rel).read_bytes().decode("utf-8", "replace")
            expected = {f"L{i}" for i, line in enumerate(text.split("\n"), 1) if line.strip()}
            assert {r["source"].rsplit("#", 1)[1] for r in own} == expected, rel
    for reject in rejects:
        assert reject["error"].strip()
    return records, rejects


# --- one run over the whole hostile corpus --------------------------------------

@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    raw, clean = base / "raw", base / "clean"
    cases = build_hostile_raw(raw, base / "outside")
    started = time.monotonic()
    stats = run(raw, clean)
    seconds = time.monotonic() - started
    by_source = {}
    for sub in (ARTICLES, REJECTED):
        for path in (clean / sub).glob("*.jsonl"):
            for line in path.read_text("utf-8").splitlines():
                row = json.loads(line)
                by_source[row["source"]] = row
    return {"raw": raw, "clean": clean, "cases": cases, "stats": stats, "rows": by_source, "seconds": seconds}


def _row(hostile, case, locator=""):
    source = safe_text(hostile["cases"][case]) + locator
    assert source in hostile["rows"], f"{case}: no output for {source!r}"
    return hostile["rows"][source]


def test_the_run_survives_and_every_input_is_accounted_for(hostile):
    assert_accounted(hostile["raw"], hostile["clean"])
    assert hostile["seconds"] < 60


@pytest.mark.parametrize("case,reason", [
    ("empty", "empty input"), ("blank", "empty input"), ("empty_gzip", "empty input"),
    ("png", "not text: looks like a PNG image"), ("zip", "not text: looks like a ZIP archive"),
    ("pdf", "not text: looks like a PDF document"), ("random", "not text"),
    ("truncated_gzip", "truncated gzip file"), ("json_empty_array", "no records"),
    ("symlink_file", "symlink points outside the raw dir"), ("symlink_dir", "symlink points outside the raw dir"),
    ("fifo", "not a regular file"),
])
def test_bad_files_are_rejects_with_a_clear_reason(hostile, case, reason):
    row = _row(hostile, case)
    assert "error" in row and reason in row["error"], row


def test_nothing_from_outside_the_raw_dir_or_from_entities_reaches_the_output(hostile):
    for path in hostile["clean"].rglob("*.jsonl"):
        text = path.read_text("utf-8")
        for marker in PASSWD_MARKERS:
            assert marker not in text, (path.name, marker)
        assert "lollollol" not in text
        assert prose(21) not in text and prose(22) not in text  # the symlinks' targets


def test_json_lines_keep_good_lines_and_reject_each_bad_one(hostile):
    rows = hostile["rows"]
    rel = hostile["cases"]["jsonl"]
    for line in (2, 4, 5, 6, 9):
        assert "error" in rows[f"{rel}#L{line}"], line
    assert "malformed JSON line" in rows[f"{rel}#L5"]["error"]  # 100,000 nested brackets
    assert "malformed JSON line" in rows[f"{rel}#L6"]["error"]  # a 5,000-digit number
    for line in (1, 10):  # HTML records clean without any trained model
        assert "text" in rows[f"{rel}#L{line}"], rows[f"{rel}#L{line}"]


def test_file_names_of_any_kind_give_valid_utf8_sources(hostile):
    for case in ("space", "newline", "non_latin", "non_utf8"):
        assert _row(hostile, case)
    assert _row(hostile, "non_utf8")["source"] == "names/caf\\xe9-latin1.txt"


def test_warc_truncation_keeps_earlier_records_and_names_the_damage(hostile):
    rows = hostile["rows"]
    for case in ("warc_truncated", "warc_gz_truncated"):
        rel = hostile["cases"][case]
        mine = {s: r for s, r in rows.items() if s.startswith(rel + "#")}
        assert any("text" in r for r in mine.values()), case
        assert any("truncated" in r.get("error", "") for r in mine.values()), (case, mine)


# --- each case, read directly ------------------------------------------------------

def _read(raw, rel, limits=None):
    return list(read_documents(raw, rel, limits))


def test_invalid_utf8_in_the_middle_is_replaced_not_misread_as_a_legacy_charset(hostile):
    [doc] = _read(hostile["raw"], hostile["cases"]["bad_utf8"])
    assert isinstance(doc, Document)
    assert "\ufffd" in doc.content and "Gemeinderäte café" in doc.content and "marché – déjà" in doc.content
    assert "invalid UTF-8 bytes replaced" in doc.repairs
    assert not any(r.startswith("decoded as") for r in doc.repairs)


@pytest.mark.parametrize("case,seed", [("utf16_bom", 4), ("utf16le", 5), ("utf16be", 6)])
def test_utf16_with_and_without_bom(hostile, case, seed):
    [doc] = _read(hostile["raw"], hostile["cases"][case])
    assert isinstance(doc, Document) and "\x00" not in doc.content
    assert doc.content == article(seed, accents=True)


def test_deeply_nested_html_is_flattened_and_cleaned_quickly(hostile):
    rel = hostile["cases"]["nested"]
    [doc] = _read(hostile["raw"], rel)
    assert any("nested deeper" in r for r in doc.repairs)
    started = time.monotonic()
    records, rejects = clean_file(hostile["raw"], rel)
    assert time.monotonic() - started < 20
    assert rejects == [] and len(records) == 1
    assert prose(8) in records[0]["text"] and prose(80) in records[0]["text"]


def test_depth_limit_leaves_ordinary_pages_alone():
    page = html_page(30)
    shallow, removed = limit_html_depth(page, 1)
    assert removed and prose(300) in shallow and "<a href" not in shallow
    assert limit_html_depth(page, 1000) == (page, 0)
    script = "<script>" + "var s = '<div>';" * 5000 + "</script><p>ok</p>"
    assert limit_html_depth(script, 100) == (script, 0)


def test_a_50_mb_single_line_is_rejected_by_size_before_any_repair(tmp_path, monkeypatch):
    def no_repair(text):
        raise AssertionError("repair_text ran on a document over the size limit")

    monkeypatch.setattr(pipeline.read, "repair_text", no_repair)
    (tmp_path / "huge.txt").write_bytes(b"word " * 10_000_000)  # 50 MB, one line
    started = time.monotonic()
    records, rejects = clean_file(tmp_path, "huge.txt", Limits())
    assert time.monotonic() - started < 5
    assert records == [] and len(rejects) == 1
    assert "document larger than the limit" in rejects[0]["error"]


def test_size_limit_is_configurable_and_costs_one_document(tmp_path):
    lines = [json.dumps({"html": html_page(40)}), json.dumps({"html": html_page(41) + "<p>pad</p>" * 5000})]
    (tmp_path / "two.jsonl").write_text("\n".join(lines))
    limits = Limits.from_options(max_doc_mb=0.01)
    records, rejects = clean_file(tmp_path, "two.jsonl", limits)
    assert [r["source"] for r in records] == ["two.jsonl#L1"]
    assert [r["source"] for r in rejects] == ["two.jsonl#L2"] and "larger than the limit" in rejects[0]["error"]


def test_cli_exposes_the_per_document_limits(tmp_path, capsys):
    """Needs ``--max-doc-mb`` and ``--max-doc-seconds`` on ``boilerstrip run`` (flows/cli.py)."""
    from flows.cli import main
    from pipeline.output import read_jsonl

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "small.html").write_text(html_page(60))
    (raw / "big.html").write_text(html_page(61) + "<p>padding words</p>" * 5000)
    argv = ["run", "--no-prefect", "--raw", str(raw), "--clean", str(tmp_path / "clean"),
            "--max-doc-mb", "0.01", "--max-doc-seconds", "20"]
    assert main(argv) == 0
    rejects = read_jsonl(tmp_path / "clean" / REJECTED)
    assert [r["source"] for r in rejects] == ["big.html"] and "larger than the limit" in rejects[0]["error"]
    assert [r["source"] for r in read_jsonl(tmp_path / "clean" / ARTICLES)] == ["small.html"]


def test_a_file_deleted_after_discovery_is_a_reject_and_the_run_goes_on(tmp_path, monkeypatch):
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    (raw / "a.html").write_text(html_page(50))
    (raw / "gone.html").write_text(html_page(51))
    (raw / "gone.warc").write_bytes(make_warc([("https://x.example/", "text/html", b"<p>x</p>")], False))
    (raw / "z.html").write_text(html_page(52))
    seen = []

    def discover_then_delete(raw_dir):
        rels = discover(raw_dir)
        seen.extend(rels)
        (raw / "gone.html").unlink()
        (raw / "gone.warc").unlink()
        return rels

    monkeypatch.setattr("pipeline.run.discover", discover_then_delete)
    stats = run(raw, clean)
    assert stats.files == 4
    records, rejects = assert_accounted(raw, clean, seen)
    errors = {r["source"]: r["error"] for r in rejects}
    assert errors["gone.html"].startswith("cannot read file") and errors["gone.warc"].startswith("cannot read file")
    assert {r["source"] for r in records} == {"a.html", "z.html"}


def test_an_html_meta_charset_that_is_not_a_text_encoding_is_ignored(tmp_path):
    from pipeline.decode import decode_html_bytes

    page = "<meta charset='rot13'><p>Plain words stay plain.</p>"
    assert decode_html_bytes(page.encode()) == page
    assert decode_html_bytes(page.encode(), "base64") == page


def test_reject_and_record_outputs_escape_undecodable_file_names(tmp_path):
    rel = os.fsdecode(b"odd-\xff\xfe.txt")
    (tmp_path / rel).write_bytes(b"")
    [reject] = _read(tmp_path, rel)
    assert isinstance(reject, Reject)
    assert reject.to_record()["source"] == "odd-\\xff\\xfe.txt"
    doc = Document(source=rel, content="x")
    assert doc.to_record()["source"] == "odd-\\xff\\xfe.txt"


def test_concatenated_gzip_members_are_all_read(tmp_path):
    (tmp_path / "two.txt.gz").write_bytes(gzip.compress(b"First half. ") + gzip.compress(b"Second half."))
    [doc] = _read(tmp_path, "two.txt.gz")
    assert doc.content == "First half. Second half."


def test_lone_surrogates_from_json_escapes_are_replaced_and_named(hostile):
    items = _read(hostile["raw"], hostile["cases"]["jsonl"])
    [doc] = [d for d in items if d.source.endswith("#L8")]
    assert isinstance(doc, Document) and "\ud800" not in doc.content and "\ufffd" in doc.content
    assert "lone surrogate escapes replaced" in doc.repairs
    [odd] = [d for d in items if d.source.endswith("#L7")]
    assert "title" not in odd.hints  # {"en": ...} is not a title


def test_output_lines_stay_valid_utf8_whatever_a_string_holds():
    from pipeline.output import jsonl_bytes

    data = jsonl_bytes([{"source": os.fsdecode(b"x\xff.txt"), "error": "e", "nested": {"k": ["\udc80 \ud800"]}}])
    row = json.loads(data.decode("utf-8"))
    assert row["source"] == "x\\xff.txt" and "\ufffd" not in row["source"]


def test_a_full_rerun_over_the_hostile_corpus_changes_nothing(hostile):
    clean = hostile["clean"]
    before = {p.relative_to(clean).as_posix(): p.read_bytes() for p in sorted(clean.rglob("*.jsonl"))}
    run(hostile["raw"], clean, full=True)
    after = {p.relative_to(clean).as_posix(): p.read_bytes() for p in sorted(clean.rglob("*.jsonl"))}
    assert after == before
    assert_accounted(hostile["raw"], clean)


def test_a_page_whose_canonical_url_does_not_parse_is_still_cleaned():
    # urlsplit refuses "http://[bad": the page's own URL is then unknown (or its og:url), not an error.
    from pipeline.clean import clean_document
    from pipeline.metadata import extract_html_metadata

    story = "".join(f"<p>{prose(k)}</p>" for k in range(6))
    head = '<link rel="canonical" href="http://[[[bad/harbour">'
    html = f"<html><head><title>Harbour</title>{head}</head><body><article><h1>Harbour</h1>{story}</article></body></html>"
    assert extract_html_metadata(html).url is None
    with_og = html.replace(head, head + '<meta property="og:url" content="https://news.example/harbour">')
    assert extract_html_metadata(with_og).url == "https://news.example/harbour"
    doc = clean_document(Document(source="p.html", content=html, format="html"))
    assert prose(3)[:60] in doc.body
