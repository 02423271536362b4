"""Accounts changed outside Baton: each app account compared with what the audit log says.

Baton writes every account change through the ORM, and the audit hook records it in the same
transaction. On a PostgreSQL server, someone holding the seats' database password could still
``UPDATE app_user SET role = 'admin'`` by hand: the seat role may change business rows, but
it cannot rewrite or delete audit events, so the log keeps the last state Baton wrote. Replaying
the log's ``app_user`` events and comparing them with the rows names such a change.

Only the columns that decide who may log in and what they may do are compared. The password
hash is not (the log records only that it changed, never the hash).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models.accounts import User
from desktop.models.audit import AuditEvent, jsonable

#: The columns that grant access: a change to one of them outside Baton is reported.
GUARDED = ("username", "role", "disabled", "removed", "branch_id", "employee_id")


@dataclass(frozen=True)
class AccountMismatch:
    """One account column whose value differs from the last one Baton recorded."""

    user_id: int
    username: str
    column: str
    actual: Any
    audited: Any

    def describe(self) -> str:
        if self.column == "*":
            return f"account {self.user_id} ({self.username}) has no record in the audit log"
        if self.column == "-":
            return f"account {self.user_id} ({self.username}) is in the audit log but gone"
        return (
            f"account {self.user_id} ({self.username}): {self.column} is {self.actual!r}, "
            f"the audit log says {self.audited!r}"
        )


def _audited_accounts(session: Session) -> dict[str, dict[str, Any]]:
    """Each account's guarded columns as the audit log's insert/update/delete events left them."""
    state: dict[str, dict[str, Any]] = {}
    rows = session.execute(
        select(AuditEvent.action, AuditEvent.entity_id, AuditEvent.after)
        .where(
            AuditEvent.entity == User.__tablename__,
            AuditEvent.action.in_(("insert", "update", "delete")),
        )
        .order_by(AuditEvent.seq)
    )
    for action, entity_id, after in rows:
        if action == "delete":
            state.pop(entity_id, None)
            continue
        values = json.loads(after) if after else {}
        if action == "insert":
            state[entity_id] = {}
        state.setdefault(entity_id, {}).update({k: v for k, v in values.items() if k in GUARDED})
    return state


def unaudited_account_changes(session: Session) -> list[AccountMismatch]:
    """Accounts whose access-deciding columns differ from the audit log, that it lacks, or
    that it has and the table lost."""
    audited = _audited_accounts(session)
    found: list[AccountMismatch] = []
    present: set[str] = set()
    for user in session.scalars(select(User).order_by(User.id)):
        present.add(str(user.id))
        recorded = audited.get(str(user.id))
        if recorded is None:
            found.append(AccountMismatch(user.id, user.username, "*", None, None))
            continue
        for column in GUARDED:
            actual = jsonable(getattr(user, column))
            if column in recorded and recorded[column] != actual:
                found.append(
                    AccountMismatch(user.id, user.username, column, actual, recorded[column])
                )
    for entity_id, recorded in audited.items():
        if entity_id not in present:  # deleted by hand (Baton only ever marks accounts removed)
            name = str(recorded.get("username", "?"))
            found.append(AccountMismatch(int(entity_id), name, "-", None, None))
    return found
