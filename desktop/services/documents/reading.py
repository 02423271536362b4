"""Reading what was issued: the document list, a file read back, how it was output, and the data
snapshot behind it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models import audit
from desktop.models.departures import DepartureCase
from desktop.models.documents import DocumentSnapshot, IssuedDocument
from desktop.services import handover
from desktop.services.context import ServiceContext
from desktop.services.documents.dtos import (
    KIND_ACTIONS,
    MSG_DOCUMENT_NOT_FOUND,
    DocumentInfo,
    IssuedFile,
)
from desktop.services.documents.helpers import _info, may_issue
from desktop.services.handover import case_in_scope
from desktop.services.permissions import Action


def _document_in_scope(ctx: ServiceContext, s: Session, document_id: int) -> IssuedDocument:
    doc = s.get(IssuedDocument, document_id)
    if doc is None:
        raise NotFound(MSG_DOCUMENT_NOT_FOUND, id=document_id)
    if not may_issue(ctx.actor.role, doc.kind):
        raise NotFound(MSG_DOCUMENT_NOT_FOUND, id=document_id)
    if doc.case_id is not None:
        try:
            case_in_scope(ctx, s, doc.case_id)
        except NotFound:
            raise NotFound(MSG_DOCUMENT_NOT_FOUND, id=document_id) from None
    return doc


def _case_numbers(s: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(
        s.execute(
            select(DepartureCase.id, DepartureCase.number).where(DepartureCase.id.in_(ids))
        ).all()
    )


def _frozen_ids(s: Session, snapshot_ids: set[int]) -> set[int]:
    if not snapshot_ids:
        return set()
    return set(
        s.scalars(
            select(DocumentSnapshot.id).where(
                DocumentSnapshot.id.in_(snapshot_ids), DocumentSnapshot.frozen_at.is_not(None)
            )
        )
    )


def _documents_in(s: Session, case_id: int) -> list[DocumentInfo]:
    docs = list(
        s.scalars(
            select(IssuedDocument)
            .where(IssuedDocument.case_id == case_id)
            .order_by(IssuedDocument.created_at.desc(), IssuedDocument.id.desc())
        )
    )
    numbers = _case_numbers(s, {case_id})
    frozen = _frozen_ids(s, {d.snapshot_id for d in docs})
    return [_info(d, numbers.get(case_id), d.snapshot_id in frozen) for d in docs]


def list_documents(
    ctx: ServiceContext, case_id: int | None = None, kind: str | None = None
) -> list[DocumentInfo]:
    """Issued documents, newest first: of one case, or (``case_id`` None) of every kind the
    actor may read; the PDFs themselves are not loaded."""
    with ctx.read() as s:
        if case_id is not None:
            ctx.require(Action.DEPARTURES_VIEW)
            case_in_scope(ctx, s, case_id)
            found = _documents_in(s, case_id)
            return [d for d in found if kind is None or d.kind == kind]
        kinds = [k for k in KIND_ACTIONS if may_issue(ctx.actor.role, k)]
        if kind is not None:
            kinds = [k for k in kinds if k == kind]
        query = (
            select(IssuedDocument)
            .where(IssuedDocument.kind.in_(kinds))
            .order_by(IssuedDocument.created_at.desc(), IssuedDocument.id.desc())
        )
        where = handover.case_filter(ctx, s)
        if where is not None:
            query = query.where(
                IssuedDocument.case_id.is_(None)
                | IssuedDocument.case_id.in_(select(DepartureCase.id).where(where))
            )
        docs = list(s.scalars(query))
        numbers = _case_numbers(s, {d.case_id for d in docs if d.case_id is not None})
        frozen = _frozen_ids(s, {d.snapshot_id for d in docs})
        return [_info(d, numbers.get(d.case_id or 0), d.snapshot_id in frozen) for d in docs]


def read_document(ctx: ServiceContext, document_id: int) -> IssuedFile:
    """An issued PDF as stored (its hash checked), for preview, printing or saving."""
    with ctx.read() as s:
        doc = _document_in_scope(ctx, s, document_id)
        if hashlib.sha256(doc.pdf).hexdigest() != doc.pdf_sha256:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "The stored file of document {number} does not match its hash."
                ),
                number=doc.number,
            )
        numbers = _case_numbers(s, {doc.case_id} if doc.case_id else set())
        frozen = _frozen_ids(s, {doc.snapshot_id})
        return IssuedFile(_info(doc, numbers.get(doc.case_id or 0), bool(frozen)), doc.pdf)


OUTPUTS = ("print", "save", "open")


def record_output(ctx: ServiceContext, document_id: int, how: str, target: str = "") -> None:
    """Audit that an issued document was printed, saved to a file or opened outside Baton."""
    if how not in OUTPUTS:
        raise ValueError(how)
    with ctx.transaction() as s:
        doc = _document_in_scope(ctx, s, document_id)
        audit.record(
            s,
            f"document.{how}",
            "issued_document",
            doc.id,
            {"number": doc.number, "kind": doc.kind, "target": target},
        )


def save_issued_file(ctx: ServiceContext, issued: IssuedFile, target: Path) -> None:
    """Write an issued document to ``target`` and audit that it was saved there.

    One use case for the screens and the command line: the file is written whole or not at
    all (never onto a vault file), then the save is recorded against the issued number."""
    from desktop.services import files

    files.write_output(target, issued.data, getattr(ctx.store, "paths", None))
    record_output(ctx, issued.info.id, "save", str(target))


def issued_statement_file(ctx: ServiceContext, number: str, fmt: str) -> IssuedFile | None:
    """The stored file of commission statement ``number`` as it was issued, in ``fmt`` ("pdf"
    or "xlsx"); None when it was issued before statements were recorded (or not in that
    format), and the caller renders it again from the statement's snapshot."""
    magic = b"%PDF" if fmt == "pdf" else b"PK"
    for doc in list_documents(ctx, kind="statement"):
        if doc.title.startswith(f"Statement {number} ("):
            found = read_document(ctx, doc.id)
            if found.data.startswith(magic):
                return found
    return None
