"""Issuing a document: stamping its content with a number and hash, and recording the rendered PDF
with its snapshot (the reports layer renders in between).
"""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import replace
from typing import Any

from sqlalchemy import select

from desktop.errors import QT_TRANSLATE_NOOP, Conflict, ValidationError
from desktop.models import audit
from desktop.models.documents import DocumentSnapshot, IssuedDocument
from desktop.services import handover
from desktop.services.context import ServiceContext
from desktop.services.document_content import canonical_json, handover_form_data, signature_blocks
from desktop.services.documents.dtos import DocumentInfo, DocumentStamp, K, PreparedDocument
from desktop.services.documents.helpers import (
    _check_language,
    _decode_form,
    _frozen,
    _info,
    _require_kind,
    _signatures,
    _snapshot_row,
    new_number,
)
from desktop.services.handover import case_in_scope

MSG_FORM_BEFORE_LIST = QT_TRANSLATE_NOOP(
    "Errors",
    "The handover form of case {case} can be issued once the case is approved: approval "
    "generates the handover list, and the form ({state} now) would list nothing.",
)


def prepare(
    ctx: ServiceContext,
    kind: str,
    language: str,
    title: str,
    content: Any,
    *,
    case_id: int | None = None,
    case_number: str | None = None,
    company: str = "",
    rows: int = 0,
) -> PreparedDocument:
    """Stamp ``content`` (a dataclass tree the caller read through a service) as a document
    of ``kind`` about to be rendered."""
    _require_kind(ctx, kind)
    _check_language(language)
    snapshot = canonical_json(content)
    now = ctx.now()
    stamp = DocumentStamp(
        number=new_number(now),
        kind=kind,
        case_id=case_id,
        case_number=case_number,
        language=language,
        company=company,
        title=title,
        created_at=now,
        created_by=ctx.actor.username,
        content_sha256=hashlib.sha256(snapshot).hexdigest(),
    )
    return PreparedDocument(stamp, content, snapshot, rows)


def prepare_handover(
    ctx: ServiceContext, case_id: int, language: str, title: str
) -> PreparedDocument:
    """The handover form of a case, ready to render: from its frozen snapshot once it was
    signed, otherwise from today's data; with the valid on-screen signatures."""
    _require_kind(ctx, K.HANDOVER.value)
    _check_language(language)
    with ctx.read() as s:
        case = case_in_scope(ctx, s, case_id)
        if case.generated_at is None:
            # The form lists what the leaver hands over; before the list exists it would show
            # "0 customers" above the leaver's confirmation that everything listed was handed.
            raise ValidationError(MSG_FORM_BEFORE_LIST, case=case.number, state=case.state)
        frozen = _frozen(s, case.id)
        frozen_id = frozen.id if frozen else None
        frozen_raw = zlib.decompress(frozen.content) if frozen else None
        signatures = _signatures(s, case.id)
    data = _decode_form(frozen_raw) if frozen_raw is not None else handover_form_data(ctx, case_id)
    prepared = prepare(
        ctx,
        K.HANDOVER.value,
        language,
        title,
        data,
        case_id=case_id,
        case_number=data.case_number,
        company=data.company,
        rows=len(data.customers) + len(data.receivables),
    )
    if frozen_raw is not None:
        # The frozen bytes as stored: their hash is the one in the audit chain.
        stamp = replace(prepared.stamp, content_sha256=hashlib.sha256(frozen_raw).hexdigest())
        prepared = replace(
            prepared, stamp=stamp, snapshot=frozen_raw, frozen=True, snapshot_id=frozen_id
        )
    blocks = {b.key for b in signature_blocks(data)}
    return replace(prepared, signatures=tuple(sig for sig in signatures if sig.block in blocks))


def record_issue(
    ctx: ServiceContext, prepared: PreparedDocument, pdf: bytes, pages: int
) -> DocumentInfo:
    """Store an issued PDF with its SHA-256 and snapshot, and audit the issue (a sensitive
    read: the document leaves the vault)."""
    stamp = prepared.stamp
    _require_kind(ctx, stamp.kind)
    if hashlib.sha256(prepared.snapshot).hexdigest() != stamp.content_sha256:
        raise ValueError("the stamp's content hash does not match the snapshot")
    digest = hashlib.sha256(pdf).hexdigest()
    with ctx.transaction() as s:
        if s.scalar(select(IssuedDocument.id).where(IssuedDocument.number == stamp.number)):
            # Two issues drew the same random number (about one in 16 million a day).
            raise Conflict(
                QT_TRANSLATE_NOOP("Errors", "Document number {number} is taken; generate again."),
                number=stamp.number,
            )
        case = case_in_scope(ctx, s, stamp.case_id) if stamp.case_id is not None else None
        snap = (
            s.get(DocumentSnapshot, prepared.snapshot_id)
            if prepared.snapshot_id is not None
            else _snapshot_row(ctx, s, stamp.case_id, stamp.kind, prepared.snapshot, prepared.rows)
        )
        assert snap is not None
        signed = [{"block": sig.block, "sha256": sig.sha256} for sig in prepared.signatures]
        doc = IssuedDocument(
            number=stamp.number,
            kind=stamp.kind,
            case_id=stamp.case_id,
            language=stamp.language,
            title=stamp.title[:200],
            snapshot_id=snap.id,
            content_sha256=stamp.content_sha256,
            pdf_sha256=digest,
            pdf=pdf,
            size=len(pdf),
            pages=pages,
            signatures=json.dumps(signed) if signed else None,
            created_by=ctx.actor.user_id,
            created_by_name=ctx.actor.username,
            created_at=stamp.created_at,
        )
        s.add(doc)
        s.flush()
        audit.record(
            s,
            "document.issued",
            "issued_document",
            doc.id,
            {
                "number": doc.number,
                "kind": doc.kind,
                "case": stamp.case_number,
                "language": doc.language,
                "pdf_sha256": digest,
                "content_sha256": stamp.content_sha256,
                "pages": pages,
                "signatures": [b["block"] for b in signed],
            },
        )
        if case is not None and stamp.kind == K.HANDOVER.value:
            handover.add_event(
                ctx, s, case, "form_issued", f"{doc.number} ({doc.language}, {pages} p.)"
            )
        if case is not None and stamp.kind == K.CERTIFICATE.value:
            # The certificate handed out is the duty of art. 50 done, in the same unit of work.
            from desktop.services.departures.duties import DUTY_CERTIFICATE, _record

            _record(ctx, s, case, DUTY_CERTIFICATE, ctx.today(), doc.number)
        if case is not None and stamp.kind == K.CONFIRMATION.value:
            from desktop.services.documents.confirmations import record_letter

            record_letter(s, case.id, doc.id, prepared.content)
        return _info(doc, stamp.case_number, snap.frozen_at is not None)
