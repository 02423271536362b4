"""App accounts: adding, disabling, passwords, removal with key rotation.

In a local vault a password is a key slot (beside the database); on a PostgreSQL server it is an
Argon2id hash in the user's row, written in the same transaction as the rest of the change.

The key file and the user table are two files that no single transaction covers, so every
change is ordered to leave, if interrupted, a state that opens nothing: a new account's row is
committed before its slot is written (a crash leaves a row without a slot, which cannot log in
and is listed), and a removal rotates the key (dropping the slot) before the row is marked
removed. Slots with no active account ("orphans", e.g. left by an older Baton) are listed by
:func:`key_file_disagreements`, shown by ``user list --all`` and dropped by every rotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.errors import (
    MSG_WRONG_CREDENTIALS,
    QT_TRANSLATE_NOOP,
    BatonError,
    CredentialsError,
    NotFound,
    StorageError,
    ValidationError,
)
from desktop.models import audit
from desktop.models.accounts import Role, User
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.permissions import Action, can, holders
from desktop.storage.database import saved_before, says_disk_full
from desktop.storage.server import hash_password, verify_password
from desktop.storage.store import rotate_key as rotate_store_key
from desktop.storage.vault import Vault, normalise_username

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    role: Role
    disabled: bool
    disabled_reason: str | None
    removed: bool
    branch_id: int | None
    last_login_at: datetime | None
    has_key_slot: bool


def validate_username(username: str) -> str:
    name = normalise_username(username)
    if not USERNAME_RE.match(name):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "A user name has 2 to 32 characters: lower-case letters, digits, '.', '_' or '-', "
                "starting with a letter or digit.",
            ),
            field="username",
        )
    return name


def validate_display_name(display_name: str) -> str:
    name = display_name.strip()
    if not name or len(name) > 128:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "Enter the person's name (at most 128 characters)."),
            field="display_name",
        )
    return name


def validate_role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError as exc:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "Unknown role {role}: choose one of {roles}."),
            field="role",
            role=role,
            roles=", ".join(r.value for r in Role),
        ) from exc


def _info(user: User, slots: set[str]) -> UserInfo:
    return UserInfo(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        disabled=user.disabled,
        disabled_reason=user.disabled_reason,
        removed=user.removed,
        branch_id=user.branch_id,
        last_login_at=user.last_login_at,
        has_key_slot=user.username in slots,
    )


def _slot_names(ctx: ServiceContext) -> set[str]:
    """Who can log in with a password: a key slot in the vault, a hash on the server."""
    if ctx.on_server:
        with ctx.read() as s:
            return set(s.scalars(select(User.username).where(User.password_hash.is_not(None))))
    return set(ctx.vault_store("a key slot").vault.keyfile().user_names())


def _set_password(ctx: ServiceContext, user: User, password: str) -> None:
    """Give ``user`` a new password: a key slot sealed with the current key, or a hash.

    Called last inside the transaction: if writing the slot fails, the row change rolls back.
    """
    if ctx.on_server:
        Vault.check_password(password)
        user.password_hash = hash_password(password)
        return
    store = ctx.vault_store("a key slot")
    store.vault.set_user_password(store.key, user.username, password, user.role, user.disabled)


def _record_grant(ctx: ServiceContext, user: User) -> None:
    """Keep the role and state recorded in the user's key slot in step with the row.

    Called last inside the transaction (like :func:`_set_password`): the slot is written
    first, so a crash before the commit leaves the slot at the new grant, which the next
    login of that user writes back from the row if the row did not change.
    """
    if ctx.on_server:
        return
    store = ctx.vault_store("a key slot")
    store.vault.set_slot_grant(store.key, user.username, user.role, user.disabled)


def _get(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == normalise_username(username)))
    if user is None or user.removed:
        raise NotFound(
            QT_TRANSLATE_NOOP("Errors", "There is no user named {username}."), username=username
        )
    return user


def list_users(ctx: ServiceContext, include_removed: bool = False) -> list[UserInfo]:
    """Every account with its role, state and whether it holds a key slot."""
    ctx.require(Action.USERS_VIEW)
    slots = _slot_names(ctx)
    with ctx.read() as s:
        query = select(User).order_by(User.username)
        if not include_removed:
            query = query.where(User.removed.is_(False))
        return [_info(u, slots) for u in s.scalars(query)]


def add_user(
    ctx: ServiceContext,
    username: str,
    display_name: str,
    role: str,
    password: str,
    branch_id: int | None = None,
) -> UserInfo:
    """Create an account and its key slot (sealed with the current key: no one else's password)."""
    ctx.require(Action.USERS_MANAGE)
    name = validate_username(username)
    display = validate_display_name(display_name)
    role_value = validate_role(role)
    Vault.check_password(password)
    if not ctx.on_server:
        return _add_local_user(ctx, name, display, role_value, password, branch_id)
    with ctx.transaction() as s:
        existing = s.scalar(select(User).where(User.username == name))
        if existing is not None:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "The user name {username} is taken."),
                field="username",
                username=name,
            )
        user = User(
            username=name,
            display_name=display,
            role=role_value.value,
            branch_id=branch_id,
            password_changed_at=ctx.now(),
        )
        s.add(user)
        s.flush()
        _set_password(ctx, user, password)
        return _info(user, {name})


