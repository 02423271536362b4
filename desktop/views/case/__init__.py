"""The departure case screen and its dialogs: one case, its stepper and moves, a tab per part
of the handover, and the dialogs that open, correct and work the case.

``screen`` holds :class:`CaseScreen`, the frame; ``stepper`` the row of states; ``tab_*`` one
module per tab; ``dialogs*`` the dialogs, grouped by the tab that opens them. The pages import
from here.
"""

from desktop.views.case.dialogs import CaseDialog, CommentDialog, failure_html
from desktop.views.case.dialogs_checklist import DoneDialog, WaiveDialog, attach_file
from desktop.views.case.dialogs_customers import (
    AssignDialog,
    ConfirmReceiptDialog,
    InformedDialog,
    SuggestionsDialog,
    suggestion_text,
)
from desktop.views.case.dialogs_deadlines import (
    AcknowledgeDialog,
    NonCompeteDialog,
    NonCompetePaymentDialog,
    RecordDutyDialog,
    ReleaseDialog,
    deadline_text,
)
from desktop.views.case.screen import CaseScreen

__all__ = [
    "AcknowledgeDialog",
    "AssignDialog",
    "CaseDialog",
    "CaseScreen",
    "CommentDialog",
    "ConfirmReceiptDialog",
    "DoneDialog",
    "InformedDialog",
    "NonCompeteDialog",
    "NonCompetePaymentDialog",
    "RecordDutyDialog",
    "ReleaseDialog",
    "SuggestionsDialog",
    "WaiveDialog",
    "attach_file",
    "deadline_text",
    "failure_html",
    "suggestion_text",
]
