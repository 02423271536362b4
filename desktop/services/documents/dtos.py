"""The constants, messages and DTOs of issued documents, shared by every module of the package and
by the reports that render them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.errors import QT_TRANSLATE_NOOP, Term
from desktop.models.documents import DocumentKind
from desktop.services.departures.states import APPROVED_STATES
from desktop.services.permissions import Action

K = DocumentKind
LANGUAGES = ("zh", "en")
#: The permissions each kind of document needs (all of them).
KIND_ACTIONS: dict[str, tuple[Action, ...]] = {
    K.HANDOVER.value: (Action.DEPARTURES_VIEW,),
    K.RISK.value: (Action.DEPARTURES_VIEW,),
    K.TRACKING.value: (Action.DEPARTURES_VIEW,),
    K.POST_DEPARTURE.value: (Action.DEPARTURES_VIEW, Action.REPORTS_VIEW),
    K.AGING.value: (Action.RECEIVABLES_VIEW, Action.REPORTS_VIEW),
    K.STATEMENT.value: (Action.COMMISSIONS_VIEW, Action.EXPORT),
    K.SETTLEMENT.value: (Action.COMMISSION_SETTLEMENT_VIEW,),
    K.CERTIFICATE.value: (Action.DEPARTURES_VIEW, Action.DEPARTURES_EDIT),
    K.CONFIRMATION.value: (Action.DEPARTURES_VIEW, Action.CONFIRMATION_LETTERS),
}
#: Case states in which a handover form can be signed or a signed scan attached.
SIGNABLE_STATES = APPROVED_STATES
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
        params = self.params
        if translate:  # the kind and language named in the reader's language
            params = {
                k: translate(v.context, v) if isinstance(v, Term) else v for k, v in params.items()
            }
        return (text or self.message_template).format(**params)
