"""Unlocking: password or recovery key → an open vault and a ServiceContext.

Failed attempts cannot be written to the encrypted database (it is locked), so they go to a
small side file with the growing delay; the next successful login moves them into the
database's audited ``login_attempt`` table and clears the file.

On a PostgreSQL server the database is readable before login, so a failure is written straight
to ``login_attempt`` and the delay is counted from there: every seat sees the same count.
"""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from desktop.config import Paths
from desktop.errors import (
    MSG_WRONG_CREDENTIALS,
    QT_TRANSLATE_NOOP,
    AccountDisabled,
    CredentialsError,
    StorageError,
    VaultDamaged,
)
from desktop.models import audit
from desktop.models.accounts import LoginAttempt, Role, User
from desktop.services.context import SYSTEM, Actor, ServiceContext
from desktop.storage.atomic import atomic_write_bytes
from desktop.storage.database import MSG_DAMAGED, disk_full_at, is_damage
from desktop.storage.datastore import DataStore
from desktop.storage.server import open_server_store, verify_password
from desktop.storage.store import Store, open_store
from desktop.storage.vault import Vault, normalise_username

FREE_FAILURES = 2
MAX_DELAY_S = 60


def delay_after(failures: int) -> int:
    """Seconds to wait after ``failures`` consecutive failures: 0, 0, 2, 4, 8 … up to 60."""
    if failures <= FREE_FAILURES:
        return 0
    return min(MAX_DELAY_S, 2 ** (failures - FREE_FAILURES))


class LoginThrottle:
    """Failure counts and pending attempt records, kept beside the vault while it is locked."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"users": {}, "pending": []}
        if not isinstance(data, dict):
            return {"users": {}, "pending": []}
        data.setdefault("users", {})
        data.setdefault("pending", [])
        return data

    def _save(self, data: dict[str, Any]) -> None:
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self.path, json.dumps(data, indent=1).encode("utf-8"))

    def wait_remaining(self, username: str, now: datetime) -> int:
        entry = self._load()["users"].get(username)
        if not entry:
            return 0
        last = datetime.fromisoformat(entry["last"])
        wait = delay_after(int(entry["failures"])) - (now - last).total_seconds()
        return max(0, int(wait + 0.999))

    def record_failure(self, username: str, now: datetime, reason: str) -> int:
        """Count a failure; return the delay now required before the next try."""
        data = self._load()
        entry = data["users"].setdefault(username, {"failures": 0, "last": now.isoformat()})
        entry["failures"] = int(entry["failures"]) + 1
        entry["last"] = now.isoformat()
        delay = delay_after(entry["failures"])
        data["pending"].append(
            {"at": now.isoformat(), "username": username, "reason": reason, "delay_s": delay}
        )
        data["pending"] = data["pending"][-500:]
        self._save(data)
        return delay

    def take_pending(self, username: str) -> list[dict[str, Any]]:
        """Return the recorded failures and reset the counter of ``username``."""
        data = self._load()
        pending = list(data["pending"])
        data["pending"] = []
        data["users"].pop(username, None)
        if pending or self.path.exists():
            self._save(data)
        return pending


def _too_soon(wait: int) -> CredentialsError:
    return CredentialsError(
        QT_TRANSLATE_NOOP(
            "Errors", "Too many failed attempts: wait {seconds} s before trying again."
        ),
        seconds=wait,
    )


def _wrong(delay: int) -> CredentialsError:
    if delay:
        return CredentialsError(
            QT_TRANSLATE_NOOP(
                "Errors", "Wrong user name or password. Wait {seconds} s before the next try."
            ),
            seconds=delay,
        )
    return CredentialsError(MSG_WRONG_CREDENTIALS)


def _departure_duties(store: DataStore) -> None:
    """Before anyone logs in: the accounts of staff whose last working day has ended are
    disabled (so a leaver cannot log in the next morning)."""
    from desktop.services import departures

    departures.apply_due_account_disablements(ServiceContext(store, SYSTEM))


def _finish_login(
    store: DataStore, username: str, throttle: LoginThrottle | None, now: datetime, how: str
) -> ServiceContext:
    """Check the account in the database, move pending failures in, record the success."""
    ctx = ServiceContext(store, Actor(None, username, username, Role.ADMIN))
    try:
        try:
            _departure_duties(store)
            actor = _check_account(ctx, username, throttle, now, how)
        except StorageError:
            if not (isinstance(store, Store) and disk_full_at(store.paths.data_dir)):
                raise
            # A full disk: the success cannot be written, but reading still works. Let the
            # user in to look (every save will say the disk is full) rather than lock them out.
            actor = _check_account(ctx, username, None, now, how, record=False)
    except DBAPIError as exc:
        store.close()
        if is_damage(exc):
            # Opened without a check (the GUI checks after the window shows): the first read
            # found the damage. Say so instead of surfacing a driver error.
            raise VaultDamaged(MSG_DAMAGED, problem=str(exc.orig)) from exc
        raise
    except BaseException:
        store.close()
        raise
    return ServiceContext(store, actor, ctx.clock)


def _check_account(
    ctx: ServiceContext,
    username: str,
    throttle: LoginThrottle | None,
    now: datetime,
    how: str,
    *,
    record: bool = True,
) -> Actor:
    """The account's actor if it may log in; with ``record``, the attempts are written."""
    with ctx.transaction() as s:
        user = s.scalar(select(User).where(User.username == username))
        if user is None or user.removed:
            raise CredentialsError(MSG_WRONG_CREDENTIALS)
        if user.disabled:
            raise AccountDisabled(
                QT_TRANSLATE_NOOP(
                    "Errors", "The account {username} is disabled. Ask an administrator."
                ),
                username=username,
            )
        if record:
            for p in throttle.take_pending(username) if throttle else []:
                s.add(
                    LoginAttempt(
                        at=datetime.fromisoformat(p["at"]),
                        username=str(p["username"])[:64],
                        success=False,
                        reason=str(p["reason"])[:64],
                        delay_s=int(p.get("delay_s", 0)),
                    )
                )
            s.add(LoginAttempt(at=now, username=username, success=True, reason=how, delay_s=0))
            user.last_login_at = now
        return Actor(
            user.id,
            user.username,
            user.display_name,
            Role(user.role),
            user.branch_id,
            getattr(user, "employee_id", None),
        )


