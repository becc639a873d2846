"""Facade: GENIUS (XML) and GeniusWeb (JSON) import and export."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from accord.errors import InputError
from accord.scenario import Scenario, load_scenario
from accord.scenario.negotiation.genius_export import export_genius
from accord.scenario.negotiation.genius_import import import_genius
from accord.scenario.negotiation.geniusweb_export import export_geniusweb
from accord.scenario.negotiation.geniusweb_import import import_geniusweb

__all__ = [
    "export_genius_files",
    "export_geniusweb_files",
    "import_genius_files",
    "import_geniusweb_files",
]


def import_genius_files(
    domain: str | Path,
    profiles: Sequence[str | Path],
    output: str | Path | None = None,
    *,
    title: str | None = None,
) -> tuple[str, Scenario]:
    """Import a GENIUS domain and its profiles; write the scenario YAML to ``output`` if given.

    Returns the YAML text and the scenario it describes.
    """
    text, scenario = import_genius(Path(domain), [Path(p) for p in profiles], title=title)
    _write_scenario(text, output)
    return text, scenario


def import_geniusweb_files(
    domain: str | Path,
    profiles: Sequence[str | Path],
    output: str | Path | None = None,
    *,
    title: str | None = None,
) -> tuple[str, Scenario]:
    """Import a GeniusWeb domain (JSON) and its ``LinearAdditiveUtilitySpace`` profiles; write
    the scenario YAML to ``output`` if given. Returns the YAML text and the scenario."""
    text, scenario = import_geniusweb(Path(domain), [Path(p) for p in profiles], title=title)
    _write_scenario(text, output)
    return text, scenario


def _write_scenario(text: str, output: str | Path | None) -> None:
    if output is not None:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{output}: cannot write the scenario: {exc.strerror}") from None


def export_genius_files(
    scenario: str | Path | Scenario, directory: str | Path, *, overwrite: bool = False
) -> list[Path]:
    """Write ``scenario`` as GENIUS XML files into ``directory``; return the paths written.

    Existing files are never replaced unless ``overwrite`` is true.
    """
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    return _write_files(export_genius(sc), Path(directory), overwrite, "GENIUS")


def export_geniusweb_files(
    scenario: str | Path | Scenario, directory: str | Path, *, overwrite: bool = False
) -> list[Path]:
    """Write ``scenario`` as GeniusWeb JSON (``domain.json`` and one profile per principal)
    into ``directory``; return the paths written. Existing files are kept unless
    ``overwrite``."""
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    return _write_files(export_geniusweb(sc), Path(directory), overwrite, "GeniusWeb")


def _write_files(files: dict[str, str], out: Path, overwrite: bool, kind: str) -> list[Path]:
    existing = [str(out / name) for name in files if (out / name).exists()]
    if existing and not overwrite:
        raise InputError(
            f"{existing[0]}: the file exists ({len(existing)} of the {len(files)} files to write "
            "do); choose another folder or pass --force"
        )
    written = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            path = out / name
            path.write_text(text, encoding="utf-8")
            written.append(path)
    except OSError as exc:
        raise InputError(f"{out}: cannot write the {kind} files: {exc.strerror}") from None
    return written
