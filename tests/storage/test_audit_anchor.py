"""The audit anchor: removing the last events of the audit log is named by ``baton verify``.

The anchor (count and head hash of the chain) lives in the key file, sealed with a key derived
from the data key, and in every backup's manifest. It may lag (a crash after a commit) but a
lagging anchor never raises an alarm; a restore re-anchors the restored chain.
"""

from __future__ import annotations

import contextlib
import json
import re
import signal

import pytest

from desktop.config import Paths
from desktop.services.login import login
from desktop.storage import backup as backups
from desktop.storage.anchor import Anchor
from desktop.storage.database import connect
from desktop.storage.vault import KeyFile, Vault, _checksum
from tests.support import (
    ADMIN_PASSWORD,
    make_vault,
    reaped,
    run_baton,
    start_child,
    wait_for_line,
)

pytestmark = pytest.mark.sqlcipher("the anchor of the local vault's key file")


@pytest.fixture
def closed(paths: Paths) -> Paths:
    make_vault(paths)
    assert run_baton(paths.data_dir, "backup", password=ADMIN_PASSWORD).returncode == 0
    return paths


def data_key(paths: Paths) -> bytes:
    kf, slot, private = Vault(paths).unlock("admin", ADMIN_PASSWORD)
    return Vault.candidate_keys(kf, slot, private)[0]


def chain_end(paths: Paths) -> int:
    with contextlib.closing(connect(paths.database, data_key(paths))) as conn:
        return int(conn.execute("SELECT coalesce(max(seq), 0) FROM audit_event").fetchone()[0])


def anchor_of(paths: Paths) -> Anchor:
    anchor = Anchor.from_json(Vault(paths).keyfile().audit_anchor)
    assert anchor is not None
    return anchor


def delete_events(paths: Paths, keep: int) -> None:
    """What an insider with a password can do with sqlcipher: drop the append-only triggers
    and delete the newest events (``keep`` = 0: all of them)."""
    with contextlib.closing(connect(paths.database, data_key(paths))) as conn:
        triggers = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_event'"
        ).fetchall()
        for (name,) in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute("DELETE FROM audit_event WHERE seq > ?", (keep,))


def verify(paths: Paths) -> tuple[int, str]:
    proc = run_baton(paths.data_dir, "verify", password=ADMIN_PASSWORD)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stdout


def test_a_healthy_vault_verifies_with_its_anchor(closed):
    code, text = verify(closed)
    assert code == 0, text
    assert "audit chain: ok" in text and "anchored at event" in text


@pytest.mark.parametrize("removed", [3, 5, "all"])
def test_removing_the_last_events_is_named_by_verify(closed, removed):
    paths = closed
    anchored = anchor_of(paths)
    assert anchored.count == chain_end(paths)  # closed: the anchor is current
    keep = 0 if removed == "all" else anchored.count - removed
    delete_events(paths, keep)
    code, text = verify(paths)
    assert code == 1, text
    # The login of ``verify`` itself appends its events before the check: N is a little more.
    found = re.search(
        r"the audit log ends at event (\d+) but the anchor says (\d+) \(hash (\w+)…\): "
        r"events were removed",
        text,
    )
    assert found, text
    assert keep < int(found[1]) < anchored.count
    assert (int(found[2]), found[3]) == (anchored.count, anchored.head[:16])
    # The alarm stays: later writes do not move the anchor over the gap.
    code, text = verify(paths)
    assert code == 1 and "BROKEN" in text, text
    assert anchor_of(paths).count == anchored.count


def test_removing_events_and_writing_new_ones_over_them_is_named(closed):
    paths = closed
    anchored = anchor_of(paths)
    delete_events(paths, anchored.count - 2)
    for _ in range(2):  # each login and verify appends events past the anchored position
        run_baton(paths.data_dir, "unlock-check", password=ADMIN_PASSWORD)
    assert chain_end(paths) >= anchored.count
    code, text = verify(paths)
    assert code == 1, text
    assert f"event {anchored.count} is not the one anchored" in text


@pytest.mark.parametrize("seal", ["kept", "other-key"])
def test_an_anchor_edited_without_the_key_is_named_and_stays_named(closed, seal):
    """Lowering the anchor to event 1 (with event 1's real hash) to hide a truncation: the
    seal no longer matches, verify says so, and later logins do not move it forward."""
    paths = closed
    with contextlib.closing(connect(paths.database, data_key(paths))) as conn:
        first = conn.execute("SELECT hash FROM audit_event WHERE seq = 1").fetchone()[0]
    for path in paths.keyslots:
        data = json.loads(path.read_bytes())
        data.pop("checksum")
        data["audit_anchor"]["count"] = 1
        data["audit_anchor"]["head"] = first
        if seal == "other-key":
            data["audit_anchor"]["seals"] = {"0" * 16: "f" * 64}
        data["checksum"] = _checksum(data)
        path.write_text(json.dumps(data), encoding="utf-8")
    for _ in range(2):
        code, text = verify(paths)
        assert code == 1, text
        assert "the audit anchor in the key file was altered" in text
    assert anchor_of(paths).count == 1


def test_an_anchor_lagging_after_kill_9_is_no_alarm(closed):
    """Killed after a commit the anchor has not caught up with (the child's anchor interval
    outlasts the test, so only its login is anchored): verify accepts the lag."""
    paths = closed
    with reaped(start_child("commit", str(paths.data_dir), "50", "LAG", "lag")) as child:
        wait_for_line(child, "committed")
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    # The commit's 50 events are in the chain, past the anchor that stopped at the login.
    assert chain_end(paths) == anchor_of(paths).count + 50
    code, text = verify(paths)
    assert code == 0, text
    assert anchor_of(paths).count == chain_end(paths)  # and the next close caught up


def test_a_key_file_without_an_anchor_verifies_and_gets_one(closed):
    """Key files written before the anchor existed (backward compatible)."""
    paths = closed
    kf = Vault(paths).keyfile()
    kf.audit_anchor = None
    Vault(paths).store.write(kf)
    assert "audit_anchor" not in json.loads(paths.keyslots[0].read_bytes())
    code, text = verify(paths)
    assert code == 0, text
    assert anchor_of(paths).count == chain_end(paths)


def test_every_backup_manifest_holds_the_anchor_and_restore_reanchors(closed):
    paths = closed
    (header,) = backups.list_backups(paths.backups)
    manifest = backups.read_manifest(header.path, data_key(paths))
    assert manifest.audit_anchor is not None
    assert manifest.audit_anchor["count"] > 0
    # More events after the backup, then restore it: the chain is legitimately shorter.
    for _ in range(2):
        assert run_baton(paths.data_dir, "verify", password=ADMIN_PASSWORD).returncode == 0
    assert anchor_of(paths).count > manifest.audit_anchor["count"]
    proc = run_baton(paths.data_dir, "restore", str(header.path), "--yes", password=ADMIN_PASSWORD)
    assert proc.returncode == 0, proc.stderr
    code, text = verify(paths)
    assert code == 0, text


def test_after_a_key_rotation_the_anchor_still_verifies(closed):
    paths = closed
    assert run_baton(paths.data_dir, "rotate-key", password=ADMIN_PASSWORD).returncode == 0
    code, text = verify(paths)
    assert code == 0, text
    kf = Vault(paths).keyfile()
    assert list(anchor_of(paths).seals) == [kf.current_key_id]  # re-sealed under the new key
    KeyFile.from_bytes(paths.keyslots[0].read_bytes())


def test_the_anchor_is_kept_current_by_the_services_without_a_cli(closed):
    paths = closed
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    ctx.close()
    assert anchor_of(paths).count == chain_end(paths)
