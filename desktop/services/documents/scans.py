"""Signed scanned copies: recognising the file type, attaching a scan (which freezes the form like
a signature) and reading one back.
"""

from __future__ import annotations

import hashlib

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models import audit
from desktop.models.documents import DocumentScan
from desktop.services import handover
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.documents.dtos import MAX_SCAN_BYTES, SCAN_TYPES, K, ScanFile
from desktop.services.documents.signing import _freeze, _signing_source
from desktop.services.documents.status import _scan_infos
from desktop.services.handover import case_in_scope
from desktop.services.permissions import Action
from desktop.services.validation import Problems, required_text


def media_type_of(data: bytes) -> str | None:
    for magic, media in SCAN_TYPES:
        if data.startswith(magic):
            return media
    return None


def attach_scan(
    ctx: ServiceContext,
    case_id: int,
    file_name: str,
    data: bytes,
    paper_location: str,
    document_id: int | None = None,
    note: str | None = None,
) -> Changes:
    """Attach the scanned, signed paper form (PDF or image) to the case, stored in the
    encrypted database with its SHA-256, and record where the paper original is kept and that
    the signed copy is archived (by the acting user, now). The first signed copy freezes the
    form's content, like the first signature on screen. ``Changes.ids``: the scan's id."""
    ctx.require(Action.HANDOVER_EDIT)
    p = Problems()
    name = p.check(
        required_text, file_name, "file_name", 200, QT_TRANSLATE_NOOP("Errors", "Name the file.")
    )
    where = p.check(
        required_text,
        paper_location,
        "paper_location",
        200,
        QT_TRANSLATE_NOOP(
            "Errors", "Say where the signed paper original is kept (a scan is only a copy)."
        ),
    )
    media = media_type_of(data)
    if not data or media is None:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "A signed copy must be a PDF or an image (PNG, JPEG, TIFF)."
                ),
                field="data",
            )
        )
    elif len(data) > MAX_SCAN_BYTES:
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "The file is larger than {mb} MB."),
                field="data",
                mb=MAX_SCAN_BYTES // (1024 * 1024),
            )
        )
    p.raise_if_any()
    assert name is not None and where is not None and media is not None
    source = _signing_source(ctx, case_id, document_id)
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        snap = _freeze(ctx, s, case, source, "scan")
        now = ctx.now()
        scan = DocumentScan(
            case_id=case.id,
            kind=K.HANDOVER.value,
            document_id=source.document_id,
            snapshot_id=snap.id,
            file_name=name,
            media_type=media,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            content=data,
            uploaded_by=ctx.actor.user_id,
            uploaded_at=now,
            paper_location=where,
            archived_by=ctx.actor.user_id,
            archived_at=now,
            note=(note or "").strip()[:256] or None,
        )
        s.add(scan)
        s.flush()
        handover.add_event(
            ctx,
            s,
            case,
            "signed_copy_archived",
            f"{name} (SHA-256 {scan.sha256}); paper original: {where}",
        )
        return Changes.of(Kind.DOCUMENTS, Kind.DEPARTURES, ids=frozenset({scan.id}))


def read_scan(ctx: ServiceContext, scan_id: int) -> ScanFile:
    """A scanned copy's bytes, checked against the hash recorded when it was attached."""
    ctx.require(Action.DEPARTURES_VIEW)
    with ctx.transaction() as s:
        scan = s.get(DocumentScan, scan_id)
        if scan is None:
            raise NotFound(
                QT_TRANSLATE_NOOP(
                    "Errors", "Scan {id} does not exist or is outside what you may see."
                ),
                id=scan_id,
            )
        case_in_scope(ctx, s, scan.case_id)
        if hashlib.sha256(scan.content).hexdigest() != scan.sha256:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "The stored scan {name} does not match its hash."),
                name=scan.file_name,
            )
        info = next(i for i in _scan_infos(s, scan.case_id) if i.id == scan.id)
        audit.record(s, "document.scan_read", "document_scan", scan.id, {"sha256": scan.sha256})
        return ScanFile(info, scan.content)
