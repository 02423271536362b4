"""Unlocking: password or recovery key → an open vault and a ServiceContext.

Failed attempts cannot be written to the encrypted database (it is locked), so they go to a
small side file with the growing delay; the next successful login moves them into the
database's audited ``login_attempt`` table and clears the file.

On a PostgreSQL server the database is readable before login, so a failure is written straight
to ``login_attempt`` and the delay is counted from there: every seat sees the same count.

The side file is kept twice (``login-attempts.json`` and ``.login-attempts.2.json``) and the
higher count of the two wins, so deleting the file does not reset the delay; a missing copy is
rewritten from the other. This is a speed bump for the lock screen and the CLI, not a wall:
whoever can delete both files can also copy ``baton.keys`` and guess offline, which only the
Argon2id cost of every slot slows down.
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
    BatonError,
    CredentialsError,
    KeySlotDamaged,
    PermissionDenied,
    StorageError,
    VaultDamaged,
)
from desktop.logs import get_logger
from desktop.models import audit
from desktop.models.accounts import LoginAttempt, Role, User
from desktop.services import permissions
from desktop.services.context import SYSTEM, Actor, ServiceContext, check_thread
from desktop.services.permissions import Action
from desktop.storage import backup as backups
from desktop.storage.atomic import atomic_write_bytes
from desktop.storage.database import MSG_DAMAGED, disk_full_at, is_damage, read_user_grant
from desktop.storage.datastore import DataStore
from desktop.storage.server import open_server_store, verify_password
from desktop.storage.store import Store, open_store
from desktop.storage.vault import KeyFile, Slot, Vault, normalise_username

log = get_logger("login")

FREE_FAILURES = 2
MAX_DELAY_S = 60


def delay_after(failures: int) -> int:
    """Seconds to wait after ``failures`` consecutive failures: 0, 0, 2, 4, 8 … up to 60."""
    if failures <= FREE_FAILURES:
        return 0
    return min(MAX_DELAY_S, 2 ** (failures - FREE_FAILURES))


def _read_state(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    users = data.get("users")
    pending = data.get("pending")
    return {
        "users": users if isinstance(users, dict) else {},
        "pending": pending if isinstance(pending, list) else [],
    }


def _merge_states(states: list[dict[str, Any]]) -> dict[str, Any]:
    """Per user the higher failure count (and its time); pending records of both, once each."""
    users: dict[str, Any] = {}
    pending: list[Any] = []
    for state in states:
        for name, entry in state["users"].items():
            try:
                failures, last = int(entry["failures"]), str(entry["last"])
                datetime.fromisoformat(last)
            except (KeyError, TypeError, ValueError):
                continue
            known = users.get(name)
            if known is None or (failures, last) > (known["failures"], known["last"]):
                users[name] = {"failures": failures, "last": last}
        for record in state["pending"]:
            if record not in pending:
                pending.append(record)
    return {"users": users, "pending": pending}


class LoginThrottle:
    """Failure counts and pending attempt records, kept beside the vault while it is locked.

    Two copies, the higher count winning: deleting ``login-attempts.json`` alone resets
    nothing (see the module's docstring for what this does not protect against).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.mirror = path.with_name("." + path.stem + ".2" + path.suffix)

    def _load(self) -> dict[str, Any]:
        states = [_read_state(p) for p in (self.path, self.mirror)]
        return _merge_states([st for st in states if st is not None])

    def _save(self, data: dict[str, Any]) -> None:
        raw = json.dumps(data, indent=1).encode("utf-8")
        for path in (self.path, self.mirror):
            with contextlib.suppress(OSError):
                path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write_bytes(path, raw)

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
        if pending or self.path.exists() or self.mirror.exists():
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
        _record_grant(store, username, actor.role.value, disabled=False)
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


def _record_grant(store: DataStore, username: str, role: str, disabled: bool) -> None:
    """Keep the role in the user's key slot in step with the database (vaults made before
    slots recorded roles, or a role change missed): it decides who may restore while the
    database is unreadable. Best effort: a failure here must not stop the login."""
    vault = getattr(store, "vault", None)
    key = getattr(store, "key", None)
    if vault is None or key is None or key.kind != "user":
        return
    try:
        vault.set_slot_grant(key, username, role, disabled)
    except BatonError:
        log.warning("could not record the role in the key slot of %s", username, exc_info=True)


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
    check_thread("login")  # Argon2 and opening the database: never on the window's thread
    now = now or datetime.now(UTC)
    name = normalise_username(username)
    throttle = LoginThrottle(paths.login_attempts)
    wait = throttle.wait_remaining(name, now)
    if wait > 0:
        raise _too_soon(wait)
    vault = Vault(paths)
    try:
        opened = vault.unlock(name, password)
    except KeySlotDamaged:
        raise  # not a wrong password: no failure counted, the user should not retry it
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
    check_thread("login")  # Argon2 and opening the database: never on the window's thread
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
    check_thread("login")  # Argon2 and opening the database: never on the window's thread
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
            # The recovery key gives back an account that manages users (an administrator).
            if user is None or user.removed or not permissions.can(user.role, Action.USERS_MANAGE):
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
            vault.set_user_password(store.key, name, new_password, user.role)
    except BaseException:
        store.close()
        raise
    return _finish_login(store, name, throttle, now, "recovery key")


MSG_RESTORE_ROLE_UNKNOWN = QT_TRANSLATE_NOOP(
    "Errors",
    "The database cannot be read and the key slot of {username} does not record a role, so "
    "this restore cannot be authorised: use an administrator account that has logged in with "
    "this version of Baton.",
)


def require_restore_while_damaged(paths: Paths, slot: Slot, data_key: bytes) -> None:
    """Refuse a restore of a damaged vault unless the account may restore backups.

    The users table may be unreadable, so the role comes from the key slot: it is bound into
    the sealed data key, and ``data_key`` was just unsealed with it, so an edited role would
    have failed there. A slot of an older vault records no role: the row is then read,
    read-only, from the damaged file; if it cannot be read, the restore is refused.
    """
    role, disabled = slot.role, slot.disabled
    if role is None:
        grant = read_user_grant(paths.database, data_key, slot.name)
        if grant is None or grant[2]:
            raise PermissionDenied(MSG_RESTORE_ROLE_UNKNOWN, username=slot.name)
        role, disabled = grant[0], grant[1]
    if disabled:
        raise AccountDisabled(
            QT_TRANSLATE_NOOP(
                "Errors", "The account {username} is disabled. Ask an administrator."
            ),
            username=slot.name,
        )
    permissions.require(role, Action.BACKUP_RESTORE)


def require_restore_by_backup_slot(backup_file: Path, username: str, password: str) -> None:
    """Refuse a restore unless the user's slot in the backup's own key file may restore.

    For when the live key file cannot vouch (both copies lost, or the user's slot in it
    damaged): the backup's slot carries the role it had then, authenticated the same way
    (bound into the backup key sealed to it). A slot recording no role is refused.
    """
    try:
        kf = KeyFile.from_bytes(backups.read_keyfile(backup_file))
    except (ValueError, KeyError) as exc:
        raise PermissionDenied(MSG_RESTORE_ROLE_UNKNOWN, username=username) from exc
    kf, slot, private = Vault.unlock_keyfile(kf, username, password)
    Vault.candidate_keys(kf, slot, private)  # fails if the recorded role was edited
    if slot.role is None:
        raise PermissionDenied(MSG_RESTORE_ROLE_UNKNOWN, username=slot.name)
    if slot.disabled:
        raise AccountDisabled(
            QT_TRANSLATE_NOOP(
                "Errors", "The account {username} is disabled. Ask an administrator."
            ),
            username=slot.name,
        )
    permissions.require(slot.role, Action.BACKUP_RESTORE)
