"""What is hashed and signed: RFC 8785 canonical JSON and the SHA-256 chain link.

An event's *body* is a JSON object (see :mod:`accord.track.events`). Its canonical form is
RFC 8785 (JSON Canonicalization Scheme): keys sorted by UTF-16 code units, no insignificant
whitespace, UTF-8, numbers in their shortest ECMAScript form. The link hash of event ``n`` is

    hash_n = SHA-256( bytes(hash_{n-1}) || JCS(body_n) )

with ``bytes(h)`` the 32 raw bytes of the previous hash (32 zero bytes before event 0), written
as 64 lower-case hex digits. A signature, when there is one, is Ed25519 over
``SIGNING_CONTEXT || bytes(hash_n)``, so it covers the event and, through the previous hash,
everything before it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from accord.errors import InputError

__all__ = ["GENESIS_PREV", "SIGNING_CONTEXT", "canonical", "link_hash", "signed_message"]

GENESIS_PREV = "0" * 64
"""The previous hash of event 0."""

SIGNING_CONTEXT = b"accord.track.v1\x00"
"""Prefix of every signed message, so a signature cannot be replayed in another protocol."""


def canonical(body: Mapping[str, Any]) -> bytes:
    """The RFC 8785 canonical UTF-8 bytes of ``body``.

    Raises
    ------
    InputError
        If ``body`` holds a value JSON cannot represent exactly (NaN, infinity, an integer
        beyond 2**53, a lone surrogate).
    """
    import rfc8785

    try:
        return rfc8785.dumps(dict(body))
    except (rfc8785.CanonicalizationError, TypeError) as exc:
        raise InputError(f"the event cannot be written as canonical JSON: {exc}") from None


def link_hash(prev_hash: str, body: Mapping[str, Any]) -> str:
    """``SHA-256(bytes(prev_hash) || JCS(body))`` as 64 hex digits."""
    return hashlib.sha256(bytes.fromhex(prev_hash) + canonical(body)).hexdigest()


def signed_message(event_hash: str) -> bytes:
    """The bytes an author signs for the event whose link hash is ``event_hash``."""
    return SIGNING_CONTEXT + bytes.fromhex(event_hash)
