"""Verifying a PDF against what Baton issued, by the hash of the file and the document number it
names.
"""

from __future__ import annotations

import hashlib
import io

from sqlalchemy import select

from desktop.models import audit
from desktop.models.documents import IssuedDocument
from desktop.services import terms
from desktop.services.context import ServiceContext
from desktop.services.documents.dtos import (
    KEYWORD_PATTERN,
    MSG_ALTERED,
    MSG_UNKNOWN,
    MSG_VERIFIED,
    MSG_VERIFIED_NO_CASE,
    NUMBER_PATTERN,
    VerifyResult,
)
from desktop.services.documents.helpers import _info
from desktop.services.documents.reading import _case_numbers, _frozen_ids
from desktop.services.permissions import Action


def document_numbers_in(data: bytes) -> list[str]:
    """Every document number a file names in plain text keywords, first seen first (a PDF's
    Keywords; a workbook's stored core properties and ZIP comment): one changed byte can
    alter one copy into another well-formed number, so each is tried."""
    seen: dict[str, None] = {}
    for found in KEYWORD_PATTERN.finditer(data):
        seen.setdefault(found.group(1).decode(), None)
    return list(seen)


def document_number_in(data: bytes) -> str | None:
    """The Baton document number a PDF names: in its Keywords, else anywhere in its text."""
    found = KEYWORD_PATTERN.search(data)
    if found:
        return found.group(1).decode()
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        meta = reader.metadata or {}
        for key in ("/Keywords", "/Subject"):
            hit = NUMBER_PATTERN.search(str(meta.get(key, "")).encode())
            if hit:
                return hit.group(0).decode()
        for page in reader.pages[:2]:
            hit = NUMBER_PATTERN.search((page.extract_text() or "").encode())
            if hit:
                return hit.group(0).decode()
    except Exception:  # not a PDF we can read: it names no document
        return None
    return None


def verify_document(ctx: ServiceContext, data: bytes) -> VerifyResult:
    """Whether a file is a document Baton issued, unchanged. The check is audited."""
    if not (ctx.can(Action.REPORTS_VIEW) or ctx.can(Action.DEPARTURES_VIEW)):
        ctx.require(Action.REPORTS_VIEW)
    digest = hashlib.sha256(data).hexdigest()
    number: str | None = None
    with ctx.transaction() as s:
        doc = s.scalar(select(IssuedDocument).where(IssuedDocument.pdf_sha256 == digest).limit(1))
        if doc is None:
            candidates = document_numbers_in(data)
            fallback = document_number_in(data)
            if fallback and fallback not in candidates:
                candidates.append(fallback)
            claimed = (
                s.scalar(
                    select(IssuedDocument)
                    .where(IssuedDocument.number.in_(candidates))
                    .order_by(IssuedDocument.id)
                    .limit(1)
                )
                if candidates
                else None
            )
            number = claimed.number if claimed is not None else (candidates or [None])[0]
        else:
            claimed = doc
            number = doc.number
        info = None
        params: dict[str, str] = {}
        if claimed is not None:
            case_number = _case_numbers(s, {claimed.case_id} if claimed.case_id else set()).get(
                claimed.case_id or 0
            )
            info = _info(claimed, case_number, bool(_frozen_ids(s, {claimed.snapshot_id})))
            params = {
                "number": claimed.number,
                "issued": claimed.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                "case": case_number or "-",
                "kind": terms.document_kind(claimed.kind),
                "language": terms.document_language(claimed.language),
            }
        if doc is not None:
            status = "verified"
            template = MSG_VERIFIED if doc.case_id is not None else MSG_VERIFIED_NO_CASE
        elif claimed is not None:
            status, template = "altered", MSG_ALTERED
        else:
            status, template = "unknown", MSG_UNKNOWN
        audit.record(
            s,
            "document.verified",
            "issued_document",
            claimed.id if claimed is not None else "",
            {"file_sha256": digest, "result": status, "number": number},
        )
    return VerifyResult(status, digest, number, info, template, params)
