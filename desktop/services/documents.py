"""Issued documents: their records, the data snapshots behind them, on-screen signatures, scanned
signed copies, and verification of a PDF against what Baton issued.

How a document is issued (the reports layer drives it, since services never import reports):
:func:`prepare_handover` (or :func:`prepare`) reads the content and stamps it with a new
document number and the content's SHA-256; the report renders the PDF outside any transaction;
:func:`record_issue` stores the PDF, its SHA-256 and the snapshot, and audits the issue.

Why two hashes: a PDF cannot contain the hash of its own bytes. The document therefore prints
(and its QR code carries) the hash of its *content* — the canonical JSON snapshot of the data
it shows — while the issue record keeps the SHA-256 of the file. ``verify-document`` hashes a
file and looks it up: the same bytes are "issued here, unchanged"; a file that names one of our
document numbers but hashes otherwise was altered (or re-saved); anything else was not issued
here.

Signing freezes: the first signature on screen, or the first signed scan attached, freezes the
handover form's snapshot (the content of the document being signed) and writes its hash into
the audit chain. From then on the form renders from that snapshot, whatever the live data does.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import secrets
import zlib
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, Conflict, NotFound, ValidationError
from desktop.models import audit
from desktop.models.accounts import User
from desktop.models.departures import CaseState, DepartureCase
from desktop.models.documents import (
    DocumentKind,
    DocumentScan,
    DocumentSignature,
    DocumentSnapshot,
    IssuedDocument,
)
from desktop.services import handover
from desktop.services.context import Changes, ServiceContext
from desktop.services.document_content import (
    HandoverFormData,
    SignatureBlock,
    canonical_json,
    from_jsonable,
    handover_form_data,
    signature_blocks,
)
from desktop.services.handover import case_in_scope
from desktop.services.permissions import Action, can
from desktop.services.validation import Problems, required_text

K = DocumentKind
LANGUAGES = ("zh", "en")
#: The permissions each kind of document needs (all of them).
KIND_ACTIONS: dict[str, tuple[Action, ...]] = {
    K.HANDOVER.value: (Action.DEPARTURES_VIEW,),
    K.RISK.value: (Action.DEPARTURES_VIEW,),
    K.TRACKING.value: (Action.DEPARTURES_VIEW,),
    K.POST_DEPARTURE.value: (Action.DEPARTURES_VIEW, Action.REPORTS_VIEW),
    K.AGING.value: (Action.RECEIVABLES_VIEW, Action.REPORTS_VIEW),
}
#: Case states in which a handover form can be signed or a signed scan attached.
SIGNABLE_STATES = (
    CaseState.APPROVED.value,
    CaseState.IN_HANDOVER.value,
    CaseState.AWAITING_CONFIRMATION.value,
    CaseState.COMPLETED.value,
    CaseState.ARCHIVED.value,
)
MAX_SCAN_BYTES = 30 * 1024 * 1024
MAX_SIGNATURE_BYTES = 2 * 1024 * 1024
QR_PREFIX = "BATON1"
NUMBER_PATTERN = re.compile(rb"BT\d{8}-[0-9A-F]{6}")
KEYWORD_PATTERN = re.compile(rb"baton-document:(BT\d{8}-[0-9A-F]{6})")
#: Scanned copies Baton accepts, by their first bytes.
SCAN_TYPES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)

MSG_DOCUMENT_NOT_FOUND = QT_TRANSLATE_NOOP(
    "Errors", "Document {id} does not exist or is outside what you may see."
)
MSG_NOT_SIGNABLE = QT_TRANSLATE_NOOP(
    "Errors", "Departure case {case} is {state}: its handover form cannot be signed now."
)
MSG_TOO_LITTLE_INK = QT_TRANSLATE_NOOP(
    "Errors", "The signature is nearly empty. Sign with your full name and try again."
)
# Verification outcomes (context "Documents"; the views translate them).
MSG_VERIFIED = QT_TRANSLATE_NOOP(
    "Documents",
    "Issued by Baton on {issued} for case {case} ({number}, {kind}, {language}): unchanged.",
)
MSG_VERIFIED_NO_CASE = QT_TRANSLATE_NOOP(
    "Documents", "Issued by Baton on {issued} ({number}, {kind}, {language}): unchanged."
)
MSG_ALTERED = QT_TRANSLATE_NOOP(
    "Documents",
    "Not verified: this file names document {number}, issued on {issued} for case {case}, "
    "but its content differs from the issued file — it was altered or re-saved.",
)
MSG_UNKNOWN = QT_TRANSLATE_NOOP(
    "Documents", "Not verified: this file was not issued by this Baton (or it was altered)."
)


# --------------------------------------------------------------------------- DTOs


@dataclass(frozen=True)
class DocumentStamp:
    """What identifies an issued document on every page: its number, what and for whom, who
    made it and when, and the SHA-256 of its content."""

    number: str
    kind: str
    case_id: int | None
    case_number: str | None
    language: str
    company: str
    title: str
    created_at: datetime
    created_by: str
    content_sha256: str

    @property
    def qr_payload(self) -> str:
        """``BATON1|number|case|content sha256`` — what the QR code on the document carries."""
        return "|".join((QR_PREFIX, self.number, self.case_number or "-", self.content_sha256))

    @property
    def keywords(self) -> str:
        """The PDF's Keywords entry: lets a changed copy still name its document number."""
        return f"baton-document:{self.number} content-sha256:{self.content_sha256}"


