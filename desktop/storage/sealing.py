"""Sealing a data key to a keyslot: ephemeral-static X25519 + HKDF-SHA256 + AES-256-GCM.

Kept apart from vault.py so the key file's logic (slots, copies, unlock) reads on its own; the
primitives here know nothing of slots or files, only keys, nonces and associated data.
"""

from __future__ import annotations

import secrets

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def _aead(key: bytes, nonce: bytes, data: bytes, aad: bytes, *, encrypt: bool) -> bytes:
    cipher = AESGCM(key)
    return cipher.encrypt(nonce, data, aad) if encrypt else cipher.decrypt(nonce, data, aad)


def _raw_public(public: X25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _raw_private(private: X25519PrivateKey) -> bytes:
    return private.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )


def _seal_key(shared: bytes, eph_pub: bytes, recipient_pub: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"baton-seal-v1").derive(
        shared + eph_pub + recipient_pub
    )


def seal(recipient: bytes, data_key: bytes, aad: bytes) -> bytes:
    """Encrypt ``data_key`` to an X25519 public key (ephemeral-static ECDH + AES-GCM)."""
    eph = X25519PrivateKey.generate()
    eph_pub = _raw_public(eph.public_key())
    shared = eph.exchange(X25519PublicKey.from_public_bytes(recipient))
    nonce = secrets.token_bytes(12)
    ct = _aead(_seal_key(shared, eph_pub, recipient), nonce, data_key, aad, encrypt=True)
    return eph_pub + nonce + ct


def unseal(private: X25519PrivateKey, sealed: bytes, aad: bytes) -> bytes:
    """Reverse :func:`seal`; raises ``InvalidTag`` when anything does not match."""
    eph_pub, nonce, ct = sealed[:32], sealed[32:44], sealed[44:]
    shared = private.exchange(X25519PublicKey.from_public_bytes(eph_pub))
    own_pub = _raw_public(private.public_key())
    return _aead(_seal_key(shared, eph_pub, own_pub), nonce, ct, aad, encrypt=False)
