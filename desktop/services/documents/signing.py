"""Signing on screen: the first signature freezes the handover form's snapshot; signatures are
checked, stored, voided and read back.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models import audit
from desktop.models.departures import DepartureCase
from desktop.models.documents import DocumentSignature, DocumentSnapshot, IssuedDocument
from desktop.services import handover
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.document_content import (
    HandoverFormData,
    SignatureBlock,
    canonical_json,
    handover_form_data,
    signature_blocks,
)
from desktop.services.documents.dtos import (
    MAX_SIGNATURE_BYTES,
    MSG_NOT_SIGNABLE,
    MSG_TOO_LITTLE_INK,
    SIGNABLE_STATES,
    K,
)
from desktop.services.documents.helpers import _decode_form, _frozen, _snapshot_row
from desktop.services.handover import case_in_scope
from desktop.services.permissions import Action
from desktop.services.validation import Problems, required_text


@dataclass(frozen=True)
class _Source:
    """Which content a signature or scan applies to: a stored snapshot, or today's data."""

    snapshot_id: int | None
    data: bytes | None
    rows: int
    document_id: int | None


def _signing_source(ctx: ServiceContext, case_id: int, document_id: int | None) -> _Source:
    """The content being signed: the frozen snapshot if any; else that of the document shown
    (or the latest handover form issued); else today's data. Read before the writing unit of
    work: units of work never nest."""
    with ctx.read() as s:
        case = case_in_scope(ctx, s, case_id)
        if case.state not in SIGNABLE_STATES:
            raise ValidationError(MSG_NOT_SIGNABLE, case=case.number, state=case.state)
        frozen = _frozen(s, case.id)
        if frozen is not None:
            return _Source(frozen.id, None, frozen.rows, document_id)
        if document_id is not None:
            doc = s.get(IssuedDocument, document_id)
            if doc is None or doc.case_id != case.id or doc.kind != K.HANDOVER.value:
                raise ValidationError(
                    QT_TRANSLATE_NOOP(
                        "Errors", "Document {id} is not a handover form of case {case}."
                    ),
                    field="document_id",
                    id=document_id,
                    case=case.number,
                )
            return _Source(doc.snapshot_id, None, 0, doc.id)
        latest = s.scalar(
            select(IssuedDocument)
            .where(IssuedDocument.case_id == case.id, IssuedDocument.kind == K.HANDOVER.value)
            .order_by(IssuedDocument.created_at.desc(), IssuedDocument.id.desc())
            .limit(1)
        )
        if latest is not None:
            return _Source(latest.snapshot_id, None, 0, latest.id)
    data = handover_form_data(ctx, case_id)
    return _Source(None, canonical_json(data), len(data.customers) + len(data.receivables), None)


def _freeze(
    ctx: ServiceContext, s: Session, case: DepartureCase, source: _Source, reason: str
) -> DocumentSnapshot:
    """Freeze the form's content (once per case): its hash enters the audit chain."""
    frozen = _frozen(s, case.id)
    if frozen is not None:
        return frozen
    if source.snapshot_id is not None:
        snap = s.get(DocumentSnapshot, source.snapshot_id)
        assert snap is not None
    else:
        assert source.data is not None
        snap = _snapshot_row(ctx, s, case.id, K.HANDOVER.value, source.data, source.rows)
    data = _decode_form(snap)
    snap.frozen_at = ctx.now()
    snap.frozen_by = ctx.actor.user_id
    snap.frozen_reason = reason
    s.flush()
    audit.record(
        s,
        "document.snapshot_frozen",
        "departure_case",
        case.id,
        {
            "case": case.number,
            "snapshot": snap.id,
            "sha256": snap.sha256,
            "reason": reason,
            "customers": len(data.customers),
            "receivables": len(data.receivables),
            "outstanding": str(data.open_total),
        },
    )
    handover.add_event(ctx, s, case, "form_frozen", f"{reason}: SHA-256 {snap.sha256}")
    return snap


