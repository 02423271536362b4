"""The orders-and-money steps of the demo generator (months, waybills, receivables, payments,
allocations, write-offs); a mixin of :class:`_Generator`, whose state it uses.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_right
from datetime import date, timedelta
from itertools import accumulate

from desktop.services.dates import add_months
from desktop.services.demo.helpers import (
    _cw,
    _distance_km,
    _pick,
    _yuan,
    largest_remainder,
    spread,
)
from desktop.services.demo.profiles import STAGE_ORDERS, Pending
from desktop.services.demo.records import _Cust, _Month, day_weight
from desktop.services.demo.reference import (
    CITIES,
    CITY_NAMES,
    DEFAULTER,
    PARTIAL,
    PAYMENT_METHODS,
    PROMPT,
    SERVICES,
    SLOW,
)

# =========================================================================== orders and money


class _OrderSteps:
    """Months, orders, receivables and payments (mixed into :class:`_Generator`)."""

    # ------------------------------------------------------------------ calendar

    def months(self) -> list[_Month]:
        today, ws = self.today, self.window_start
        months: list[_Month] = []
        first = ws
        while first <= today:
            nxt = add_months(first, 1)
            last = min(nxt - timedelta(days=1), today)
            days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
            growth = [1 + 0.12 * (d - ws).days / 365 for d in days]
            weights = [day_weight(d) * g for d, g in zip(days, growth, strict=True)]
            months.append(_Month(first, last, days, tuple(accumulate(weights))))
            first = nxt
        per_month = largest_remainder([m.cum[-1] for m in months], self.size.orders)
        for m, count in zip(months, per_month, strict=True):
            m.orders = count
            m.billed = m.issue_date <= today
        active = [
            sum(1 for c in self.custs if c.acquired <= m.last and c.end > m.first) for m in months
        ]
        billed = [i for i, m in enumerate(months) if m.billed]
        caps = [min(months[i].orders, active[i]) for i in billed]
        shares = spread(self.size.receivables, [months[i].orders ** 0.75 for i in billed], caps)
        for i, share in zip(billed, shares, strict=True):
            months[i].groups = share
        # A month not yet billed has as many ordering customers as a billed one of its volume.
        billed_weight = sum(months[i].orders ** 0.75 for i in billed) or 1.0
        for i, m in enumerate(months):
            if not m.billed and m.orders:
                want = round(self.size.receivables * m.orders**0.75 / billed_weight)
                m.groups = max(1, min(m.orders, active[i], want))
        fu = largest_remainder([len(m.days) for m in months], self.size.follow_ups)
        for m, count in zip(months, fu, strict=True):
            m.follow_ups = count
        return months

    # ------------------------------------------------------------------ orders and money

    def _revenue(self, service: str, origin: int, dest: int) -> int:
        """Freight revenue in fen."""
        rng = self.rng
        km = self.km.get((origin, dest))
        if km is None:
            km = self.km[(origin, dest)] = _distance_km(origin, dest)
        if service == "ftl":
            if km < 60:
                return rng.randint(60, 180) * 1_000
            yuan = km * rng.uniform(4.2, 7.8) + rng.uniform(300, 900)
            return int(yuan / 10) * 1_000
        if service == "ltl":
            kg = min(8_000.0, max(30.0, rng.lognormvariate(6.4, 0.9)))
            return max(80, int(kg * (0.18 + km * 0.00032))) * 100
        if service == "express":
            kg = math.ceil(min(40.0, max(0.5, rng.lognormvariate(1.1, 0.9))))
            first = 10 if km < 300 else 12 if km < 1000 else 18
            return (first * 100 + rng.randint(0, 8) * 50) + (kg - 1) * rng.randint(2, 10) * 100
        return int(min(150_000.0, max(1_500.0, rng.lognormvariate(9.4, 0.8))) / 100) * 10_000

    def orders(self, months: list[_Month]) -> None:
        rng, today = self.rng, self.today
        self.stage = STAGE_ORDERS
        self._report()
        self.km: dict[tuple[int, int], float] = {}
        city_cw = self._city_cw
        n_cities = len(CITIES)
        pending: Pending = {}
        cust_by_id = {c.id: c for c in self.custs}
        self.cust_by_id = cust_by_id
        recv_sink, order_sink = self.sink_receivable, self.sink_order
        for m in months:
            if m.billed:
                self._settle(pending, before=m.issue_date)
            active = [c for c in self.custs if c.acquired <= m.last and c.end > m.first]
            if not active or not m.orders:
                continue
            # Which customers order this month (weighted, without replacement)...
            keys = [math.log(rng.random() or 1e-12) / c.weight for c in active]
            chosen = sorted(heapq.nlargest(m.groups, range(len(active)), key=keys.__getitem__))
            group = [active[i] for i in chosen]
            # ...and how many orders each places (at least one).
            counts = [1] * len(group)
            extra = m.orders - len(group)
            if extra > 0:
                for i in rng.choices(
                    range(len(group)), weights=[c.weight**1.2 for c in group], k=extra
                ):
                    counts[i] += 1
            month_orders: list[tuple[date, int, int, str, int, int, int, int, bool]] = []
            for gi, (c, k) in enumerate(zip(group, counts, strict=True)):
                lo = max(c.acquired, m.first)
                hi = min(c.end - timedelta(days=1), m.last)
                if lo == m.first and hi == m.last:
                    days = rng.choices(m.days, cum_weights=m.cum, k=k)
                else:
                    sub = [d for d in m.days if lo <= d <= hi] or [lo]
                    days = rng.choices(sub, weights=[day_weight(d) for d in sub], k=k)
                days.sort()
                for j, d in enumerate(days):
                    service = SERVICES[bisect_right(c.mix, rng.random() * c.mix[-1])]
                    if service == "warehousing":
                        origin = dest = c.lanes[0][0] if rng.random() < 0.7 else c.city
                    elif rng.random() < 0.8:
                        origin, dest = c.lanes[rng.randrange(len(c.lanes))]
                    else:
                        origin = c.city
                        dest = bisect_right(city_cw, rng.random() * city_cw[-1])
                        dest = min(dest, n_cities - 1)
                    revenue = self._revenue(service, origin, dest)
                    cost = int(revenue * rng.uniform(0.70, 0.92))
                    cancelled = j > 0 and rng.random() < 0.004
                    month_orders.append(
                        (d, gi, c.id, service, origin, dest, revenue, cost, cancelled)
                    )
            month_orders.sort(key=lambda o: (o[0], o[1]))
            # Receivables: one per customer for a billed month, issued on the 5th after it.
            rec_of: list[int | None] = [None] * len(group)
            if m.billed:
                amounts = [0] * len(group)
                last_day: list[date] = [m.first] * len(group)
                for o in month_orders:
                    if not o[8]:
                        amounts[o[1]] += o[6]
                        last_day[o[1]] = o[0]
                issued = m.issue_date
                for gi, c in enumerate(group):
                    rid = self._id("receivable")
                    rec_of[gi] = rid
                    due = issued + timedelta(days=c.terms)
                    salesperson = c.owner_on(last_day[gi])
                    paid, written_off, written_off_on = self._plan_payments(
                        pending, c, rid, amounts[gi], issued, due
                    )
                    ts = self._ts(issued)
                    recv_sink.add(
                        {
                            "id": rid,
                            "number": f"AR{issued:%Y%m}{gi + 1:05d}",
                            "customer_id": c.id,
                            "salesperson_id": salesperson,
                            "issued_on": issued,
                            "due_on": due,
                            "amount": _yuan(amounts[gi]),
                            "paid": _yuan(paid),
                            "written_off": _yuan(written_off),
                            "written_off_on": written_off_on,
                            "collector_id": salesperson,
                            "created_at": ts,
                            "updated_at": self._ts(written_off_on) if written_off_on else ts,
                            "version": 1,
                        }
                    )
            seq = 0
            prev_day = None
            for d, gi, cid, service, origin, dest, revenue, cost, cancelled in month_orders:
                seq = seq + 1 if d == prev_day else 1
                prev_day = d
                if cancelled:
                    status = "cancelled"
                elif m.billed:
                    status = "invoiced"
                else:
                    status = "delivered" if (today - d).days >= 2 else "open"
                ts = self._ts(d)
                order_sink.add(
                    {
                        "id": self._id("waybill"),
                        "number": f"YD{d:%Y%m%d}{seq:05d}",
                        "customer_id": cid,
                        "order_date": d,
                        "salesperson_id": cust_by_id[cid].owner_on(d),
                        "service_type": service,
                        "origin": CITY_NAMES[origin],
                        "destination": CITY_NAMES[dest],
                        "revenue": _yuan(revenue),
                        "cost": _yuan(cost),
                        "status": status,
                        "receivable_id": None if cancelled else rec_of[gi],
                        "created_at": ts,
                        "updated_at": ts,
                        "version": 1,
                    }
                )
            recv_sink.flush()
        self._settle(pending, before=None)
        for sink in (recv_sink, order_sink, self.sink_payment, self.sink_alloc):
            sink.flush()

    def _plan_payments(
        self,
        pending: Pending,
        c: _Cust,
        rid: int,
        amount: int,
        issued: date,
        due: date,
    ) -> tuple[int, int, date | None]:
        """Decide when (and whether) this invoice gets paid; return (paid, written off, on)."""
        rng, today = self.rng, self.today
        plan: list[tuple[date, int]] = []
        profile = c.profile
        if profile == DEFAULTER and c.default_from is not None and issued < c.default_from:
            profile = SLOW
        if amount <= 0:
            return 0, 0, None
        if profile == PROMPT:
            delay = rng.randint(20, 75) if rng.random() < 0.08 else rng.randint(-12, 8)
            plan.append((due + timedelta(days=delay), amount))
        elif profile == SLOW:
            at = due + timedelta(days=rng.randint(15, 100))
            if rng.random() < 0.25 and amount >= 200:
                first = amount * rng.randint(50, 80) // 100
                plan.append((at, first))
                plan.append((at + timedelta(days=rng.randint(20, 60)), amount - first))
            else:
                plan.append((at, amount))
        elif profile == PARTIAL:
            first = max(1, amount * rng.randint(30, 85) // 100)
            plan.append((due + timedelta(days=rng.randint(20, 120)), first))
            if rng.random() < 0.4 and amount - first > 0:
                plan.append((due + timedelta(days=rng.randint(200, 500)), amount - first))
        elif rng.random() < 0.3:  # a defaulter, paying a token amount at best
            plan.append((due + timedelta(days=rng.randint(30, 150)), max(1, amount // 5)))
        paid = 0
        for at, fen in plan:
            at = max(at, issued + timedelta(days=3))
            if at > today:
                continue
            if profile in (SLOW, PARTIAL) and at.day not in (10, 25):
                # Slow payers settle on their fixed pay days: several invoices, one transfer.
                at = (
                    at.replace(day=10)
                    if at.day < 10
                    else at.replace(day=25)
                    if at.day < 25
                    else (add_months(at, 1).replace(day=10))
                )
                if at > today:
                    continue
            receipts = pending.setdefault((c.id, at), {})
            receipts[rid] = receipts.get(rid, 0) + fen
            paid += fen
        written_off, written_off_on = 0, None
        if profile == DEFAULTER and paid < amount and rng.random() < 0.3:
            when = due + timedelta(days=rng.randint(400, 560))
            if when <= today:
                written_off, written_off_on = amount - paid, when
                self.write_offs += 1
        return paid, written_off, written_off_on

    def _settle(self, pending: Pending, before: date | None) -> None:
        """Turn planned receipts dated before ``before`` (all, if None) into payments."""
        rng = self.rng
        ready = sorted(k for k in pending if before is None or k[1] < before)
        methods, method_cw = _cw(PAYMENT_METHODS)
        for key in ready:
            cid, at = key
            allocations = pending.pop(key)
            pid = self._id("payment")
            total = sum(allocations.values())
            ts = self._ts(at)
            self.sink_payment.add(
                {
                    "id": pid,
                    "customer_id": cid,
                    "received_on": at,
                    "amount": _yuan(total),
                    "method": _pick(rng, methods, method_cw),
                    "reference": f"HK{at:%Y%m%d}{pid:08d}",
                    "collector_id": self.cust_by_id[cid].owner_on(at),
                    "created_at": ts,
                    "updated_at": ts,
                    "version": 1,
                }
            )
            for rid, fen in allocations.items():
                self.sink_alloc.add(
                    {
                        "id": self._id("payment_allocation"),
                        "payment_id": pid,
                        "receivable_id": rid,
                        "amount": _yuan(fen),
                    }
                )
