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

from desktop.services import documents
from desktop.services.context import ServiceContext
from desktop.services.documents import IssuedFile, VerifyResult
from desktop.views.errors import show_error
from desktop.views.filedialogs import get_open_file_name, get_save_file_name
from desktop.views.pdf_print import print_pdf
from desktop.views.qtext import fill
from desktop.views.workers import TaskRunner


def save_issued(
    parent: QWidget,
    ctx: ServiceContext,
    runner: TaskRunner,
    issued: IssuedFile,
    path: Path,
    on_saved: Callable[[Path], None] | None = None,
) -> None:
    """Write an issued file to ``path`` and record that it left the vault: one use case on the
    worker (written whole or not at all, never onto a vault file), as the command line does."""

    def failed(exc: BaseException) -> None:
        if isinstance(exc, OSError):
            QMessageBox.warning(
                parent,
                QCoreApplication.translate("Documents", "Save as PDF"),
                fill(QCoreApplication.translate("Documents", "Cannot write %1: %2"), path, exc),
            )
        else:
            show_error(parent, exc)

    runner.start(
        documents.save_issued_file,
        ctx,
        issued,
        path,
        on_done=lambda _none: on_saved(path) if on_saved is not None else None,
        on_error=failed,
    )


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