def _add_local_user(
    ctx: ServiceContext,
    name: str,
    display: str,
    role_value: Role,
    password: str,
    branch_id: int | None,
) -> UserInfo:
    """Row first (committed), then the slot: an interruption leaves a row without a slot,
    which opens nothing, never a slot without a row, which would open the database unseen.

    If writing the slot fails with an error, the row is taken back out (audited) so the
    command changes nothing; a slot left by a stale account of that name is refused first.
    """
    store = ctx.vault_store("a key slot")
    with ctx.transaction() as s:
        if s.scalar(select(User).where(User.username == name)) is not None:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "The user name {username} is taken."),
                field="username",
                username=name,
            )
        if store.vault.keyfile().find("user", name) is not None:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "The key file already holds a slot for {username} without an account: "
                    "run baton rotate-key (it removes such slots) before adding {username}.",
                ),
                field="username",
                username=name,
            )
        user = User(
            username=name,
            display_name=display,
            role=role_value.value,
            branch_id=branch_id,
            password_changed_at=ctx.now(),
        )
        s.add(user)
        s.flush()
        user_id = user.id
    try:
        store.vault.set_user_password(store.key, name, password, role_value.value)
    except BaseException:
        # The key file is two copies written one after the other: if the first took the slot
        # before the second failed, the slot is live, so the row stays (they agree); if no
        # copy took it, the row goes.
        try:
            written = store.vault.keyfile().find("user", name) is not None
        except BatonError:
            written = False
        if not written:
            with ctx.transaction() as s:
                row = s.get(User, user_id)
                if row is not None:
                    s.delete(row)
        raise
    with ctx.transaction() as s:
        added = s.get(User, user_id)
        assert added is not None
        return _info(added, {name})


MSG_LAST_ADMIN = QT_TRANSLATE_NOOP(
    "Errors", "{username} is the last enabled administrator and must stay enabled."
)


def is_last_admin(session: Session, user: User) -> bool:
    """Whether ``user`` is the last enabled account that manages users (an administrator):
    disabling, demoting or removing it would leave nobody able to give anyone access.

    The one such rule, used by :func:`set_disabled`, :func:`change_role`, removal and the
    departure checklist that disables a leaver's account; "administrator" is whoever holds
    ``Action.USERS_MANAGE`` in the permission table."""
    if user.disabled or user.removed or not can(user.role, Action.USERS_MANAGE):
        return False
    enabled = session.scalar(
        select(func.count())
        .select_from(User)
        .where(
            User.role.in_(holders(Action.USERS_MANAGE)),
            User.disabled.is_(False),
            User.removed.is_(False),
        )
    )
    return (enabled or 0) <= 1


def guard_last_admin(session: Session, user: User) -> None:
    """Refuse (:data:`MSG_LAST_ADMIN`) when :func:`is_last_admin` holds for ``user``."""
    if is_last_admin(session, user):
        raise ValidationError(MSG_LAST_ADMIN, username=user.username)


