"""Site templates: paragraphs a run kept on many pages of one site, suggested as rules."""
from __future__ import annotations

import json

from flows.cli import main
from pipeline.output import read_jsonl
from pipeline.templates import find_templates, format_rules
from pipeline.userrules import load_rules

PROMO = "Enjoyed this piece? We need your help to keep publishing stories like it every week."
STORIES = [
    "The harbour at Wexmoor reopened on Monday after three years of repairs, and the first ferry left on time.",
    "Local beekeepers say their colonies came through the winter in good health and have collected honey early.",
    "The council voted on Tuesday to keep the central library open until nine on weekday evenings this year.",
    "Orchard growers warned that a late frost has thinned the apple harvest and that prices are likely to rise.",
]
MORE = "Officials said the work had been finished within budget, and residents welcomed the news at a meeting."


def more(i: int) -> str:
    """A second paragraph of page ``i``'s own."""
    return MORE.replace("a meeting", f"meeting number {i}")


def _record(site: str, i: int, *paragraphs: str) -> dict:
    return {"url": f"https://{site}/story/{i}", "text": "\n\n".join(paragraphs)}


def test_a_paragraph_on_most_pages_of_a_site_is_a_template():
    records = [_record("a.example", i, story, more(i), PROMO) for i, story in enumerate(STORIES)]
    records.append(_record("b.example", 9, STORIES[0], PROMO))          # one page of another site
    found = find_templates(records)
    assert [(t.site, t.text, t.pages, t.site_pages) for t in found] == [("a.example", PROMO, 4, 4)]


def test_copies_of_one_article_short_lines_and_rare_paragraphs_are_not_templates():
    copies = [_record("a.example", i, STORIES[0], MORE, PROMO) for i in range(5)]   # one article five times
    assert find_templates(copies) == []
    heading = [_record("a.example", i, story, "What We Like") for i, story in enumerate(STORIES)]
    assert find_templates(heading) == []                                            # short: a section heading
    rare = [_record("a.example", i, story, more(i), *([PROMO] if i < 1 else [])) for i, story in enumerate(STORIES)]
    assert all(t.text != PROMO for t in find_templates(rare))
    assert find_templates([{"url": None, "text": PROMO}] * 5) == []                # no URL, no site


def test_the_rules_file_parses_and_names_its_evidence(tmp_path):
    records = [_record("a.example", i, story, more(i), PROMO) for i, story in enumerate(STORIES)]
    text = format_rules(find_templates(records))
    (tmp_path / "rules.toml").write_text(text, "utf-8")
    [rule] = load_rules(tmp_path / "rules.toml")
    assert (rule.site, rule.category, rule.action) == ("a.example", "template", "drop")
    assert "kept on 4 of 4 pages of a.example" in text


def test_templates_command_end_to_end(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    records = [_record("a.example", i, f"# Story {i} of the week", story, more(i), PROMO)
               for i, story in enumerate(STORIES)]
    (raw / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    clean, rules = tmp_path / "clean", tmp_path / "rules.toml"
    assert main(["run", "--no-prefect", "--raw", str(raw), "--clean", str(clean)]) == 0
    assert all(PROMO in r["text"] for r in read_jsonl(clean / "articles"))       # the model kept it
    capsys.readouterr()
    assert main(["templates", "--clean", str(clean), "--out", str(rules)]) == 0
    assert "1 template paragraphs on 1 sites, from 4 of 4 records" in capsys.readouterr().err
    assert main(["run", "--no-prefect", "--raw", str(raw), "--clean", str(clean), "--rules", str(rules)]) == 0
    for record in read_jsonl(clean / "articles"):
        assert PROMO not in record["text"] and "within budget" in record["text"]
        [removed] = [r for r in record["removed"] if r["text"] == PROMO]
        assert removed["category"] == "template" and removed["reason"].startswith("user rule: template pattern")


def test_templates_command_without_a_run(tmp_path, capsys):
    assert main(["templates", "--clean", str(tmp_path / "nothing")]) == 2
    assert "run 'boilerstrip run' first" in capsys.readouterr().err
