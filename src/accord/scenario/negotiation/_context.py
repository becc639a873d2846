"""What every section of the scenario builder shares: the located-problem collector, the
declared sources and the issues, and the package reader. Private to the builder."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from accord.errors import Problem
from accord.scenario._io.yamlio import Document
from accord.scenario.negotiation.model import Issue
from accord.scenario.negotiation.schema import ScenarioFile

__all__ = ["Context", "KeyPath", "duplicates", "read_package", "refs_of"]

KeyPath = tuple[str | int, ...]
"""A key path inside the document."""


def refs_of(value: str | list[str] | None) -> tuple[str, ...]:
    """The source ids a ``source:`` value names (one id or a list)."""
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def duplicates(ids: Sequence[str]) -> set[str]:
    """The ids that occur more than once."""
    return {i for i, n in Counter(ids).items() if n > 1}


class Context:
    """Collects located problems and notes; knows the declared sources and the issues."""

    def __init__(self, doc: Document, spec: ScenarioFile) -> None:
        self.doc = doc
        self.spec = spec
        self.problems: list[Problem] = []
        self.notes: list[str] = []
        self.source_ids: set[str] = {s.id for s in spec.sources}
        self.issues: tuple[Issue, ...] = ()
        self.by_id: dict[str, Issue] = {}
        self.order: dict[str, int] = {}

    def add(self, path: Sequence[str | int], message: str) -> None:
        """Record a problem at ``path`` (its line is looked up in the document)."""
        self.problems.append(self.doc.problem(path, message))

    def note(self, path: Sequence[str | int], message: str) -> None:
        """Record a note for the reader about how ``path`` was read."""
        self.notes.append(str(self.doc.problem(path, message)))

    def refs(self, value: str | list[str] | None, path: KeyPath) -> tuple[str, ...]:
        """The source ids ``value`` cites, each checked against ``sources``."""
        refs = refs_of(value)
        for r in refs:
            if r not in self.source_ids:
                known = ", ".join(sorted(self.source_ids)) or "none are declared"
                self.add(path, f"cites unknown source {r!r}; declared sources: {known}")
        return refs

    def set_issues(self, issues: tuple[Issue, ...]) -> None:
        self.issues = issues
        self.by_id = {i.id: i for i in issues}
        self.order = {i.id: k for k, i in enumerate(issues)}

    def package(
        self, pkg: dict[str, str], path: KeyPath, *, complete: bool
    ) -> tuple[int, ...] | None:
        """Option indices of ``pkg`` in issue order (``None`` with problems recorded).

        With ``complete`` every issue must be named; otherwise missing issues get ``-1``.
        """
        out: dict[str, int] = {}
        ok = True
        for issue_id, opt in pkg.items():
            issue = self.by_id.get(issue_id)
            if issue is None:
                self.add(
                    (*path, issue_id),
                    f"unknown issue {issue_id!r}; issues are: {', '.join(self.by_id)}",
                )
                ok = False
            elif opt not in issue.option_ids:
                self.add(
                    (*path, issue_id),
                    f"unknown option {opt!r}; options of {issue_id!r} are: "
                    f"{', '.join(issue.option_ids)}",
                )
                ok = False
            else:
                out[issue_id] = issue.option_index(opt)
        if complete:
            missing = [i for i in self.by_id if i not in pkg]
            if missing:
                self.add(
                    path,
                    f"the package must name an option for every issue; missing: {', '.join(missing)}",
                )
                ok = False
        return tuple(out.get(i.id, -1) for i in self.issues) if ok else None


def read_package(ctx: Context, pkg: dict[str, str], path: KeyPath) -> tuple[int, ...] | None:
    """A complete package's option indices (``None`` with problems recorded)."""
    return ctx.package(pkg, path, complete=True)
