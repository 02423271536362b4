"""The key hierarchy: one random data key, sealed to every keyslot.

A keyslot is an X25519 key pair whose private half is wrapped (AES-256-GCM) by a key derived
from a secret — a user's password or the recovery key — with Argon2id. The data key is sealed
to each slot's public half. So:

* unlocking = derive, unwrap the private key, unseal the data key;
* changing a password rewraps one private key and never touches the database;
* rotating the data key seals the new key to every remaining public key, which needs nobody's
  password, and a removed user's slot simply is not sealed to again.

The slot file is JSON, kept twice (``baton.keys`` and ``baton.keys.2``), each copy with a
sequence number and a SHA-256 checksum, each written temp file → fsync → rename. Every keyslot
yields the whole database: roles are application rules, not cryptography.

Each slot also carries its own checksum and a short check value of its password-derived key,
so a slot that was altered is told apart from a wrong password; and the account's role is
bound into the sealed copy of the data key (the AEAD's associated data), so the role a slot
claims can be trusted when the database itself cannot be read (restore of a damaged vault).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import secrets
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import portalocker
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop.config import Paths
from desktop.errors import (
    MSG_WRONG_CREDENTIALS,
    QT_TRANSLATE_NOOP,
    CredentialsError,
    KeySlotDamaged,
    StorageError,
    ValidationError,
    VaultDamaged,
    VaultExists,
    VaultMissing,
)
from desktop.storage.atomic import atomic_write_bytes
from desktop.storage.database import MSG_DISK_FULL, disk_full_at, is_disk_full
from desktop.storage.private import make_private, private_dir
from desktop.storage.sealing import _aead, _raw_private, _raw_public, seal, unseal

FORMAT = "baton-keyslots"
FORMAT_VERSION = 1
DATA_KEY_BYTES = 32
RECOVERY_SECRET_BYTES = 16
RECOVERY_CHECK_BYTES = 4
KDF_PROFILE_ENV = "BATON_KDF_PROFILE"
KIND_USER = "user"
KIND_RECOVERY = "recovery"
RECOVERY_NAME = "recovery"
#: The role recorded in the first slot of a new vault (models.accounts.Role.ADMIN's value).
ADMIN_ROLE = "admin"
CHECK_BYTES = 8
WRAPPED_BYTES = 12 + 32 + 16  # nonce + X25519 private key + GCM tag
SEALED_BYTES = 32 + 12 + DATA_KEY_BYTES + 16  # ephemeral key + nonce + data key + tag

MSG_SLOT_DAMAGED = QT_TRANSLATE_NOOP(
    "Errors", "The key slot for {user} is damaged; use another account or the recovery key."
)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def key_id_of(data_key: bytes) -> str:
    """Name a data key without revealing it (one-way, short)."""
    return hashlib.sha256(b"baton-key-id-v1" + data_key).hexdigest()[:16]


def new_data_key() -> bytes:
    """Return a fresh random 256-bit database key."""
    return secrets.token_bytes(DATA_KEY_BYTES)


# --------------------------------------------------------------------------- KDF


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters of one slot; stored with the slot so each can differ."""

    time_cost: int
    memory_kib: int
    parallelism: int
    salt: bytes

    def to_json(self) -> dict[str, Any]:
        return {
            "alg": "argon2id",
            "t": self.time_cost,
            "m": self.memory_kib,
            "p": self.parallelism,
            "salt": _b64(self.salt),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KdfParams:
        if data.get("alg") != "argon2id":
            raise ValueError("unknown KDF")
        return cls(int(data["t"]), int(data["m"]), int(data["p"]), _unb64(data["salt"]))


#: Called before every Argon2id run; set by ``services.context.set_thread_guard`` so the
#: window can name a key derivation started on its GUI thread (it freezes the window).
_kdf_guard: Callable[[], None] | None = None


def set_kdf_guard(guard: Callable[[], None] | None) -> None:
    """Install (``None``: remove) the check run before every key derivation."""
    global _kdf_guard
    _kdf_guard = guard


def derive_key(secret: bytes, params: KdfParams) -> bytes:
    """Run Argon2id: the slow, memory-hard step between a password and a key."""
    guard = _kdf_guard
    if guard is not None:
        guard()
    return hash_secret_raw(
        secret,
        params.salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def _time_kdf(t: int, m: int, p: int) -> float:
    start = time.perf_counter()
    derive_key(b"calibration", KdfParams(t, m, p, b"\0" * 16))
    return time.perf_counter() - start


@lru_cache(maxsize=1)
def calibrate_kdf(target_s: float = 0.4) -> tuple[int, int, int]:
    """Choose Argon2id cost so one derivation takes about ``target_s`` on this PC.

    Starts at t=3, m=64 MiB, p=4 (RELIABILITY.md) and grows memory first (up to 256 MiB), then
    passes, because memory is what makes guessing expensive on a GPU.
    """
    t, m, p = 3, 64 * 1024, 4
    elapsed = _time_kdf(t, m, p)
    for _ in range(3):
        if 0.3 <= elapsed <= 0.5:
            break
        factor = target_s / max(elapsed, 1e-3)
        if factor > 1:
            new_m = min(256 * 1024, int(m * factor) // 1024 * 1024)
            new_t = max(3, round(t * factor * m / max(new_m, 1)))
            m, t = max(new_m, m), new_t
        else:
            t = max(2, round(t * factor))
            if t == 2 and factor < 0.6:
                m = max(32 * 1024, int(m * factor * 1.5) // 1024 * 1024)
        elapsed = _time_kdf(t, m, p)
    return t, m, p


def kdf_cost() -> tuple[int, int, int]:
    """Return (t, m KiB, p) for new slots: calibrated, or tiny under ``BATON_KDF_PROFILE=fast``.

    The fast profile exists for the test suite only; it is never a default.
    """
    if os.environ.get(KDF_PROFILE_ENV) == "fast":
        return 1, 8 * 1024, 1
    return calibrate_kdf()


def new_kdf_params() -> KdfParams:
    t, m, p = kdf_cost()
    return KdfParams(t, m, p, secrets.token_bytes(16))


# --------------------------------------------------------------------------- the slot file


@dataclass
class Slot:
    """One way into the vault: a user's password or the recovery key."""

    slot_id: str
    kind: str
    name: str
    kdf: KdfParams
    public_key: bytes
    wrapped_private: bytes
    sealed: dict[str, bytes] = field(default_factory=dict)
    updated_at: str = field(default_factory=_now)
    #: The account's role and whether it is disabled, as last written by a holder of the data
    #: key; bound into every sealed copy's associated data. ``None`` in slots of older vaults.
    role: str | None = None
    disabled: bool = False
    #: A short check value of the password-derived key: tells "wrong password" apart from
    #: "right password, altered slot". ``None`` in slots of older vaults.
    check: bytes | None = None
    #: Why this slot cannot be used (its checksum or structure is wrong); ``None`` when sound.
    damaged: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.slot_id,
            "kind": self.kind,
            "name": self.name,
            "kdf": self.kdf.to_json(),
            "public_key": _b64(self.public_key),
            "wrapped_private": _b64(self.wrapped_private),
            "sealed": {k: _b64(v) for k, v in sorted(self.sealed.items())},
            "updated_at": self.updated_at,
        }
        if self.role is not None:
            data["role"] = self.role
            data["disabled"] = self.disabled
        if self.check is not None:
            data["check"] = _b64(self.check)
        data["slot_checksum"] = _checksum(data)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Slot:
        """Read one slot; a slot whose own checksum or shape is wrong is kept, marked damaged."""
        kind, name = str(data["kind"]), str(data["name"])
        try:
            body = dict(data)
            checksum = body.pop("slot_checksum", None)
            slot = cls(
                slot_id=str(data["id"]),
                kind=kind,
                name=name,
                kdf=KdfParams.from_json(data["kdf"]),
                public_key=_unb64(data["public_key"]),
                wrapped_private=_unb64(data["wrapped_private"]),
                sealed={str(k): _unb64(v) for k, v in data["sealed"].items()},
                updated_at=str(data.get("updated_at", "")),
                role=None if data.get("role") is None else str(data["role"]),
                disabled=bool(data.get("disabled", False)),
                check=_unb64(data["check"]) if data.get("check") is not None else None,
            )
            if checksum is not None and checksum != _checksum(body):
                slot.damaged = "slot checksum mismatch"
            else:
                slot.damaged = _structure_problem(slot)
            return slot
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            return cls(
                slot_id=str(data.get("id", "")),
                kind=kind,
                name=name,
                kdf=KdfParams(1, 8, 1, b"\0" * 16),
                public_key=b"",
                wrapped_private=b"",
                damaged=f"unreadable slot: {type(exc).__name__}",
            )


def _structure_problem(slot: Slot) -> str | None:
    """What is impossible in a slot Baton wrote (sizes, KDF bounds), or ``None``."""
    k = slot.kdf
    if not (1 <= k.time_cost <= 64 and 8 <= k.memory_kib <= 4 * 1024 * 1024):
        return "KDF parameters out of range"
    if not (1 <= k.parallelism <= 64 and len(k.salt) == 16):
        return "KDF parameters out of range"
    if len(slot.public_key) != 32 or len(slot.wrapped_private) != WRAPPED_BYTES:
        return "wrong key sizes"
    if any(len(v) != SEALED_BYTES for v in slot.sealed.values()):
        return "wrong sealed key size"
    if slot.check is not None and len(slot.check) != CHECK_BYTES:
        return "wrong check size"
    return None


@dataclass
class KeyFile:
    """Everything in the slot file: the vault's id, which key is current, and the slots."""

    db_id: str
    seq: int
    current_key_id: str
    slots: list[Slot]
    pending_key_id: str | None = None
    created_at: str = field(default_factory=_now)
    rotated_at: str | None = None
    #: The audit chain's count and head hash, MAC'd with the data key (storage/anchor.py);
    #: absent in files written before it existed, and then simply not checked.
    audit_anchor: dict[str, Any] | None = None

    def body(self) -> dict[str, Any]:
        body = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "db_id": self.db_id,
            "seq": self.seq,
            "current_key_id": self.current_key_id,
            "pending_key_id": self.pending_key_id,
            "created_at": self.created_at,
            "rotated_at": self.rotated_at,
            "slots": [s.to_json() for s in self.slots],
        }
        if self.audit_anchor is not None:
            body["audit_anchor"] = self.audit_anchor
        return body

    def to_bytes(self) -> bytes:
        body = self.body()
        body["checksum"] = _checksum(body)
        return (json.dumps(body, indent=1, sort_keys=True) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes) -> KeyFile:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a Baton key file")
        if int(data.get("version", 0)) > FORMAT_VERSION:
            raise ValueError("key file from a newer Baton")
        checksum = data.pop("checksum", None)
        if checksum != _checksum(data):
            raise ValueError("checksum mismatch")
        return cls(
            db_id=str(data["db_id"]),
            seq=int(data["seq"]),
            current_key_id=str(data["current_key_id"]),
            pending_key_id=data.get("pending_key_id"),
            created_at=str(data.get("created_at", "")),
            rotated_at=data.get("rotated_at"),
            slots=[Slot.from_json(s) for s in data["slots"]],
            audit_anchor=data.get("audit_anchor"),
        )

    def find(self, kind: str, name: str) -> Slot | None:
        for slot in self.slots:
            if slot.kind == kind and slot.name == name:
                return slot
        return None

    def user_names(self) -> list[str]:
        return sorted(s.name for s in self.slots if s.kind == KIND_USER)


def _checksum(body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


MSG_KEYFILE_LOST = QT_TRANSLATE_NOOP(
    "Errors",
    "Both copies of the key file (baton.keys) are damaged or missing. Restore "
    "the key file from a backup: baton restore BACKUP --keys-only.",
)


class KeyStore:
    """Reads and writes the two copies of the slot file."""

    def __init__(self, paths: tuple[Path, Path]) -> None:
        self.paths = paths

    def exists(self) -> bool:
        return any(p.exists() for p in self.paths)

    def read_copies(self) -> list[KeyFile | None]:
        """Return each copy parsed, or ``None`` where it is missing or damaged."""
        copies: list[KeyFile | None] = []
        for path in self.paths:
            try:
                copies.append(KeyFile.from_bytes(path.read_bytes()))
            except (OSError, ValueError, KeyError, TypeError):
                copies.append(None)
        return copies

    def read(self) -> KeyFile:
        """Return the newest intact copy."""
        if not self.exists():
            raise VaultMissing(QT_TRANSLATE_NOOP("Errors", "No Baton vault in this folder."))
        good = [c for c in self.read_copies() if c is not None]
        if not good:
            raise VaultDamaged(MSG_KEYFILE_LOST)
        return max(good, key=lambda c: c.seq)

    def needs_repair(self) -> bool:
        copies = self.read_copies()
        return any(c is None for c in copies) or len({c.seq for c in copies if c}) > 1

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Serialise writers of the key file across processes (``baton.keys.lock``)."""
        folder = self.paths[0].parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle = open(folder / "baton.keys.lock", "a+")  # noqa: SIM115 (closed below)
        except OSError as exc:
            raise self._write_failed(exc) from exc
        with handle:
            make_private(folder / "baton.keys.lock")
            portalocker.lock(handle, portalocker.LOCK_EX)
            try:
                yield
            finally:
                portalocker.unlock(handle)

    def write(self, keyfile: KeyFile) -> KeyFile:
        """Write ``keyfile`` as the next sequence number to both copies, one after the other."""
        with self._locked():
            return self._write(keyfile)

    def update(self, change: Callable[[KeyFile], KeyFile | None]) -> KeyFile | None:
        """Read, change and write the key file under the writers' lock (``change`` returns
        None to leave it as it is), so a change never overwrites a concurrent one."""
        with self._locked():
            changed = change(self.read())
            return None if changed is None else self._write(changed)

    def _write(self, keyfile: KeyFile) -> KeyFile:
        current = [c for c in self.read_copies() if c is not None]
        seq = max([keyfile.seq, *(c.seq for c in current)]) + 1
        new = replace(keyfile, seq=seq)
        data = new.to_bytes()
        try:
            for path in self.paths:
                path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write_bytes(path, data)
        except OSError as exc:
            raise self._write_failed(exc) from exc
        return new

    def _write_failed(self, exc: OSError) -> StorageError:
        """A failed key-file write in the words of a failed database write: a full disk is
        said as a full disk (never claiming nothing was saved: the first copy may have been
        written, and only the caller knows what it saved before)."""
        folder = self.paths[0].parent
        if is_disk_full(exc) or disk_full_at(folder):
            return StorageError(MSG_DISK_FULL, folder=str(folder))
        return StorageError(
            QT_TRANSLATE_NOOP("Errors", "Could not write the key file: {error}"),
            error=exc.strerror or str(exc),
        )


# --------------------------------------------------------------------------- recovery key


_B32_FIX = str.maketrans({"0": "O", "1": "I", "8": "B"})


def _recovery_check(secret: bytes) -> bytes:
    return hashlib.sha256(b"baton-recovery-v1" + secret).digest()[:RECOVERY_CHECK_BYTES]


def new_recovery_key() -> tuple[bytes, str]:
    """Return (secret, text): 128 random bits plus a 32-bit typo check, in 8 groups of 4."""
    secret = secrets.token_bytes(RECOVERY_SECRET_BYTES)
    text = base64.b32encode(secret + _recovery_check(secret)).decode("ascii")
    return secret, "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    """Read a typed recovery key; a typing mistake is refused before any KDF runs."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_B32_FIX)
    try:
        raw = base64.b32decode(cleaned)
    except (ValueError, base64.binascii.Error):
        raw = b""
    if len(raw) != RECOVERY_SECRET_BYTES + RECOVERY_CHECK_BYTES:
        raise CredentialsError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "A recovery key has 32 letters and digits in 8 groups of 4; this one has {count}.",
            ),
            count=len(cleaned),
        )
    secret, check = raw[:RECOVERY_SECRET_BYTES], raw[RECOVERY_SECRET_BYTES:]
    if not secrets.compare_digest(check, _recovery_check(secret)):
        raise CredentialsError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "This recovery key contains a typing mistake: check each group against the "
                "recovery sheet.",
            )
        )
    return secret


