"""The customer step of the demo generator (firms, contacts, ownership histories, the public
pool); a mixin of :class:`_Generator`, whose state it uses.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate

from desktop.models import pinyin
from desktop.services.demo.helpers import _between, _credit_code, _cw, _division, _pick, spread
from desktop.services.demo.profiles import BATCH, STAGE_CUSTOMERS
from desktop.services.demo.records import _Cust, _Emp
from desktop.services.demo.reference import (
    BRAND_CHARS,
    CITIES,
    CONTACT_TITLES,
    DEFAULTER,
    GENERIC_WORDS,
    INDUSTRIES,
    INDUSTRY_CW,
    INDUSTRY_NAMES,
    MUNICIPALITIES,
    PROFILES,
    ROADS,
    SALES_MANAGER,
    SALES_REP,
    SUFFIXES,
    ZONES,
)

# =========================================================================== customers


class _CustomerSteps:
    """Customers, contacts, ownership and the pool (mixed into :class:`_Generator`)."""

    # ------------------------------------------------------------------ customers

    def _book_owners(self, owned: int) -> list[_Emp]:
        """The final owner of each owned customer: a few concentrated books, a long tail."""
        rng = self.rng
        current = [e for e in self.emps if e.is_sales and e.status != "departed"]
        reps = [e for e in current if e.position == SALES_REP]
        managers = [e for e in current if e.position == SALES_MANAGER]
        assert self.top is not None
        top_target = min(self.size.top_book, owned // 3)
        heads = [self.top] + [e for e in reps[1:4] if e.status == "active"]
        targets = [top_target] + [int(top_target * f) for f in (0.55, 0.4, 0.3)[: len(heads) - 1]]
        if sum(targets) > owned // 2:  # a small firm: the runners-up get less
            room = max(owned // 2 - top_target, 0)
            others = sum(targets[1:]) or 1
            targets = [top_target] + [t * room // others for t in targets[1:]]
        tail = [e for e in current if e not in heads]
        avg = max(owned - sum(targets), 0) / max(len(tail), 1)
        weights = []
        for e in tail:
            tenure = (self.today - e.hire).days / 365
            w = rng.lognormvariate(0, 0.35) * (min(1.0, tenure / 2) + 0.25)
            if e in managers:
                w *= 0.3
            weights.append(w)
        # Nobody in the long tail out-books the top salesperson; what does not fit goes to them.
        rest = owned - sum(targets)
        shares = spread(rest, weights, [int(top_target * 0.8)] * len(tail))
        targets[0] += rest - sum(shares)
        owners: list[_Emp] = []
        for e, n in zip([*heads, *tail], [*targets, *shares], strict=True):
            owners += [e] * n
        rng.shuffle(owners)
        self._avg_book = avg
        return owners

    def customers(self) -> None:
        rng, today, ws = self.rng, self.today, self.window_start
        self.stage = STAGE_CUSTOMERS
        self._report()
        n = self.size.customers
        n_pool = max(1, round(n * 0.03))
        owners = self._book_owners(n - n_pool)
        pool_flags = [False] * len(owners) + [True] * n_pool
        final: list[_Emp | None] = [*owners, *([None] * n_pool)]
        order = list(range(n))
        rng.shuffle(order)
        all_reps = [e for e in self.emps if e.is_sales]
        departed = [e for e in all_reps if e.status == "departed"]
        owned = n - n_pool
        p_handover = min(0.2, len(departed) * self._avg_book * 0.9 / max(owned, 1))
        profiles, profile_cw = _cw(PROFILES)
        terms_v, terms_cw = _cw([(30, 45), (45, 20), (60, 25), (90, 10)])
        suffixes, suffix_cw = _cw(SUFFIXES)
        names_seen: set[str] = set()
        codes_seen: set[str] = set()
        city_cw = self._city_cw
        earliest = ws - timedelta(days=6 * 365)
        end_open = today + timedelta(days=1)
        stats = {"contacts": 0, "assignments": 0, "claims": 0}

        for k, idx in enumerate(order):
            owner = final[idx]
            pool = pool_flags[idx]
            cid = self._id("customer")
            periods: list[tuple[date, date | None, int, str, str | None]] = []
            # -- ownership history (valid_from inclusive, valid_to exclusive, never overlapping)
            if pool:
                # Released to the pool (公海) by its last owner, at the latest when they left.
                for _ in range(20):
                    prev = rng.choice(all_reps)
                    lo = max(prev.hire, earliest)
                    release_hi = min(today - timedelta(days=7), prev.departed_on or today)
                    if (release_hi - lo).days >= 150:
                        break
                acquired = _between(rng, lo, release_hi - timedelta(days=90))
                if prev.departed_on and rng.random() < 0.5:
                    release = prev.departed_on
                else:
                    release = _between(rng, max(acquired + timedelta(days=60), ws), release_hi)
                release = min(release, release_hi)
                if release <= acquired:
                    acquired = release - timedelta(days=1)
                periods.append((acquired, release, prev.id, "initial", "新客户开发"))
                end = release
            else:
                assert owner is not None
                lo = max(owner.hire + timedelta(days=7), earliest)
                if owner.hire >= ws or rng.random() < 0.45:
                    acquired = _between(rng, max(lo, ws), today - timedelta(days=10))
                else:
                    acquired = _between(rng, lo, ws - timedelta(days=1))
                if acquired < lo:
                    acquired = lo
                u = rng.random()
                done = False
                if departed and u < p_handover:
                    d = rng.choice(departed)
                    dep = d.departed_on
                    assert dep is not None
                    if owner.hire <= dep and d.hire + timedelta(days=30) < dep - timedelta(days=30):
                        acquired = _between(rng, max(d.hire, earliest), dep - timedelta(days=30))
                        periods.append((acquired, dep, d.id, "initial", "新客户开发"))
                        periods.append((dep, None, owner.id, "handover", f"{d.name}离职交接"))
                        done = True
                elif u < p_handover + 0.15:
                    lo_s = max(acquired + timedelta(days=60), ws - timedelta(days=365))
                    hi_s = today - timedelta(days=14)
                    if lo_s < hi_s:
                        switch = _between(rng, lo_s, hi_s)
                        for _ in range(8):
                            prev = rng.choice(all_reps)
                            if prev is owner or prev.hire > acquired:
                                continue
                            if prev.departed_on is not None and prev.departed_on < switch:
                                continue
                            periods.append((acquired, switch, prev.id, "initial", "新客户开发"))
                            periods.append((switch, None, owner.id, "rebalance", "客户分配调整"))
                            done = True
                            break
                if not done:
                    periods.append((acquired, None, owner.id, "initial", "新客户开发"))
                end = end_open
                if rng.random() < 0.1:  # a lost customer: still owned, no longer ordering
                    lo_e = max(acquired, ws) + timedelta(days=90)
                    if lo_e < today - timedelta(days=30):
                        end = _between(rng, lo_e, today - timedelta(days=30))
            acquired = periods[0][0]
            first_owner = self.emp_by_id[periods[-1][2]]

            # -- the firm itself
            home_branch = self.branches[first_owner.branch].city
            city = home_branch if rng.random() < 0.6 else _pick(rng, range(len(CITIES)), city_cw)
            cname, prov, _, _, _, ccode = CITIES[city]
            industry = _pick(rng, INDUSTRY_NAMES, INDUSTRY_CW)
            _, words, mix = INDUSTRIES[industry]
            for _ in range(50):
                prefix = cname
                if cname not in MUNICIPALITIES and rng.random() < 0.15:
                    prefix = (
                        prov.replace("省", "").replace("壮族自治区", "").replace("维吾尔自治区", "")
                    )
                brand = rng.choice(BRAND_CHARS) + rng.choice(BRAND_CHARS)
                if brand[0] == brand[1]:
                    continue
                word = rng.choice(GENERIC_WORDS) if rng.random() < 0.12 else rng.choice(words)
                name = prefix + brand + word + _pick(rng, suffixes, suffix_cw)
                if name not in names_seen:
                    break
            names_seen.add(name)
            code = _credit_code(rng, _division(rng, ccode))
            while code in codes_seen:
                code = _credit_code(rng, _division(rng, ccode))
            codes_seen.add(code)
            weight = rng.lognormvariate(0, 1.1)
            tier = "A" if weight > 2.5 else "B" if weight > 1.2 else "C" if weight > 0.5 else "D"
            limit = {"A": 500_000, "B": 200_000, "C": 80_000, "D": 30_000}[tier]
            limit = int(limit * rng.uniform(0.6, 1.6)) // 10_000 * 10_000 or 10_000
            profile = _pick(rng, profiles, profile_cw)
            terms = _pick(rng, terms_v, terms_cw)
            region = prov + ("" if cname in MUNICIPALITIES else cname + "市")
            address = f"{region}{rng.choice(ZONES)}{rng.choice(ROADS)}{rng.randint(1, 999)}号"
            noisy = [max(0.0, m * rng.uniform(0.5, 1.5)) for m in mix]
            lanes = []
            for _ in range(rng.randint(1, 4)):
                dest = _pick(rng, range(len(CITIES)), city_cw)
                lanes.append((dest, city) if rng.random() < 0.2 else (city, dest))
            cust = _Cust(
                id=cid,
                city=city,
                weight=weight,
                acquired=acquired,
                end=end,
                periods=[(f, t, e) for f, t, e, _, _ in periods],
                profile=profile,
                terms=terms,
                pool=pool,
                mix=tuple(accumulate(noisy)),
                lanes=lanes,
            )
            if profile == DEFAULTER:
                cust.default_from = _between(rng, ws, today - timedelta(days=120))
            self.custs.append(cust)
            created = self._ts(acquired)
            self.sink_customer.add(
                {
                    "id": cid,
                    "code": f"C{k + 1:06d}",
                    "name": name,
                    **pinyin.columns(name),
                    "credit_code": code,
                    "industry": industry,
                    "region": region,
                    "address": address,
                    "payment_terms_days": terms,
                    "credit_limit": Decimal(limit),
                    "tier": tier,
                    "in_pool": pool,
                    "active": True,
                    "notes": None,
                    "created_at": created,
                    "updated_at": created,
                    "version": 1,
                }
            )
            for j in range(rng.choices((1, 2, 3), (45, 35, 20))[0]):
                person, _ = self.names.person()
                self.sink_contact.add(
                    {
                        "id": self._id("contact"),
                        "customer_id": cid,
                        "name": person,
                        "title": rng.choice(CONTACT_TITLES),
                        "phone": self.names.mobile(),
                        "email": f"{rng.randint(10_000, 3_999_999_999)}@"
                        f"{rng.choice(('qq.com', '163.com', '126.com'))}"
                        if rng.random() < 0.3
                        else None,
                        "is_primary": j == 0,
                        "created_at": created,
                        "updated_at": created,
                        "version": 1,
                    }
                )
                stats["contacts"] += 1
            for f, t, e, reason, note in periods:
                self.sink_assign.add(
                    {
                        "id": self._id("customer_assignment"),
                        "customer_id": cid,
                        "employee_id": e,
                        "valid_from": f,
                        "valid_to": t,
                        "reason": reason,
                        "approved_by": None if reason == "initial" else self.approver,
                        "note": note,
                        "created_at": self._ts(f),
                    }
                )
                stats["assignments"] += 1
            if pool and rng.random() < 0.08:
                claimant = rng.choice([e for e in all_reps if e.status == "active"] or all_reps)
                at = self._ts(today - timedelta(days=rng.randint(0, 6)))
                self.sink_claim.add(
                    {
                        "id": self._id("pool_claim"),
                        "customer_id": cid,
                        "employee_id": claimant.id,
                        "requested_by": None,
                        "reason": "客户近期有发货需求，申请认领跟进",
                        "status": "pending",
                        "decided_by": None,
                        "decided_at": None,
                        "decision_note": None,
                        "created_at": at,
                        "updated_at": at,
                        "version": 1,
                    }
                )
                stats["claims"] += 1
            if (k + 1) % BATCH == 0:
                self.done_units += BATCH
                self._report()
        for sink in (self.sink_customer, self.sink_contact, self.sink_assign, self.sink_claim):
            sink.flush()
        self.done_units += n % BATCH
        self._report()
        self.contacts = stats["contacts"]
        self.assignments = stats["assignments"]
        self.claims = stats["claims"]
        self.pool_customers = n_pool
        self.top_customers = sum(1 for e in owners if e is self.top)
