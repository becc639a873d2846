"""The web front end (``accord serve``): a FastAPI app with a REST API and a browser UI, both
thin adapters over :mod:`accord.api` and :mod:`accord.report`. Needs the ``web`` extra."""

from __future__ import annotations

from accord.web.app import create_app
from accord.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
