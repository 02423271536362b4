"""The firm's name and branches (the dashboard's figures are in services/dashboard.py)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models.organisation import Branch, Company
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.permissions import Action


@dataclass(frozen=True)
class BranchInfo:
    id: int
    code: str
    name: str
    city: str | None
    active: bool


def company_name(ctx: ServiceContext) -> str:
    ctx.require(Action.COMPANY_VIEW)
    with ctx.read() as s:
        return s.scalar(select(Company.name).limit(1)) or ""


def list_branches(ctx: ServiceContext) -> list[BranchInfo]:
    ctx.require(Action.COMPANY_VIEW)
    with ctx.read() as s:
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
    return Changes.of(Kind.COMPANY)
