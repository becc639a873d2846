"""What is hashed and signed: RFC 8785 JSON and the SHA-256 link, checked by hand."""

from __future__ import annotations

import hashlib

import pytest

from accord.errors import InputError
from accord.track.canonical import (
    GENESIS_PREV,
    SIGNING_CONTEXT,
    canonical,
    link_hash,
    signed_message,
)


def test_canonical_json_sorts_keys_drops_whitespace_and_writes_utf8() -> None:
    body = {"b": 1, "a": [1.0, "é"], "c": {"y": None, "x": True}}
    assert canonical(body) == '{"a":[1,"é"],"b":1,"c":{"x":true,"y":null}}'.encode()


def test_numbers_take_their_shortest_ecmascript_form() -> None:
    assert canonical({"x": 1e-7, "y": 0.1, "z": 1e21}) == b'{"x":1e-7,"y":0.1,"z":1e+21}'


def test_link_hash_is_sha256_of_previous_bytes_then_canonical_json() -> None:
    body = {"k": "v"}
    first = link_hash(GENESIS_PREV, body)
    assert first == hashlib.sha256(bytes(32) + b'{"k":"v"}').hexdigest()
    second = link_hash(first, body)
    assert second == hashlib.sha256(bytes.fromhex(first) + b'{"k":"v"}').hexdigest()


def test_values_json_cannot_hold_exactly_are_refused() -> None:
    with pytest.raises(InputError, match="canonical JSON"):
        canonical({"x": float("nan")})


def test_signed_message_is_the_context_then_the_hash_bytes() -> None:
    h = "ab" * 32
    assert signed_message(h) == SIGNING_CONTEXT + bytes.fromhex(h)
