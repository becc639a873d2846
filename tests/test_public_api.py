"""The curated public names are pinned: changing them is a deliberate act."""

from __future__ import annotations

import accord.api
import accord.bargaining
import accord.scenario
import accord.space


def test_api_names() -> None:
    assert set(accord.api.__all__) >= {
        "analyze_scenario",
        "list_scenarios",
        "scenario_json_schema",
        "validate_scenario",
    }
    for name in accord.api.__all__:
        assert hasattr(accord.api, name)


def test_layer_packages_export_what_they_declare() -> None:
    for mod in (accord.scenario, accord.space, accord.bargaining):
        for name in mod.__all__:
            assert hasattr(mod, name), (mod.__name__, name)


def test_layers_import_downwards_only() -> None:
    import ast
    from pathlib import Path

    root = Path(accord.api.__file__).resolve().parents[1]
    order = [
        "errors",
        "scenario",
        "space",
        "bargaining",
        "forecast",
        "negotiate",
        "phasing",
        "sweep",
        "track",
        "api",
        "report",
        "cli",
        "web",
    ]
    level = {
        "errors": 0,
        "scenario": 1,
        "space": 2,
        "bargaining": 3,
        "forecast": 3,
        "negotiate": 3,
        "phasing": 3,
        "sweep": 4,
        # track: the implementation ledger builds on phasing (L3) and is used by api (L5)
        "track": 4,
        "api": 5,
        "report": 6,
        "cli": 7,
        "web": 7,
    }
    assert set(level) == set(order)
    for path in root.rglob("*.py"):
        rel = path.relative_to(root).parts
        top = rel[0].removesuffix(".py")
        if top not in level:
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("accord.")
            ):
                target = node.module.split(".")[1]
                if target in level and target != top:
                    assert level[target] < level[top] or (level[target] == level[top] == 0), (
                        f"{path.name} ({top}) imports {node.module}"
                    )
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""]
                )
                for n in names:
                    if n.split(".")[0] in {"typer", "fastapi", "uvicorn"}:
                        assert level[top] >= 7, f"{path} imports {n}"
                    if n.split(".")[0] in {"matplotlib", "plotly"}:
                        assert level[top] >= 6, f"{path} imports {n}"
