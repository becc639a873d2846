"""The curated public names are pinned, and the layers import downwards only."""

from __future__ import annotations

import ast
from pathlib import Path

import accord.api
import accord.bargaining
import accord.scenario
import accord.space

ROOT = Path(accord.__file__).resolve().parent

API = {
    "ForecastSweep",
    "GridPoint",
    "GridReport",
    "forecast_samples",
    "parse_perturb",
    "resume_sweep",
    "sweep_executor",
    "uncertainty_grid",
    "write_summary",
    "Knob",
    "ReportData",
    "builtin_scenario_text",
    "builtin_spatial_names",
    "gather_report",
    "load_builtin_phasing",
    "load_builtin_scenario",
    "load_builtin_spatial",
    "package_count",
    "scenario_from_text",
    "scenario_sources",
    "spatial_from_text",
    "whatif_knobs",
    "SENSITIVITY_METHODS",
    "BlockTask",
    "PointsTask",
    "Ranked",
    "UncertaintyReport",
    "default_workers",
    "run_block",
    "run_points",
    "uncertainty_analysis",
    "SampledBargaining",
    "simulate_samples",
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
    "DEFAULT_SCENARIO",
    "DEFAULT_STRATEGY",
    "MAX_ROUNDS",
    "BacktestIssue",
    "BacktestReport",
    "DealCheck",
    "PhasingResult",
    "PhasingSpec",
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
    "parse_settings",
    "plan_phasing",
    "resolve_levers",
    "run_all",
    "run_model",
    "scenario_json_schema",
    "simulate",
    "simulate_batch",
    "tournament",
    "validate_scenario",
    "whatif_scenario",
    "zopa_packages",
}


def test_api_names_are_exactly_the_pinned_set() -> None:
    assert set(accord.api.__all__) == API
    assert len(accord.api.__all__) == len(API)  # no name twice
    for name in accord.api.__all__:
        assert getattr(accord.api, name) is not None
    assert set(dir(accord.api)) >= API


def test_an_unknown_api_name_is_an_attribute_error() -> None:
    import pytest

    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        accord.api.nope  # noqa: B018


def test_layer_packages_export_what_they_declare() -> None:
    for mod in (accord.scenario, accord.space, accord.bargaining):
        for name in mod.__all__:
            assert hasattr(mod, name), (mod.__name__, name)


# Layers, lowest first: a module may import its own package and lower layers only. The table
# names the packages that exist; a new top-level package or module of accord gets a line here
# (the test below fails until it has one); `web` goes at 7 beside `cli`.
LAYERS: dict[int, set[str]] = {
    0: {"_types", "_lazy", "errors", "__init__", "__main__"},
    1: {"scenario"},
    2: {"space"},
    3: {"bargaining", "forecast", "negotiate", "phasing"},
    4: {"sweep", "track"},  # sweep: Monte Carlo and sensitivity; track: the ledger
    5: {"api"},
    6: {"report"},
    7: {"cli", "web"},
}
LEVEL = {name: level for level, names in LAYERS.items() for name in names}
FRONT_END_ONLY = {"typer": 7, "fastapi": 7, "uvicorn": 7, "matplotlib": 6, "plotly": 6}
# __main__ runs the command line: it is the one L0 module allowed to reach the top; the
# command line's `accord serve` starts the web app (inside the command).
EXEMPT = {("__main__", "cli"), ("cli", "web")}


def _top(path: Path) -> str:
    return path.relative_to(ROOT).parts[0].removesuffix(".py")


def _imports(path: Path) -> list[tuple[str, int]]:
    """Every imported module name with its line, including imports inside functions and
    relative imports resolved against the module's package."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = ["accord", *path.relative_to(ROOT).with_suffix("").parts[:-1]]
    out: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            out.append((module, node.lineno))
            if module.startswith("accord."):  # the names, too: `from accord.api import _x`
                out += [(f"{module}.{a.name}", node.lineno) for a in node.names]
            if module == "accord":  # `from accord import api`: a module; `__version__`: not
                for a in node.names:
                    is_module = (ROOT / a.name).is_dir() or (ROOT / f"{a.name}.py").is_file()
                    out.append((f"accord.{a.name if is_module else '__init__'}", node.lineno))
    return out


def test_every_top_level_package_has_a_layer() -> None:
    tops = {_top(p) for p in ROOT.rglob("*.py")} | {
        p.name for p in ROOT.iterdir() if p.is_dir() and not p.name.startswith("__")
    }
    assert tops <= set(LEVEL), f"give these a layer in LAYERS: {sorted(tops - set(LEVEL))}"
    present = {t for t in LEVEL if (ROOT / t).is_dir() or (ROOT / f"{t}.py").is_file()}
    assert present == set(LEVEL), f"no such package: {sorted(set(LEVEL) - present)}"


def test_layers_import_downwards_only() -> None:
    checked = 0
    for path in sorted(ROOT.rglob("*.py")):
        top = _top(path)
        for module, line in _imports(path):
            where = f"{path.relative_to(ROOT)}:{line}"
            parts = module.split(".")
            if parts[0] == "accord" and len(parts) > 1:
                target = parts[1]
                assert target in LEVEL, f"{where} imports {module}: no such layer"
                if target != top and (top, target) not in EXEMPT:
                    assert LEVEL[target] < LEVEL[top] or LEVEL[target] == LEVEL[top] == 0, (
                        f"{where} ({top}, L{LEVEL[top]}) imports {module} "
                        f"(L{LEVEL[target]}): imports point down only"
                    )
                checked += 1
            lowest = FRONT_END_ONLY.get(parts[0])
            if lowest is not None:
                assert LEVEL[top] >= lowest, f"{where} imports {module} below L{lowest}"
    assert checked > 300  # the walk did see the code base


def test_front_ends_use_public_names_only() -> None:
    for path in sorted([*(ROOT / "cli").rglob("*.py"), *(ROOT / "web").rglob("*.py")]):
        for module, line in _imports(path):
            parts = module.split(".")
            if parts[0] != "accord" or len(parts) == 1:
                continue
            where = f"{path.relative_to(ROOT)}:{line}"
            assert parts[1] in {"api", "report", "errors", "cli", "web", "__init__"}, (
                f"{where} imports {module}"
            )
            if parts[1] not in ("cli", "web"):  # a front end's own helpers are its own
                private = [p for p in parts if p.startswith("_") and p != "__init__"]
                assert not private, f"{where}: private {module}"
