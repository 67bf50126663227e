"""The benchmark on wcxb-dev, as floors under today's figures (``make test-slow``).

Slow (a minute or two): CI runs them on purpose. They guard against a change
that quietly costs accuracy; the goals themselves are in the README.
"""
import pytest

from pipeline.devset import default_gold_dir
from pipeline.evaluate import evaluate

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def gold_dir():
    found = default_gold_dir()
    if found is None:
        pytest.skip("../shared/data/wcxb-dev is not beside this checkout")
    return found


def test_text_path_cross_validated(gold_dir):
    cv = evaluate(gold_dir, "text", cv=True)["cv"]
    assert cv["f1"] >= 0.937 and cv["precision"] >= 0.93 and cv["recall"] >= 0.94, cv
    assert cv["title"] >= 0.84 and cv["authors"] >= 0.69 and cv["date"] >= 0.74, cv


def test_html_path_cross_validated_beats_trafilatura(gold_dir):
    report = evaluate(gold_dir, "html", cv=True, with_trafilatura=True)
    ours, theirs = report["cv"], report["trafilatura"]
    assert ours["f1"] >= 0.949 and ours["f1"] > theirs["f1"], (ours, theirs)
    assert ours["title"] >= 0.89 and ours["authors"] >= 0.77 and ours["date"] >= 0.85, ours
    assert ours["docs_per_s"] > theirs["docs_per_s"], (ours, theirs)
