"""Facade: everything a full report of one scenario shows, gathered in one call.

``accord report`` renders it as HTML (or PDF/PNG); the result carries the seed it drew so that
the report can print it and be repeated.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from accord.api._analysis import analyze_scenario
from accord.api._checks import check_count, draw_seed
from accord.api._negotiate import simulate
from accord.api._phasing import PhasingResult, load_phasing, plan_phasing
from accord.api._twolevel import diagnose_scenario
from accord.api._uncertainty import UncertaintyReport, uncertainty_analysis
from accord.bargaining.analysis import Analysis
from accord.bargaining.twolevel_diagnosis import TwoLevelDiagnosis
from accord.negotiate.protocol import NegotiationResult
from accord.scenario import DEFAULT_SCENARIO, load_scenario
from accord.scenario.builtin import builtin_path
from accord.scenario.phasing.loader import builtin_phasing_names

__all__ = ["ReportData", "gather_report"]

MAX_REPORT_SAMPLES = 1_000_000
"""The most uncertainty draws a report runs (the command says how long they took)."""


@dataclass(frozen=True, slots=True, eq=False)
class ReportData:
    """The parts of a scenario's report.

    Attributes
    ----------
    phasing:
        The phased plan, when a phasing document was given or the built-in scenario has one.
    uncertainty:
        The analysis under uncertainty, when the scenario declares ``uncertainty:`` and
        ``samples`` is not 0.
    seed:
        The seed of the simulation and of the uncertainty draws (drawn when not given).
    left_out:
        Each part not in the report, with why (plain sentences).
    """

    analysis: Analysis
    diagnosis: TwoLevelDiagnosis
    simulation: NegotiationResult
    phasing: PhasingResult | None
    uncertainty: UncertaintyReport | None
    seed: int
    left_out: tuple[str, ...]


def gather_report(
    scenario: str | Path = DEFAULT_SCENARIO,
    *,
    phasing: str | Path | None = None,
    seed: int | None = None,
    samples: int = 2000,
    rounds: int = 20,
    diagnose_limit: int = 3,
) -> ReportData:
    """Analyse, diagnose, simulate, phase and (when declared) sample a scenario.

    Parameters
    ----------
    scenario:
        A built-in name or a scenario file.
    phasing:
        A phasing document (built-in name or file) for the plan; by default the built-in of the
        same name as a built-in scenario, if there is one.
    seed:
        Seed of the simulation and of the uncertainty draws; ``None`` draws one (recorded).
    samples:
        Uncertainty draws (0 leaves the uncertainty part out); Sobol indices use a base of 64.
    rounds:
        Deadline of the simulated negotiation.
    diagnose_limit:
        How many "what it would take" answers.
    """
    seed = draw_seed(seed)
    samples = check_count(samples, "samples", low=0, high=MAX_REPORT_SAMPLES)
    sc = load_scenario(scenario)
    left: list[str] = []
    analysis = analyze_scenario(sc)
    diagnosis = diagnose_scenario(sc, limit=diagnose_limit)
    protocol = "alternating" if len(sc.principals) == 2 else "stacked"
    simulation = simulate(sc, protocol=protocol, rounds=rounds, seed=seed)
    plan = None
    builtin = builtin_path(str(scenario)) is not None and not Path(scenario).is_file()
    if phasing is None and builtin and str(scenario) in builtin_phasing_names():
        phasing = str(scenario)
    if phasing is not None:
        plan = plan_phasing(load_phasing(phasing))
    else:
        left.append("Phased plan: no phasing document was given (accord report --phasing FILE).")
    unc = None
    if sc.uncertainty is None:
        left.append("Uncertainty: the scenario declares none (an `uncertainty:` section).")
    elif samples == 0:
        left.append("Uncertainty: left out (--samples 0).")
    else:
        unc = uncertainty_analysis(
            scenario, samples=samples, seed=seed, sensitivity="sobol", sobol_base=64
        )
    return ReportData(analysis, diagnosis, simulation, plan, unc, seed, tuple(left))
