"""Evidence files attached to handover items: attaching, listing and reading them.

Separate because the bytes are personal data kept in the vault: size limits, hashes and an
audited read apply here only.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models import audit
from desktop.models.accounts import User
from desktop.models.departures import HandoverEvidence, HandoverItem
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.handover.cases import MSG_ITEM_NOT_FOUND, _item_for_edit, case_in_scope
from desktop.services.permissions import Action
from desktop.services.validation import required_text

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


# --------------------------------------------------------------------------- DTOs


@dataclass(frozen=True)
class EvidenceInfo:
    id: int
    item_id: int
    file_name: str
    sha256: str
    size: int
    uploaded_by: str | None
    uploaded_at: datetime


@dataclass(frozen=True)
class EvidenceFile:
    """An attachment's bytes, as stored (the hash lets the caller check them)."""

    id: int
    file_name: str
    sha256: str
    data: bytes


# --------------------------------------------------------------------------- evidence


def attach_evidence(ctx: ServiceContext, item_id: int, file_name: str, data: bytes) -> Changes:
    """Attach a file to an item (kept encrypted in the vault with its SHA-256; the audit log
    records the hash, not the bytes). ``Changes.ids`` holds the attachment's id."""
    ctx.require(Action.HANDOVER_EDIT)
    name = required_text(
        file_name, "file_name", 200, QT_TRANSLATE_NOOP("Errors", "Name the attached file.")
    )
    if not data:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "The file {file} is empty."), field="data", file=name
        )
    if len(data) > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "The file {file} is larger than {mb} MB."),
            field="data",
            file=name,
            mb=MAX_EVIDENCE_BYTES // (1024 * 1024),
        )
    with ctx.transaction() as s:
        item, _case = _item_for_edit(ctx, s, item_id)
        evidence = HandoverEvidence(
            item_id=item.id,
            file_name=name,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            content=data,
            uploaded_by=ctx.actor.user_id,
            uploaded_at=ctx.now(),
        )
        s.add(evidence)
        s.flush()
        return Changes.of(Kind.HANDOVER, ids=frozenset({evidence.id}))


def list_evidence(ctx: ServiceContext, item_id: int) -> list[EvidenceInfo]:
    ctx.require(Action.DEPARTURES_VIEW)
    with ctx.read() as s:
        item = s.get(HandoverItem, item_id)
        if item is None:
            raise NotFound(MSG_ITEM_NOT_FOUND, id=item_id)
        case_in_scope(ctx, s, item.case_id)
        return [
            EvidenceInfo(e.id, e.item_id, e.file_name, e.sha256, e.size, who, e.uploaded_at)
            for e, who in s.execute(
                select(HandoverEvidence, User.username)
                .outerjoin(User, User.id == HandoverEvidence.uploaded_by)
                .where(HandoverEvidence.item_id == item_id)
                .order_by(HandoverEvidence.id)
            )
        ]


def read_evidence(ctx: ServiceContext, evidence_id: int) -> EvidenceFile:
    """An attachment's bytes; the read is audited (it may hold personal data)."""
    ctx.require(Action.DEPARTURES_VIEW)
    with ctx.transaction() as s:
        evidence = s.get(HandoverEvidence, evidence_id)
        if evidence is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("Errors", "Attachment {id} does not exist."), id=evidence_id
            )
        item = s.get(HandoverItem, evidence.item_id)
        assert item is not None
        case_in_scope(ctx, s, item.case_id)
        audit.record(
            s, "evidence.read", "handover_evidence", evidence_id, {"sha256": evidence.sha256}
        )
        return EvidenceFile(evidence.id, evidence.file_name, evidence.sha256, evidence.content)
