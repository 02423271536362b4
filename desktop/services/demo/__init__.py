"""``baton demo``: seeded, realistic reference data for trying Baton and measuring it (SPEC §9).

What it makes, for an empty firm: branches (a few more if fewer than three), departments,
positions, staff (about 40% sales, a manager per branch, a few departed or in notice),
customers with GB 32100-valid credit codes and contacts, ownership histories (initial,
rebalance, handover after a departure, release to the public pool), waybills on lanes between
real Chinese cities with seasonal volume (the run-up to 春节 and Q4 peak, the Spring Festival
weeks dip), monthly receivables, payments (late and partial payers, a few write-offs) and
follow-ups, some with the risk words the alerts look for.

Why it is written this way:
- Deterministic: one ``random.Random(seed)`` drives everything in a fixed order, and every
  timestamp is derived from the business dates, so a seed and a day give the same firm.
- Fast: rows are plain dicts inserted with SQLAlchemy Core ``executemany`` in batches inside ONE
  transaction (the ORM's per-row audit hook would take hours for a million rows); the run is
  audited by one summary event instead. Months are generated one at a time, so memory stays
  bounded whatever the size.
- All or nothing: a failure rolls everything back and leaves the firm empty. Only the demo app
  accounts are made afterwards, each in its own unit of work (they write key slots).

The capability is split by what the code holds: :mod:`.profiles` (sizes, settings, messages,
DTOs), :mod:`.reference` (data tables), :mod:`.helpers` (pure helpers), :mod:`.records` (the
generator's working records and batched writer), the generator's steps as mixins in
:mod:`.staff`, :mod:`.customers`, :mod:`.orders` and :mod:`.follow_ups`, the generator in
:mod:`.generator`, the demo accounts in :mod:`.users` and the entry point in :mod:`.generate`.
"""

from __future__ import annotations

from desktop.services.demo.generate import generate_demo
from desktop.services.demo.helpers import credit_code_check, largest_remainder, spread
from desktop.services.demo.profiles import (
    DEMO_PASSWORD,
    DEMO_PLAN_NAME,
    MSG_BAD_SIZE,
    MSG_NOT_EMPTY,
    SIZES,
    STAGE_CUSTOMERS,
    STAGE_DONE,
    STAGE_FOLLOW_UPS,
    STAGE_ORDERS,
    STAGE_STAFF,
    STAGE_USERS,
    DemoSize,
    DemoSummary,
    DemoUser,
    Progress,
)
from desktop.services.demo.records import day_weight

__all__ = [
    "DEMO_PASSWORD",
    "DEMO_PLAN_NAME",
    "MSG_BAD_SIZE",
    "MSG_NOT_EMPTY",
    "SIZES",
    "STAGE_CUSTOMERS",
    "STAGE_DONE",
    "STAGE_FOLLOW_UPS",
    "STAGE_ORDERS",
    "STAGE_STAFF",
    "STAGE_USERS",
    "DemoSize",
    "DemoSummary",
    "DemoUser",
    "Progress",
    "credit_code_check",
    "day_weight",
    "generate_demo",
    "largest_remainder",
    "spread",
]
