"""Every group of departure-case states, defined once, so a rule that asks "is this case open?"
or "has it been approved?" reads the same tuple everywhere.

The states themselves are :class:`desktop.models.departures.CaseState`; the moves between them
are :data:`desktop.services.departures.workflow.TRANSITIONS`. The ``*_VALUES`` and
``*_STATES`` tuples of strings compare with ``DepartureCase.state`` (a plain column).
"""

from __future__ import annotations

from desktop.models.departures import CaseState

S = CaseState
OPEN_STATES = (S.DRAFT, S.SUBMITTED, S.APPROVED, S.IN_HANDOVER, S.AWAITING_CONFIRMATION)
OPEN_VALUES = tuple(s.value for s in OPEN_STATES)
#: The main path of a case, in order (withdrawn and cancelled leave it).
PATH_VALUES = (*OPEN_VALUES, S.COMPLETED.value, S.ARCHIVED.value)
#: A case ended without a departure: the employee is back to active.
CLOSED_VALUES = (S.WITHDRAWN.value, S.CANCELLED.value)
#: Not yet approved: the case and its dates may still change.
UNAPPROVED_VALUES = (S.DRAFT.value, S.SUBMITTED.value)
#: Approved or further (not withdrawn or cancelled): the order lock from approval holds and a
#: handover form may be signed.
APPROVED_STATES = (
    S.APPROVED.value,
    S.IN_HANDOVER.value,
    S.AWAITING_CONFIRMATION.value,
    S.COMPLETED.value,
    S.ARCHIVED.value,
)
#: Submitted or further (not withdrawn or cancelled): the employee has given or been given
#: notice; the order lock from notice holds and the departure's dates count.
NOTICE_STATES = (S.SUBMITTED.value, *APPROVED_STATES)
#: States in which the handover items can still change.
HANDOVER_STATES = (S.APPROVED.value, S.IN_HANDOVER.value, S.AWAITING_CONFIRMATION.value)
#: States in which successors confirm receipt.
CONFIRM_STATES = (S.IN_HANDOVER.value, S.AWAITING_CONFIRMATION.value)
#: Cases whose departure is over.
DEPARTED_STATES = (S.COMPLETED.value, S.ARCHIVED.value)
