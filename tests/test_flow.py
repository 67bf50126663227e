"""The Prefect flow end to end, in embedded mode, under one harness per session."""
import shutil

import pytest

from pipeline.output import read_jsonl
from pipeline.run import run

pytestmark = pytest.mark.prefect


def _flow_and_library_runs(examples_dir, tmp_path, monkeypatch, **flow_options):
    """Run the flow in several small batches and the plain library; return the flow's summary."""
    import flows.clean_flow as clean_flow_module
    from flows.cli import run_flow

    raw = tmp_path / "raw"
    shutil.copytree(examples_dir, raw)
    # Several small batches, so the executor and the mapping are exercised.
    monkeypatch.setattr(clean_flow_module, "BATCH_BYTES", 2_000)
    summary = run_flow(str(raw), str(tmp_path / "flow"), **flow_options)
    run(raw, tmp_path / "plain")
    assert summary["batches"] > 1
    for sub in ("articles", "rejected"):
        assert read_jsonl(tmp_path / "flow" / sub) == read_jsonl(tmp_path / "plain" / sub)
    return summary


def test_flow_output_equals_the_library_run_and_publishes_a_summary(prefect_harness, examples_dir, tmp_path,
                                                                    monkeypatch):
    import anyio
    from prefect.client.orchestration import get_client

    summary = _flow_and_library_runs(examples_dir, tmp_path, monkeypatch, workers=2)
    assert summary["records"] == len(read_jsonl(tmp_path / "flow" / "articles"))
    assert summary["files"] == len([p for p in (tmp_path / "raw").rglob("*") if p.is_file()])

    async def latest_artifacts():
        async with get_client() as client:
            return await client.read_latest_artifacts()

    keys = {a.key: a for a in anyio.run(latest_artifacts)}
    assert "records written" in str(keys["boilerstrip-run-summary"].data)
    assert "boilerstrip-progress" in keys


def test_flow_on_a_two_worker_local_dask_cluster_equals_the_local_run(prefect_harness, examples_dir, tmp_path,
                                                                      monkeypatch):
    pytest.importorskip("distributed")
    _flow_and_library_runs(examples_dir, tmp_path, monkeypatch, dask_workers=2)


def test_flow_cleans_every_file_again_when_the_rules_change(prefect_harness, examples_dir, tmp_path):
    from flows.cli import run_flow

    raw = tmp_path / "raw"
    shutil.copytree(examples_dir, raw)
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rule]]\npattern = "forty passengers"\ncategory = "advert"\n', "utf-8")
    first = run_flow(str(raw), str(tmp_path / "clean"), workers=1)
    again = run_flow(str(raw), str(tmp_path / "clean"), workers=1, rules=str(rules))
    assert again["files"] == first["files"] and again["skipped_unchanged"] == 0
    assert run_flow(str(raw), str(tmp_path / "clean"), workers=1, rules=str(rules))["files"] == 0