def set_disabled(ctx: ServiceContext, username: str, disabled: bool, reason: str = "") -> Changes:
    """Disable or enable an account. A disabled account cannot log in; its key slot remains
    until the user is removed (removal rotates the database key)."""
    ctx.require(Action.USERS_MANAGE)
    with ctx.transaction() as s:
        user = _get(s, username)
        if disabled:
            if user.username == ctx.actor.username:
                raise ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "You cannot disable your own account.")
                )
            guard_last_admin(s, user)
        user.disabled = disabled
        user.disabled_reason = reason.strip() or None if disabled else None
        s.flush()
        _record_grant(ctx, user)
        return Changes.of(Kind.USERS)


def change_role(ctx: ServiceContext, username: str, role: str) -> Changes:
    ctx.require(Action.USERS_MANAGE)
    new_role = validate_role(role)
    with ctx.transaction() as s:
        user = _get(s, username)
        if not can(new_role, Action.USERS_MANAGE):
            guard_last_admin(s, user)
        user.role = new_role.value
        s.flush()
        _record_grant(ctx, user)
        return Changes.of(Kind.USERS)


def reset_password(ctx: ServiceContext, username: str, new_password: str) -> Changes:
    """An administrator sets someone's password (a new key pair sealed with the current key)."""
    ctx.require(Action.USERS_MANAGE)
    with ctx.transaction() as s:
        user = _get(s, username)
        user.password_changed_at = ctx.now()
        audit.record(s, "password.reset", "app_user", user.id, {"username": user.username})
        _set_password(ctx, user, new_password)
        return Changes.of(Kind.USERS)


def change_own_password(ctx: ServiceContext, old_password: str, new_password: str) -> Changes:
    """Rewrap the acting user's own key slot; the database is not re-encrypted."""
    ctx.require(Action.OWN_PASSWORD)
    if old_password == new_password:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "The new password must differ from the old one."),
            field="new_password",
        )
    with ctx.transaction() as s:
        user = _get(s, ctx.actor.username)
        user.password_changed_at = ctx.now()
        if ctx.on_server:
            if not verify_password(user.password_hash, old_password):
                raise CredentialsError(MSG_WRONG_CREDENTIALS)
            _set_password(ctx, user, new_password)
        else:
            ctx.vault_store("a key slot").vault.change_password(
                ctx.actor.username, old_password, new_password
            )
        return Changes.of(Kind.USERS)


MSG_REMOVED_NOT_MARKED = QT_TRANSLATE_NOOP(
    "Errors",
    "The disk holding {folder} is full: the database key was rotated and {username} can no "
    "longer log in, but the account is still listed. Free some space and remove {username} "
    "again.",
)


def remove_user(ctx: ServiceContext, username: str) -> Changes:
    """Remove an account for good: drop its slot and rotate the database key.

    After this, the removed user's password — with the current key file or any older copy —
    opens nothing current. The remaining users and the recovery key keep working unchanged.
    On a server there is no key to rotate: the hash is erased with the account.
    """
    ctx.require(Action.USERS_MANAGE)
    if ctx.on_server:
        with ctx.transaction() as s:
            user = _check_removable(ctx, s, username)
            _mark_removed(user)
            user.password_hash = None
            return Changes.of(Kind.USERS)
    name = normalise_username(username)
    with ctx.transaction() as s:
        row = s.scalar(select(User).where(User.username == name))
        # Removed, but its slot survived (an older Baton marked the row first and the rotation
        # never ran): removing it again finishes the job.
        unfinished = row is not None and row.removed and name in _slot_names(ctx)
        if not unfinished:
            _check_removable(ctx, s, username)
    # Rotate first (dropping the slot), then mark the row: interrupted in between, the account
    # is still listed but opens nothing, and removing it again completes the removal.
    _rotate(ctx, [name], reason="user removed")
    if not unfinished:
        try:
            with ctx.transaction() as s:
                _mark_removed(_check_removable(ctx, s, username))
        except StorageError as exc:
            if not says_disk_full(exc):
                raise
            # The rotation was saved (the slot is gone); only the row was not: say both.
            raise StorageError(
                MSG_REMOVED_NOT_MARKED,
                folder=exc.params.get("folder")
                or str(ctx.vault_store("a key slot").paths.data_dir),
                username=name,
            ) from exc
    return Changes.of(Kind.USERS, Kind.KEYS)


