"""The words shown for a document's kind, its language and a signature block's state, in the
"Documents" translation context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.i18n import format_datetime
from desktop.services.documents import BlockStatus
from desktop.views.qtext import fill


def kind_label(kind: str) -> str:
    labels = {
        "handover": QCoreApplication.translate("Documents", "Handover form"),
        "risk": QCoreApplication.translate("Documents", "Departure risk assessment"),
        "tracking": QCoreApplication.translate("Documents", "Responsibility tracking table"),
        "post_departure": QCoreApplication.translate("Documents", "Post-departure report"),
        "aging": QCoreApplication.translate("Documents", "Receivables aging by salesperson"),
        "statement": QCoreApplication.translate("Documents", "Commission statement"),
        "settlement": QCoreApplication.translate("Documents", "Final commission settlement"),
        "certificate": QCoreApplication.translate("Documents", "Termination certificate"),
        "confirmation": QCoreApplication.translate("Documents", "Balance confirmation letter"),
    }
    return labels.get(kind, kind)


def language_label(language: str) -> str:
    return {
        "zh": QCoreApplication.translate("Documents", "Chinese"),
        "en": QCoreApplication.translate("Documents", "English"),
    }.get(language, language)


def block_label(block: BlockStatus) -> str:
    labels = {
        "employee": QCoreApplication.translate("Documents", "Departing employee"),
        "successor": QCoreApplication.translate("Documents", "Successor"),
        "manager": QCoreApplication.translate("Documents", "Supervisor of the handover (manager)"),
        "hr": QCoreApplication.translate("Documents", "HR"),
        "finance": QCoreApplication.translate("Documents", "Finance"),
    }
    return labels.get(block.role, block.role)


def block_state(block: BlockStatus) -> str:
    if block.signed:
        return fill(
            QCoreApplication.translate("Documents", "Signed on screen by %1, %2"),
            block.signer_name or "",
            format_datetime(block.signed_at),
        )
    return QCoreApplication.translate("Documents", "Waiting for a signature on paper")
