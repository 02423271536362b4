"""The audit anchor: the chain's event count and head hash, kept outside the audit table.

The hash chain proves that no event was edited or removed *in the middle*; deleting the
last events (or all of them) leaves a shorter chain that still verifies. So the count and
the head hash are also kept in the key file (authenticated with a MAC under a key derived
from the data key, so the file cannot be edited to match without the key) and in every
backup's encrypted manifest. ``baton verify`` compares them with the table.

The anchor only ever *lags*: it is written after a commit (the first one, then at most every
``ANCHOR_INTERVAL_S``, and when the vault is closed), and only when the table still extends
it. A crash between a commit and the anchor's update leaves an anchor behind the table, which
verifies; a table shorter than the anchor, or with another event at the anchored position,
is reported. A restore first removes the anchor, swaps the file, then anchors the restored
chain, so a crash in between leaves no anchor (nothing to compare) rather than a false alarm.

On a PostgreSQL server the seats share one database role, so a second table would be as
writable as ``audit_event`` itself; the server keeps no anchor (see ``server.py``).
"""

from __future__ import annotations

import hashlib
import hmac
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

ANCHOR_INTERVAL_S = 5.0

#: engine -> callback(count, head_hash) run after a commit that appended audit events.
ANCHOR_SINKS: weakref.WeakKeyDictionary[Any, Callable[[int, str], None]] = (
    weakref.WeakKeyDictionary()
)


def _mac_key(data_key: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=None, info=b"baton-audit-anchor-v1").derive(data_key)


def _mac(data_key: bytes, key_id: str, db_id: str, count: int, head: str) -> str:
    message = f"{db_id}|{key_id}|{count}|{head}".encode()
    return hmac.new(_mac_key(data_key), message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Anchor:
    """``count`` events, the last with hash ``head``; ``seals`` maps a key id to the MAC of
    the anchor under that data key (two during a key rotation, so a crash on either side of
    the swap leaves a seal for the key the vault opens with)."""

    count: int
    head: str
    seals: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"count": self.count, "head": self.head, "seals": dict(self.seals)}

    @classmethod
    def from_json(cls, data: Any) -> Anchor | None:
        if not isinstance(data, dict):
            return None
        try:
            seals = data.get("seals") or {}
            return cls(
                int(data["count"]), str(data["head"]), {str(k): str(v) for k, v in seals.items()}
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            return None


def seal_anchor(data_key: bytes, key_id: str, db_id: str, count: int, head: str) -> Anchor:
    return Anchor(count, head, {key_id: _mac(data_key, key_id, db_id, count, head)})


def add_seal(anchor: Anchor, data_key: bytes, key_id: str, db_id: str) -> Anchor:
    """The same anchor, sealed also under another key (the new key of a rotation)."""
    seals = dict(anchor.seals)
    seals[key_id] = _mac(data_key, key_id, db_id, anchor.count, anchor.head)
    return Anchor(anchor.count, anchor.head, seals)


def anchor_authentic(anchor: Anchor, data_key: bytes, key_id: str, db_id: str) -> bool:
    """True when the anchor carries a valid seal under the vault's current key. An anchor
    edited in the key file (or sealed under no key the vault knows) is not."""
    mac = anchor.seals.get(key_id)
    if mac is None:
        return False
    return hmac.compare_digest(_mac(data_key, key_id, db_id, anchor.count, anchor.head), mac)


def anchor_problem(anchor: Anchor | None, count: int, head_at: Callable[[int], str | None]) -> str:
    """Compare a chain of ``count`` events with the anchor; "" when it is consistent.

    ``head_at(seq)`` returns the stored hash of event ``seq`` (None when absent)."""
    if anchor is None or anchor.count == 0:
        return ""
    if count < anchor.count:
        return (
            f"the audit log ends at event {count} but the anchor says {anchor.count} "
            f"(hash {anchor.head[:16]}…): events were removed"
        )
    if head_at(anchor.count) != anchor.head:
        return (
            f"event {anchor.count} is not the one anchored (hash {anchor.head[:16]}…): "
            "events were removed or rewritten"
        )
    return ""
