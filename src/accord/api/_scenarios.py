"""Facade: checking a scenario file, copying a built-in one.

``accord validate`` loads the scenario model and the forecasting models its levers may need,
never the bargaining analysis.
"""

from __future__ import annotations

from pathlib import Path

from accord.api._levers import resolve_levers
from accord.errors import InputError
from accord.scenario import Scenario, builtin_names, load_scenario
from accord.scenario.builtin import builtin_path

__all__ = ["copy_builtin", "validate_scenario"]


def validate_scenario(path: str | Path) -> Scenario:
    """Load and fully check a scenario file; raises :class:`accord.errors.ScenarioError`.

    Forecast-driven levers are resolved, so an unknown forecasting model is reported too.
    """
    return resolve_levers(load_scenario(path))


def copy_builtin(name: str, dest: str | Path, *, overwrite: bool = False) -> list[Path]:
    """Write the file of built-in scenario ``name`` to ``dest`` (a file or a folder).

    Spatial data files that its levers take their settings from are written next to it,
    under the names the scenario uses. Returns every file written, the scenario first.
    """
    src = builtin_path(name)
    if src is None:
        raise InputError(
            f"{name}: no built-in scenario of that name; built-ins are: {', '.join(builtin_names())}"
        )
    target = Path(dest)
    if target.is_dir():
        target = target / src.name
    if target.exists() and not overwrite:
        raise InputError(f"{target}: the file exists; choose another name or pass --force")
    # the spatial data files its levers take their settings from go alongside
    companions = {
        lv.forecast.data_ref: Path(lv.forecast.data_path)
        for lv in load_scenario(name).levers
        if lv.forecast is not None and not Path(lv.forecast.data_ref).is_absolute()
    }
    for ref in companions:
        dest_ref = target.parent / ref
        if dest_ref.exists() and not overwrite:
            raise InputError(
                f"{dest_ref}: the file exists (the scenario's spatial data goes there); "
                "choose another folder or pass --force"
            )
    try:
        target.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
        for ref, path in companions.items():
            (target.parent / ref).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{target}: cannot write the file: {exc.strerror}") from None
    return [target, *(target.parent / ref for ref in companions)]
