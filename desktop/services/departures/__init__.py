"""Departure cases (离职): the state machine, the legal deadlines, clauses, the manager's review,
and what follows a departure.

The states and transitions are data (:data:`TRANSITIONS`); one function,
:func:`check_transition`, returns *every* failed precondition of a move, and :func:`transition`
is the only code that changes a case's state. Each move records who, when and their comment
(a :class:`CaseEvent`), in the unit of work that makes it.

    draft → submitted → approved → in_handover → awaiting_confirmation → completed → archived
    submitted → draft, awaiting_confirmation → in_handover        (send back, with a comment)
    any open state → withdrawn | cancelled                          (items and history kept)

Side effects: submitting puts the employee on notice; approval generates the handover items
(:mod:`desktop.services.handover`) and, with the order lock from approval, starts the lock
(:mod:`desktop.services.order_lock`); starting the handover marks the employee "handover"; at
the end of the last working day :func:`apply_due_account_disablements` disables their app
account and marks them departed. Withdrawing or cancelling puts them back to active.

Legal duties follow SPEC §3 (PRC Labor Contract Law) with the defaults in business settings:
the termination certificate and the final wages are due on the termination date whatever the
state of the handover; only severance may wait for the handover to finish.

Modules, in import order: :mod:`.states` (every group of case states), :mod:`.duties` (legal
duties, deadlines, the non-compete), :mod:`.workflow` (the state machine; importing it
registers the order lock's import row check), :mod:`.cases` (opening, editing and listing
cases), :mod:`.clauses`, :mod:`.detail` (the case screen's one read), :mod:`.review` (the
manager's list), :mod:`.daily_jobs` (account disablement, key removal), :mod:`.aftermath`
(customers and money after a departure) and :mod:`.risk` (the risk assessment).
"""

from __future__ import annotations

from desktop.services.departures.aftermath import (
    CustomerOutcome,
    PostDepartureReport,
    churn,
    post_departure_overview,
    post_departure_report,
)
from desktop.services.departures.cases import (
    CASE_FILTERS,
    CASES,
    CaseInput,
    CaseRow,
    count_cases,
    find_case,
    list_cases,
    start_case,
    update_case,
)
from desktop.services.departures.clauses import (
    CASE_CLAUSES,
    ClauseInfo,
    ClauseView,
    acknowledge_clauses,
    list_clauses,
    may_acknowledge_clauses,
    save_clause,
)
from desktop.services.departures.daily_jobs import (
    DisablementReport,
    apply_due_account_disablements,
    revoke_account_keys,
)
from desktop.services.departures.detail import (
    CaseDetail,
    CaseEventInfo,
    CaseRisks,
    NonCompeteInfo,
    SectionProgress,
    get_case,
    sections_of,
)
from desktop.services.departures.duties import (
    ARCHIVE_DUTIES,
    DUTY_BASIS,
    DUTY_CERTIFICATE,
    DUTY_FILE,
    DUTY_INSURANCE,
    DUTY_NON_COMPETE,
    DUTY_NON_COMPETE_PAY,
    DUTY_NON_COMPETE_RELEASE,
    DUTY_NOTICE,
    DUTY_PROTECTION,
    DUTY_RETENTION,
    DUTY_SEVERANCE,
    DUTY_TITLES,
    DUTY_WAGES,
    NOTICE_PROBATION,
    NOTICE_REGULAR,
    RECORDABLE_DUTIES,
    WARN_SHORT_NOTICE,
    Deadline,
    NonCompeteInput,
    NoticePeriod,
    case_deadlines,
    deadlines_in,
    decide_non_compete,
    in_probation,
    non_compete_floor,
    non_compete_least,
    non_compete_possible,
    notice_period,
    record_duty,
    record_non_compete_payment,
    release_non_compete,
    severance_applies,
    unpaid_non_compete_months,
)
from desktop.services.departures.early_warning import (
    EarlyWarning,
    WarningFactor,
    case_risk_json,
    employee_warning,
)
from desktop.services.departures.review import (
    AWAITING,
    ReviewRow,
    cases_awaiting,
)
from desktop.services.departures.risk import (
    LEVELS,
    WEIGHTS,
    RiskAssessment,
    RiskFactor,
    TopCustomer,
    level_of,
    risk_assessment,
)
from desktop.services.departures.states import (
    APPROVED_STATES,
    CLOSED_VALUES,
    CONFIRM_STATES,
    DEPARTED_STATES,
    HANDOVER_STATES,
    NOTICE_STATES,
    OPEN_STATES,
    OPEN_VALUES,
    PATH_VALUES,
    UNAPPROVED_VALUES,
    S,
)
from desktop.services.departures.workflow import (
    MSG_NO_NEXT,
    MSG_REFUSED,
    NEXT,
    PRECONDITIONS,
    TRANSITIONS,
    Check,
    Transition,
    TransitionOption,
    TransitionRefused,
    advance,
    approve,
    archive,
    cancel,
    check_transition,
    complete,
    request_confirmation,
    send_back,
    start_handover,
    submit,
    transition,
    withdraw,
)

