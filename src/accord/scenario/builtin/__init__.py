"""Built-in scenarios shipped with accord (YAML files in this folder)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["DEFAULT_SCENARIO", "builtin_folder", "builtin_names", "builtin_path"]

DEFAULT_SCENARIO = "hanoi-2019"
"""The scenario commands and API functions use when none is named: the Hanoi summit."""

_SUFFIX = ".yaml"


def builtin_folder() -> Path:
    """The folder holding the built-in files of every document kind."""
    return Path(str(resources.files(__name__)))


def builtin_names() -> tuple[str, ...]:
    """Names of the built-in negotiation scenarios, sorted."""
    return tuple(
        sorted(
            p.name[: -len(_SUFFIX)]
            for p in builtin_folder().glob(f"*{_SUFFIX}")
            if p.name.count(".") == 1  # 'hanoi-2019.yaml', not 'hanoi-2019.phasing.yaml'
        )
    )


def builtin_path(name: str) -> Path | None:
    """Path of the built-in scenario ``name``, or ``None`` if there is none."""
    path = builtin_folder() / f"{name}{_SUFFIX}"
    return path if name in builtin_names() and path.is_file() else None
