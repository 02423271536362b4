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

The capability is split by what the code holds: :mod:`.dtos` (constants, messages, DTOs),
:mod:`.helpers` (kind permissions, numbers, snapshots and signatures of a case),
:mod:`.issuing` (prepare and record an issue), :mod:`.reading` (list, read, output, snapshot),
:mod:`.status` (the handover form's status), :mod:`.signing` (freezing and signatures),
:mod:`.scans` (signed scanned copies) and :mod:`.verifying` (checking a PDF). Everything the
old single module offered resolves here as before (``documents.X``), private helpers included.
"""

from __future__ import annotations

from desktop.services.documents.confirmations import (
    LetterData,
    LetterRow,
    letter_row,
    list_letters,
    record_letter_reply,
    record_letter_sent,
)
from desktop.services.documents.dtos import (
    KEYWORD_PATTERN,
    KIND_ACTIONS,
    LANGUAGES,
    MAX_SCAN_BYTES,
    MAX_SIGNATURE_BYTES,
    MSG_ALTERED,
    MSG_DOCUMENT_NOT_FOUND,
    MSG_NOT_SIGNABLE,
    MSG_TOO_LITTLE_INK,
    MSG_UNKNOWN,
    MSG_VERIFIED,
    MSG_VERIFIED_NO_CASE,
    NUMBER_PATTERN,
    QR_PREFIX,
    SCAN_TYPES,
    SIGNABLE_STATES,
    BlockStatus,
    DocumentInfo,
    DocumentStamp,
    FormStatus,
    IssuedFile,
    K,
    PreparedDocument,
    ScanFile,
    ScanInfo,
    SignatureImage,
    VerifyResult,
)
from desktop.services.documents.helpers import _check_language as _check_language
from desktop.services.documents.helpers import _decode_form as _decode_form
from desktop.services.documents.helpers import _frozen as _frozen
from desktop.services.documents.helpers import _info as _info
from desktop.services.documents.helpers import _require_kind as _require_kind
from desktop.services.documents.helpers import _signatures as _signatures
from desktop.services.documents.helpers import _snapshot_row as _snapshot_row
from desktop.services.documents.helpers import _usernames as _usernames
from desktop.services.documents.helpers import may_issue, new_number
from desktop.services.documents.issuing import prepare, prepare_handover, record_issue
from desktop.services.documents.reading import (
    OUTPUTS,
    issued_statement_file,
    list_documents,
    read_document,
    record_output,
    save_issued_file,
)
from desktop.services.documents.reading import _case_numbers as _case_numbers
from desktop.services.documents.reading import _document_in_scope as _document_in_scope
from desktop.services.documents.reading import _documents_in as _documents_in
from desktop.services.documents.reading import _frozen_ids as _frozen_ids
from desktop.services.documents.scans import attach_scan, media_type_of, read_scan
from desktop.services.documents.signing import _block_of as _block_of
from desktop.services.documents.signing import _freeze as _freeze
from desktop.services.documents.signing import _signing_source as _signing_source
from desktop.services.documents.signing import _Source as _Source
from desktop.services.documents.signing import (
    check_signature_png,
    sign_block,
    void_signature,
)
from desktop.services.documents.status import _scan_infos as _scan_infos
from desktop.services.documents.status import form_status
from desktop.services.documents.verifying import document_number_in, verify_document

__all__ = [
    "KEYWORD_PATTERN",
    "KIND_ACTIONS",
    "LANGUAGES",
    "MAX_SCAN_BYTES",
    "MAX_SIGNATURE_BYTES",
    "MSG_ALTERED",
    "MSG_DOCUMENT_NOT_FOUND",
    "MSG_NOT_SIGNABLE",
    "MSG_TOO_LITTLE_INK",
    "MSG_UNKNOWN",
    "MSG_VERIFIED",
    "MSG_VERIFIED_NO_CASE",
    "NUMBER_PATTERN",
    "OUTPUTS",
    "QR_PREFIX",
    "SCAN_TYPES",
    "SIGNABLE_STATES",
    "BlockStatus",
    "DocumentInfo",
    "DocumentStamp",
    "FormStatus",
    "IssuedFile",
    "K",
    "LetterData",
    "LetterRow",
    "PreparedDocument",
    "ScanFile",
    "ScanInfo",
    "SignatureImage",
    "VerifyResult",
    "attach_scan",
    "check_signature_png",
    "document_number_in",
    "form_status",
    "issued_statement_file",
    "letter_row",
    "list_documents",
    "list_letters",
    "may_issue",
    "media_type_of",
    "new_number",
    "prepare",
    "prepare_handover",
    "read_document",
    "read_scan",
    "record_issue",
    "record_letter_reply",
    "record_letter_sent",
    "record_output",
    "save_issued_file",
    "sign_block",
    "verify_document",
    "void_signature",
]
