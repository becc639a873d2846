"""Names of a package loaded on first use (PEP 562), so that importing the package is cheap.

A package lists where each public name lives and hands the two functions this module makes to
Python as its module ``__getattr__`` and ``__dir__``::

    __getattr__, __dir__ = lazy_names(__name__, {"load_scenario": "accord.scenario.negotiation.loader"})

Type checkers see the names through an ``if TYPE_CHECKING:`` block of ordinary imports.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(
    package: str, sources: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module ``__getattr__`` and ``__dir__`` of ``package``.

    Parameters
    ----------
    package:
        The package's ``__name__``.
    sources:
        Public name to the module that defines it; the name is imported from there on first
        access and then kept in the package's namespace.
    """
    table = dict(sources)

    def get_attribute(name: str) -> Any:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    def list_names() -> list[str]:
        return sorted({*vars(sys.modules[package]), *table})

    return get_attribute, list_names
