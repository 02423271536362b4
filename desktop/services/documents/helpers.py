"""Helpers that issuing, reading, signing and scans share: the permissions each kind needs,
document numbers, and a case's snapshots and signatures.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import zlib
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models.accounts import User
from desktop.models.documents import DocumentSignature, DocumentSnapshot, IssuedDocument
from desktop.services.context import ServiceContext
from desktop.services.document_content import HandoverFormData, from_jsonable
from desktop.services.documents.dtos import KIND_ACTIONS, LANGUAGES, DocumentInfo, K, SignatureImage
from desktop.services.permissions import can


def may_issue(role: str, kind: str) -> bool:
    """Whether ``role`` may issue and read documents of ``kind`` (all of its permissions)."""
    return kind in KIND_ACTIONS and all(can(role, action) for action in KIND_ACTIONS[kind])


def _require_kind(ctx: ServiceContext, kind: str) -> None:
    if kind not in KIND_ACTIONS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "Unknown kind of document: {kind}."), kind=kind
        )
    for action in KIND_ACTIONS[kind]:
        ctx.require(action)


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "Documents are printed in zh or en (not {value})."),
            field="language",
            value=language,
        )


def new_number(now: datetime) -> str:
    """A document number: BT + local date + 6 random hex digits (BT20261124-7F3A9C)."""
    return f"BT{now.astimezone():%Y%m%d}-{secrets.token_hex(3).upper()}"


def _usernames(s: Session) -> dict[int, str]:
    return dict(s.execute(select(User.id, User.username)).all())


def _info(d: IssuedDocument, case_number: str | None, frozen: bool) -> DocumentInfo:
    blocks = tuple(b["block"] for b in json.loads(d.signatures or "[]"))
    return DocumentInfo(
        id=d.id,
        number=d.number,
        kind=d.kind,
        case_id=d.case_id,
        case_number=case_number,
        language=d.language,
        title=d.title,
        created_at=d.created_at,
        created_by=d.created_by_name,
        pdf_sha256=d.pdf_sha256,
        content_sha256=d.content_sha256,
        size=d.size,
        pages=d.pages,
        signed_blocks=blocks,
        snapshot_id=d.snapshot_id,
        snapshot_frozen=frozen,
    )


def _frozen(s: Session, case_id: int, kind: str = K.HANDOVER.value) -> DocumentSnapshot | None:
    return s.scalar(
        select(DocumentSnapshot).where(
            DocumentSnapshot.case_id == case_id,
            DocumentSnapshot.kind == kind,
            DocumentSnapshot.frozen_at.is_not(None),
        )
    )


def _decode_form(snapshot: DocumentSnapshot | bytes) -> HandoverFormData:
    raw = snapshot if isinstance(snapshot, bytes) else zlib.decompress(snapshot.content)
    return from_jsonable(HandoverFormData, json.loads(raw))


def _signatures(s: Session, case_id: int) -> list[SignatureImage]:
    users = _usernames(s)
    return [
        SignatureImage(
            sig.id,
            sig.block,
            sig.signer_name,
            sig.png,
            sig.sha256,
            sig.signed_at,
            users.get(sig.recorded_by or 0),
        )
        for sig in s.scalars(
            select(DocumentSignature)
            .where(
                DocumentSignature.case_id == case_id,
                DocumentSignature.kind == K.HANDOVER.value,
                DocumentSignature.voided_at.is_(None),
            )
            .order_by(DocumentSignature.id)
        )
    ]


def _snapshot_row(
    ctx: ServiceContext,
    s: Session,
    case_id: int | None,
    kind: str,
    snapshot: bytes,
    rows: int,
) -> DocumentSnapshot:
    """The stored snapshot of this content (one row per distinct content of a case)."""
    digest = hashlib.sha256(snapshot).hexdigest()
    found = s.scalar(
        select(DocumentSnapshot)
        .where(
            DocumentSnapshot.case_id.is_(None)
            if case_id is None
            else DocumentSnapshot.case_id == case_id,
            DocumentSnapshot.kind == kind,
            DocumentSnapshot.sha256 == digest,
        )
        .order_by(DocumentSnapshot.id)
        .limit(1)
    )
    if found is not None:
        return found
    row = DocumentSnapshot(
        case_id=case_id,
        kind=kind,
        sha256=digest,
        content=zlib.compress(snapshot, 6),
        rows=rows,
        created_at=ctx.now(),
        created_by=ctx.actor.user_id,
    )
    s.add(row)
    s.flush()
    return row
