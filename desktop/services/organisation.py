"""The firm's name and branches, and the overview the dashboard shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models.accounts import User
from desktop.models.audit import AuditEvent
from desktop.models.organisation import Branch, Company
from desktop.services.context import Changes, ServiceContext
from desktop.services.permissions import Action
from desktop.storage import backup as backups
from desktop.storage.store import Store


@dataclass(frozen=True)
class BranchInfo:
    id: int
    code: str
    name: str
    city: str | None
    active: bool


@dataclass(frozen=True)
class Overview:
    company: str
    db_id: str
    key_id: str
    users: int
    branches: int
    audit_events: int
    last_backup_at: datetime | None
    backups: int


def company_name(ctx: ServiceContext) -> str:
    ctx.require(Action.COMPANY_VIEW)
    with ctx.transaction() as s:
        return s.scalar(select(Company.name).limit(1)) or ""


def overview(ctx: ServiceContext) -> Overview:
    """Counts and facts for the dashboard, loaded in one unit of work."""
    ctx.require(Action.DASHBOARD_VIEW)
    with ctx.transaction() as s:
        name = s.scalar(select(Company.name).limit(1)) or ""
        users = s.scalar(select(func.count()).select_from(User).where(User.removed.is_(False)))
        branches = s.scalar(select(func.count()).select_from(Branch))
        events = s.scalar(select(func.max(AuditEvent.seq))) or 0
    store = ctx.store
    found = backups.list_backups(store.paths.backups) if isinstance(store, Store) else []
    return Overview(
        company=name,
        db_id=store.db_id,
        key_id=store.key.key_id if isinstance(store, Store) else "",
        users=users or 0,
        branches=branches or 0,
        audit_events=events,
        last_backup_at=found[0].created_at if found else None,
        backups=len(found),
    )


def list_branches(ctx: ServiceContext) -> list[BranchInfo]:
    ctx.require(Action.COMPANY_VIEW)
    with ctx.transaction() as s:
        return [
            BranchInfo(b.id, b.code, b.name, b.city, b.active)
            for b in s.scalars(select(Branch).order_by(Branch.code))
        ]


def rename_company(ctx: ServiceContext, name: str) -> Changes:
    ctx.require(Action.COMPANY_EDIT)
    clean = name.strip()
    if not clean or len(clean) > 200:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "Enter the company name (at most 200 characters)."),
            field="company",
        )
    with ctx.transaction() as s:
        company = s.scalar(select(Company).limit(1))
        assert company is not None
        company.name = clean
    return Changes.of("company")
