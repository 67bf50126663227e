"""Site- or project-specific keep/drop rules, from a TOML file instead of code.

    [[rule]]
    pattern = "Sponsored by"          # a phrase (case-insensitive) ...
    category = "advert"
    site = "example.com"              # optional: only pages of this site (and subdomains)
    action = "drop"                   # or "keep", which overrides every other decision

    [[rule]]
    regex = '^Photo: .{0,80}$'        # ... or a regular expression
    category = "caption"

>>> rules = parse_rules({"rule": [{"pattern": "Sponsored by", "category": "advert"}]})
>>> match_rules(rules, "SPONSORED BY Acme", site=None).category
'advert'
>>> match_rules(rules, "An ordinary sentence.", site=None) is None
True
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

ACTIONS = ("drop", "keep")


@dataclass(frozen=True)
class Rule:
    regex: re.Pattern
    category: str
    action: str = "drop"
    site: str | None = None
    source: str = ""          # the pattern as written, for the drop reason
    needle: str = ""          # a lowercase word every match holds: a cheap test before the regex

    def applies_to(self, site: str | None) -> bool:
        if self.site is None:
            return True
        if not site:
            return False
        site = site.lower().removeprefix("www.")
        return site == self.site or site.endswith("." + self.site)


class RuleSet(list):
    """Rules in file order, indexed by site: a page is checked against the
    rules for its site (and its parent domains) and the site-less ones only,
    however many sites a generated rules file covers. Built once by
    ``parse_rules``: the index is made on first use and not updated after."""

    def for_site(self, site: str | None) -> list[Rule]:
        key = (site or "").lower().removeprefix("www.")
        cache = self.__dict__.setdefault("_for_site", {})
        if key not in cache:
            if "_by_site" not in self.__dict__:
                by_site: dict[str | None, list[int]] = {}
                for i, rule in enumerate(self):
                    by_site.setdefault(rule.site, []).append(i)
                self._by_site = by_site
            labels = key.split(".") if key else []
            domains = [None] + [".".join(labels[k:]) for k in range(len(labels))]
            rows = sorted(i for d in domains for i in self._by_site.get(d, ()))
            cache[key] = [self[i] for i in rows]
        return cache[key]


def rules_for(rules: list[Rule] | None, site: str | None) -> list[Rule] | None:
    """The rules that apply to a page of ``site``, in order; None if none do
    (the classifier then takes its fast path).

    >>> rules = parse_rules({"rule": [{"pattern": "a", "site": "x.org"}, {"pattern": "b"}]})
    >>> [r.source for r in rules_for(rules, "news.x.org")], [r.source for r in rules_for(rules, "y.org")]
    (['a', 'b'], ['b'])
    >>> rules_for(parse_rules({"rule": [{"pattern": "a", "site": "x.org"}]}), "y.org") is None
    True
    """
    if not rules:
        return None
    found = rules.for_site(site) if isinstance(rules, RuleSet) else [r for r in rules if r.applies_to(site)]
    return found or None


def parse_rules(data: dict) -> RuleSet:
    """Rules from the parsed TOML mapping; raises ValueError naming the bad rule."""
    rules = RuleSet()
    for n, entry in enumerate(data.get("rule", []), 1):
        if not isinstance(entry, dict):
            raise ValueError(f"rule {n}: expected a table")
        action = entry.get("action", "drop")
        if action not in ACTIONS:
            raise ValueError(f"rule {n}: action must be one of {ACTIONS}, not {action!r}")
        needle = ""
        if "regex" in entry:
            source = entry["regex"]
            try:
                regex = re.compile(source, re.IGNORECASE)
            except re.error as e:
                raise ValueError(f"rule {n}: bad regex {source!r}: {e}") from None
        elif "pattern" in entry:
            source = entry["pattern"]
            # A phrase matches at word boundaries, whitespace-insensitive.
            words = [re.escape(w) for w in str(source).split()]
            if not words:
                raise ValueError(f"rule {n}: empty pattern")
            regex = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)
            needle = _needle(str(source))
        else:
            raise ValueError(f"rule {n}: needs 'pattern' (a phrase) or 'regex'")
        category = entry.get("category", "user" if action == "drop" else "article")
        site = entry.get("site")
        if site is not None:
            site = str(site).lower().removeprefix("www.")
        rules.append(Rule(regex, str(category), action, site, str(source), needle))
    return rules


def _needle(phrase: str) -> str:
    """The phrase's longest word that ``str.lower`` finds wherever the
    case-insensitive regex would: ASCII, and without i, k or s, which the
    regex also matches in other scripts (the Kelvin sign, the long s, the
    dotless i). Empty if no word qualifies.

    >>> _needle("Enjoyed this piece? We need your help"), _needle("Sis")
    ('enjoyed', '')
    """
    words = [w.lower() for w in phrase.split() if w.isascii() and not set(w.lower()) & set("iks")]
    return max(words, key=len) if words else ""


def load_rules(path: str | Path) -> RuleSet:
    """Read rules from a TOML file; a ValueError names the file and what is wrong.

    >>> load_rules("/nonexistent/rules.toml")
    Traceback (most recent call last):
    ValueError: rules file /nonexistent/rules.toml: No such file or directory
    """
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as e:
        raise ValueError(f"rules file {path}: {e.strerror or e}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ValueError(f"rules file {path}: not valid TOML: {e}") from None
    try:
        return parse_rules(data)
    except ValueError as e:
        raise ValueError(f"rules file {path}: {e}") from None


def match_rules(rules: list[Rule], text: str, site: str | None) -> Rule | None:
    """The first rule that applies to ``site`` and matches ``text``; keep rules win."""
    found = None
    low = None
    for rule in rules:
        if not rule.applies_to(site):
            continue
        if rule.needle:
            low = text.lower() if low is None else low
            if rule.needle not in low:
                continue
        if rule.regex.search(text):
            if rule.action == "keep":
                return rule
            found = found or rule
    return found
