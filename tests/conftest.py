import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


def pytest_configure(config):
    # Prefect must not phone home or spam tracebacks in tests either.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "CRITICAL")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")


@pytest.fixture(scope="session", autouse=True)
def _kernels_loaded():
    """Load (or compile) the text path's kernels before any test times anything."""
    from pipeline.clean import warm_up

    warm_up()


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    return SEEDS


@pytest.fixture
def examples_dir() -> Path:
    return ROOT / "raw"


@pytest.fixture(scope="session")
def prefect_harness():
    """One embedded Prefect server for every flow-level test (it costs ~8 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
