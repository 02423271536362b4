"""Telling a wrong password apart from what is not one: an altered key slot, a password file
with a BOM, an unknown user name (by timing), and a deleted throttle file."""

from __future__ import annotations

import json
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import desktop.storage.vault as vault_module
from desktop.config import Paths
from desktop.errors import CredentialsError, KeySlotDamaged
from desktop.services.login import LoginThrottle, login, recover
from desktop.storage.vault import KeyFile, Vault
from tests.support import ADMIN_PASSWORD, make_vault, run_baton

NEW_PASSWORD = "new-admin-pass-7"


def rewrite_keyfiles(paths: Paths, change) -> None:
    """Apply ``change`` to the parsed JSON of both copies, keeping the file checksum valid
    (as a careful editor or an attacker would), so only the slot itself is wrong."""
    for path in paths.keyslots:
        data = json.loads(path.read_bytes())
        data.pop("checksum")
        change(data)
        data["checksum"] = vault_module._checksum(data)
        path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def admin_slot(data: dict) -> dict:
    return next(s for s in data["slots"] if s["kind"] == "user" and s["name"] == "admin")


def flip_wrapped(slot: dict) -> None:
    raw = bytearray(vault_module._unb64(slot["wrapped_private"]))
    raw[20] ^= 0x01
    slot["wrapped_private"] = vault_module._b64(bytes(raw))


def test_slot_altered_with_its_checksum_recomputed_is_damaged_not_a_wrong_password(paths):
    recovery_key = make_vault(paths)

    def alter(data: dict) -> None:
        slot = admin_slot(data)
        flip_wrapped(slot)
        slot.pop("slot_checksum", None)
        slot["slot_checksum"] = vault_module._checksum(slot)

    rewrite_keyfiles(paths, alter)
    now = datetime.now(UTC)
    for _ in range(4):
        with pytest.raises(KeySlotDamaged) as info:
            login(paths, "admin", ADMIN_PASSWORD, now=now)
    assert info.value.message() == (
        "The key slot for admin is damaged; use another account or the recovery key."
    )
    # Not counted: no delay, nothing recorded as a failure.
    assert LoginThrottle(paths.login_attempts).wait_remaining("admin", now) == 0
    # A wrong password is still a wrong password, and the recovery key still opens.
    with pytest.raises(CredentialsError) as wrong:
        login(paths, "admin", "not-the-password", now=now)
    assert not isinstance(wrong.value, KeySlotDamaged)
    recover(paths, recovery_key, "admin", NEW_PASSWORD, now=now).close()
    login(paths, "admin", NEW_PASSWORD, now=now).close()


@pytest.mark.parametrize(
    "what",
    ["wrapped_private", "salt", "public_key_size", "kdf_bounds"],
)
def test_slot_edited_without_its_checksum_is_damaged(paths, what):
    make_vault(paths)

    def alter(data: dict) -> None:
        slot = admin_slot(data)
        if what == "wrapped_private":
            flip_wrapped(slot)
        elif what == "salt":
            slot["kdf"]["salt"] = vault_module._b64(b"\1" * 16)
        elif what == "public_key_size":
            slot["public_key"] = vault_module._b64(b"\1" * 31)
            slot.pop("slot_checksum")  # as in a slot of an older vault: the shape is checked
        else:
            slot["kdf"]["m"] = 1
            slot.pop("slot_checksum")

    rewrite_keyfiles(paths, alter)
    now = datetime.now(UTC)
    with pytest.raises(KeySlotDamaged, match="The key slot for admin is damaged"):
        login(paths, "admin", ADMIN_PASSWORD, now=now)
    assert LoginThrottle(paths.login_attempts).wait_remaining("admin", now) == 0


def test_cli_says_the_slot_is_damaged_with_exit_1(paths):
    make_vault(paths)
    rewrite_keyfiles(paths, lambda data: flip_wrapped(admin_slot(data)))
    proc = run_baton(paths.data_dir, "unlock-check", password=ADMIN_PASSWORD)
    assert proc.returncode == 1, proc.stderr
    assert "The key slot for admin is damaged" in proc.stderr


@pytest.mark.parametrize(
    "content",
    [
        "\ufeff" + ADMIN_PASSWORD + "\r\n",
        "\ufeff" + ADMIN_PASSWORD + "\n",
        ADMIN_PASSWORD + "\n",
        "\ufeff" + ADMIN_PASSWORD,
    ],
    ids=["bom-crlf", "bom-lf", "lf", "bom-no-newline"],
)
def test_password_file_with_a_bom_or_newline_is_the_password(paths, tmp_path, content):
    make_vault(paths)
    secret = tmp_path / "password.txt"
    secret.write_bytes(content.encode("utf-8"))
    proc = run_baton(paths.data_dir, "--password-file", str(secret), "unlock-check")
    assert proc.returncode == 0, proc.stderr


def test_password_from_stdin_with_a_bom(paths):
    import subprocess
    import sys

    from tests.support import REPO, child_env

    make_vault(paths)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--data-dir",
            str(paths.data_dir),
            "--user",
            "admin",
            "--password-file",
            "-",
            "unlock-check",
        ],
        input=("\ufeff" + ADMIN_PASSWORD + "\r\n").encode("utf-8"),
        capture_output=True,
        env=child_env(),
        cwd=REPO,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr


def _median_login_time(paths: Paths, name: str, password: str, start: datetime) -> float:
    times = []
    for i in range(7):
        began = time.perf_counter()
        with pytest.raises(CredentialsError):
            # An hour apart each: the throttle never refuses before the KDF runs.
            login(paths, name, password, now=start + timedelta(hours=i))
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def test_unknown_user_costs_as_much_as_a_wrong_password(paths, monkeypatch):
    """The slots were made with a stronger KDF than this PC would pick now (another PC, an
    older calibration): an unknown name must still cost what a wrong password costs."""
    make_vault(paths)
    with monkeypatch.context() as m:
        m.setattr(vault_module, "kdf_cost", lambda: (2, 48 * 1024, 1))
        Vault(paths).change_password("admin", ADMIN_PASSWORD, NEW_PASSWORD)
    start = datetime.now(UTC)
    wrong = _median_login_time(paths, "admin", "wrong-password-1", start)
    unknown = _median_login_time(paths, "nobody-here", "wrong-password-1", start)
    assert unknown >= 0.5 * wrong, (unknown, wrong)


def test_deleting_the_throttle_file_does_not_reset_the_delay(paths):
    make_vault(paths)
    now = datetime.now(UTC)
    for _ in range(3):
        with pytest.raises(CredentialsError):
            login(paths, "admin", "wrong-password-1", now=now)
    paths.login_attempts.unlink()
    with pytest.raises(CredentialsError, match="Too many failed attempts: wait 2 s"):
        login(paths, "admin", ADMIN_PASSWORD, now=now)
    # The deleted copy is written back from the other one at the next failure or success.
    ctx = login(paths, "admin", ADMIN_PASSWORD, now=now + timedelta(seconds=3))
    ctx.close()
    assert LoginThrottle(paths.login_attempts).wait_remaining("admin", now) == 0


def test_keyfile_roundtrip_keeps_slot_checks(paths):
    make_vault(paths)
    kf = KeyFile.from_bytes(Path(paths.keyslots[0]).read_bytes())
    slot = kf.find("user", "admin")
    assert slot is not None and slot.damaged is None and slot.check is not None
    assert slot.role == "admin" and slot.disabled is False
