"""The strategy library: one small module per strategy family."""

from __future__ import annotations

from accord.negotiate.strategies.equilibrium import EquilibriumAcceptance, EquilibriumOffering
from accord.negotiate.strategies.frequency import FrequencyOffering, estimate_opponent
from accord.negotiate.strategies.hardliner import BestAspiration
from accord.negotiate.strategies.nash_seeking import NashAspiration, nash_row
from accord.negotiate.strategies.randomized import RandomAcceptance, RandomOffering
from accord.negotiate.strategies.time_dependent import TimeAspiration
from accord.negotiate.strategies.tit_for_tat import MirrorAspiration

__all__ = [
    "BestAspiration",
    "EquilibriumAcceptance",
    "EquilibriumOffering",
    "FrequencyOffering",
    "MirrorAspiration",
    "NashAspiration",
    "RandomAcceptance",
    "RandomOffering",
    "TimeAspiration",
    "estimate_opponent",
    "nash_row",
]
