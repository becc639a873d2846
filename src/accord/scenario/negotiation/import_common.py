"""What the importers of other tools' negotiation files share: reading a domain and all its
profiles with every problem of every file reported at once, and making accord ids."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from accord.errors import Problem, ScenarioError

__all__ = ["make_id", "read_domain_and_profiles"]

D = TypeVar("D")
P = TypeVar("P")


def read_domain_and_profiles(
    domain: Path,
    profiles: Sequence[Path],
    read_domain: Callable[[Path], D],
    read_profile: Callable[[Path, D], P],
) -> tuple[D, list[P]]:
    """Read the domain, then every profile against it; raise one :class:`ScenarioError` with
    the located problems of all files (and of fewer than two profiles)."""
    problems: list[Problem] = []
    if len(profiles) < 2:
        problems.append(Problem("a negotiation needs at least two profiles", str(domain)))
    try:
        dom = read_domain(domain)
    except ScenarioError as exc:
        raise ScenarioError(list(exc.problems) + problems) from None
    parsed: list[P] = []
    for p in profiles:
        try:
            parsed.append(read_profile(p, dom))
        except ScenarioError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ScenarioError(problems)
    return dom, parsed


def make_id(text: str, taken: set[str]) -> str:
    """An accord id made from ``text`` (letters, digits, ``_``, ``-``; ``x_`` in front when it
    would not start with a letter), unique among ``taken`` (which it joins)."""
    base = re.sub(r"[^A-Za-z0-9_\-]+", "_", text.strip()).strip("_") or "x"
    if not base[0].isalpha():
        base = "x_" + base
    base = base[:60]
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}_{n}", n + 1
    taken.add(slug)
    return slug