# --------------------------------------------------------------------------- the vault


@dataclass(frozen=True)
class UnlockedKey:
    """A data key in memory, with which vault and slot produced it."""

    data_key: bytes = field(repr=False)
    key_id: str
    db_id: str
    slot_name: str
    kind: str


def normalise_username(name: str) -> str:
    return name.strip().lower()


def _aad(db_id: str, slot_id: str, what: str) -> bytes:
    return f"{db_id}|{slot_id}|{what}".encode()


def _seal_aad(db_id: str, slot: Slot, kid: str) -> bytes:
    """Associated data of a sealed data key: binds the slot's role so it cannot be edited."""
    if slot.role is None:
        return _aad(db_id, slot.slot_id, kid)
    return _aad(db_id, slot.slot_id, f"{kid}|role={slot.role}|disabled={int(slot.disabled)}")


def _key_check(kek: bytes) -> bytes:
    return hashlib.sha256(b"baton-slot-check-v1" + kek).digest()[:CHECK_BYTES]


def _wrap_private(
    db_id: str, slot_id: str, private: X25519PrivateKey, secret: bytes, kdf: KdfParams
) -> tuple[bytes, bytes]:
    """Return (wrapped private key, check value of the derived key)."""
    nonce = secrets.token_bytes(12)
    kek = derive_key(secret, kdf)
    ct = _aead(kek, nonce, _raw_private(private), _aad(db_id, slot_id, "wrap"), encrypt=True)
    return nonce + ct, _key_check(kek)


