"""What every route does before and after calling :mod:`accord.api`: take the scenario a client
names (a built-in) or sends (text), check it against the server's limits, and keep recent
results (analyses are deterministic, so the same document gives the same answer)."""

from __future__ import annotations

import hashlib
from typing import Any

from accord import api
from accord.errors import InputError
from accord.web.limits import LimitError, Lru, Runner
from accord.web.settings import WebSettings

__all__ = ["Service"]


class Service:
    """The app's state: settings, the computation runner and the caches."""

    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self.runner = Runner(settings.workers, settings.queue, settings.timeout)
        self._scenarios = Lru(32)
        self._results = Lru(256)

    @staticmethod
    def key(builtin: str | None, text: str | None) -> str:
        """A short key naming the document (the built-in's name, or a hash of the text)."""
        if builtin is not None:
            return f"builtin:{builtin}"
        digest = hashlib.sha256((text or "").encode("utf-8", "surrogatepass")).hexdigest()
        return f"text:{digest}"

    def scenario(self, builtin: str | None, text: str | None) -> Any:
        """The scenario a request names or sends, within the package limit."""
        if (builtin is None) == (text is None):
            raise InputError("give `builtin` (a built-in scenario's name) or `text` (one of them)")
        key = self.key(builtin, text)
        found = self._scenarios.get(key)
        if found is None:
            found = (
                api.load_builtin_scenario(builtin)
                if builtin is not None
                else api.scenario_from_text(text or "", "upload")
            )
            self._scenarios.put(key, found)
        sc: Any = found
        n = api.package_count(sc)
        if n > self.settings.max_packages:
            raise LimitError(
                413,
                "too_many_packages",
                f"the scenario has {n:,} packages, more than this server analyses per request "
                f"({self.settings.max_packages:,}); reduce its issues or options, or run accord "
                "on your own machine",
            )
        return sc

    def cached(self, key: tuple[object, ...], make: Any) -> Any:
        """``make()``, or its earlier result for the same key."""
        found = self._results.get(key)
        if found is None:
            found = make()
            self._results.put(key, found)
        return found
