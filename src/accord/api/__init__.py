"""The facade every front end (CLI, web, notebooks) calls.

Each capability lives in a private module of this package; this module names the curated public
names (a test pins them exactly) and loads each on first use (PEP 562, :mod:`accord._lazy`), so
that a front end importing :mod:`accord.api` pays only for the capabilities it calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from accord._lazy import lazy_names

if TYPE_CHECKING:
    from accord.api._analysis import analyze_scenario
    from accord.api._catalogue import list_scenarios, scenario_json_schema
    from accord.api._defaults import DEFAULT_STRATEGY, MAX_ROUNDS
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
    from accord.api._forecast_sweep import ForecastSweep, forecast_samples, parse_perturb
    from accord.api._genius import (
        export_genius_files,
        export_geniusweb_files,
        import_genius_files,
        import_geniusweb_files,
    )
    from accord.api._grid import GridPoint, GridReport, uncertainty_grid
    from accord.api._knobs import Knob, whatif_knobs
    from accord.api._levers import parse_moves, resolve_levers
    from accord.api._negotiate import (
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
    from accord.api._report import ReportData, gather_report
    from accord.api._sampled_bargaining import SampledBargaining, simulate_samples
    from accord.api._scenarios import copy_builtin, validate_scenario
    from accord.api._space import explore_space, zopa_packages
    from accord.api._sweep import resume_sweep, sweep_executor, write_summary
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
    from accord.api._twolevel import diagnose_scenario, parse_settings, whatif_scenario
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
    from accord.api._untrusted import (
        builtin_scenario_text,
        builtin_spatial_names,
        load_builtin_phasing,
        load_builtin_scenario,
        load_builtin_spatial,
        package_count,
        scenario_from_text,
        scenario_sources,
        spatial_from_text,
    )
    from accord.scenario import DEFAULT_SCENARIO

_SOURCES: dict[str, tuple[str, ...]] = {
    "accord.scenario.builtin": ("DEFAULT_SCENARIO",),
    "accord.api._defaults": ("DEFAULT_STRATEGY", "MAX_ROUNDS"),
    "accord.api._analysis": ("analyze_scenario",),
    "accord.api._catalogue": ("list_scenarios", "scenario_json_schema"),
    "accord.api._scenarios": ("copy_builtin", "validate_scenario"),
    "accord.api._forecast": (
        "BacktestIssue",
        "BacktestReport",
        "backtest",
        "forecast_lever",
        "load_spatial_data",
        "model_names",
        "run_all",
        "run_model",
    ),
    "accord.api._forecast_sweep": ("ForecastSweep", "forecast_samples", "parse_perturb"),
    "accord.api._grid": ("GridPoint", "GridReport", "uncertainty_grid"),
    "accord.api._sweep": ("resume_sweep", "sweep_executor", "write_summary"),
    "accord.api._genius": (
        "export_genius_files",
        "export_geniusweb_files",
        "import_genius_files",
        "import_geniusweb_files",
    ),
    "accord.api._levers": ("parse_moves", "resolve_levers"),
    "accord.api._knobs": ("Knob", "whatif_knobs"),
    "accord.api._report": ("ReportData", "gather_report"),
    "accord.api._untrusted": (
        "builtin_scenario_text",
        "builtin_spatial_names",
        "load_builtin_phasing",
        "load_builtin_scenario",
        "load_builtin_spatial",
        "package_count",
        "scenario_from_text",
        "scenario_sources",
        "spatial_from_text",
    ),
    "accord.api._negotiate": (
        "explain_negotiation",
        "list_protocols",
        "list_strategies",
        "negotiation_domain",
        "simulate",
        "simulate_batch",
        "tournament",
    ),
    "accord.api._phasing": (
        "DealCheck",
        "PhasingResult",
        "PhasingSpec",
        "builtin_phasing_names",
        "check_phased_deal",
        "load_phasing",
        "plan_phasing",
    ),
    "accord.api._sampled_bargaining": ("SampledBargaining", "simulate_samples"),
    "accord.api._space": ("explore_space", "zopa_packages"),
    "accord.api._track": (
        "ChainCheck",
        "KeyFiles",
        "LedgerLog",
        "LedgerOpened",
        "LedgerStatus",
        "Record",
        "Replan",
        "Replanned",
        "track_export",
        "track_import",
        "track_init",
        "track_keygen",
        "track_log",
        "track_record",
        "track_replan",
        "track_status",
        "track_verify",
    ),
    "accord.api._twolevel": ("diagnose_scenario", "parse_settings", "whatif_scenario"),
    "accord.api._uncertainty": (
        "SENSITIVITY_METHODS",
        "BlockTask",
        "PointsTask",
        "Ranked",
        "UncertaintyReport",
        "default_workers",
        "run_block",
        "run_points",
        "uncertainty_analysis",
    ),
}

__getattr__, __dir__ = lazy_names(
    __name__, {name: module for module, names in _SOURCES.items() for name in names}
)

__all__ = [
    "DEFAULT_SCENARIO",
    "DEFAULT_STRATEGY",
    "MAX_ROUNDS",
    "SENSITIVITY_METHODS",
    "BacktestIssue",
    "BacktestReport",
    "BlockTask",
    "ChainCheck",
    "DealCheck",
    "ForecastSweep",
    "GridPoint",
    "GridReport",
    "KeyFiles",
    "Knob",
    "LedgerLog",
    "LedgerOpened",
    "LedgerStatus",
    "PhasingResult",
    "PhasingSpec",
    "PointsTask",
    "Ranked",
    "Record",
    "Replan",
    "Replanned",
    "ReportData",
    "SampledBargaining",
    "UncertaintyReport",
    "analyze_scenario",
    "backtest",
    "builtin_phasing_names",
    "builtin_scenario_text",
    "builtin_spatial_names",
    "check_phased_deal",
    "copy_builtin",
    "default_workers",
    "diagnose_scenario",
    "explain_negotiation",
    "explore_space",
    "export_genius_files",
    "export_geniusweb_files",
    "forecast_lever",
    "forecast_samples",
    "gather_report",
    "import_genius_files",
    "import_geniusweb_files",
    "list_protocols",
    "list_scenarios",
    "list_strategies",
    "load_builtin_phasing",
    "load_builtin_scenario",
    "load_builtin_spatial",
    "load_phasing",
    "load_spatial_data",
    "model_names",
    "negotiation_domain",
    "package_count",
    "parse_moves",
    "parse_perturb",
    "parse_settings",
    "plan_phasing",
    "resolve_levers",
    "resume_sweep",
    "run_all",
    "run_block",
    "run_model",
    "run_points",
    "scenario_from_text",
    "scenario_json_schema",
    "scenario_sources",
    "simulate",
    "simulate_batch",
    "simulate_samples",
    "spatial_from_text",
    "sweep_executor",
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
    "uncertainty_analysis",
    "uncertainty_grid",
    "validate_scenario",
    "whatif_knobs",
    "whatif_scenario",
    "write_summary",
    "zopa_packages",
]
