"""The handover form's status for a case: which blocks are signed, which scans are attached, which
documents were issued.
"""

from __future__ import annotations

import zlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models.documents import DocumentScan, DocumentSnapshot, IssuedDocument
from desktop.services.context import ServiceContext
from desktop.services.document_content import handover_form_data, signature_blocks
from desktop.services.documents.dtos import BlockStatus, FormStatus, K, ScanInfo
from desktop.services.documents.helpers import _decode_form, _frozen, _signatures, _usernames
from desktop.services.documents.reading import _documents_in
from desktop.services.handover import case_in_scope
from desktop.services.permissions import Action


def _scan_infos(s: Session, case_id: int) -> list[ScanInfo]:
    users = _usernames(s)
    numbers = dict(
        s.execute(
            select(IssuedDocument.id, IssuedDocument.number).where(
                IssuedDocument.case_id == case_id
            )
        ).all()
    )
    return [
        ScanInfo(
            id=sc.id,
            case_id=sc.case_id,
            document_id=sc.document_id,
            document_number=numbers.get(sc.document_id or 0),
            file_name=sc.file_name,
            media_type=sc.media_type,
            sha256=sc.sha256,
            size=sc.size,
            uploaded_by=users.get(sc.uploaded_by or 0),
            uploaded_at=sc.uploaded_at,
            paper_location=sc.paper_location,
            archived_by=users.get(sc.archived_by or 0),
            archived_at=sc.archived_at,
            note=sc.note,
        )
        for sc in s.scalars(
            select(DocumentScan).where(DocumentScan.case_id == case_id).order_by(DocumentScan.id)
        )
    ]


def form_status(ctx: ServiceContext, case_id: int) -> FormStatus:
    """Which blocks of the case's handover form are signed on screen and which wait for
    paper; the frozen snapshot, the scans, and the documents issued for the case.

    The blocks come from the frozen snapshot once signed, else from the latest issued form,
    else from today's data."""
    ctx.require(Action.DEPARTURES_VIEW)
    with ctx.read() as s:
        case = case_in_scope(ctx, s, case_id)
        number = case.number
        frozen = _frozen(s, case.id)
        users = _usernames(s)
        source: bytes | None = None
        if frozen is not None:
            source = zlib.decompress(frozen.content)
        else:
            latest = s.scalar(
                select(DocumentSnapshot)
                .join(IssuedDocument, IssuedDocument.snapshot_id == DocumentSnapshot.id)
                .where(
                    IssuedDocument.case_id == case.id,
                    IssuedDocument.kind == K.HANDOVER.value,
                )
                .order_by(IssuedDocument.created_at.desc(), IssuedDocument.id.desc())
                .limit(1)
            )
            if latest is not None:
                source = zlib.decompress(latest.content)
        signatures = _signatures(s, case.id)
        scans = _scan_infos(s, case.id)
        documents = _documents_in(s, case.id)
        frozen_info = (
            (
                frozen.id,
                frozen.sha256,
                frozen.frozen_at,
                users.get(frozen.frozen_by or 0),
                frozen.frozen_reason,
            )
            if frozen is not None
            else (None, None, None, None, None)
        )
    data = _decode_form(source) if source is not None else handover_form_data(ctx, case_id)
    by_block = {sig.block: sig for sig in signatures}
    blocks = []
    for b in signature_blocks(data):
        sig = by_block.get(b.key)
        blocks.append(
            BlockStatus(
                key=b.key,
                role=b.role,
                expected_name=b.name,
                signature_id=sig.id if sig else None,
                signer_name=sig.signer_name if sig else None,
                signed_at=sig.signed_at if sig else None,
                recorded_by=sig.recorded_by if sig else None,
            )
        )
    return FormStatus(
        case_id=case_id,
        case_number=number,
        form_number=data.form_number,
        blocks=tuple(blocks),
        frozen_snapshot_id=frozen_info[0],
        frozen_sha256=frozen_info[1],
        frozen_at=frozen_info[2],
        frozen_by=frozen_info[3],
        frozen_reason=frozen_info[4],
        scans=tuple(scans),
        documents=tuple(documents),
    )
