"""The commission rules as pure functions: plans and tiers, attribution under the handover
policy, rounding, and the explanation of every line.

No database and no Qt here (an import-linter contract keeps SQLAlchemy, :mod:`desktop.models`
and :mod:`desktop.storage` out): :mod:`desktop.services.commissions.facts` reads the facts
(orders, payments, write-offs, departures) with set-based queries,
:mod:`desktop.services.commissions.compute` hands them to :func:`compute_lines` and stores what
comes back; the property tests drive these functions directly.

Money is integer fen; bases that come from a part-payment are exact fractions. The rounding
rule, the only one: **each line's amount is computed exactly and rounded once, half up, to the
fen** (``round_half_up``). Tiers are reached by the monthly base counted in fen (the sum of the
lines' bases as shown, each rounded half up), and a marginal line's amount is the exact
difference it makes to the month's commission on that base, rounded once. A split divides the rounded amount of the whole: the departing
employee's share is rounded half up, the successor gets the rest, so the shares always add up
to the whole to the fen. The base shown on a line is its exact base rounded the same way.

Modules: :mod:`.numbers` (fen, rounding, percentages, months), :mod:`.clauses` (clauses,
statuses and their labels), :mod:`.explanations` (the templates a line's explanation is made
of), :mod:`.tiers` (plans and tiers as the engine sees them), :mod:`.facts` (the records the
rules read and the lines they draft), :mod:`.attribution` (who is credited, under which
clause) and :mod:`.pricing` (amounts, shares, clawbacks and a whole month).
"""

from __future__ import annotations

from desktop.services.commissions.rules.attribution import (
    Attribution,
    Rules,
    Share,
)
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
    CLAUSE_PLAN,
    CLAUSE_RECREDIT,
    CLAUSE_REVERSAL,
    CLAUSE_WINDOW_COMPANY,
    CLAUSE_WINDOW_DEPARTING,
    CLAUSE_WINDOW_NO_SUCCESSOR,
    CLAUSE_WINDOW_SPLIT,
    CLAUSE_WINDOW_SUCCESSOR,
    CLAUSES,
    CONTEXT,
    EARNED,
    FORFEITING_CLAUSES,
    PAYABLE,
    clause_label,
)
from desktop.services.commissions.rules.explanations import (
    BASE_KINDS,
    MONEY_PARAMS,
    ROLES,
    TEMPLATES,
    TRANSLATED_PARAMS,
    Part,
    explain,
)
from desktop.services.commissions.rules.facts import (
    AllocationFact,
    Departure,
    LineDraft,
    OrderFact,
    PriorLine,
    WriteOffFact,
)
from desktop.services.commissions.rules.numbers import (
    ZERO,
    fen,
    money_text,
    percent_text,
    round_half_up,
    split_amount,
)
from desktop.services.commissions.rules.pricing import (
    Item,
    MonthFacts,
    Priced,
    allocation_items,
    bucket,
    clawback_lines,
    compute_lines,
    distribute,
    line_key,
    order_item,
    price_group,
    price_items,
    times_rate,
)
from desktop.services.commissions.rules.tiers import (
    PlanBook,
    PlanRule,
    Tier,
    marginal_tier_at,
    tier_index,
)

__all__ = [
    "BASE_KINDS",
    "CLAUSES",
    "CLAUSE_AFTER_COLLECTOR",
    "CLAUSE_AFTER_EXPIRED",
    "CLAUSE_AFTER_FORFEIT",
    "CLAUSE_AFTER_NO_COLLECTOR",
    "CLAUSE_AFTER_PAY",
    "CLAUSE_AFTER_WITHIN",
    "CLAUSE_CLAWBACK",
    "CLAUSE_CORRECTION",
    "CLAUSE_LATE",
    "CLAUSE_PLAN",
    "CLAUSE_RECREDIT",
    "CLAUSE_REVERSAL",
    "CLAUSE_WINDOW_COMPANY",
    "CLAUSE_WINDOW_DEPARTING",
    "CLAUSE_WINDOW_NO_SUCCESSOR",
    "CLAUSE_WINDOW_SPLIT",
    "CLAUSE_WINDOW_SUCCESSOR",
    "CONTEXT",
    "EARNED",
    "FORFEITING_CLAUSES",
    "MONEY_PARAMS",
    "PAYABLE",
    "ROLES",
    "TEMPLATES",
    "TRANSLATED_PARAMS",
    "ZERO",
    "AllocationFact",
    "Attribution",
    "Departure",
    "Item",
    "LineDraft",
    "MonthFacts",
    "OrderFact",
    "Part",
    "PlanBook",
    "PlanRule",
    "Priced",
    "PriorLine",
    "Rules",
    "Share",
    "Tier",
    "WriteOffFact",
    "allocation_items",
    "bucket",
    "clause_label",
    "clawback_lines",
    "compute_lines",
    "distribute",
    "explain",
    "fen",
    "line_key",
    "marginal_tier_at",
    "money_text",
    "order_item",
    "percent_text",
    "price_group",
    "price_items",
    "round_half_up",
    "split_amount",
    "tier_index",
    "times_rate",
]
