"""The whole library run over the shipped examples, without Prefect."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.output import read_jsonl
from pipeline.read import discover
from pipeline.run import RunLocked, run, run_lock

ROOT = Path(__file__).resolve().parent.parent

SCHEMA_FIELDS = {"schema_version", "id", "source", "url", "title", "authors", "published", "site_name",
                 "language", "text", "removed"}


@pytest.fixture
def raw(tmp_path, examples_dir):
    target = tmp_path / "raw"
    shutil.copytree(examples_dir, target)
    return target


def _snapshot(clean):
    return {p.relative_to(clean).as_posix(): p.read_bytes()
            for p in sorted(clean.rglob("*.jsonl"))}


def test_every_input_ends_as_a_record_or_a_reject(raw, tmp_path):
    clean = tmp_path / "clean"
    stats = run(raw, clean)
    records = read_jsonl(clean / "articles")
    rejects = read_jsonl(clean / "rejected")
    assert stats.records == len(records) and stats.rejects == len(rejects)
    sources = {r["source"] for r in records} | {r["source"] for r in rejects}
    for rel in discover(raw):
        assert any(s == rel or s.startswith(rel + "#") for s in sources), rel
    for record in records:
        assert SCHEMA_FIELDS <= record.keys()
        assert record["text"].strip()
        assert all(r["category"] and r["reason"] for r in record["removed"])
    for reject in rejects:
        assert reject["error"]


def test_rerun_gives_identical_output_without_duplicates(raw, tmp_path):
    clean = tmp_path / "clean"
    run(raw, clean)
    first = _snapshot(clean)
    run(raw, clean)
    assert _snapshot(clean) == first
    ids = [r["id"] for r in read_jsonl(clean / "articles")]
    assert len(ids) == len(set(ids))


def test_deleted_raw_file_loses_its_records_and_leftover_temp_files_go(raw, tmp_path):
    clean = tmp_path / "clean"
    run(raw, clean)
    (raw / "html" / "city-council.html").unlink()
    (clean / "articles" / ".tmp-crash.jsonl").write_text("half")
    run(raw, clean)
    sources = {r["source"] for r in read_jsonl(clean / "articles")}
    assert "html/city-council.html" not in sources
    assert not list((clean / "articles").glob(".tmp-*"))


def test_a_second_run_on_the_same_clean_dir_is_refused(tmp_path):
    clean = tmp_path / "clean"
    with run_lock(clean):
        with pytest.raises(RunLocked, match="another boilerstrip run"):
            with run_lock(clean):
                pass


def test_records_are_json_lines(raw, tmp_path):
    clean = tmp_path / "clean"
    run(raw, clean)
    for path in (clean / "articles").glob("*.jsonl"):
        for line in path.read_text("utf-8").splitlines():
            json.loads(line)


def test_unchanged_raw_dir_makes_a_no_op_run_and_full_redoes_everything(raw, tmp_path):
    clean = tmp_path / "clean"
    first = run(raw, clean)
    again = run(raw, clean)
    assert again.files == 0 and again.skipped == first.files
    full = run(raw, clean, full=True)
    assert full.files == first.files and full.skipped == 0


def test_new_rules_or_limits_clean_every_file_again(raw, tmp_path):
    """Outputs made under other rules are stale though no raw file changed."""
    from pipeline.limits import Limits
    from pipeline.userrules import parse_rules

    clean = tmp_path / "clean"
    first = run(raw, clean)
    rules = parse_rules({"rule": [{"pattern": "forty passengers", "category": "advert"}]})
    with_rules = run(raw, clean, rules=rules)
    assert with_rules.files == first.files and with_rules.skipped == 0
    record = next(r for r in read_jsonl(clean / "articles") if r["source"] == "scraped/harbour-reopens.txt")
    assert any(r["category"] == "advert" and "forty passengers" in r["text"] for r in record["removed"])
    assert run(raw, clean, rules=rules).files == 0          # same rules: nothing to do
    assert run(raw, clean).files == first.files             # rules gone: everything again
    assert run(raw, clean, limits=Limits(max_doc_seconds=60)).files == first.files
    assert run(raw, clean, limits=Limits(max_doc_seconds=60)).files == 0


def test_a_changed_file_replaces_its_records(raw, tmp_path):
    clean = tmp_path / "clean"
    run(raw, clean)
    path = raw / "scraped" / "harbour-reopens.txt"
    path.write_text(path.read_text("utf-8").replace("forty passengers", "fifty-one passengers"), "utf-8")
    stats = run(raw, clean)
    assert stats.files == 1
    records = [r for r in read_jsonl(clean / "articles") if r["source"] == "scraped/harbour-reopens.txt"]
    assert len(records) == 1 and "fifty-one passengers" in records[0]["text"]


def test_documents_cleaned_in_groups_get_what_they_get_alone(raw, monkeypatch):
    """Grouping documents across files (``clean_files``) changes speed, not output."""
    import pipeline.run
    from pipeline.limits import Limits
    from pipeline.read import Reject, read_documents

    rels = discover(raw)
    grouped = {rel: (records, rejects) for rel, records, rejects in pipeline.run.clean_files(raw, rels)}
    monkeypatch.setattr(pipeline.run, "GROUP", 1)
    for rel in rels:
        alone = [item.to_record() if isinstance(item, Reject) else pipeline.run.clean_one(item, Limits())
                 for item in read_documents(raw, rel, Limits())]
        records, rejects = grouped[rel]
        assert records == [r for r in alone if "schema_version" in r], rel
        assert rejects == [r for r in alone if "schema_version" not in r], rel
    assert sum(len(r) for r, _ in grouped.values()) > 1


def test_compiling_the_kernels_does_not_count_against_the_first_documents_time_limit(tmp_path):
    # A machine's first run compiles the kernels (several seconds); an empty
    # numba cache directory makes this process such a first run.
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text(
        "The harbour at Wexmoor reopened on Monday after three years of repairs, and the first "
        "ferry left on time with forty passengers aboard.\n")
    code = ("import json; from pathlib import Path; from pipeline.run import clean_file; "
            "from pipeline.limits import Limits; "
            f"print(json.dumps(clean_file(Path({str(tmp_path / 'raw')!r}), 'a.txt', Limits(max_doc_seconds=1.0))))")
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path / "numba-cache"))
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    records, rejects = json.loads(out.stdout)
    assert rejects == [] and len(records) == 1
    assert any((tmp_path / "numba-cache").rglob("*.nbi"))   # it did compile there


def test_cleaning_pauses_the_cyclic_collector_and_leaves_no_cycles_behind():
    import gc

    from pipeline.clean import DEMO, clean_documents
    from pipeline.record import Document

    docs = [Document(source=f"{i}.txt", content=DEMO * (i + 1)) for i in range(3)]
    gc.collect()
    assert gc.isenabled()
    clean_documents(docs)
    assert gc.isenabled()      # restored
    # The pause is safe because a text page makes no reference cycles:
    # reference counting alone frees everything cleaning made.
    gc.disable()
    try:
        gc.collect()
        del docs
        clean_documents([Document(source="x.txt", content=DEMO)])
        assert gc.collect() == 0
    finally:
        gc.enable()
    gc.disable()
    try:
        clean_documents([Document(source="y.txt", content=DEMO)])
        assert not gc.isenabled()  # a caller's own choice stands
    finally:
        gc.enable()
