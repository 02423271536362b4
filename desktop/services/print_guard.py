"""Printing a customer list is exporting it: the print guard.

Why: the export rules (the window limit, no export in the notice period) were about files
only, so a leaver could print the same book as a PDF. The documents that list customers
(:data:`export_approvals.PRINTED_LISTS`: the handover form, the tracking table, the
post-departure report) are now refused for a leaver in their notice period, and their rows
count in the same export window as exported rows (:func:`export_approvals.window_rows`).
Above the limit the tracking table and the post-departure report are refused like an export
(an administrator, :data:`Action.EXPORT_UNLIMITED`, may still issue them). The handover form
is exempt from the limit — it is the document the handover itself needs signed, and HR
prints it for books of thousands of customers — but its rows count, and the leaver in notice
cannot issue it. Called by :func:`desktop.reports.issue` before a document is rendered, for
the window and the CLI alike.
"""

from __future__ import annotations

from desktop.errors import QT_TRANSLATE_NOOP, PermissionDenied
from desktop.services import export_approvals, notice_access
from desktop.services.context import ServiceContext
from desktop.services.permissions import Action

#: The customer lists refused above the window limit.
LIMITED = frozenset({"tracking", "post_departure"})

MSG_PRINT_WINDOW = QT_TRANSLATE_NOOP(
    "Errors",
    "This document lists {rows} customers; with the {used} rows you exported or printed in "
    "the last {days} days it passes the limit of {limit}. Ask an administrator to issue it, "
    "or wait until the window has room.",
)


class PrintNeedsApproval(PermissionDenied):
    """A customer list printed above the actor's export window."""


def check_print(ctx: ServiceContext, kind: str, rows: int) -> None:
    """Refuse issuing a ``kind`` document of ``rows`` customer rows when the actor is a leaver
    in notice, or (for :data:`LIMITED` kinds) when it passes their export window."""
    if kind not in export_approvals.PRINTED_LISTS or rows <= 0:
        return
    notice_access.refuse(ctx, notice_access.EXPORT)
    if kind not in LIMITED or ctx.can(Action.EXPORT_UNLIMITED):
        return
    window = export_approvals.budget(ctx)
    if rows > window.left:
        raise PrintNeedsApproval(
            MSG_PRINT_WINDOW, rows=rows, used=window.used, days=window.days, limit=window.limit
        )
