"""A Baton process the crash tests kill: it logs in and works, and says on stdout where it is.

Run with the venv's python: ``python tests/storage/child.py MODE DATA_DIR ...``. It is not a
test module; the parent reads its lines and sends SIGKILL at the moment it wants.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from desktop.config import Paths
from desktop.models.organisation import Branch
from desktop.services.login import login
from desktop.storage.vault import Vault

ADMIN_PASSWORD = "admin-pass-1"


def say(text: str) -> None:
    print(text, flush=True)


def hang() -> None:
    """Wait to be killed (the parent decides when)."""
    while True:
        time.sleep(60)


def insert(paths: Paths, total: int, signal_at: int, prefix: str) -> None:
    """One transaction of ``total`` audited rows, flushed in batches; 'mid' after ``signal_at``."""
    ctx = login(paths, "admin", ADMIN_PASSWORD, check="none")
    say("ready")
    with ctx.transaction() as s:
        for i in range(total):
            s.add(Branch(code=f"{prefix}{i:05d}", name=f"{prefix} branch {i}"))
            if (i + 1) % 250 == 0:
                s.flush()
            if i + 1 == signal_at:
                s.flush()
                say("mid")
        say("committing")
    say("committed")
    hang()


def commit(paths: Paths, total: int, prefix: str, lag: bool = False) -> None:
    """One commit of ``total`` audited rows, then wait. With ``lag`` the anchor interval is
    made longer than the test, so only the login's first commit is anchored and this one is
    not (without it, a login slower than the interval under load would anchor it too)."""
    if lag:
        from desktop.storage import anchor

        anchor.ANCHOR_INTERVAL_S = 3600.0
    ctx = login(paths, "admin", ADMIN_PASSWORD, check="none")
    with ctx.transaction() as s:
        s.add_all(
            Branch(code=f"{prefix}{i:05d}", name=f"{prefix} branch {i}") for i in range(total)
        )
    say("committed")
    hang()


def passwd(paths: Paths, first: str, second: str) -> None:
    """Change the admin's password back and forth until killed."""
    vault = Vault(paths)
    old, new = first, second
    say("ready")
    while True:
        vault.change_password("admin", old, new)
        old, new = new, old


def backup(paths: Paths) -> None:
    """Write backups one after another until killed."""
    ctx = login(paths, "admin", ADMIN_PASSWORD, check="none")
    say("ready")
    while True:
        say("backup-start")
        ctx.store.backup("manual")
        say("backup-done")


def rotate(paths: Paths) -> None:
    """Rotate the database key again and again until killed."""
    from desktop.services import accounts

    ctx = login(paths, "admin", ADMIN_PASSWORD, check="none")
    say("ready")
    while True:
        accounts.rotate_key(ctx)
        say("rotated")


def writer(paths: Paths, tag: str, total: int) -> None:
    """``total`` separate committed transactions of one row each (the concurrency test)."""
    ctx = login(paths, "admin", ADMIN_PASSWORD, check="none")
    say("ready")
    for i in range(total):
        with ctx.transaction() as s:
            s.add(Branch(code=f"{tag}-{i:04d}", name=f"{tag} writer row {i}"))
        if (i + 1) % 50 == 0:
            say(f"progress {i + 1}")
    with ctx.transaction() as s:
        mine = s.scalar(
            select(func.count()).select_from(Branch).where(Branch.code.like(f"{tag}-%"))
        )
    ctx.close()
    say(f"done {mine}")


def keep_open(paths: Paths) -> None:
    """Keep the vault open (like a window left unlocked) until killed."""
    ctx = login(paths, "admin", ADMIN_PASSWORD, check="none")
    say("open")
    try:
        hang()
    finally:
        ctx.close()


def hold(paths: Paths, stop_file: str) -> None:
    """Hold a write transaction open (like a long import) until ``stop_file`` exists."""
    ctx = login(paths, "admin", ADMIN_PASSWORD, check="none")
    stop = Path(stop_file)
    with ctx.transaction() as s:
        s.add(Branch(code="HOLD", name="written by the long task"))
        s.flush()
        say("holding")
        while not stop.exists():
            time.sleep(0.05)
    say("committed")
    ctx.close()


