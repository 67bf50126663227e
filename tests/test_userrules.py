"""User rules: the site index and the literal test before each regex change speed, not matches."""
from __future__ import annotations

import random

from pipeline.userrules import match_rules, parse_rules, rules_for


def test_the_site_index_gives_what_a_scan_of_every_rule_gives():
    rnd = random.Random(3)
    sites = [None, "a.org", "news.a.org", "b.org", "www.b.org", "c.net"]
    entries = [{"pattern": rnd.choice(["sponsored by", "photo credit", "read more"]),
                "site": rnd.choice([None, "a.org", "b.org", "news.a.org"]),
                "action": rnd.choice(["drop", "keep"]), "category": f"c{i}"} for i in range(200)]
    rules = parse_rules({"rule": [{k: v for k, v in e.items() if v is not None} for e in entries]})
    for site in sites:
        for text in ("Sponsored by Acme", "PHOTO CREDIT: Jo", "nothing here", "Read more"):
            scanned = match_rules(list(rules), text, site)
            indexed = match_rules(rules_for(rules, site) or [], text, site)
            assert scanned is indexed, (site, text)


def test_a_phrase_still_matches_where_case_folding_leaves_ascii():
    rules = parse_rules({"rule": [{"pattern": "Sponsored by Kiwi", "category": "advert"}]})
    # the long s and the Kelvin sign match s and k case-insensitively
    for text in ("SPONSORED BY KIWI", "\u017fponsored by \u212aiwi", "Sponsored  by\nKiwi"):
        assert match_rules(rules, text, None) is not None, text
    assert match_rules(rules, "Sponsored by Kiwis", None) is None
