"""Documents on screen: a PDF preview, printing and saving, and the Documents tab of a case.

:class:`DocumentPreview` shows one page at a time, rendered with PDFium on demand (a
2,000-customer form has over a hundred pages; rendering them all would take seconds and
hundreds of megabytes). :class:`DocumentDialog` wraps it with Print and Save for any issued
document. :class:`DocumentsTab` is the case screen's tab: generate the handover form (Chinese
or English) and the other case documents off the GUI thread, list what was issued with its
signatures and scans, preview, print, save, sign blocks on screen, attach the signed scan and
verify a file.

Every print and save is recorded in the audit log through the documents service.

The package is split by what the code holds: :mod:`.labels` (kind, language and block words),
:mod:`.output` (save, print, verify a file), :mod:`.preview` (the preview, its pane and dialog),
:mod:`.signing` (the signature and scan dialogs) and :mod:`.tab` (:class:`DocumentsTab`). The
pages import from here.
"""

from __future__ import annotations

from desktop.views.documents.labels import block_label, block_state, kind_label, language_label
from desktop.views.documents.output import (
    ask_save,
    choose_pdf_to_verify,
    print_issued,
    save_issued,
    show_verification,
    verify_pdf,
)
from desktop.views.documents.preview import (
    DocumentDialog,
    DocumentPreview,
    PreviewPane,
    document_table,
    side_by_side,
)
from desktop.views.documents.signing import ScanDialog, SignatureDialog
from desktop.views.documents.tab import DocumentsTab

__all__ = [
    "DocumentDialog",
    "DocumentPreview",
    "DocumentsTab",
    "PreviewPane",
    "ScanDialog",
    "SignatureDialog",
    "ask_save",
    "block_label",
    "block_state",
    "choose_pdf_to_verify",
    "document_table",
    "kind_label",
    "language_label",
    "print_issued",
    "save_issued",
    "show_verification",
    "side_by_side",
    "verify_pdf",
]