def _make_slot(
    db_id: str,
    kind: str,
    name: str,
    secret: bytes,
    keys: dict[str, bytes],
    role: str | None = None,
    disabled: bool = False,
) -> tuple[Slot, X25519PrivateKey]:
    slot_id = uuid.uuid4().hex
    private = X25519PrivateKey.generate()
    public = _raw_public(private.public_key())
    kdf = new_kdf_params()
    wrapped, check = _wrap_private(db_id, slot_id, private, secret, kdf)
    slot = Slot(
        slot_id=slot_id,
        kind=kind,
        name=name,
        kdf=kdf,
        public_key=public,
        wrapped_private=wrapped,
        role=role,
        disabled=disabled,
        check=check,
    )
    slot.sealed = {kid: seal(public, key, _seal_aad(db_id, slot, kid)) for kid, key in keys.items()}
    return slot, private


def _validate_password(password: str) -> None:
    if len(password) < 8:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "A password needs at least 8 characters."),
            field="password",
        )
    if len(set(password)) < 3:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "This password is too easy to guess: use more variety."),
            field="password",
        )


def _dummy_attempt(kf: KeyFile, name: str, secret: bytes) -> None:
    """Spend what a wrong password for a real slot costs, for a name without a usable slot.

    The cost is the one most user slots of this key file use (not this PC's calibration, which
    may differ from when the slots were made), and the same AES-GCM check follows, so an
    unknown name cannot be told from a wrong password by timing.
    """
    costs = [
        (s.kdf.time_cost, s.kdf.memory_kib, s.kdf.parallelism)
        for s in kf.slots
        if s.kind == KIND_USER and not s.damaged
    ]
    t, m, p = max(set(costs), key=lambda c: (costs.count(c), c)) if costs else kdf_cost()
    salt = hashlib.sha256(f"baton-dummy-v1|{kf.db_id}|{name}".encode()).digest()[:16]
    kek = derive_key(secret, KdfParams(t, m, p, salt))
    blob = hashlib.sha256(salt).digest() * 2
    with contextlib.suppress(InvalidTag):
        _aead(kek, blob[:12], blob[12:60], _aad(kf.db_id, "dummy", "wrap"), encrypt=False)
    _key_check(kek)


