"""The facade every front end (CLI, web, notebooks) calls.

Each capability lives in a private module of this package; this module re-exports the curated
public names (a test pins them).
"""

from __future__ import annotations

from accord.api._analysis import (
    analyze_scenario,
    copy_builtin,
    list_scenarios,
    scenario_json_schema,
    validate_scenario,
)
from accord.api._forecast import (
    BacktestIssue,
    BacktestReport,
    backtest,
    forecast_lever,
    load_spatial_data,
    model_names,
    run_all,
    run_model,
)
from accord.api._genius import export_genius_files, import_genius_files
from accord.api._levers import parse_moves, resolve_levers
from accord.api._negotiate import (
    DEFAULT_STRATEGY,
    explain_negotiation,
    list_protocols,
    list_strategies,
    negotiation_domain,
    simulate,
    simulate_batch,
    tournament,
)
from accord.api._phasing import (
    DealCheck,
    PhasingResult,
    PhasingSpec,
    builtin_phasing_names,
    check_phased_deal,
    load_phasing,
    plan_phasing,
)
from accord.api._sampled_bargaining import SampledBargaining, simulate_samples
from accord.api._space import explore_space, zopa_packages
from accord.api._twolevel import diagnose_scenario, whatif_scenario
from accord.api._uncertainty import (
    SENSITIVITY_METHODS,
    BlockTask,
    PointsTask,
    Ranked,
    UncertaintyReport,
    default_workers,
    run_block,
    run_points,
    uncertainty_analysis,
)

__all__ = [
    "DEFAULT_STRATEGY",
    "SENSITIVITY_METHODS",
    "BacktestIssue",
    "BacktestReport",
    "BlockTask",
    "DealCheck",
    "PhasingResult",
    "PhasingSpec",
    "PointsTask",
    "Ranked",
    "SampledBargaining",
    "UncertaintyReport",
    "analyze_scenario",
    "backtest",
    "builtin_phasing_names",
    "check_phased_deal",
    "copy_builtin",
    "default_workers",
    "diagnose_scenario",
    "explain_negotiation",
    "explore_space",
    "export_genius_files",
    "forecast_lever",
    "import_genius_files",
    "list_protocols",
    "list_scenarios",
    "list_strategies",
    "load_phasing",
    "load_spatial_data",
    "model_names",
    "negotiation_domain",
    "parse_moves",
    "plan_phasing",
    "resolve_levers",
    "run_all",
    "run_block",
    "run_model",
    "run_points",
    "scenario_json_schema",
    "simulate",
    "simulate_batch",
    "simulate_samples",
    "tournament",
    "uncertainty_analysis",
    "validate_scenario",
    "whatif_scenario",
    "zopa_packages",
]
