"""Checklist templates: the lines a position's handover list starts with, edited by HR.

Separate because templates are edited outside any case (they feed :mod:`generation`); the
default lines themselves are seeded by :mod:`desktop.services.departure_templates`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models.departures import ChecklistTemplate, ChecklistTemplateItem, ItemCategory
from desktop.models.staff import PositionCategory
from desktop.services import departure_templates
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.permissions import Action
from desktop.services.validation import Problems, required_text

# --------------------------------------------------------------------------- DTOs


@dataclass(frozen=True)
class TemplateItemInput:
    """A checklist line; ``id`` keeps an existing line (None: a new one)."""

    title: str
    category: str
    responsible_role: str
    due_offset_days: int = 0
    required: bool = True
    evidence_required: bool = False
    id: int | None = None


@dataclass(frozen=True)
class TemplateInput:
    """A checklist template; ``id`` None creates one. Lines left out are taken out of use."""

    name: str
    position_category: str
    items: tuple[TemplateItemInput, ...]
    id: int | None = None


@dataclass(frozen=True)
class TemplateItemInfo:
    id: int
    position: int
    title: str
    category: str
    responsible_role: str
    due_offset_days: int
    required: bool
    evidence_required: bool


@dataclass(frozen=True)
class TemplateInfo:
    id: int
    name: str
    position_category: str
    active: bool
    version: int
    items: tuple[TemplateItemInfo, ...]


# --------------------------------------------------------------------------- templates


def ensure_templates(ctx: ServiceContext, s: Session) -> None:
    """Seed the default checklists and clauses at first use."""
    departure_templates.seed_defaults(s, ctx.now())


def _template_info(s: Session, t: ChecklistTemplate) -> TemplateInfo:
    items = tuple(
        TemplateItemInfo(
            i.id,
            i.position,
            i.title,
            i.category,
            i.responsible_role,
            i.due_offset_days,
            i.required,
            i.evidence_required,
        )
        for i in s.scalars(
            select(ChecklistTemplateItem)
            .where(
                ChecklistTemplateItem.template_id == t.id,
                ChecklistTemplateItem.active.is_(True),
            )
            .order_by(ChecklistTemplateItem.position, ChecklistTemplateItem.id)
        )
    )
    return TemplateInfo(t.id, t.name, t.position_category, t.active, t.version, items)


def list_templates(ctx: ServiceContext, include_inactive: bool = False) -> list[TemplateInfo]:
    """The checklist templates with their active lines, by position category."""
    ctx.require(Action.DEPARTURES_VIEW)
    with ctx.transaction() as s:
        ensure_templates(ctx, s)
        query = select(ChecklistTemplate).order_by(
            ChecklistTemplate.position_category, ChecklistTemplate.id
        )
        if not include_inactive:
            query = query.where(ChecklistTemplate.active.is_(True))
        return [_template_info(s, t) for t in s.scalars(query)]


def _template_values(data: TemplateInput) -> tuple[str, list[dict[str, Any]]]:
    p = Problems()
    name = p.check(
        required_text,
        data.name,
        "name",
        100,
        QT_TRANSLATE_NOOP("Errors", "Name the checklist template."),
    )
    if data.position_category not in {c.value for c in PositionCategory}:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "{value} is not a position category."),
                field="position_category",
                value=data.position_category,
            )
        )
    lines = []
    for index, item in enumerate(data.items):
        title = p.check(
            required_text,
            item.title,
            "items",
            200,
            QT_TRANSLATE_NOOP("Errors", "Every checklist line needs a title."),
        )
        if item.category not in {c.value for c in ItemCategory}:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "{value} is not a checklist category."),
                    field="items",
                    value=item.category,
                )
            )
        if item.responsible_role not in departure_templates.RESPONSIBLE_ROLES:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "{value} cannot be responsible (use: {known})."),
                    field="items",
                    value=item.responsible_role,
                    known=", ".join(departure_templates.RESPONSIBLE_ROLES),
                )
            )
        if not -365 <= item.due_offset_days <= 365:
            p.add(
                ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "A due offset is -365 to 365 days (not {value})."),
                    field="items",
                    value=item.due_offset_days,
                )
            )
        lines.append(
            {
                "id": item.id,
                "position": index,
                "title": title,
                "category": item.category,
                "responsible_role": item.responsible_role,
                "due_offset_days": item.due_offset_days,
                "required": bool(item.required),
                "evidence_required": bool(item.evidence_required),
            }
        )
    p.raise_if_any()
    assert name is not None
    return name, lines


def save_template(ctx: ServiceContext, data: TemplateInput) -> Changes:
    """Create or change a checklist template (HR, administrators). Lines are matched by id;
    lines left out are taken out of use (cases that used them keep their copy). A new active
    template of a category replaces the previous one. ``Changes.ids`` holds the template id."""
    ctx.require(Action.CHECKLIST_TEMPLATES_EDIT)
    name, lines = _template_values(data)
    with ctx.transaction() as s:
        ensure_templates(ctx, s)
        if data.id is None:
            template = ChecklistTemplate(
                name=name, position_category=data.position_category, active=True
            )
            s.add(template)
            s.flush()
        else:
            found = s.get(ChecklistTemplate, data.id)
            if found is None:
                raise NotFound(
                    QT_TRANSLATE_NOOP("Errors", "Checklist template {id} does not exist."),
                    id=data.id,
                )
            template = found
            template.name = name
            template.position_category = data.position_category
        for other in s.scalars(
            select(ChecklistTemplate).where(
                ChecklistTemplate.position_category == data.position_category,
                ChecklistTemplate.active.is_(True),
                ChecklistTemplate.id != template.id,
            )
        ):
            other.active = False
        existing = {
            i.id: i
            for i in s.scalars(
                select(ChecklistTemplateItem).where(
                    ChecklistTemplateItem.template_id == template.id,
                    ChecklistTemplateItem.active.is_(True),
                )
            )
        }
        keep: set[int] = set()
        for line in lines:
            ident = line.pop("id")
            if ident is None:
                s.add(ChecklistTemplateItem(template_id=template.id, active=True, **line))
                continue
            current = existing.get(ident)
            if current is None:
                raise NotFound(
                    QT_TRANSLATE_NOOP(
                        "Errors", "Checklist line {id} is not one of this template's."
                    ),
                    id=ident,
                )
            keep.add(ident)
            for key, value in line.items():
                if getattr(current, key) != value:
                    setattr(current, key, value)
        for ident, current in existing.items():
            if ident not in keep:
                current.active = False
        return Changes.of(Kind.CHECKLIST_TEMPLATES, ids=frozenset({template.id}))


def set_template_active(ctx: ServiceContext, template_id: int, active: bool) -> Changes:
    """Take a template out of use, or back in (replacing the category's active one)."""
    ctx.require(Action.CHECKLIST_TEMPLATES_EDIT)
    with ctx.transaction() as s:
        template = s.get(ChecklistTemplate, template_id)
        if template is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("Errors", "Checklist template {id} does not exist."),
                id=template_id,
            )
        if active:
            for other in s.scalars(
                select(ChecklistTemplate).where(
                    ChecklistTemplate.position_category == template.position_category,
                    ChecklistTemplate.active.is_(True),
                )
            ):
                other.active = False
        template.active = active
        return Changes.of(Kind.CHECKLIST_TEMPLATES, ids=frozenset({template_id}))
