"""Printing a customer list is exporting it: the print guard.

Why: the export rules (the window limit, no export in the notice period) were about files
only, so a leaver could print the same book as a PDF. The documents that list customers
(:data:`export_approvals.PRINTED_LISTS`: the handover form, the tracking table, the
post-departure report) are now refused to a leaver in their notice period, and their rows
count in the same export window as exported rows (:func:`export_approvals.window_rows`), so
the next export of someone who printed a book meets the limit, and the bulk-export alert
sees both.

A print is not itself refused above the limit: these are the case's own documents, printed
by the people running the handover (HR prints the handover form to have it signed, for
books of thousands of customers), and refusing them would stop the handover, not the leak.
Called by :mod:`desktop.reports.issue` before a document is rendered, for the window and
``baton report`` alike.
"""

from __future__ import annotations

from desktop.services import export_approvals, notice_access
from desktop.services.context import ServiceContext


def check_print(ctx: ServiceContext, kind: str, rows: int) -> None:
    """Refuse issuing a ``kind`` document of ``rows`` customer rows when the actor is a leaver
    in their notice period (the rule named, as for an export)."""
    if kind in export_approvals.PRINTED_LISTS and rows > 0:
        notice_access.refuse(ctx, notice_access.EXPORT)
