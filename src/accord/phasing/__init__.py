"""Phased reciprocal agreements: "parallel and simultaneous action" schedules (design §13).

Modules: :mod:`~accord.scenario.phasing.model` (the problem), :mod:`~accord.phasing.milp` (matrices),
:mod:`~accord.phasing.solve` (objectives and HiGHS), :mod:`~accord.phasing.check` (an
independent plain-Python checker), and the explanation and diagnosis modules.
"""

from __future__ import annotations

__all__: list[str] = []
