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

    def applies_to(self, site: str | None) -> bool:
        if self.site is None:
            return True
        if not site:
            return False
        site = site.lower().removeprefix("www.")
        return site == self.site or site.endswith("." + self.site)


def parse_rules(data: dict) -> list[Rule]:
    """Rules from the parsed TOML mapping; raises ValueError naming the bad rule."""
    rules = []
    for n, entry in enumerate(data.get("rule", []), 1):
        if not isinstance(entry, dict):
            raise ValueError(f"rule {n}: expected a table")
        action = entry.get("action", "drop")
        if action not in ACTIONS:
            raise ValueError(f"rule {n}: action must be one of {ACTIONS}, not {action!r}")
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
        else:
            raise ValueError(f"rule {n}: needs 'pattern' (a phrase) or 'regex'")
        category = entry.get("category", "user" if action == "drop" else "article")
        site = entry.get("site")
        if site is not None:
            site = str(site).lower().removeprefix("www.")
        rules.append(Rule(regex, str(category), action, site, str(source)))
    return rules


def load_rules(path: str | Path) -> list[Rule]:
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
    for rule in rules:
        if rule.applies_to(site) and rule.regex.search(text):
            if rule.action == "keep":
                return rule
            found = found or rule
    return found
