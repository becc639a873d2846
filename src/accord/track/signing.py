"""Ed25519 keys and signatures for ledger events (through :mod:`cryptography`).

Keys are PEM files: the private key in PKCS#8 (written with mode 0600), the public key as a
SubjectPublicKeyInfo. A ledger registers public keys by author (party or verifier id) when it
is created; every event by an author with a key must then be signed with it.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from accord.errors import InputError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

__all__ = [
    "KeyFiles",
    "fingerprint",
    "public_key_of",
    "read_private_key",
    "read_public_key",
    "sign",
    "signature_valid",
    "write_keypair",
]


@dataclass(frozen=True, slots=True)
class KeyFiles:
    """Where :func:`write_keypair` wrote a key pair, and the public key's fingerprint."""

    private: Path
    public: Path
    fingerprint: str


def write_keypair(name: str, folder: Path) -> KeyFiles:
    """Generate an Ed25519 key pair and write ``NAME.key`` (private) and ``NAME.pub``.

    Raises
    ------
    InputError
        If the folder does not exist or either file already exists (keys are never
        overwritten).
    """
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    if not name or "/" in name or name.startswith("."):
        raise InputError(f"key name {name!r}: give a plain name such as the author id, e.g. us")
    if not folder.is_dir():
        raise InputError(f"--out {folder}: the folder does not exist")
    private, public = folder / f"{name}.key", folder / f"{name}.pub"
    for path in (private, public):
        if path.exists():
            raise InputError(f"{path} already exists; keys are never overwritten")
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    fd = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(private_pem)
    public.write_bytes(public_pem)
    return KeyFiles(private, public, fingerprint(public_pem.decode("ascii")))


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the {what} {path}: {exc.strerror}") from None


def read_private_key(path: Path) -> bytes:
    """The PEM bytes of an Ed25519 private key file (checked)."""
    data = _read(path, "private key")
    public_key_of(data, str(path))
    return data


def read_public_key(path: Path) -> str:
    """The PEM text of an Ed25519 public key file (checked)."""
    text = _read(path, "public key").decode("ascii", errors="replace")
    _load_public(text, str(path))
    return text.strip() + "\n"


def public_key_of(private_pem: bytes, source: str = "the private key") -> str:
    """The PEM public key matching ``private_pem``."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        key = serialization.load_pem_private_key(private_pem, password=None)
    except (ValueError, TypeError):
        raise InputError(
            f"{source} is not an unencrypted PEM private key (make one with accord track keygen)"
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise InputError(f"{source} is not an Ed25519 key (make one with accord track keygen)")
    pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return pem.decode("ascii")


def _load_public(public_pem: str, source: str) -> Ed25519PublicKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = serialization.load_pem_public_key(public_pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        raise InputError(
            f"{source} is not a PEM public key (make one with accord track keygen)"
        ) from None
    if not isinstance(key, Ed25519PublicKey):
        raise InputError(f"{source} is not an Ed25519 public key")
    return key


def fingerprint(public_pem: str) -> str:
    """A short fingerprint of a public key: the first 16 hex digits of SHA-256 of its raw bytes."""
    from cryptography.hazmat.primitives import serialization

    key = _load_public(public_pem, "the public key")
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def sign(private_pem: bytes, message: bytes) -> str:
    """Ed25519 signature of ``message`` as 128 hex digits."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = serialization.load_pem_private_key(private_pem, password=None)
    assert isinstance(key, Ed25519PrivateKey)
    return key.sign(message).hex()


def signature_valid(public_pem: str, message: bytes, signature_hex: str) -> bool:
    """Whether ``signature_hex`` is a valid Ed25519 signature of ``message`` by the key."""
    from cryptography.exceptions import InvalidSignature

    key = _load_public(public_pem, "the public key")
    try:
        key.verify(bytes.fromhex(signature_hex), message)
    except (InvalidSignature, ValueError):
        return False
    return True
