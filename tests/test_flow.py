"""The Prefect flow end to end, in embedded mode, under one harness per session."""
import shutil

import pytest

from pipeline.output import read_jsonl
from pipeline.run import run

pytestmark = pytest.mark.prefect


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def test_flow_output_equals_the_library_run_and_publishes_a_summary(prefect_harness, examples_dir, tmp_path, monkeypatch):
    from prefect.client.orchestration import get_client

    import flows.clean_flow as clean_flow_module
    from flows.cli import run_flow

    raw = tmp_path / "raw"
    shutil.copytree(examples_dir, raw)
    # Several small batches, so the process pool and the mapping are exercised.
    monkeypatch.setattr(clean_flow_module, "BATCH_BYTES", 2_000)
    summary = run_flow(str(raw), str(tmp_path / "flow"), workers=2)
    run(raw, tmp_path / "plain")
    assert summary["batches"] > 1
    for sub in ("articles", "rejected"):
        assert read_jsonl(tmp_path / "flow" / sub) == read_jsonl(tmp_path / "plain" / sub)
    assert summary["records"] == len(read_jsonl(tmp_path / "flow" / "articles"))
    assert summary["files"] == len(list(p for p in raw.rglob("*") if p.is_file()))

    import anyio

    async def latest_artifact():
        async with get_client() as client:
            return await client.read_latest_artifacts()

    artifacts = anyio.run(latest_artifact)
    summary_rows = [a for a in artifacts if a.key == "boilerstrip-run-summary"]
    assert summary_rows and "records written" in str(summary_rows[0].data)


def test_flow_on_a_two_worker_local_dask_cluster_equals_the_local_run(prefect_harness, examples_dir, tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    import flows.clean_flow as clean_flow_module
    from flows.cli import run_flow

    raw = tmp_path / "raw"
    shutil.copytree(examples_dir, raw)
    monkeypatch.setattr(clean_flow_module, "BATCH_BYTES", 2_000)
    dask_summary = run_flow(str(raw), str(tmp_path / "dask"), dask_workers=2)
    run(raw, tmp_path / "plain")
    assert dask_summary["batches"] > 1
    for sub in ("articles", "rejected"):
        assert read_jsonl(tmp_path / "dask" / sub) == read_jsonl(tmp_path / "plain" / sub)