class Vault:
    """The slot file of one data folder and the operations on it."""

    check_password = staticmethod(_validate_password)

    def __init__(self, paths: Paths) -> None:
        self.paths = paths
        self.store = KeyStore(paths.keyslots)

    def exists(self) -> bool:
        return self.store.exists() or self.paths.database.exists()

    def keyfile(self) -> KeyFile:
        if not self.store.exists() and self.paths.database.exists():
            # The database is here: this vault lost its key file; it is not "no vault".
            raise VaultDamaged(MSG_KEYFILE_LOST)
        return self.store.read()

    # -- creation ------------------------------------------------------------

    def create(self, admin_username: str, admin_password: str) -> tuple[UnlockedKey, str]:
        """Make a new data key, the admin's slot and the recovery slot; return the recovery text.

        Writes only the slot file: the database itself is created by the caller with the key.
        """
        if self.exists():
            raise VaultExists(
                QT_TRANSLATE_NOOP("Errors", "A Baton vault already exists in {folder}."),
                folder=str(self.paths.data_dir),
            )
        username = normalise_username(admin_username)
        _validate_password(admin_password)
        db_id = uuid.uuid4().hex
        data_key = new_data_key()
        kid = key_id_of(data_key)
        admin_slot, _ = _make_slot(
            db_id, KIND_USER, username, admin_password.encode(), {kid: data_key}, ADMIN_ROLE
        )
        secret, recovery_text = new_recovery_key()
        rec_slot, _ = _make_slot(db_id, KIND_RECOVERY, RECOVERY_NAME, secret, {kid: data_key})
        private_dir(self.paths.data_dir)
        self.store.write(
            KeyFile(db_id=db_id, seq=0, current_key_id=kid, slots=[admin_slot, rec_slot])
        )
        return UnlockedKey(data_key, kid, db_id, username, KIND_USER), recovery_text

    # -- unlocking -----------------------------------------------------------

    @staticmethod
    def _open_slot(kf: KeyFile, slot: Slot, secret: bytes) -> X25519PrivateKey:
        """Unwrap a slot's private key; ``InvalidTag`` means a wrong secret.

        A slot whose own checksum or shape is wrong, or whose check value accepts the secret
        while the wrapped key does not open, was altered: :class:`KeySlotDamaged`, not a
        wrong password (the user should not be throttled for it, nor retry forever).
        """
        if slot.damaged:
            _dummy_attempt(kf, slot.name, secret)
            raise KeySlotDamaged(MSG_SLOT_DAMAGED, user=slot.name)
        nonce, ct = slot.wrapped_private[:12], slot.wrapped_private[12:]
        kek = derive_key(secret, slot.kdf)
        try:
            raw = _aead(kek, nonce, ct, _aad(kf.db_id, slot.slot_id, "wrap"), encrypt=False)
        except InvalidTag:
            if slot.check is not None and secrets.compare_digest(slot.check, _key_check(kek)):
                raise KeySlotDamaged(MSG_SLOT_DAMAGED, user=slot.name) from None
            raise
        return X25519PrivateKey.from_private_bytes(raw)

    @staticmethod
    def _unseal(kf: KeyFile, slot: Slot, private: X25519PrivateKey, kid: str) -> bytes:
        sealed = slot.sealed.get(kid)
        if sealed is None:
            raise VaultDamaged(
                QT_TRANSLATE_NOOP(
                    "Errors", "Your key slot holds no copy of the current database key."
                )
            )
        try:
            key = unseal(private, sealed, _seal_aad(kf.db_id, slot, kid))
        except InvalidTag as exc:
            raise VaultDamaged(
                QT_TRANSLATE_NOOP("Errors", "The key file has been altered: a sealed key fails.")
            ) from exc
        if key_id_of(key) != kid:
            raise VaultDamaged(QT_TRANSLATE_NOOP("Errors", "The key file has been altered."))
        return key

    @staticmethod
    def candidate_keys(kf: KeyFile, slot: Slot, private: X25519PrivateKey) -> list[bytes]:
        """The current key, then a pending one (a rotation interrupted by a crash)."""
        keys = [Vault._unseal(kf, slot, private, kf.current_key_id)]
        if kf.pending_key_id and kf.pending_key_id in slot.sealed:
            keys.append(Vault._unseal(kf, slot, private, kf.pending_key_id))
        return keys

    def unlock(self, username: str, password: str) -> tuple[KeyFile, Slot, X25519PrivateKey]:
        """Open a user's slot; raise :class:`CredentialsError` on a wrong name or password."""
        return self.unlock_keyfile(self.keyfile(), username, password)

    @staticmethod
    def unlock_keyfile(
        kf: KeyFile, username: str, password: str
    ) -> tuple[KeyFile, Slot, X25519PrivateKey]:
        """Open a user's slot in a given key file (the live one, or one kept in a backup)."""
        name = normalise_username(username)
        slot = kf.find(KIND_USER, name)
        if slot is None:
            # Spend the same time as a real attempt so a wrong name looks like a wrong password.
            _dummy_attempt(kf, name, password.encode())
            raise CredentialsError(MSG_WRONG_CREDENTIALS)
        try:
            private = Vault._open_slot(kf, slot, password.encode())
        except InvalidTag as exc:
            raise CredentialsError(MSG_WRONG_CREDENTIALS) from exc
        return kf, slot, private

    def unlock_recovery(self, recovery_text: str) -> tuple[KeyFile, Slot, X25519PrivateKey]:
        """Open the recovery slot with the key printed on the recovery sheet."""
        secret = parse_recovery_key(recovery_text)
        kf = self.keyfile()
        slot = kf.find(KIND_RECOVERY, RECOVERY_NAME)
        if slot is None:
            raise VaultDamaged(QT_TRANSLATE_NOOP("Errors", "This vault has no recovery slot."))
        try:
            private = self._open_slot(kf, slot, secret)
        except InvalidTag as exc:
            raise CredentialsError(
                QT_TRANSLATE_NOOP(
                    "Errors", "This recovery key does not belong to this vault (database {db_id})."
                ),
                db_id=kf.db_id[:8],
            ) from exc
        return kf, slot, private

    # -- slot maintenance (the caller holds the data key) ----------------------

    def _current_keys(self, kf: KeyFile, unlocked: UnlockedKey) -> dict[str, bytes]:
        if unlocked.key_id != kf.current_key_id:
            raise VaultDamaged(
                QT_TRANSLATE_NOOP(
                    "Errors", "The database key changed since you unlocked; unlock again."
                )
            )
        return {kf.current_key_id: unlocked.data_key}

    def set_user_password(
        self,
        unlocked: UnlockedKey,
        username: str,
        password: str,
        role: str | None = None,
        disabled: bool = False,
    ) -> None:
        """Create or replace a user's slot (new user, admin reset, recovery)."""
        _validate_password(password)
        kf = self.keyfile()
        name = normalise_username(username)
        keys = self._current_keys(kf, unlocked)
        slot, _ = _make_slot(kf.db_id, KIND_USER, name, password.encode(), keys, role, disabled)
        kf.slots = [s for s in kf.slots if not (s.kind == KIND_USER and s.name == name)] + [slot]
        self.store.write(kf)

    def set_slot_grant(
        self, unlocked: UnlockedKey, username: str, role: str, disabled: bool
    ) -> bool:
        """Record a user's role and state in their slot (resealing the current key with it).

        Needs the data key, not the user's password. Returns whether the file changed; a user
        without a slot, or one already recording this grant, changes nothing.
        """
        kf = self.keyfile()
        slot = kf.find(KIND_USER, normalise_username(username))
        if slot is None or slot.damaged or (slot.role, slot.disabled) == (role, disabled):
            return False
        keys = self._current_keys(kf, unlocked)
        slot.role, slot.disabled = role, disabled
        slot.sealed = {
            kid: seal(slot.public_key, key, _seal_aad(kf.db_id, slot, kid))
            for kid, key in keys.items()
        }
        self.store.write(kf)
        return True

    def change_password(self, username: str, old_password: str, new_password: str) -> None:
        """Rewrap one user's private key: no data key needed, the database is untouched."""
        _validate_password(new_password)
        kf, slot, private = self.unlock(username, old_password)
        slot.kdf = new_kdf_params()
        slot.wrapped_private, slot.check = _wrap_private(
            kf.db_id, slot.slot_id, private, new_password.encode(), slot.kdf
        )
        slot.updated_at = _now()
        self.store.write(kf)

    def remove_user(self, username: str) -> None:
        """Drop a user's slot. Without a key rotation the user's old copy still opens the data."""
        kf = self.keyfile()
        name = normalise_username(username)
        kf.slots = [s for s in kf.slots if not (s.kind == KIND_USER and s.name == name)]
        self.store.write(kf)

    def new_recovery(self, unlocked: UnlockedKey) -> str:
        """Replace the recovery slot; the old recovery sheet stops working."""
        kf = self.keyfile()
        keys = self._current_keys(kf, unlocked)
        secret, text = new_recovery_key()
        slot, _ = _make_slot(kf.db_id, KIND_RECOVERY, RECOVERY_NAME, secret, keys)
        kf.slots = [s for s in kf.slots if s.kind != KIND_RECOVERY] + [slot]
        self.store.write(kf)
        return text

    # -- rotation --------------------------------------------------------------

    def begin_rotation(
        self, unlocked: UnlockedKey, new_key: bytes, drop_users: list[str]
    ) -> KeyFile:
        """Seal ``new_key`` as pending to every slot kept; removed users' slots go now."""
        kf = self.keyfile()
        self._current_keys(kf, unlocked)
        dropped = {normalise_username(u) for u in drop_users}
        kf.slots = [s for s in kf.slots if not (s.kind == KIND_USER and s.name in dropped)]
        new_kid = key_id_of(new_key)
        for slot in kf.slots:
            slot.sealed = {
                kf.current_key_id: slot.sealed[kf.current_key_id],
                new_kid: seal(slot.public_key, new_key, _seal_aad(kf.db_id, slot, new_kid)),
            }
        kf.pending_key_id = new_kid
        return self.store.write(kf)

    def finish_rotation(self, new_kid: str) -> KeyFile:
        """Make the pending key ``new_kid`` current and forget the old one in every slot.

        The database file is already under ``new_kid`` when this runs: if the key file no
        longer names it as pending, the new key is lost with it, and saying nothing would leave
        a vault that opens with no password. So that is an error, never a silent no-op.
        """
        kf = self.keyfile()
        if kf.pending_key_id != new_kid:
            raise VaultDamaged(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "The key rotation could not be completed: the new key vanished from the key "
                    "file while the database was re-encrypted. Restore the pre-rotation backup "
                    "(baton restore).",
                )
            )
        for slot in kf.slots:
            slot.sealed = {new_kid: slot.sealed[new_kid]}
        kf.current_key_id = new_kid
        kf.pending_key_id = None
        kf.rotated_at = _now()
        return self.store.write(kf)

    def abort_rotation(self) -> KeyFile:
        """Forget a pending key whose database copy never replaced the live file."""
        kf = self.keyfile()
        if kf.pending_key_id is None:
            return kf
        for slot in kf.slots:
            slot.sealed.pop(kf.pending_key_id, None)
        kf.pending_key_id = None
        return self.store.write(kf)

    def repair_copies(self) -> None:
        """Rewrite both copies from the newest good one (after a crash or a damaged copy)."""
        if self.store.needs_repair():
            self.store.write(self.keyfile())
