"""The privacy notice template, the publication record and acknowledgements."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from desktop.errors import QT_TRANSLATE_NOOP, Conflict, NotFound, ValidationError
from desktop.models.paperwork import PUBLICATION_KINDS, Acknowledgement, Publication
from desktop.services import business_settings as settings
from desktop.services.changes import Changes, Kind
from desktop.services.context import ServiceContext
from desktop.services.permissions import Action
from desktop.services.scope import employee_in_scope
from desktop.services.validation import optional_date, optional_text, required_text

#: What Baton watches about a salesperson (the departure risk and the alerts), named in the
#: notice so the monitoring is known before it happens.
MONITORING = (
    "客户下单量与营收的变化（近期订单趋势） changes in customers' orders and revenue",
    "名下客户与应收账款的逾期情况 overdue receivables of the customers one owns",
    "离职交接进度与锁定后的下单尝试 handover progress and orders refused after a lock",
    "客户归属的变更记录 changes of customer ownership",
)


@dataclass(frozen=True)
class PublicationRow:
    id: int
    kind: str
    title: str
    sha256: str
    published_on: date
    published_by: str
    acknowledged: int


@dataclass(frozen=True)
class AcknowledgementRow:
    """One publication and whether (when, how, recorded by whom) one employee acknowledged it."""

    publication_id: int
    kind: str
    title: str
    published_on: date
    acknowledged_on: date | None
    how: str | None
    recorded_by: str | None


def acknowledgements_of(ctx: ServiceContext, employee_id: int) -> list[AcknowledgementRow]:
    """Every publication, newest first, with this employee's acknowledgement if recorded."""
    ctx.require(Action.STAFF_VIEW)
    with ctx.read() as s:
        employee_in_scope(ctx, s, employee_id)
        mine = {
            a.publication_id: a
            for a in s.scalars(
                select(Acknowledgement).where(Acknowledgement.employee_id == employee_id)
            )
        }
        out = []
        for p in s.scalars(
            select(Publication).order_by(Publication.published_on.desc(), Publication.id.desc())
        ):
            a = mine.get(p.id)
            out.append(
                AcknowledgementRow(
                    p.id,
                    p.kind,
                    p.title,
                    p.published_on,
                    a.acknowledged_on if a else None,
                    a.how if a else None,
                    a.recorded_by if a else None,
                )
            )
        return out


def privacy_notice_template(ctx: ServiceContext) -> str:
    """The privacy notice (个人信息处理告知书) in Chinese and English, with the firm's retention
    settings filled in: what is collected, which monitoring indicators, why, how long."""
    ctx.require(Action.STAFF_VIEW)
    with ctx.read() as s:
        keep = settings.value_in(s, settings.PERSONAL_DATA_RETENTION_YEARS)
        records = settings.value_in(s, settings.RECORD_RETENTION_YEARS)
    watched = "\n".join(f"  - {m}" for m in MONITORING)
    return (
        "个人信息处理告知书 Privacy notice (PIPL arts. 14, 17)\n\n"
        "一、收集的个人信息 What is collected: 姓名、工号、身份证号码、手机号码、电子邮箱、部门与岗位、"
        "入职与离职日期、劳动合同期限、月工资、提成明细。 Name, employee number, ID number, phone, "
        "e-mail, department and position, hire and departure dates, contract term, monthly wage, "
        "commission lines.\n\n"
        "二、监控指标 Monitoring indicators (业务数据，非个人行为监控 business data, not personal "
        f"surveillance):\n{watched}\n\n"
        "三、目的 Why: 履行劳动合同、计发工资与提成、离职交接与客户资产保全、依法出具离职证明。 To perform "
        "the labour contract, pay wages and commission, hand over customers on departure and "
        "issue the termination certificate.\n\n"
        f"四、保存期限 How long: 离职后个人字段（身份证号码、手机、邮箱、工资）保存 {keep} 年后删除；"
        f"劳动合同与交接记录保存至少 {records} 年（《劳动合同法》第五十条）。 Personal fields (ID "
        f"number, phone, e-mail, wage) are deleted {keep} years after departure; contracts and "
        f"handover records are kept at least {records} years (Labour Contract Law art. 50).\n\n"
        "五、您的权利 Your rights: 查阅、复制（baton person export）、更正、删除。 Access, a copy, "
        "correction and deletion.\n"
    )


def _kind(kind: str) -> str:
    if kind not in PUBLICATION_KINDS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "{value} is not a kind of publication (use: {known})."),
            field="kind",
            value=kind,
            known=", ".join(PUBLICATION_KINDS),
        )
    return kind


def publish(
    ctx: ServiceContext, kind: str, title: str, content: str, published_on: date | None = None
) -> Changes:
    """Record that a notice or rule was made known to staff (the text and its hash kept)."""
    ctx.require(Action.STAFF_EDIT)
    clean_kind = _kind(kind)
    clean_title = required_text(
        title, "title", 200, QT_TRANSLATE_NOOP("Errors", "A publication needs its title.")
    )
    text = optional_text(content, "content", 200_000, multiline=True) or ""
    if not text.strip():
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "A publication needs its text."), field="content"
        )
    day = optional_date(published_on, "published_on", ctx.today()) or ctx.today()
    with ctx.transaction() as s:
        row = Publication(
            kind=clean_kind,
            title=clean_title,
            content=text,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            published_on=day,
            published_by=ctx.actor.username,
            created_at=ctx.now(),
        )
        s.add(row)
        s.flush()
        return Changes.of(Kind.EMPLOYEES, ids={row.id})


def acknowledge(
    ctx: ServiceContext,
    publication_id: int,
    employee_id: int,
    on: date | None = None,
    how: str = "signed",
) -> Changes:
    """Record one employee's acknowledgement of a publication (once)."""
    ctx.require(Action.STAFF_EDIT)
    day = optional_date(on, "acknowledged_on", ctx.today()) or ctx.today()
    clean_how = optional_text(how, "how", 32) or "signed"
    with ctx.transaction() as s:
        pub = s.get(Publication, publication_id)
        if pub is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("Errors", "There is no publication {id}."), id=publication_id
            )
        employee_in_scope(ctx, s, employee_id)
        if day < pub.published_on:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "An acknowledgement cannot come before its publication ({date})."
                ),
                field="acknowledged_on",
                date=pub.published_on.isoformat(),
            )
        if s.scalar(
            select(Acknowledgement.id).where(
                Acknowledgement.publication_id == publication_id,
                Acknowledgement.employee_id == employee_id,
            )
        ):
            raise Conflict(
                QT_TRANSLATE_NOOP("Errors", "This employee acknowledged publication {id} already."),
                id=publication_id,
            )
        s.add(
            Acknowledgement(
                publication_id=publication_id,
                employee_id=employee_id,
                acknowledged_on=day,
                how=clean_how,
                recorded_by=ctx.actor.username,
            )
        )
        return Changes.of(Kind.EMPLOYEES, ids={employee_id})


def list_publications(ctx: ServiceContext) -> list[PublicationRow]:
    """Every publication with how many employees acknowledged it."""
    ctx.require(Action.STAFF_VIEW)
    with ctx.read() as s:
        counts = dict(
            s.execute(
                select(Acknowledgement.publication_id, func.count()).group_by(
                    Acknowledgement.publication_id
                )
            ).all()
        )
        return [
            PublicationRow(
                p.id, p.kind, p.title, p.sha256, p.published_on, p.published_by, counts.get(p.id, 0)
            )
            for p in s.scalars(select(Publication).order_by(Publication.id))
        ]