def check_signature_png(png: bytes) -> tuple[bytes, int, int]:
    """Validate a drawn signature and re-encode it without metadata: a PNG, not nearly
    empty (enough dark pixels, spread wide or tall enough). Returns (png, width, height)."""
    from PIL import Image, UnidentifiedImageError

    if not png or len(png) > MAX_SIGNATURE_BYTES or not png.startswith(b"\x89PNG"):
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "A signature must be a PNG image of at most 2 MB."),
            field="png",
        )
    try:
        with Image.open(io.BytesIO(png)) as image:
            image.load()
            rgba = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "The signature image cannot be read."), field="png"
        ) from exc
    width, height = rgba.size
    if not (50 <= width <= 4000 and 20 <= height <= 2000):
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "The signature image has an unusual size."), field="png"
        )
    # Ink: opaque enough and dark enough. Grey ink on white or black on transparent both count.
    gray = rgba.convert("LA")
    ink = Image.eval(gray.getchannel("L"), lambda v: 255 if v < 160 else 0)
    alpha = Image.eval(gray.getchannel("A"), lambda v: 255 if v > 100 else 0)
    mask = Image.composite(ink, Image.new("L", rgba.size, 0), alpha)
    pixels = mask.histogram()[255]
    box = mask.getbbox()
    wide = box is not None and (box[2] - box[0] >= width * 0.12 or box[3] - box[1] >= height * 0.3)
    if pixels < max(150, int(width * height * 0.0015)) or not wide:
        raise ValidationError(MSG_TOO_LITTLE_INK, field="png")
    out = io.BytesIO()
    # Black ink on transparency, nothing else: no metadata, no timing, no pressure.
    clean = Image.new("LA", rgba.size, (0, 0))
    clean.putalpha(mask)
    clean.save(out, format="PNG", optimize=True)
    return out.getvalue(), width, height


def _block_of(data: HandoverFormData, key: str) -> SignatureBlock:
    for block in signature_blocks(data):
        if block.key == key:
            return block
    raise ValidationError(
        QT_TRANSLATE_NOOP("Errors", "The handover form has no signature block {block}."),
        field="block",
        block=key,
    )


def sign_block(
    ctx: ServiceContext,
    case_id: int,
    block: str,
    signer_name: str,
    png: bytes,
    document_id: int | None = None,
) -> Changes:
    """Record a simple electronic signature (简单电子签名) drawn on screen into one block of
    the case's handover form. The first signature freezes the form's content (see
    :func:`_signing_source`). HR, managers and administrators record the signatures, on the
    office PC where the people sign. ``Changes.ids``: the signature's id."""
    ctx.require(Action.HANDOVER_EDIT)
    clean, width, height = check_signature_png(png)
    source = _signing_source(ctx, case_id, document_id)
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        snap = _freeze(ctx, s, case, source, "signature")
        target = _block_of(_decode_form(snap), block)
        p = Problems()
        name = p.check(
            required_text,
            signer_name or target.name or "",
            "signer_name",
            64,
            QT_TRANSLATE_NOOP("Errors", "Name who signs."),
        )
        p.raise_if_any()
        assert name is not None
        taken = s.scalar(
            select(DocumentSignature.signer_name).where(
                DocumentSignature.case_id == case.id,
                DocumentSignature.kind == K.HANDOVER.value,
                DocumentSignature.block == block,
                DocumentSignature.voided_at.is_(None),
            )
        )
        if taken is not None:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Block {block} is signed already (by {name}); void that signature first.",
                ),
                field="block",
                block=block,
                name=taken,
            )
        sig = DocumentSignature(
            case_id=case.id,
            kind=K.HANDOVER.value,
            block=block,
            signer_name=name,
            png=clean,
            sha256=hashlib.sha256(clean).hexdigest(),
            width=width,
            height=height,
            snapshot_id=snap.id,
            signed_at=ctx.now(),
            recorded_by=ctx.actor.user_id,
        )
        s.add(sig)
        s.flush()
        handover.add_event(ctx, s, case, "signed_on_screen", f"{block}: {name}")
        return Changes.of(Kind.DOCUMENTS, Kind.DEPARTURES, ids=frozenset({sig.id}))


def void_signature(ctx: ServiceContext, signature_id: int, reason: str) -> Changes:
    """Void an on-screen signature recorded by mistake (HR, administrators): it stays on
    record; its block waits for a signature again. The frozen content stays frozen."""
    ctx.require(Action.DEPARTURES_EDIT)
    p = Problems()
    why = p.check(required_text, reason, "reason", 256, QT_TRANSLATE_NOOP("Errors", "Say why."))
    p.raise_if_any()
    with ctx.transaction() as s:
        sig = s.get(DocumentSignature, signature_id)
        if sig is None or sig.voided_at is not None:
            raise NotFound(
                QT_TRANSLATE_NOOP("Errors", "Signature {id} does not exist or is void already."),
                id=signature_id,
            )
        case = case_in_scope(ctx, s, sig.case_id)
        sig.voided_at = ctx.now()
        sig.voided_by = ctx.actor.user_id
        sig.void_reason = why
        handover.add_event(ctx, s, case, "signature_voided", f"{sig.block}: {why}")
        return Changes.of(Kind.DOCUMENTS, Kind.DEPARTURES, ids=frozenset({sig.id}))