def logins(paths: Paths, username: str, password: str, stop_file: str) -> None:
    """Log in and out again and again until ``stop_file`` exists; report what each try met.

    The race tests run this beside a key rotation: every refusal must be a plain Baton
    message (busy, wrong password after a removal), never a driver error or a traceback.
    """
    from desktop.errors import BatonError

    stop = Path(stop_file)
    counts: dict[str, int] = {}
    say("ready")
    while not stop.exists():
        try:
            ctx = login(paths, username, password, check="quick")
        except BatonError as exc:
            outcome = f"refused: {exc.message()}"
        except Exception as exc:
            outcome = f"crash: {type(exc).__name__}: {exc}"
        else:
            ctx.close()
            outcome = "ok"
        counts[outcome] = counts.get(outcome, 0) + 1
        time.sleep(random.uniform(0.0, 0.15))
    for outcome, count in sorted(counts.items()):
        say(f"outcome {count} {outcome}")
    say("done")


def _stop_at_key_write(stage: str) -> None:
    """Say 'at-slot' and wait to be killed at the next key-file write: before it is written
    (``before``), just after (``after``) or between its two copies (``between-copies``)."""
    import desktop.storage.vault as vault_module
    from desktop.storage.vault import KeyStore

    if stage == "between-copies":
        # Killed after the first copy of the key file took the change, before the second.
        write_copy = vault_module.atomic_write_bytes

        def first_copy_only(path: Path, data: bytes) -> None:
            write_copy(path, data)
            say("at-slot")
            hang()

        vault_module.atomic_write_bytes = first_copy_only  # type: ignore[assignment]
        return
    original = KeyStore.write

    def write(self: KeyStore, keyfile: object) -> object:
        if stage == "before":
            say("at-slot")
            hang()
        result = original(self, keyfile)  # type: ignore[arg-type]
        say("at-slot")
        hang()
        return result

    KeyStore.write = write  # type: ignore[assignment,method-assign]


def add_user(paths: Paths, name: str, password: str, stage: str, demo: bool) -> None:
    """Add an account (or the demo's account step) and be killed at its key-slot write."""
    from desktop.services import accounts
    from desktop.services.demo import users as demo_users

    ctx = login(paths, "admin", ADMIN_PASSWORD, check="none")
    say("ready")
    _stop_at_key_write(stage)
    if demo:
        demo_users._add_demo_user(ctx, name, "sales", "演示销售", None, None)
    else:
        accounts.add_user(ctx, name, name, "sales", password)
    say("done")
    hang()


def remove_user(paths: Paths, name: str, stage: str) -> None:
    """Remove an account and be killed at the first key-file write or after the rotation."""
    from desktop.services import accounts

    ctx = login(paths, "admin", ADMIN_PASSWORD, check="none")
    say("ready")
    if stage == "after-rotation":
        original = accounts._rotate

        def rotate(*args: object, **kwargs: object) -> None:
            original(*args, **kwargs)  # type: ignore[arg-type]
            say("at-slot")
            hang()

        accounts._rotate = rotate  # type: ignore[assignment]
    else:
        _stop_at_key_write(stage)
    accounts.remove_user(ctx, name)
    say("done")
    hang()


def main(argv: list[str]) -> None:
    mode, data_dir, *rest = argv
    paths = Paths(Path(data_dir))
    if mode == "insert":
        insert(paths, int(rest[0]), int(rest[1]), rest[2])
    elif mode == "commit":
        commit(paths, int(rest[0]), rest[1], lag=rest[2:] == ["lag"])
    elif mode == "passwd":
        passwd(paths, rest[0], rest[1])
    elif mode == "backup":
        backup(paths)
    elif mode == "rotate":
        rotate(paths)
    elif mode == "open":
        keep_open(paths)
    elif mode == "hold":
        hold(paths, rest[0])
    elif mode == "logins":
        logins(paths, rest[0], rest[1], rest[2])
    elif mode == "add-user":
        add_user(paths, rest[0], rest[1], rest[2], demo=False)
    elif mode == "demo-user":
        add_user(paths, rest[0], rest[1], rest[2], demo=True)
    elif mode == "remove-user":
        remove_user(paths, rest[0], rest[1])
    elif mode == "writer":
        writer(paths, rest[0], int(rest[1]))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv[1:])
