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


def test_explain_shows_an_image_line_as_written_and_calls_it_a_caption(tmp_path, capsys):
    page = tmp_path / "img.md"
    page.write_text("# Ferry fares rise\n\n![The ferry at Wexmoor](https://x.org/ferry.jpg)\n\n"
                    "Fares will rise by ten percent from April, the operator said on Monday, blaming fuel "
                    "costs and a new port levy that the council approved last year.\n")
    main(["explain", "--json", str(page)])
    [doc] = json.loads(capsys.readouterr().out)
    [image] = [b for b in doc["blocks"] if "ferry.jpg" in b["text"]]
    assert (image["keep"], image["category"]) == (False, "caption") and "image" in image["reason"]


def test_run_without_prefect_prints_a_summary(examples_dir, tmp_path, capsys):
    assert main(["run", "--no-prefect", "--raw", str(examples_dir), "--clean", str(tmp_path / "c")]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["records"] >= 6


def test_missing_raw_dir_is_a_clear_error(tmp_path, capsys):
    assert main(["run", "--raw", str(tmp_path / "nope")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_a_bad_rules_file_is_a_clear_error_before_anything_runs(examples_dir, tmp_path, capsys):
    bad = {"syntax.toml": "[[rule]]\npattern = \n", "action.toml": '[[rule]]\npattern = "x"\naction = "delete"\n'}
    for name, text in bad.items():
        (tmp_path / name).write_text(text)
    cases = [("syntax.toml", "not valid TOML"), ("action.toml", "rule 1: action must be one of"),
             ("missing.toml", "No such file")]
    for name, message in cases:
        rules = str(tmp_path / name)
        for argv in (["run", "--no-prefect", "--raw", str(examples_dir), "--clean", str(tmp_path / "c"), "--rules", rules],
                     ["run", "--raw", str(examples_dir), "--clean", str(tmp_path / "c"), "--rules", rules],
                     ["explain", str(examples_dir / "scraped" / "harbour-reopens.txt"), "--rules", rules]):
            assert main(argv) == 2
            err = capsys.readouterr().err
            assert err.startswith(f"boilerstrip: rules file {rules}: ") and message in err, err
    assert not (tmp_path / "c").exists()        # nothing was cleaned or locked


def test_eval_reports_the_median_of_repeated_timed_passes(tmp_path, capsys):
    # A made-up gold set of two pages in the wcxb layout.
    for kind in ("gold", "text"):
        (tmp_path / kind).mkdir()
    body = ("The harbour at Wexmoor reopened on Monday after three years of repairs, and the "
            "first ferry left on time with forty passengers aboard.")
    for i in range(2):
        (tmp_path / "text" / f"p{i}.txt").write_text(f"# Harbour {i}\n\nHome\n\n{body}\n", "utf-8")
        (tmp_path / "gold" / f"p{i}.json").write_text(json.dumps(
            {"title": f"Harbour {i}", "authors": [], "published": None, "body": body}), "utf-8")
    from pipeline.evaluate import evaluate

    report = evaluate(tmp_path, "text", repeat=3)
    passes = report["boilerstrip"]["docs_per_s_passes"]
    assert len(passes) == 3 and report["boilerstrip"]["docs_per_s"] == sorted(passes)[1]
    assert report["boilerstrip"]["f1"] == 1.0 and report["boilerstrip"]["title"] == 1.0
    assert main(["eval", "--gold-dir", str(tmp_path), "--repeat", "2"]) == 0
    assert "median of 2 timed passes" in capsys.readouterr().out


def test_serve_passes_the_rules_file_to_every_scheduled_run(tmp_path, monkeypatch, capsys):
    import flows.clean_flow

    rules = tmp_path / "rules.toml"
    rules.write_text('[[rule]]\npattern = "Sponsored by"\ncategory = "advert"\n')
    served = {}
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:1/api")
    monkeypatch.setattr(flows.clean_flow.clean_flow, "serve", lambda **kw: served.update(kw))
    assert main(["serve", "--interval", "60", "--raw", str(tmp_path), "--rules", str(rules)]) == 0
    assert served["parameters"]["rules_path"] == str(rules.resolve())
    (tmp_path / "bad.toml").write_text("[[rule]]\npattern = \n")
    assert main(["serve", "--interval", "60", "--rules", str(tmp_path / "bad.toml")]) == 2
    assert "not valid TOML" in capsys.readouterr().err
