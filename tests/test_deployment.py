"""A real local Prefect server: register prefect.yaml's deployment, trigger a run, check its records.

Slow-ish (~40 s: server start, deploy, one worker run), but it is the only
test of the scheduled/deployed path, so it runs in the default suite.
"""
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from pipeline.output import read_jsonl

pytestmark = pytest.mark.prefect
ROOT = Path(__file__).resolve().parent.parent
PREFECT = ROOT / ".venv" / "bin" / "prefect"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def prefect_server(tmp_path):
    if not PREFECT.exists():
        pytest.skip("no .venv/bin/prefect")
    port = _free_port()
    env = dict(os.environ, PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               DO_NOT_TRACK="1", PREFECT_SERVER_LOGGING_LEVEL="WARNING", BOILERSTRIP_HOME=str(ROOT))
    env.pop("PREFECT_API_URL", None)
    server = subprocess.Popen([str(PREFECT), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    api = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{api}/health", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("the Prefect server did not become healthy within 120 s")
                time.sleep(0.5)
        env["PREFECT_API_URL"] = api
        yield env
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def _prefect(env, *args, timeout=180):
    result = subprocess.run([str(PREFECT), "--no-prompt", *args], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=timeout)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result.stdout


def test_deployment_registered_triggered_and_run_by_a_worker(prefect_server, examples_dir, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(examples_dir, raw)
    clean = tmp_path / "clean"
    _prefect(prefect_server, "work-pool", "create", "boilerstrip-pool", "--type", "process")
    _prefect(prefect_server, "deploy", "--all")
    _prefect(prefect_server, "deployment", "run", "boilerstrip-clean/boilerstrip-every-15-minutes",
             "--param", f"raw={raw}", "--param", f"clean={clean}")
    _prefect(prefect_server, "worker", "start", "--pool", "boilerstrip-pool", "--run-once", timeout=300)
    records = read_jsonl(clean / "articles")
    assert {r["source"] for r in records} >= {"scraped/harbour-reopens.txt", "html/city-council.html"}
    assert (clean / "state.json").exists()
