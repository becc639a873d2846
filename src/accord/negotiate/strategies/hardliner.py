"""The hardliner: always demands its best package and accepts nothing less."""

from __future__ import annotations

from dataclasses import dataclass

from accord.negotiate.strategy import Aspiration
from accord.negotiate.view import NegotiationView

__all__ = ["BestAspiration"]


@dataclass(frozen=True, slots=True)
class BestAspiration(Aspiration):
    """Aim at the party's best utility in every round."""

    def raw(self, view: NegotiationView, round_: int) -> float:
        return view.best
