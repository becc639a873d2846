"""Shared reading machinery for every document kind: the safe YAML/JSON reader, pydantic error
wording and the hardened XML parser. Private to :mod:`accord.scenario`."""