@dataclass(frozen=True)
class SignatureImage:
    """A signature to draw into its block."""

    id: int
    block: str
    signer_name: str
    png: bytes
    sha256: str
    signed_at: datetime
    recorded_by: str | None


@dataclass(frozen=True)
class PreparedDocument:
    """A document ready to render: ``content`` is the data (a dataclass tree), ``snapshot``
    its canonical JSON. ``frozen``: the content is the frozen snapshot of a signed form."""

    stamp: DocumentStamp
    content: Any
    snapshot: bytes
    rows: int
    frozen: bool = False
    snapshot_id: int | None = None
    signatures: tuple[SignatureImage, ...] = ()


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    number: str
    kind: str
    case_id: int | None
    case_number: str | None
    language: str
    title: str
    created_at: datetime
    created_by: str
    pdf_sha256: str
    content_sha256: str
    size: int
    pages: int
    signed_blocks: tuple[str, ...]
    snapshot_id: int
    snapshot_frozen: bool


@dataclass(frozen=True)
class IssuedFile:
    info: DocumentInfo
    data: bytes


@dataclass(frozen=True)
class BlockStatus:
    """A signature block of the form: signed on screen (with whom, when) or waiting for a
    signature on paper."""

    key: str
    role: str
    expected_name: str | None
    signature_id: int | None
    signer_name: str | None
    signed_at: datetime | None
    recorded_by: str | None

    @property
    def signed(self) -> bool:
        return self.signature_id is not None


@dataclass(frozen=True)
class ScanInfo:
    id: int
    case_id: int
    document_id: int | None
    document_number: str | None
    file_name: str
    media_type: str
    sha256: str
    size: int
    uploaded_by: str | None
    uploaded_at: datetime
    paper_location: str
    archived_by: str | None
    archived_at: datetime | None
    note: str | None


@dataclass(frozen=True)
class ScanFile:
    info: ScanInfo
    data: bytes


@dataclass(frozen=True)
class FormStatus:
    """The handover form of a case: its blocks, the frozen snapshot once signed, the scans
    attached, and the documents issued for the case."""

    case_id: int
    case_number: str
    case_state: str
    form_number: str
    blocks: tuple[BlockStatus, ...]
    frozen_snapshot_id: int | None
    frozen_sha256: str | None
    frozen_at: datetime | None
    frozen_by: str | None
    frozen_reason: str | None
    scans: tuple[ScanInfo, ...]
    documents: tuple[DocumentInfo, ...]

    @property
    def frozen(self) -> bool:
        return self.frozen_snapshot_id is not None

    @property
    def signed_copy_archived(self) -> bool:
        return any(s.archived_at is not None for s in self.scans)


@dataclass(frozen=True)
class VerifyResult:
    """``status``: "verified", "altered" (names one of our documents but differs from it) or
    "unknown". ``message_template`` is translatable (context "Documents")."""

    status: str
    file_sha256: str
    number: str | None
    document: DocumentInfo | None
    message_template: str
    params: dict[str, str]

    @property
    def verified(self) -> bool:
        return self.status == "verified"

    def message(self, translate: Any = None) -> str:
        text = translate("Documents", self.message_template) if translate else None
        return (text or self.message_template).format(**self.params)


# --------------------------------------------------------------------------- helpers


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


# --------------------------------------------------------------------------- issuing


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
        return _info(doc, stamp.case_number, snap.frozen_at is not None)


# --------------------------------------------------------------------------- reading


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


def snapshot_data(ctx: ServiceContext, document_id: int) -> Any:
    """The content snapshot behind an issued document, as JSON data."""
    with ctx.read() as s:
        doc = _document_in_scope(ctx, s, document_id)
        snap = s.get(DocumentSnapshot, doc.snapshot_id)
        assert snap is not None
        return json.loads(zlib.decompress(snap.content))


# --------------------------------------------------------------------------- the form's status


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
        number, state = case.number, case.state
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
        case_state=state,
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


# --------------------------------------------------------------------------- freezing


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


# --------------------------------------------------------------------------- signatures


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
        return Changes.of("documents", "departures", ids=frozenset({sig.id}))


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
        return Changes.of("documents", "departures", ids=frozenset({sig.id}))


def signature_png(ctx: ServiceContext, signature_id: int) -> bytes:
    """The stored image of a signature (for showing it on screen)."""
    ctx.require(Action.DEPARTURES_VIEW)
    with ctx.read() as s:
        sig = s.get(DocumentSignature, signature_id)
        if sig is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("Errors", "Signature {id} does not exist or is void already."),
                id=signature_id,
            )
        case_in_scope(ctx, s, sig.case_id)
        return sig.png


# --------------------------------------------------------------------------- scans


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
        return Changes.of("documents", "departures", ids=frozenset({scan.id}))


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


# --------------------------------------------------------------------------- verification


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
    if not (
        can(ctx.actor.role, Action.REPORTS_VIEW) or can(ctx.actor.role, Action.DEPARTURES_VIEW)
    ):
        ctx.require(Action.REPORTS_VIEW)
    digest = hashlib.sha256(data).hexdigest()
    number: str | None = None
    with ctx.transaction() as s:
        doc = s.scalar(select(IssuedDocument).where(IssuedDocument.pdf_sha256 == digest).limit(1))
        if doc is None:
            number = document_number_in(data)
            claimed = (
                s.scalar(select(IssuedDocument).where(IssuedDocument.number == number))
                if number
                else None
            )
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
                "kind": claimed.kind,
                "language": claimed.language,
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
