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
from accord.api._genius import (
    export_genius_files,
    export_geniusweb_files,
    import_genius_files,
    import_geniusweb_files,
)
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
from accord.api._space import explore_space, zopa_packages
from accord.api._track import (
    ChainCheck,
    KeyFiles,
    LedgerLog,
    LedgerOpened,
    LedgerStatus,
    Record,
    Replan,
    Replanned,
    track_export,
    track_import,
    track_init,
    track_keygen,
    track_log,
    track_record,
    track_replan,
    track_status,
    track_verify,
)
from accord.api._twolevel import diagnose_scenario, whatif_scenario

__all__ = [
    "DEFAULT_STRATEGY",
    "BacktestIssue",
    "BacktestReport",
    "ChainCheck",
    "DealCheck",
    "KeyFiles",
    "LedgerLog",
    "LedgerOpened",
    "LedgerStatus",
    "PhasingResult",
    "PhasingSpec",
    "Record",
    "Replan",
    "Replanned",
    "analyze_scenario",
    "backtest",
    "builtin_phasing_names",
    "check_phased_deal",
    "copy_builtin",
    "diagnose_scenario",
    "explain_negotiation",
    "explore_space",
    "export_genius_files",
    "export_geniusweb_files",
    "forecast_lever",
    "import_genius_files",
    "import_geniusweb_files",
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
    "run_model",
    "scenario_json_schema",
    "simulate",
    "simulate_batch",
    "tournament",
    "track_export",
    "track_import",
    "track_init",
    "track_keygen",
    "track_log",
    "track_record",
    "track_replan",
    "track_status",
    "track_verify",
    "validate_scenario",
    "whatif_scenario",
    "zopa_packages",
]
