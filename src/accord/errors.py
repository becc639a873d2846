"""The one exception tree of accord.

Every error a user can cause derives from :class:`AccordError`. Errors about input name the
place (file, key path, line where known) and say what would be valid; the CLI prints each
problem on one line and exits with code 2.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "AccordError",
    "AnalysisError",
    "InputError",
    "Problem",
    "ScenarioError",
]


@dataclass(frozen=True, slots=True)
class Problem:
    """One located problem in a user's input.

    Parameters
    ----------
    message:
        What is wrong and what would be valid.
    source:
        The file (or ``<string>``) the problem is in.
    path:
        Key path inside the document, e.g. ``preferences.us.values.sanctions``.
    line:
        1-based line in the file when the parser knows it.
    """

    message: str
    source: str = "<input>"
    path: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = self.source
        if self.line is not None:
            where += f":{self.line}"
        if self.path:
            where += f": {self.path}"
        return f"{where}: {self.message}"


class AccordError(Exception):
    """Base class of every error accord raises on purpose."""


class InputError(AccordError):
    """Bad input from the user (arguments, options, settings)."""


class AnalysisError(AccordError):
    """An analysis that cannot be carried out on a valid input (e.g. too large a space)."""


class ScenarioError(InputError):
    """A scenario file (or document) with one or more located problems."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
