import json

from flows.cli import main


def test_explain_names_category_and_reason_for_every_removed_line(examples_dir, capsys):
    assert main(["explain", str(examples_dir / "scraped" / "harbour-reopens.txt")]) == 0
    out = capsys.readouterr().out
    assert "DROP" in out and "KEEP" in out and "why:" in out
    assert "[donation]" in out


def test_explain_json(examples_dir, capsys):
    main(["explain", "--json", str(examples_dir / "scraped" / "harbour-reopens.txt")])
    [doc] = json.loads(capsys.readouterr().out)
    dropped = [b for b in doc["blocks"] if not b["keep"]]
    assert dropped and all(b["category"] and b["reason"] for b in dropped)
    assert doc["metadata"]["title"] == "Wexmoor Harbour Reopens After Three Years of Repairs"


def test_run_without_prefect_prints_a_summary(examples_dir, tmp_path, capsys):
    assert main(["run", "--no-prefect", "--raw", str(examples_dir), "--clean", str(tmp_path / "c")]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["records"] >= 6


def test_missing_raw_dir_is_a_clear_error(tmp_path, capsys):
    assert main(["run", "--raw", str(tmp_path / "nope")]) == 2
    assert "does not exist" in capsys.readouterr().err