def login(
    paths: Paths,
    username: str,
    password: str,
    *,
    check: str = "quick",
    keep: tuple[int, int] = (7, 4),
    now: datetime | None = None,
) -> ServiceContext:
    """Unlock with a password. Wrong credentials change nothing on disk but the throttle file."""
    now = now or datetime.now(UTC)
    name = normalise_username(username)
    throttle = LoginThrottle(paths.login_attempts)
    wait = throttle.wait_remaining(name, now)
    if wait > 0:
        raise _too_soon(wait)
    vault = Vault(paths)
    try:
        opened = vault.unlock(name, password)
    except CredentialsError as exc:
        raise _wrong(throttle.record_failure(name, now, "wrong password")) from exc
    store = open_store(paths, opened, check=check, keep=keep)
    return _finish_login(store, name, throttle, now, "password")


# --------------------------------------------------------------------------- server mode

#: How far back the server's login_attempt table is read to count consecutive failures.
RECENT_ATTEMPTS = 20


def _server_throttle(ctx: ServiceContext, username: str, now: datetime) -> tuple[int, int]:
    """(consecutive failures since the last success, seconds still to wait) from the table."""
    with ctx.read() as s:
        recent = s.execute(
            select(LoginAttempt.success, LoginAttempt.at)
            .where(LoginAttempt.username == username)
            .order_by(LoginAttempt.id.desc())
            .limit(RECENT_ATTEMPTS)
        ).all()
    failures = 0
    for success, _at in recent:
        if success:
            break
        failures += 1
    if not failures:
        return 0, 0
    wait = delay_after(failures) - (now - recent[0][1]).total_seconds()
    return failures, max(0, int(wait + 0.999))


def login_server(
    url: str | URL, username: str, password: str, *, now: datetime | None = None
) -> ServiceContext:
    """Log in to a PostgreSQL server: the password is checked against the stored Argon2id hash.

    Refusals are recorded in ``login_attempt`` (audited) with the growing delay of the local
    mode; the server connection itself is closed again on any failure.
    """
    now = now or datetime.now(UTC)
    name = normalise_username(username)
    store = open_server_store(url)
    try:
        probe = ServiceContext(store, Actor(None, name, name, Role.ADMIN))
        failures, wait = _server_throttle(probe, name, now)
        if wait > 0:
            raise _too_soon(wait)
        with probe.read() as s:
            user = s.scalar(select(User).where(User.username == name))
            stored = user.password_hash if user is not None and not user.removed else None
        if not verify_password(stored, password):
            delay = delay_after(failures + 1)
            with probe.transaction() as s:
                reason = "wrong password" if stored or user is None else "no password set"
                s.add(
                    LoginAttempt(at=now, username=name, success=False, reason=reason, delay_s=delay)
                )
            raise _wrong(delay)
    except BaseException:
        store.close()
        raise
    return _finish_login(store, name, None, now, "password")


def recover(
    paths: Paths,
    recovery_key: str,
    admin_username: str,
    new_password: str,
    *,
    now: datetime | None = None,
) -> ServiceContext:
    """Open the vault with the recovery key and give an administrator a new password."""
    now = now or datetime.now(UTC)
    throttle = LoginThrottle(paths.login_attempts)
    wait = throttle.wait_remaining("recovery", now)
    if wait > 0:
        raise _too_soon(wait)
    vault = Vault(paths)
    try:
        opened = vault.unlock_recovery(recovery_key)
    except CredentialsError:
        throttle.record_failure("recovery", now, "wrong recovery key")
        raise
    store = open_store(paths, opened)
    name = normalise_username(admin_username)
    try:
        ctx = ServiceContext(store, Actor(None, "recovery", "Recovery key", Role.ADMIN))
        with ctx.transaction() as s:
            user = s.scalar(select(User).where(User.username == name))
            if user is None or user.removed or user.role != Role.ADMIN.value:
                raise CredentialsError(
                    QT_TRANSLATE_NOOP(
                        "Errors", "{username} is not an administrator account of this vault."
                    ),
                    username=name,
                )
            user.disabled = False
            user.disabled_reason = None
            user.password_changed_at = now
            audit.record(s, "recovery.used", "app_user", user.id, {"username": name})
            vault.set_user_password(store.key, name, new_password)
    except BaseException:
        store.close()
        raise
    return _finish_login(store, name, throttle, now, "recovery key")


def lock(ctx: ServiceContext) -> None:
    """Lock: dispose every connection and forget the key."""
    ctx.close()
