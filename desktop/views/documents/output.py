"""Saving, printing and verifying an issued file from the screen, each print and save recorded in
the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QMessageBox,
    QWidget,
)

from desktop.errors import BatonError
from desktop.services import documents
from desktop.services.context import ServiceContext
from desktop.services.documents import IssuedFile, VerifyResult
from desktop.services.files import save_output
from desktop.views.errors import show_error
from desktop.views.filedialogs import get_open_file_name, get_save_file_name
from desktop.views.pdf_print import print_pdf
from desktop.views.qtext import fill
from desktop.views.workers import TaskRunner


def save_issued(
    parent: QWidget, ctx: ServiceContext, runner: TaskRunner, issued: IssuedFile, path: Path
) -> bool:
    """Write an issued PDF to ``path`` and record that it left the vault."""
    try:
        save_output(path, issued.data, getattr(ctx.store, "paths", None))
    except BatonError as exc:  # one of the vault's own files
        show_error(parent, exc)
        return False
    except OSError as exc:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("Documents", "Save as PDF"),
            fill(QCoreApplication.translate("Documents", "Cannot write %1: %2"), path, exc),
        )
        return False
    runner.start(
        documents.record_output,
        ctx,
        issued.info.id,
        "save",
        str(path),
        on_error=lambda exc: show_error(parent, exc),
    )
    return True


def ask_save(parent: QWidget, issued: IssuedFile) -> Path | None:
    info = issued.info
    suggested = f"{info.number}-{info.case_number or info.kind}.pdf"
    name, _ = get_save_file_name(
        parent,
        QCoreApplication.translate("Documents", "Save as PDF"),
        str(Path.home() / suggested),
        QCoreApplication.translate("Documents", "PDF files (*.pdf)"),
    )
    return Path(name) if name else None


def print_issued(
    parent: QWidget, ctx: ServiceContext, runner: TaskRunner, issued: IssuedFile
) -> bool:
    """Print through the system dialog; record the print when pages were sent."""
    if not print_pdf(parent, issued.data, issued.info.title):
        return False
    runner.start(
        documents.record_output,
        ctx,
        issued.info.id,
        "print",
        on_error=lambda exc: show_error(parent, exc),
    )
    return True


def choose_pdf_to_verify(parent: QWidget) -> Path | None:
    name, _ = get_open_file_name(
        parent,
        QCoreApplication.translate("Documents", "Verify a document"),
        str(Path.home()),
        QCoreApplication.translate("Documents", "PDF files (*.pdf)"),
    )
    return Path(name) if name else None


def verify_pdf(
    parent: QWidget,
    ctx: ServiceContext,
    runner: TaskRunner,
    path: Path,
    on_result: Callable[[VerifyResult], None],
) -> None:
    """Check a PDF against the issue records off the GUI thread."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        show_error(parent, exc)
        return
    runner.start(
        documents.verify_document,
        ctx,
        data,
        on_done=on_result,
        on_error=lambda exc: show_error(parent, exc),
    )


def show_verification(parent: QWidget, result: VerifyResult) -> str:
    """Say the verdict in a message box (a warning when not verified); return its text."""
    text = result.message(QCoreApplication.translate)
    title = QCoreApplication.translate("Documents", "Verify a document")
    if result.verified:
        QMessageBox.information(parent, title, text)
    else:
        QMessageBox.warning(parent, title, text)
    return text
