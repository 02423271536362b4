"""The explanation of every line: template ids with parameters stored on the line, rendered in
the reader's language only when the line is shown.

Separate because the wording (and its translation) changes on its own; old lines keep their
ids and parameters, never English text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from desktop.commission_enums import PlanBase
from desktop.errors import QT_TRANSLATE_NOOP
from desktop.services.commissions.rules.clauses import (
    CLAUSE_AFTER_COLLECTOR,
    CLAUSE_AFTER_EXPIRED,
    CLAUSE_AFTER_FORFEIT,
    CLAUSE_AFTER_NO_COLLECTOR,
    CLAUSE_AFTER_PAY,
    CLAUSE_AFTER_WITHIN,
    CLAUSE_CLAWBACK,
    CLAUSE_CORRECTION,
    CLAUSE_LATE,
    CLAUSE_REVERSAL,
    CLAUSE_WINDOW_COMPANY,
    CLAUSE_WINDOW_DEPARTING,
    CLAUSE_WINDOW_NO_SUCCESSOR,
    CLAUSE_WINDOW_SPLIT,
    CLAUSE_WINDOW_SUCCESSOR,
    CONTEXT,
)
from desktop.services.commissions.rules.numbers import money_text

#: Explanation templates by id. A line stores [(id, params)], never the English text, so a
#: wording change or another language applies to old lines too; ``{name}`` placeholders.
TEMPLATES: dict[str, str] = {
    "order": QT_TRANSLATE_NOOP(
        "Commissions", "Waybill {order} of {date} for {customer}: {base_kind} {base}."
    ),
    "payment": QT_TRANSLATE_NOOP(
        "Commissions",
        "Payment received {date}: {paid} of invoice {invoice} ({invoice_amount}, {portion} of "
        "it). The invoice bills {orders} with {base_kind} {order_base}; this payment's base is "
        "{portion} of that: {base}.",
    ),
    "payment_no_orders": QT_TRANSLATE_NOOP(
        "Commissions",
        "Payment received {date}: {paid} of invoice {invoice} ({invoice_amount}), which bills "
        "no waybill; the base is the revenue collected: {base}.",
    ),
    "flat": QT_TRANSLATE_NOOP(
        "Commissions", "Plan “{plan}”: flat rate {rate} → {amount} (rounded half up to the fen)."
    ),
    "whole": QT_TRANSLATE_NOOP(
        "Commissions",
        "Plan “{plan}”: the monthly base of {employee} ({month_base}) reaches tier {tier}, "
        "whose rate {rate} applies to the whole base → {amount} (rounded half up to the fen).",
    ),
    "marginal": QT_TRANSLATE_NOOP(
        "Commissions",
        "Plan “{plan}”: marginal tiers; this base takes {employee}'s monthly base from {before} "
        "to {after}, in tier {tier} (rate {rate} at the end) → {amount} (rounded half up to "
        "the fen).",
    ),
    "recredit": QT_TRANSLATE_NOOP(
        "Commissions",
        "{salesperson} had left the firm by the order date; the commission is credited to "
        "the customer's owner on that day, {employee}.",
    ),
    CLAUSE_WINDOW_DEPARTING: QT_TRANSLATE_NOOP(
        "Commissions",
        "Ordered in {departing}'s handover window ({notice} to {last_day}, case {case}): the "
        "policy gives it to the departing employee.",
    ),
    CLAUSE_WINDOW_SUCCESSOR: QT_TRANSLATE_NOOP(
        "Commissions",
        "Ordered in {departing}'s handover window ({notice} to {last_day}, case {case}): the "
        "policy gives it to the successor, {successor}.",
    ),
    CLAUSE_WINDOW_SPLIT: QT_TRANSLATE_NOOP(
        "Commissions",
        "Ordered in {departing}'s handover window ({notice} to {last_day}, case {case}): the "
        "policy splits it {x}:{y} between the departing employee and the successor; this is "
        "the {role}'s share, {share} of {whole}.",
    ),
    CLAUSE_WINDOW_COMPANY: QT_TRANSLATE_NOOP(
        "Commissions",
        "Ordered in {departing}'s handover window ({notice} to {last_day}, case {case}): the "
        "policy keeps it for the company, so the departing employee forfeits it.",
    ),
    CLAUSE_WINDOW_NO_SUCCESSOR: QT_TRANSLATE_NOOP(
        "Commissions",
        "Ordered in {departing}'s handover window ({notice} to {last_day}, case {case}): the "
        "successor's share ({share}) is withheld until a successor is named for this customer.",
    ),
    CLAUSE_AFTER_PAY: QT_TRANSLATE_NOOP(
        "Commissions",
        "Collected {days} days after {employee}'s last working day ({last_day}): the policy "
        "pays commission on money collected after departure.",
    ),
    CLAUSE_AFTER_WITHIN: QT_TRANSLATE_NOOP(
        "Commissions",
        "Collected {days} days after {employee}'s last working day ({last_day}), within the "
        "{limit} days the policy allows: paid.",
    ),
    CLAUSE_AFTER_EXPIRED: QT_TRANSLATE_NOOP(
        "Commissions",
        "Collected {days} days after {employee}'s last working day ({last_day}), later than "
        "the {limit} days the policy allows: forfeited.",
    ),
    CLAUSE_AFTER_FORFEIT: QT_TRANSLATE_NOOP(
        "Commissions",
        "Collected {days} days after {employee}'s last working day ({last_day}): the policy "
        "forfeits commission on money collected after departure.",
    ),
    CLAUSE_AFTER_COLLECTOR: QT_TRANSLATE_NOOP(
        "Commissions",
        "Collected {days} days after {employee}'s last working day ({last_day}): the policy "
        "gives it to the collector of record, {collector}.",
    ),
    CLAUSE_AFTER_NO_COLLECTOR: QT_TRANSLATE_NOOP(
        "Commissions",
        "Collected {days} days after {employee}'s last working day ({last_day}): the policy "
        "gives it to the collector of record, but there is none still employed: forfeited.",
    ),
    CLAUSE_CLAWBACK: QT_TRANSLATE_NOOP(
        "Commissions",
        "Invoice {invoice} ({invoice_amount}) was written off as bad debt on {date}: "
        "{written_off}, {portion} of it. The commission of line {line} ({original}, dated "
        "{original_date}) was {days} days earlier, within the {limit} days of the plan "
        "“{plan}”: {portion} of it is taken back.",
    ),
    CLAUSE_LATE: QT_TRANSLATE_NOOP(
        "Commissions",
        "Dated {date}, in {origin}, which was locked before this was recorded: it is paid in "
        "this period instead.",
    ),
    CLAUSE_CORRECTION: QT_TRANSLATE_NOOP(
        "Commissions",
        "Correction of line {line} ({origin}, locked): its base changed from {old_base} to "
        "{new_base} after the period was locked; the change {delta} is paid at the line's "
        "rate {rate} → {amount}.",
    ),
    "correction_amount": QT_TRANSLATE_NOOP(
        "Commissions",
        "Correction of line {line} ({origin}, locked): the amount should now be {new_amount} "
        "instead of {old_amount}; the difference is {amount}.",
    ),
    CLAUSE_REVERSAL: QT_TRANSLATE_NOOP(
        "Commissions",
        "Reversal of line {line} ({origin}, locked): its source changed after the period was "
        "locked and it no longer applies; {amount} is taken back.",
    ),
    "pending.pay": QT_TRANSLATE_NOOP(
        "Commissions",
        "Invoice {invoice}: {outstanding} still to collect on {orders} ({portion} of the "
        "commission base theirs); about {estimate} at {rate} becomes due when it is collected "
        "(the policy pays commission on money collected after departure).",
    ),
    "pending.pay_within": QT_TRANSLATE_NOOP(
        "Commissions",
        "Invoice {invoice}: {outstanding} still to collect on {orders} ({portion} of the "
        "commission base theirs); about {estimate} at {rate} is paid if collected by "
        "{deadline}, and forfeited after.",
    ),
    "pending.expired": QT_TRANSLATE_NOOP(
        "Commissions",
        "Invoice {invoice}: {outstanding} still to collect on {orders} ({portion} of the "
        "commission base theirs); the {limit} days after the last working day ended on "
        "{deadline}, so about {estimate} at {rate} will be forfeited when it is collected.",
    ),
    "pending.forfeit": QT_TRANSLATE_NOOP(
        "Commissions",
        "Invoice {invoice}: {outstanding} still to collect on {orders} ({portion} of the "
        "commission base theirs); the policy forfeits commission on money collected after "
        "departure: about {estimate} at {rate}.",
    ),
    "pending.collector": QT_TRANSLATE_NOOP(
        "Commissions",
        "Invoice {invoice}: {outstanding} still to collect on {orders} ({portion} of the "
        "commission base theirs); the commission, about {estimate} at {rate}, will go to the "
        "collector of record, {collector}.",
    ),
}

BASE_KINDS = {
    PlanBase.REVENUE.value: QT_TRANSLATE_NOOP("Commissions", "revenue"),
    PlanBase.MARGIN.value: QT_TRANSLATE_NOOP("Commissions", "gross margin"),
}
ROLES = {
    "departing": QT_TRANSLATE_NOOP("Commissions", "departing employee"),
    "successor": QT_TRANSLATE_NOOP("Commissions", "successor"),
}

Part = tuple[str, dict[str, Any]]
#: Parameters holding money as whole fen, formatted (¥1,234.50) only when a line is shown.
MONEY_PARAMS = frozenset(
    {
        "base",
        "amount",
        "paid",
        "invoice_amount",
        "order_base",
        "month_base",
        "before",
        "after",
        "share",
        "whole",
        "written_off",
        "original",
        "old_base",
        "new_base",
        "delta",
        "new_amount",
        "old_amount",
        "outstanding",
        "estimate",
    }
)
#: Parameters whose value is itself a translatable word (looked up before formatting).
TRANSLATED_PARAMS = {"base_kind": BASE_KINDS, "role": ROLES}


def explain(parts: Sequence[Part], translate: Callable[[str, str], str] | None = None) -> str:
    """The explanation of a line in the reader's language (English without ``translate``)."""
    out = []
    for template_id, params in parts:
        template = TEMPLATES.get(template_id)
        if template is None:
            continue
        values = dict(params)
        for name in MONEY_PARAMS.intersection(values):
            if isinstance(values[name], int):
                values[name] = money_text(values[name])
        for name, table in TRANSLATED_PARAMS.items():
            if name in values and values[name] in table:
                word = table[values[name]]
                values[name] = translate(CONTEXT, word) if translate else word
        text = translate(CONTEXT, template) if translate else template
        try:
            out.append(text.format(**values))
        except (KeyError, IndexError, ValueError):
            out.append(template.format_map(defaultdict(str, values)))
    return " ".join(out)
