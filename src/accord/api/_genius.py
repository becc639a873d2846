"""Facade: GENIUS import and export."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from accord.errors import InputError
from accord.scenario import Scenario, load_scenario
from accord.scenario.negotiation.genius_export import export_genius
from accord.scenario.negotiation.genius_import import import_genius

__all__ = ["export_genius_files", "import_genius_files"]


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
    if output is not None:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{output}: cannot write the scenario: {exc.strerror}") from None
    return text, scenario


def export_genius_files(
    scenario: str | Path | Scenario, directory: str | Path, *, overwrite: bool = False
) -> list[Path]:
    """Write ``scenario`` as GENIUS XML files into ``directory``; return the paths written.

    Existing files are never replaced unless ``overwrite`` is true.
    """
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    files = export_genius(sc)
    out = Path(directory)
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
        raise InputError(f"{out}: cannot write the GENIUS files: {exc.strerror}") from None
    return written