def _check_removable(ctx: ServiceContext, session: Session, username: str) -> User:
    user = _get(session, username)
    if user.username == ctx.actor.username:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "You cannot remove your own account."))
    guard_last_admin(session, user)
    return user


def _mark_removed(user: User) -> None:
    user.removed = True
    user.disabled = True
    user.disabled_reason = user.disabled_reason or "removed"


def rotate_key(ctx: ServiceContext) -> Changes:
    """Re-encrypt the database under a new key (e.g. after a suspected leak of a key file)."""
    ctx.require(Action.KEYS_ROTATE)
    _rotate(ctx, [], reason="manual")
    return Changes.of(Kind.KEYS)


def _rotate(ctx: ServiceContext, drop: list[str], reason: str) -> None:
    """Rotate the key; the slots in ``drop`` and every orphan slot are not sealed to again."""
    ctx.require(Action.KEYS_ROTATE)
    store = ctx.vault_store("Rotating the database key")
    old_key_id = store.key.key_id
    orphans = orphan_slots(ctx)
    drop = sorted({*drop, *orphans})
    new_store = rotate_store_key(store, drop)
    ctx.replace_store(new_store)
    try:
        with ctx.transaction() as s:
            audit.record(
                s,
                "key.rotated",
                "vault",
                new_store.db_id,
                {
                    "reason": reason,
                    "removed": drop,
                    "old_key": old_key_id,
                    "new_key": new_store.key.key_id,
                },
            )
    except StorageError as exc:
        raise saved_before(exc) from exc  # the rotation itself was saved


def renew_recovery_key(ctx: ServiceContext) -> str:
    """Replace the recovery slot and return the new key text; the old sheet stops working."""
    ctx.require(Action.KEYS_ROTATE)
    store = ctx.vault_store("The recovery key")
    text = store.vault.new_recovery(store.key)
    with ctx.transaction() as s:
        audit.record(s, "recovery.renewed", "vault", ctx.store.db_id, {})
    return text


def orphan_slots(ctx: ServiceContext) -> list[str]:
    """User slots in the key file with no active account: each one opens the database while
    no one can see or manage it. Empty on a server (no key file there)."""
    if ctx.on_server:
        return []
    slots = set(_slot_names(ctx))
    # A read, not a transaction: a rotation asks this first, and a write transaction would
    # wait behind (and then time out on) this window's own open one instead of the rotation
    # refusing it plainly.
    with ctx.read() as s:
        active = set(s.scalars(select(User.username).where(User.removed.is_(False))))
    return sorted(slots - active)


@dataclass(frozen=True)
class KeyFileReport:
    """Where the key file and the user table disagree (a local vault)."""

    orphan_slots: list[str]
    removed_with_slot: list[str]
    active_without_slot: list[str]

    @property
    def ok(self) -> bool:
        """Slots that open the database without an active account are the problem; an account
        without a slot only cannot log in (an administrator sets its password)."""
        return not self.orphan_slots


def key_file_disagreements(ctx: ServiceContext) -> KeyFileReport:
    """Compare the user slots of the key file with the accounts in the database."""
    ctx.require(Action.INTEGRITY_CHECK)
    if ctx.on_server:
        return KeyFileReport([], [], [])
    slots = set(_slot_names(ctx))
    with ctx.read() as s:
        rows = s.execute(select(User.username, User.removed)).all()
    removed = {name for name, gone in rows if gone}
    active = {name for name, gone in rows if not gone}
    orphans = slots - active
    return KeyFileReport(
        orphan_slots=sorted(orphans),
        removed_with_slot=sorted(orphans & removed),
        active_without_slot=sorted(active - slots),
    )


@dataclass(frozen=True)
class KeyInfo:
    db_id: str
    key_id: str
    created_at: str
    rotated_at: str | None
    user_slots: list[str]
    has_recovery: bool


def key_info(ctx: ServiceContext) -> KeyInfo:
    ctx.require(Action.USERS_VIEW)
    kf = ctx.vault_store("The key file").vault.keyfile()
    return KeyInfo(
        db_id=kf.db_id,
        key_id=kf.current_key_id,
        created_at=kf.created_at,
        rotated_at=kf.rotated_at,
        user_slots=kf.user_names(),
        has_recovery=any(s.kind == "recovery" for s in kf.slots),
    )
