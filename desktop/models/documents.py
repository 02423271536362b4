"""Issued documents, the data snapshots they were made from, signatures and signed scans.

Why a snapshot: a printed form is evidence, so what it showed must stay answerable after the live
data moves on. Each issued PDF points at the snapshot of the data it rendered (stored once per
distinct content, by its SHA-256); once a handover form is signed, on screen or on paper, its
snapshot is frozen and every later rendering of that form uses it. The PDF bytes are kept too,
in the encrypted database, with their SHA-256: that is what ``verify-document`` compares.

Nothing here is deleted: a signature recorded by mistake is voided (who, when, why), a scan
stays attached.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, LargeBinary, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, IdMixin
from desktop.models.staff import _in
from desktop.models.types import UTCDateTime


class DocumentKind(StrEnum):
    HANDOVER = "handover"
    RISK = "risk"
    TRACKING = "tracking"
    AGING = "aging"
    POST_DEPARTURE = "post_departure"
    #: A commission statement (PDF or XLSX) and a departing employee's final settlement.
    STATEMENT = "statement"
    SETTLEMENT = "settlement"
    #: The termination certificate (离职证明) and a balance-confirmation letter (对账函).
    CERTIFICATE = "certificate"
    CONFIRMATION = "confirmation"


class DocumentSnapshot(IdMixin, Base):
    """The data a document was rendered from, as canonical JSON (zlib-compressed), and its
    SHA-256 — the content hash printed on the document and in its QR code.

    ``frozen_at`` set: the handover form of the case was signed over this content; at most one
    snapshot per case and kind is frozen.
    """

    __tablename__ = "document_snapshot"
    __audit_exclude__ = frozenset({"content"})
    __table_args__ = (
        CheckConstraint(_in("kind", DocumentKind), name="kind_known"),
        Index("ix_document_snapshot_case_kind", "case_id", "kind", "sha256"),
        Index(
            "uq_document_snapshot_one_frozen",
            "case_id",
            "kind",
            unique=True,
            sqlite_where=text("frozen_at IS NOT NULL"),
            postgresql_where=text("frozen_at IS NOT NULL"),
        ),
    )

    case_id: Mapped[int | None] = mapped_column(ForeignKey("departure_case.id"))
    kind: Mapped[str] = mapped_column(String(16))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    frozen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    frozen_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    frozen_reason: Mapped[str | None] = mapped_column(String(32))


class IssuedDocument(IdMixin, Base):
    """One generated PDF: its number (printed, and in the QR code), what and for whom, who made
    it and when, the SHA-256 of the file and the file itself."""

    __tablename__ = "issued_document"
    __audit_exclude__ = frozenset({"pdf"})
    __table_args__ = (
        CheckConstraint(_in("kind", DocumentKind), name="kind_known"),
        CheckConstraint("language IN ('zh', 'en')", name="language_known"),
        Index("ix_issued_document_case", "case_id", "created_at"),
    )

    number: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("departure_case.id"))
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(200))
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("document_snapshot.id"))
    content_sha256: Mapped[str] = mapped_column(String(64))
    pdf_sha256: Mapped[str] = mapped_column(String(64), index=True)
    #: Loaded only when read (a listing of documents never carries the files).
    pdf: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    size: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int] = mapped_column(Integer)
    #: JSON list of the signature blocks drawn in, with each signature's SHA-256.
    signatures: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_by_name: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DocumentSignature(IdMixin, Base):
    """A simple electronic signature (简单电子签名) drawn on screen into one block of a case's
    handover form: the image only (PNG; never pressure or speed, which would be biometric
    data), who signed in which role, when, and who recorded it."""

    __tablename__ = "document_signature"
    __audit_exclude__ = frozenset({"png"})
    __table_args__ = (
        CheckConstraint(_in("kind", DocumentKind), name="kind_known"),
        Index(
            "uq_document_signature_one_valid",
            "case_id",
            "kind",
            "block",
            unique=True,
            sqlite_where=text("voided_at IS NULL"),
            postgresql_where=text("voided_at IS NULL"),
        ),
    )

    case_id: Mapped[int] = mapped_column(ForeignKey("departure_case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    block: Mapped[str] = mapped_column(String(48))
    signer_name: Mapped[str] = mapped_column(String(64))
    png: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("document_snapshot.id"))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    voided_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    void_reason: Mapped[str | None] = mapped_column(String(256))


class DocumentScan(IdMixin, Base):
    """The scanned copy of a signed paper form (PDF or image), stored in the encrypted
    database with its SHA-256; the paper original is the legal document, so where it is kept
    is recorded with who archived it and when."""

    __tablename__ = "document_scan"
    __audit_exclude__ = frozenset({"content"})

    case_id: Mapped[int] = mapped_column(ForeignKey("departure_case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("issued_document.id"))
    snapshot_id: Mapped[int | None] = mapped_column(ForeignKey("document_snapshot.id"))
    file_name: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(32))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    #: Loaded only when read (a scan may be 30 MB; the case's status lists scans without it).
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    paper_location: Mapped[str] = mapped_column(String(200))
    archived_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(String(256))
