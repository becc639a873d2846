"""What a negotiation domain knows about each party's ratifiers (Putnam's level II).

A party's ratifiers do not sit at the table, but a package they would not ratify is outside
the party's win-set: its negotiator cannot accept it, and should not offer it. The joint
ratification probability per package comes from :func:`accord.space.acceptability.acceptability`
(the one model of acceptability that ``accord run`` uses too); a :class:`RatifierInfo` keeps
what is needed to say *which* ratifier binds and why, in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

__all__ = ["RatifierInfo", "frozen", "restore_frozen"]

_T = TypeVar("_T", bound=np.generic)


def frozen(a: NDArray[_T]) -> NDArray[_T]:
    """A contiguous read-only copy (or view) of ``a``."""
    out: NDArray[_T] = np.ascontiguousarray(a)
    out.flags.writeable = False
    return out


def restore_frozen(obj: object, state: object) -> None:
    """Unpickle a frozen slots dataclass with its numpy arrays read-only again."""
    names = [f.name for f in fields(obj)]  # type: ignore[arg-type]
    values = state if isinstance(state, list | tuple) else [state[n] for n in names]  # type: ignore[index]
    for name, value in zip(names, values, strict=True):
        if isinstance(value, np.ndarray):
            value = frozen(value)
        elif isinstance(value, tuple) and value and isinstance(value[0], np.ndarray):
            value = tuple(frozen(v) for v in value)
        elif isinstance(value, tuple) and value and isinstance(value[0], tuple):
            value = tuple(
                tuple(frozen(v) if isinstance(v, np.ndarray) else v for v in per) for per in value
            )
        object.__setattr__(obj, name, value)


@dataclass(frozen=True, slots=True, eq=False)
class RatifierInfo:
    """One ratifier of a negotiating party.

    Attributes
    ----------
    id, name:
        The ratifier's id and display name.
    party:
        Row of the party (principal) whose agreements it ratifies.
    threshold:
        The utility at which it ratifies (with probability 1/2 when probabilistic).
    sigma:
        ``None`` for a deterministic rule, else the spread of ``Phi((U - threshold) / sigma)``.
    utilities:
        ``(n,)`` its utility of every package.
    probability:
        ``(n,)`` the probability that it ratifies every package.
    weighted_values:
        Per issue, ``weight * value`` of each option to it: which issues it objects to.
    """

    id: str
    name: str
    party: int
    threshold: float
    sigma: float | None
    utilities: NDArray[np.float64]
    probability: NDArray[np.float64]
    weighted_values: tuple[NDArray[np.float64], ...] = ()

    def __setstate__(self, state: object) -> None:
        restore_frozen(self, state)

    @property
    def probabilistic(self) -> bool:
        return self.sigma is not None

    def rule(self) -> str:
        """Its rule in words, e.g. ``Phi((U - 0.840) / 0.060)`` or ``U >= 0.840``."""
        if self.sigma is None:
            return f"ratifies when the package is worth at least {self.threshold:.3f} to it"
        return f"ratifies with probability Phi((U - {self.threshold:.3f}) / {self.sigma:.3f})"
