"""Evidence files attached to handover items: attaching, listing and reading them.

Separate because the bytes are personal data kept in the vault: size limits, hashes and an
audited read apply here only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models import audit
from desktop.models.accounts import User
from desktop.models.departures import HandoverEvidence, HandoverItem
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.handover.cases import MSG_ITEM_NOT_FOUND, case_in_scope
from desktop.services.handover.checklist import done_changes, finish, refuse_undoable
from desktop.services.handover.items import case_of_item, items_for_edit
from desktop.services.permissions import Action
from desktop.services.validation import optional_text, required_text

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


@dataclass(frozen=True)
class EvidenceUpload:
    """A file to attach: its name and bytes (:meth:`from_path` reads one the user chose)."""

    file_name: str
    data: bytes

    @classmethod
    def from_path(cls, path: Path) -> EvidenceUpload:
        """Read a chosen file; one that cannot be read is a plain error naming it."""
        try:
            return cls(path.name, path.read_bytes())
        except OSError as exc:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "The file {file} cannot be read: {reason}"),
                field="data",
                file=str(path),
                reason=exc.strerror or str(exc),
            ) from exc


def _check_upload(file_name: str, data: bytes) -> str:
    """The cleaned file name, or a refusal naming the file (empty, too large)."""
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
    return name


def _store(ctx: ServiceContext, s: Session, item_id: int, name: str, data: bytes) -> int:
    evidence = HandoverEvidence(
        item_id=item_id,
        file_name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        content=data,
        uploaded_by=ctx.actor.user_id,
        uploaded_at=ctx.now(),
    )
    s.add(evidence)
    s.flush()
    return evidence.id


def attach_evidence(ctx: ServiceContext, item_id: int, file_name: str, data: bytes) -> Changes:
    """Attach a file to an item (kept encrypted in the vault with its SHA-256; the audit log
    records the hash, not the bytes). ``Changes.ids`` holds the attachment's id."""
    ctx.require(Action.HANDOVER_EDIT)
    name = _check_upload(file_name, data)
    with ctx.transaction() as s:
        items_for_edit(ctx, s, case_of_item(s, item_id), [item_id])
        return Changes.of(Kind.HANDOVER, ids=frozenset({_store(ctx, s, item_id, name, data)}))


def complete_items(
    ctx: ServiceContext,
    case_id: int,
    item_ids: Iterable[int],
    evidence: Mapping[int, Sequence[EvidenceUpload | Path]] | None = None,
    note: str = "",
) -> Changes:
    """Attach each item's evidence files and mark the items done, in one transaction.

    Why one: a file attached to an item that then could not be marked done (another item's
    evidence missing, the last administrator's account) would be left behind. Every file is
    read and checked, every item checked (:func:`checklist.refuse_undoable`: a file given here
    counts as the evidence), before anything is written; any refusal names its item or file
    and changes nothing. ``Changes.ids`` holds the items' ids."""
    ctx.require(Action.HANDOVER_EDIT)
    clean = optional_text(note, "note", 4000)
    uploads: dict[int, list[tuple[str, bytes]]] = {}
    for item_id, files in (evidence or {}).items():
        for f in files:
            upload = EvidenceUpload.from_path(f) if isinstance(f, Path) else f
            name = _check_upload(upload.file_name, upload.data)
            uploads.setdefault(item_id, []).append((name, upload.data))
    with ctx.transaction() as s:
        items, case = items_for_edit(ctx, s, case_id, item_ids)
        batch = {i.id for i in items}
        stray = [ident for ident in uploads if ident not in batch]
        if stray:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "Evidence for item {id} was given, but the item is not being done."
                ),
                field="data",
                id=stray[0],
            )
        refuse_undoable(s, items, frozenset(i for i, files in uploads.items() if files))
        for item_id, files in uploads.items():
            for name, data in files:
                _store(ctx, s, item_id, name, data)
        finish(ctx, s, case, items, clean)
        return done_changes(items)


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
                select(HandoverEvidence, User.display_name)
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
