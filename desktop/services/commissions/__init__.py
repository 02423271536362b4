"""Commissions: plans, computing a month, reviewing its lines, approving, locking and paying
it; statements per employee and period; a departing employee's final settlement.

The rules themselves (tiers, attribution under the handover policy, rounding, explanations) are
pure functions in :mod:`.rules` (no database, no Qt); plans are edited and stored by
:mod:`.plans`, and written to and read from JSON files (the command line's) by
:mod:`.plan_files`. :mod:`.facts` reads the facts of a month with set-based Core selects,
:mod:`.compute` hands them to the rules and writes the lines in bulk — one audit event per
computation, not one per line. :mod:`.corrections` finds late lines and corrections,
:mod:`.periods` moves a period through its states, :mod:`.lines` reads lines and summaries,
:mod:`.wage_cap` warns about clawbacks beyond the legal deduction cap, :mod:`.employees`
shows one employee's months, :mod:`.statements` issues statements and
:mod:`.final_settlement` settles a leaver's commission. The names below are the package's API:
callers use ``desktop.services.commissions.<name>``.

What a period holds (month ``M``):

- **regular lines**: waybills dated in M (plans earned on the order date), allocations of
  payments received in M (plans earned on payment — 回款提成: each partial payment earns its
  proportion, dated by the payment, never by the invoice), and clawbacks of invoices written off
  in M;
- **late lines and corrections** of the locked months just before M (only when M is the first
  period after them that is not locked): a payment, waybill or write-off dated in a locked month
  but recorded after it was computed is priced now, and a waybill, invoice or payment changed
  after the lock is corrected by a line for the difference at the original line's rate — both
  pointing at the month (and, for a correction, the line) they belong to. A locked period is
  never touched again; what changed is found from the watermarks of the last locked period
  (the highest waybill and allocation ids and the last audit event when it was computed), so
  the look-back reads only what came after them. Attribution (ownership, departures) is final
  once a period is locked.

States: open → computed → approved (a manager) → locked (finance) → paid (finance). Computing
again an open or computed period gives the same lines (same facts, same order, same rounding);
lines that did not change are not even rewritten. Editing a plan never touches a locked period
or an issued statement: statements are snapshots, and corrections re-rate only a change of base,
at the rate the original line used.
"""

from __future__ import annotations

from desktop.services.commissions import plans, rules
from desktop.services.commissions.compute import (
    STAGE_COMPUTE,
    STAGE_READ,
    STAGE_WRITE,
    ComputeResult,
    compute_period,
)
from desktop.services.commissions.corrections import (
    STAGE_LATE,
    WATCHED,
    differences,
)
from desktop.services.commissions.employees import (
    EmployeeCommissions,
    EmployeeMonth,
    employee_commissions,
)
from desktop.services.commissions.facts import (
    DEPARTURE_STATES,
    Owners,
    allocation_facts,
    departures_in,
    month_facts,
    order_facts,
    owners_in,
    rules_in,
    writeoff_facts,
)
from desktop.services.commissions.final_settlement import (
    GROUP_OF,
    SETTLEMENT_GROUPS,
    Settlement,
    SettlementItem,
    settlement,
)
from desktop.services.commissions.lines import (
    LINE_FILTERS,
    LINE_SORTS,
    LINES,
    MSG_LINE_NOT_FOUND,
    LineDetail,
    LineRow,
    PeriodSummary,
    count_lines,
    get_line,
    list_lines,
    period_summary,
    total_lines,
)
from desktop.services.commissions.periods import (
    CENT,
    FROZEN,
    MSG_BAD_MONTH,
    MSG_PERIOD_NOT_FOUND,
    RECOMPUTABLE,
    PeriodRow,
    Progress,
    approve_period,
    list_periods,
    lock_period,
    mark_paid,
    may,
    parse_month,
    previous_month,
    reopen_period,
)
from desktop.services.commissions.plan_files import (
    MSG_PLAN_FILE,
    PLAN_FILE_KEYS,
    export_plan,
    get_plan,
    import_plan,
    plan_from_file,
)
from desktop.services.commissions.statements import (
    Statement,
    StatementLine,
    issue_statement,
    issued_statement,
    statement,
)
from desktop.services.commissions.wage_cap import (
    DEDUCTION_CAP,
    CapWarning,
    cap_warnings_in,
    deduction_cap,
)

__all__ = [
    "CENT",
    "DEDUCTION_CAP",
    "DEPARTURE_STATES",
    "FROZEN",
    "GROUP_OF",
    "LINES",
    "LINE_FILTERS",
    "LINE_SORTS",
    "MSG_BAD_MONTH",
    "MSG_LINE_NOT_FOUND",
    "MSG_PERIOD_NOT_FOUND",
    "MSG_PLAN_FILE",
    "PLAN_FILE_KEYS",
    "RECOMPUTABLE",
    "SETTLEMENT_GROUPS",
    "STAGE_COMPUTE",
    "STAGE_LATE",
    "STAGE_READ",
    "STAGE_WRITE",
    "WATCHED",
    "CapWarning",
    "ComputeResult",
    "EmployeeCommissions",
    "EmployeeMonth",
    "LineDetail",
    "LineRow",
    "Owners",
    "PeriodRow",
    "PeriodSummary",
    "Progress",
    "Settlement",
    "SettlementItem",
    "Statement",
    "StatementLine",
    "allocation_facts",
    "approve_period",
    "cap_warnings_in",
    "compute_period",
    "count_lines",
    "deduction_cap",
    "departures_in",
    "differences",
    "employee_commissions",
    "export_plan",
    "get_line",
    "get_plan",
    "import_plan",
    "issue_statement",
    "issued_statement",
    "list_lines",
    "list_periods",
    "lock_period",
    "mark_paid",
    "may",
    "month_facts",
    "order_facts",
    "owners_in",
    "parse_month",
    "period_summary",
    "plan_from_file",
    "plans",
    "previous_month",
    "reopen_period",
    "rules",
    "rules_in",
    "settlement",
    "statement",
    "total_lines",
    "writeoff_facts",
]