__all__ = [
    "APPROVED_STATES",
    "ARCHIVE_DUTIES",
    "AWAITING",
    "CASES",
    "CASE_CLAUSES",
    "CASE_FILTERS",
    "CLOSED_VALUES",
    "CONFIRM_STATES",
    "DEPARTED_STATES",
    "DUTY_BASIS",
    "DUTY_CERTIFICATE",
    "DUTY_FILE",
    "DUTY_INSURANCE",
    "DUTY_NON_COMPETE",
    "DUTY_NON_COMPETE_PAY",
    "DUTY_NON_COMPETE_RELEASE",
    "DUTY_NOTICE",
    "DUTY_PROTECTION",
    "DUTY_RETENTION",
    "DUTY_SEVERANCE",
    "DUTY_TITLES",
    "DUTY_WAGES",
    "HANDOVER_STATES",
    "LEVELS",
    "MSG_NO_NEXT",
    "MSG_REFUSED",
    "NEXT",
    "NOTICE_PROBATION",
    "NOTICE_REGULAR",
    "NOTICE_STATES",
    "OPEN_STATES",
    "OPEN_VALUES",
    "PATH_VALUES",
    "PRECONDITIONS",
    "RECORDABLE_DUTIES",
    "TRANSITIONS",
    "UNAPPROVED_VALUES",
    "WARN_SHORT_NOTICE",
    "WEIGHTS",
    "CaseDetail",
    "CaseEventInfo",
    "CaseInput",
    "CaseRisks",
    "CaseRow",
    "Check",
    "ClauseInfo",
    "ClauseView",
    "CustomerOutcome",
    "Deadline",
    "DisablementReport",
    "EarlyWarning",
    "NonCompeteInfo",
    "NonCompeteInput",
    "NoticePeriod",
    "PostDepartureReport",
    "ReviewRow",
    "RiskAssessment",
    "RiskFactor",
    "S",
    "SectionProgress",
    "TopCustomer",
    "Transition",
    "TransitionOption",
    "TransitionRefused",
    "WarningFactor",
    "acknowledge_clauses",
    "advance",
    "apply_due_account_disablements",
    "approve",
    "archive",
    "cancel",
    "case_deadlines",
    "case_risk_json",
    "cases_awaiting",
    "check_transition",
    "churn",
    "complete",
    "count_cases",
    "deadlines_in",
    "decide_non_compete",
    "employee_warning",
    "find_case",
    "get_case",
    "in_probation",
    "level_of",
    "list_cases",
    "list_clauses",
    "may_acknowledge_clauses",
    "non_compete_floor",
    "non_compete_least",
    "non_compete_possible",
    "notice_period",
    "post_departure_overview",
    "post_departure_report",
    "record_duty",
    "record_non_compete_payment",
    "release_non_compete",
    "request_confirmation",
    "revoke_account_keys",
    "risk_assessment",
    "save_clause",
    "sections_of",
    "send_back",
    "severance_applies",
    "start_case",
    "start_handover",
    "submit",
    "transition",
    "unpaid_non_compete_months",
    "update_case",
    "withdraw",
]
