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
"""

from __future__ import annotations

import heapq
import math
import random
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from itertools import accumulate
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.logs import get_logger
from desktop.models import audit
from desktop.models.accounts import Role, User
from desktop.models.customers import Customer
from desktop.models.orders import Order
from desktop.models.organisation import Branch
from desktop.models.staff import Department, Employee, Position
from desktop.services import accounts
from desktop.services.context import ServiceContext
from desktop.services.permissions import Action

Progress = Callable[[int, int, str], None]
#: Receipts planned but not yet written: (customer id, day) → {receivable id: fen}.
Pending = dict[tuple[int, date], dict[int, int]]
log = get_logger("demo")

BATCH = 5_000
#: Page cache (KiB) for the one generating transaction; the connection's own is put back after.
CACHE_KIB = 65_536
DEMO_PASSWORD = "demo-password"
#: The standard 回款提成 plan a tried-out demo firm starts with (named like the rest of it).
DEMO_PLAN_NAME = "销售回款提成（标准）"
CHINA = timezone(timedelta(hours=8))

MSG_NOT_EMPTY = QT_TRANSLATE_NOOP(
    "Errors",
    "Demo data can only be added to an empty firm: this vault already holds staff or customers.",
)
MSG_BAD_SIZE = QT_TRANSLATE_NOOP(
    "Errors", "Unknown demo size {size}: choose one of small, medium or large."
)

# Progress labels, translated by the view that shows them.
STAGE_STAFF = QT_TRANSLATE_NOOP("Demo", "Staff")
STAGE_CUSTOMERS = QT_TRANSLATE_NOOP("Demo", "Customers and ownership")
STAGE_ORDERS = QT_TRANSLATE_NOOP("Demo", "Orders, receivables and payments")
STAGE_FOLLOW_UPS = QT_TRANSLATE_NOOP("Demo", "Follow-ups")
STAGE_USERS = QT_TRANSLATE_NOOP("Demo", "Demo accounts")
STAGE_DONE = QT_TRANSLATE_NOOP("Demo", "Done")


@dataclass(frozen=True)
class DemoSize:
    staff: int
    customers: int
    orders: int
    receivables: int
    follow_ups: int
    top_book: int  # customers owned by the top salesperson


SIZES: dict[str, DemoSize] = {
    "small": DemoSize(20, 300, 5_000, 1_500, 1_000, 80),
    "medium": DemoSize(200, 10_000, 100_000, 30_000, 20_000, 500),
    "large": DemoSize(1_000, 50_000, 1_000_000, 300_000, 200_000, 2_000),
}


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    display_name: str
    employee_id: int | None
    branch_id: int | None
    created: bool  # False when an account of that name existed already (left untouched)


@dataclass(frozen=True)
class DemoSummary:
    size: str
    seed: int
    today: date
    branches_created: int
    departments: int
    positions: int
    staff: int
    customers: int
    contacts: int
    assignments: int
    pool_customers: int
    pool_claims: int
    orders: int
    receivables: int
    payments: int
    allocations: int
    write_offs: int
    follow_ups: int
    top_salesperson_id: int
    top_salesperson_customers: int
    users: tuple[DemoUser, ...] = field(default=())
    elapsed_s: float = 0.0
    #: The commission plan set up for the sales positions, if one was asked for.
    commission_plan: str = ""

    def counts(self) -> dict[str, int]:
        return {
            "branches_created": self.branches_created,
            "departments": self.departments,
            "positions": self.positions,
            "staff": self.staff,
            "customers": self.customers,
            "contacts": self.contacts,
            "assignments": self.assignments,
            "pool_customers": self.pool_customers,
            "pool_claims": self.pool_claims,
            "orders": self.orders,
            "receivables": self.receivables,
            "payments": self.payments,
            "allocations": self.allocations,
            "write_offs": self.write_offs,
            "follow_ups": self.follow_ups,
        }


# =========================================================================== reference data

# name, province (full), latitude, longitude, economic weight, division code
CITIES: tuple[tuple[str, str, float, float, float, str], ...] = (
    ("上海", "上海市", 31.23, 121.47, 10.0, "310000"),
    ("北京", "北京市", 39.90, 116.40, 7.0, "110000"),
    ("天津", "天津市", 39.13, 117.20, 4.0, "120000"),
    ("重庆", "重庆市", 29.56, 106.55, 5.0, "500000"),
    ("苏州", "江苏省", 31.30, 120.62, 6.0, "320500"),
    ("南京", "江苏省", 32.06, 118.80, 4.0, "320100"),
    ("无锡", "江苏省", 31.49, 120.31, 3.5, "320200"),
    ("杭州", "浙江省", 30.27, 120.15, 6.0, "330100"),
    ("宁波", "浙江省", 29.87, 121.55, 4.0, "330200"),
    ("温州", "浙江省", 28.00, 120.67, 2.0, "330300"),
    ("义乌", "浙江省", 29.31, 120.08, 2.5, "330782"),
    ("广州", "广东省", 23.13, 113.26, 8.0, "440100"),
    ("深圳", "广东省", 22.54, 114.06, 8.0, "440300"),
    ("东莞", "广东省", 23.02, 113.75, 5.0, "441900"),
    ("佛山", "广东省", 23.02, 113.12, 4.0, "440600"),
    ("成都", "四川省", 30.66, 104.07, 5.0, "510100"),
    ("武汉", "湖北省", 30.59, 114.30, 5.0, "420100"),
    ("郑州", "河南省", 34.75, 113.63, 3.5, "410100"),
    ("西安", "陕西省", 34.34, 108.94, 3.0, "610100"),
    ("长沙", "湖南省", 28.23, 112.94, 3.5, "430100"),
    ("合肥", "安徽省", 31.82, 117.23, 3.0, "340100"),
    ("青岛", "山东省", 36.07, 120.38, 3.5, "370200"),
    ("济南", "山东省", 36.65, 117.12, 2.5, "370100"),
    ("沈阳", "辽宁省", 41.80, 123.43, 2.0, "210100"),
    ("大连", "辽宁省", 38.91, 121.61, 2.0, "210200"),
    ("厦门", "福建省", 24.48, 118.09, 2.5, "350200"),
    ("福州", "福建省", 26.07, 119.30, 2.5, "350100"),
    ("昆明", "云南省", 25.04, 102.71, 2.0, "530100"),
    ("南昌", "江西省", 28.68, 115.86, 2.0, "360100"),
    ("石家庄", "河北省", 38.04, 114.51, 2.0, "130100"),
    ("南宁", "广西壮族自治区", 22.82, 108.32, 1.5, "450100"),
    ("贵阳", "贵州省", 26.65, 106.63, 1.5, "520100"),
    ("哈尔滨", "黑龙江省", 45.80, 126.53, 1.5, "230100"),
    ("长春", "吉林省", 43.82, 125.32, 1.2, "220100"),
    ("太原", "山西省", 37.87, 112.55, 1.2, "140100"),
    ("兰州", "甘肃省", 36.06, 103.83, 1.0, "620100"),
    ("乌鲁木齐", "新疆维吾尔自治区", 43.83, 87.62, 0.8, "650100"),
)
CITY_NAMES = tuple(c[0] for c in CITIES)
CITY_INDEX = {c[0]: i for i, c in enumerate(CITIES)}
MUNICIPALITIES = frozenset({"上海", "北京", "天津", "重庆"})
NEW_BRANCHES = (("北京", "北京分公司"), ("成都", "成都分公司"), ("武汉", "武汉分公司"),
                ("深圳", "深圳分公司"), ("上海", "上海总部"), ("广州", "广州分公司"))  # fmt: skip

# Spring Festival (正月初一) by Gregorian year.
SPRING_FESTIVAL = {
    2019: date(2019, 2, 5), 2020: date(2020, 1, 25), 2021: date(2021, 2, 12),
    2022: date(2022, 2, 1), 2023: date(2023, 1, 22), 2024: date(2024, 2, 10),
    2025: date(2025, 1, 29), 2026: date(2026, 2, 17), 2027: date(2027, 2, 6),
    2028: date(2028, 1, 26), 2029: date(2029, 2, 13), 2030: date(2030, 2, 3),
    2031: date(2031, 1, 23), 2032: date(2032, 2, 11), 2033: date(2033, 1, 31),
    2034: date(2034, 2, 19), 2035: date(2035, 2, 8), 2036: date(2036, 1, 28),
}  # fmt: skip

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶"
    "程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺"
    "毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文"
)
# Frequent surnames first: weights fall off along the string.
SURNAME_WEIGHTS = tuple(accumulate(1.0 / (i + 8) for i in range(len(SURNAMES))))
MALE_CHARS = (
    "伟强磊军洋勇杰涛明超斌鹏辉刚健峰建俊浩宇凯鑫亮飞波志文华平东海龙林晨博宁帅昊然睿泽轩航毅诚"
)
FEMALE_CHARS = "芳娜敏静丽艳秀娟霞燕玲婷雪慧莉红琳倩颖佳欣悦璐洁晶蕾梅萍丹琴薇怡婧雯岚瑶梦涵思"

BRAND_CHARS = (
    "恒达鑫盛华泰宏远永嘉汇通联创瑞丰祥源兴福金信德隆安佳宇博捷辉明新锦荣顺天海中正利合精诚"
    "旭腾睿宝星凯润卓众昌广晟弘骏铭瀚誉豪康美立科峰启亿长万"
)
# industry: (weight, company-name words, service mix ftl/ltl/express/warehousing)
INDUSTRIES: dict[str, tuple[float, tuple[str, ...], tuple[int, int, int, int]]] = {
    "电子": (12, ("电子科技", "电子", "光电科技", "智能科技"), (15, 40, 38, 7)),
    "服装": (9, ("服饰", "服装", "制衣"), (10, 35, 40, 15)),
    "食品": (10, ("食品", "食品科技", "农产品"), (30, 45, 15, 10)),
    "汽配": (8, ("汽车配件", "汽车零部件", "汽配"), (35, 45, 12, 8)),
    "化工": (6, ("化工", "新材料", "化学"), (55, 38, 2, 5)),
    "家电": (7, ("电器", "家电", "智能家居"), (35, 45, 12, 8)),
    "医药": (5, ("医药", "生物科技", "医疗器械"), (15, 35, 40, 10)),
    "建材": (7, ("建材", "新型建材", "装饰材料"), (60, 35, 2, 3)),
    "机械": (8, ("机械设备", "精密机械", "自动化设备"), (45, 43, 8, 4)),
    "日化": (5, ("日化", "日用品"), (20, 45, 25, 10)),
    "电商": (8, ("电子商务", "网络科技", "商贸"), (5, 25, 55, 15)),
    "纺织": (5, ("纺织", "纺织品"), (35, 45, 15, 5)),
    "五金": (5, ("五金制品", "五金"), (25, 50, 20, 5)),
    "家具": (5, ("家具", "家居"), (40, 45, 8, 7)),
}
INDUSTRY_NAMES = tuple(INDUSTRIES)
INDUSTRY_CW = tuple(accumulate(v[0] for v in INDUSTRIES.values()))
GENERIC_WORDS = ("供应链管理", "贸易", "实业", "进出口")
SUFFIXES = (("有限公司", 80), ("有限责任公司", 9), ("股份有限公司", 7), ("集团有限公司", 4))
SERVICES = ("ftl", "ltl", "express", "warehousing")
ZONES = ("经济技术开发区", "高新技术产业开发区", "工业园区", "", "", "")
ROADS = ("人民路", "解放路", "中山路", "建设路", "和平路", "长江路", "黄河路", "新华路", "工业大道",
         "科技路", "创业路", "发展大道", "物流园路", "港城路")  # fmt: skip
CONTACT_TITLES = ("采购经理", "物流经理", "仓库主管", "财务经理", "总经理", "行政主管", "计划员",
                  "关务专员", "供应链主管")  # fmt: skip
_MOBILE_PREFIX_TEXT = (
    "130 131 132 133 135 136 137 138 139 150 151 152 153 155 156 157 158 159 "
    "166 173 175 176 177 178 180 181 182 183 185 186 187 188 189 191 193 198 199"
)
MOBILE_PREFIXES = tuple(_MOBILE_PREFIX_TEXT.split())

# Departments and positions (name, category, department).
DEPARTMENTS = ("销售部", "运营部", "财务部", "仓储部", "人事行政部")
POSITIONS = (
    ("销售经理", "sales", "销售部"),
    ("销售代表", "sales", "销售部"),
    ("调度员", "dispatcher", "运营部"),
    ("财务专员", "finance", "财务部"),
    ("仓库主管", "warehouse", "仓储部"),
    ("人事专员", "other", "人事行政部"),
)
SALES_MANAGER, SALES_REP, DISPATCHER, FINANCE, WAREHOUSE, HR = (p[0] for p in POSITIONS)

PAYMENT_METHODS = (("bank_transfer", 80), ("bank_acceptance", 12), ("wechat", 4), ("cash", 4))
CHANNELS = (("phone", 45), ("wechat", 35), ("visit", 15), ("email", 5))

ID_TABLES = [
    "branch",
    "department",
    "position",
    "employee",
    "customer",
    "contact",
    "customer_assignment",
    "pool_claim",
    "waybill",
    "receivable",
    "payment",
    "payment_allocation",
    "follow_up",
]

PROMPT, SLOW, PARTIAL, DEFAULTER = "prompt", "slow", "partial", "defaulter"
PROFILES = ((PROMPT, 70), (SLOW, 17), (PARTIAL, 8), (DEFAULTER, 5))


# =========================================================================== small helpers


def _cw(pairs: Iterable[tuple[Any, float]]) -> tuple[tuple[Any, ...], tuple[float, ...]]:
    items = list(pairs)
    return tuple(i for i, _ in items), tuple(accumulate(w for _, w in items))


def _pick(rng: random.Random, values: Sequence[Any], cum: Sequence[float]) -> Any:
    return values[bisect_right(cum, rng.random() * cum[-1])]


def _yuan(fen: int) -> Decimal:
    return Decimal(fen).scaleb(-2)


def _fmt(fen: int) -> str:
    return f"{fen / 100:,.2f}"


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, 1)


def _between(rng: random.Random, lo: date, hi: date) -> date:
    """A day in [lo, hi] (lo when the range is empty)."""
    span = (hi - lo).days
    return lo if span <= 0 else lo + timedelta(days=rng.randint(0, span))


def largest_remainder(weights: Sequence[float], total: int) -> list[int]:
    """Split ``total`` in proportion to ``weights`` into integers that sum to it exactly."""
    wsum = sum(weights)
    if total <= 0 or wsum <= 0:
        return [0] * len(weights)
    raw = [w * total / wsum for w in weights]
    out = [int(x) for x in raw]
    rest = total - sum(out)
    order = sorted(range(len(raw)), key=lambda i: (out[i] - raw[i], i))
    for i in order[:rest]:
        out[i] += 1
    return out


def spread(total: int, weights: Sequence[float], caps: Sequence[int]) -> list[int]:
    """Like :func:`largest_remainder`, but no share exceeds its cap (the excess moves on)."""
    out = [0] * len(weights)
    left = min(total, sum(caps))
    open_ = [i for i in range(len(weights)) if caps[i] > 0 and weights[i] > 0]
    while left > 0 and open_:
        shares = largest_remainder([weights[i] for i in open_], left)
        nxt = []
        for i, share in zip(open_, shares, strict=True):
            take = min(share, caps[i] - out[i])
            out[i] += take
            left -= take
            if out[i] < caps[i]:
                nxt.append(i)
        if nxt == open_ and all(out[i] < caps[i] for i in open_):
            break
        open_ = nxt
    return out


CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # what we draw organisation-code bodies from
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def credit_code_check(body17: str) -> str:
    """GB 32100-2015 check character of a unified social credit code body (17 characters)."""
    total = sum(CREDIT_CHARS.index(ch) * w for ch, w in zip(body17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARS[(31 - total % 31) % 31]


def _org_code(rng: random.Random) -> str:
    """An organisation code (GB 11714): 8 characters and their check character."""
    body = "".join(rng.choice("0123456789") if i < 2 else rng.choice(ORG_CHARS) for i in range(8))
    values = [int(ch) if ch.isdigit() else ord(ch) - 55 for ch in body]
    c = 11 - sum(v * w for v, w in zip(values, ORG_WEIGHTS, strict=True)) % 11
    return body + ("X" if c == 10 else "0" if c == 11 else str(c))


def _credit_code(rng: random.Random, division: str) -> str:
    body = "91" + division + _org_code(rng)
    return body + credit_code_check(body)


def _division(rng: random.Random, city_code: str) -> str:
    """A district-level division code within a city (municipalities: 3101xx, 1101xx, ...)."""
    if city_code.endswith("0000"):
        city_code = city_code[:2] + "0100"
    if city_code.endswith("00"):
        return city_code[:4] + rng.choice(("02", "03", "04", "05", "06", "11", "12", "13", "15"))
    return city_code


def _id_number(rng: random.Random, city_code: str, born: date, male: bool) -> str:
    seq = rng.randint(0, 499) * 2 + (1 if male else 0)
    body = f"{_division(rng, city_code)}{born:%Y%m%d}{seq:03d}"
    return body + ID_CHECK[sum(int(c) * w for c, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


def _distance_km(a: int, b: int) -> float:
    if a == b:
        return 30.0
    _, _, lat1, lon1, _, _ = CITIES[a]
    _, _, lat2, lon2, _, _ = CITIES[b]
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h)) * 1.25  # road distance ≈ 1.25 × great circle


class _Names:
    """Chinese personal names and mobile numbers."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def surname(self) -> str:
        return SURNAMES[bisect_right(SURNAME_WEIGHTS, self.rng.random() * SURNAME_WEIGHTS[-1])]

    def person(self, male: bool | None = None) -> tuple[str, bool]:
        rng = self.rng
        if male is None:
            male = rng.random() < 0.55
        chars = MALE_CHARS if male else FEMALE_CHARS
        given = rng.choice(chars) if rng.random() < 0.3 else rng.choice(chars) + rng.choice(chars)
        surname = self.surname()
        if rng.random() < 0.004:
            surname = rng.choice(("欧阳", "司马", "诸葛", "上官"))
        return surname + given, male

    def mobile(self) -> str:
        return self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randint(0, 99_999_999):08d}"


# =========================================================================== calendar


def day_weight(d: date) -> float:
    """Relative order volume of a day: weekdays, the Q4 peak, 春节 run-up and dip, 国庆."""
    w = (1.0, 1.0, 1.0, 1.0, 1.02, 0.75, 0.45)[d.weekday()]
    w *= (1.0, 0.9, 1.0, 1.0, 1.0, 1.08, 0.95, 1.0, 1.1, 1.1, 1.35, 1.25)[d.month - 1]
    for sf in (SPRING_FESTIVAL.get(d.year), SPRING_FESTIVAL.get(d.year + 1)):
        if sf is None:
            continue
        k = (d - sf).days
        if -28 <= k <= -8:
            w *= 1.45
        elif -7 <= k <= -1:
            w *= 0.6
        elif 0 <= k <= 7:
            w *= 0.12
        elif 8 <= k <= 15:
            w *= 0.5
        elif 16 <= k <= 21:
            w *= 0.8
    if d.month == 10 and d.day <= 7:
        w *= 0.45
    return w


@dataclass
class _Month:
    first: date
    last: date  # last day inside the window (today for the current month)
    days: list[date]
    cum: tuple[float, ...]  # cumulative day weights
    orders: int = 0
    billed: bool = False
    groups: int = 0  # receivables (billed) or ordering customers (not billed)
    follow_ups: int = 0

    @property
    def issue_date(self) -> date:
        return _add_months(self.first, 1).replace(day=5)


# =========================================================================== people and firms


@dataclass(slots=True)
class _Emp:
    id: int
    no: str
    name: str
    male: bool
    branch: int  # index into branches
    position: str
    category: str
    is_sales: bool
    hire: date
    status: str = "active"
    departed_on: date | None = None
    manager_id: int | None = None

    def employed(self, d: date) -> bool:
        return self.hire <= d and (self.departed_on is None or d < self.departed_on)


@dataclass(slots=True)
class _Cust:
    id: int
    city: int
    weight: float
    acquired: date
    end: date  # orders stop before this day (exclusive)
    periods: list[tuple[date, date | None, int]]
    profile: str
    terms: int
    pool: bool
    mix: tuple[float, ...]
    lanes: list[tuple[int, int]]
    default_from: date | None = None

    def owner_on(self, d: date) -> int | None:
        for start, stop, emp in self.periods:
            if start <= d and (stop is None or d < stop):
                return emp
        return None


@dataclass(slots=True)
class _BranchInfo:
    id: int
    name: str
    city: int  # index into CITIES
    departments: dict[str, int] = field(default_factory=dict)


# =========================================================================== batched writer


class _Sink:
    """Rows of one table, inserted in batches; ``deps`` are flushed first (foreign keys)."""

    def __init__(
        self,
        conn: Connection,
        table: Table,
        deps: Sequence[_Sink] = (),
        on_flush: Callable[[_Sink, int], None] | None = None,
    ) -> None:
        self.conn, self.table, self.deps, self.on_flush = conn, table, deps, on_flush
        self.rows: list[dict[str, Any]] = []
        self.count = 0

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        for dep in self.deps:
            dep.flush()
        if not self.rows:
            return
        rows, self.rows = self.rows, []
        self.conn.execute(insert(self.table), rows)
        self.count += len(rows)
        if self.on_flush:
            self.on_flush(self, len(rows))


# =========================================================================== the generator


class _Generator:
    def __init__(
        self,
        session: Session,
        size: DemoSize,
        seed: int,
        today: date,
        approver: int | None,
        progress: Progress | None,
    ) -> None:
        self.s = session
        self.conn = session.connection()
        self.size = size
        self.rng = random.Random(seed)
        self.names = _Names(self.rng)
        self.today = today
        self.approver = approver
        self.progress_fn = progress
        self.total_units = size.staff + size.customers + size.orders + size.follow_ups
        self.done_units = 0
        self.stage = STAGE_STAFF
        self.window_start = date(today.year - 2, today.month, 1)
        self.branches: list[_BranchInfo] = []
        self.branches_created = 0
        self.positions: dict[str, int] = {}
        self.departments = 0
        self.emps: list[_Emp] = []
        self.emp_by_id: dict[int, _Emp] = {}
        self.custs: list[_Cust] = []
        self.ts_cache: dict[date, datetime] = {}
        self.write_offs = 0
        self.top: _Emp | None = None
        self.top_customers = 0
        meta = Order.metadata.tables
        c = self.conn
        self.sink_customer = _Sink(c, meta["customer"])
        self.sink_contact = _Sink(c, meta["contact"], [self.sink_customer])
        self.sink_assign = _Sink(c, meta["customer_assignment"], [self.sink_customer])
        self.sink_claim = _Sink(c, meta["pool_claim"], [self.sink_customer])
        self.sink_receivable = _Sink(c, meta["receivable"], on_flush=self._flushed)
        self.sink_order = _Sink(c, meta["waybill"], [self.sink_receivable], self._flushed)
        self.sink_payment = _Sink(c, meta["payment"], on_flush=self._flushed)
        self.sink_alloc = _Sink(
            c, meta["payment_allocation"], [self.sink_payment, self.sink_receivable], self._flushed
        )
        self.sink_follow = _Sink(c, meta["follow_up"], on_flush=self._flushed)
        self.next_ids = {
            name: (self.conn.scalar(select(func.max(meta[name].c.id))) or 0) + 1
            for name in ID_TABLES
        }

    # ------------------------------------------------------------------ plumbing

    def _id(self, table: str) -> int:
        value = self.next_ids[table]
        self.next_ids[table] = value + 1
        return value

    def _ts(self, d: date) -> datetime:
        ts = self.ts_cache.get(d)
        if ts is None:
            ts = datetime(d.year, d.month, d.day, 10, 0, tzinfo=CHINA).astimezone(UTC)
            self.ts_cache[d] = ts
        return ts

    def _flushed(self, sink: _Sink, n: int) -> None:
        if sink is self.sink_order or sink is self.sink_follow:
            self.done_units += n
        self._report()

    def _report(self) -> None:
        if self.progress_fn is not None:
            self.progress_fn(min(self.done_units, self.total_units), self.total_units, self.stage)

    # ------------------------------------------------------------------ organisation

    def organisation(self) -> None:
        rng = self.rng
        t = Order.metadata.tables
        rows = self.conn.execute(
            select(Branch.id, Branch.code, Branch.name, Branch.city, Branch.active).order_by(
                Branch.id
            )
        ).all()
        codes = {r.code for r in rows}
        names = {r.name for r in rows}
        for r in rows:
            if not r.active:
                continue
            city = next((CITY_INDEX[c] for c in CITY_NAMES if c in (r.city or r.name)), None)
            if city is None:
                city = _pick(rng, range(len(CITIES)), tuple(accumulate(c[4] for c in CITIES)))
            self.branches.append(_BranchInfo(r.id, r.name, city))
        taken_cities = {b.city for b in self.branches}
        new_rows = []
        for city_name, branch_name in NEW_BRANCHES:
            if len(self.branches) >= 3:
                break
            city = CITY_INDEX[city_name]
            if city in taken_cities or branch_name in names:
                continue
            n = 1
            while f"B{n:02d}" in codes:
                n += 1
            code = f"B{n:02d}"
            codes.add(code)
            bid = self._id("branch")
            ts = self._ts(self.window_start - timedelta(days=900))
            new_rows.append(
                {
                    "id": bid,
                    "code": code,
                    "name": branch_name,
                    "city": city_name,
                    "active": True,
                    "created_at": ts,
                    "updated_at": ts,
                    "version": 1,
                }
            )
            self.branches.append(_BranchInfo(bid, branch_name, city))
            taken_cities.add(city)
        if new_rows:
            self.conn.execute(insert(t["branch"]), new_rows)
        self.branches_created = len(new_rows)

        ts = self._ts(self.window_start - timedelta(days=900))
        existing_pos = {n: i for n, i in self.conn.execute(select(Position.name, Position.id))}
        pos_rows = []
        for name, category, _ in POSITIONS:
            if name in existing_pos:
                self.positions[name] = existing_pos[name]
                continue
            pid = self._id("position")
            self.positions[name] = pid
            pos_rows.append(
                {
                    "id": pid,
                    "name": name,
                    "category": category,
                    "created_at": ts,
                    "updated_at": ts,
                    "version": 1,
                }
            )
        if pos_rows:
            self.conn.execute(insert(t["position"]), pos_rows)
        existing_dep = {
            (b, n): i
            for b, n, i in self.conn.execute(
                select(Department.branch_id, Department.name, Department.id)
            )
        }
        dep_rows = []
        for b in self.branches:
            for name in DEPARTMENTS:
                if (b.id, name) in existing_dep:
                    b.departments[name] = existing_dep[(b.id, name)]
                    continue
                did = self._id("department")
                b.departments[name] = did
                dep_rows.append(
                    {
                        "id": did,
                        "branch_id": b.id,
                        "name": name,
                        "created_at": ts,
                        "updated_at": ts,
                        "version": 1,
                    }
                )
        if dep_rows:
            self.conn.execute(insert(t["department"]), dep_rows)
        self.departments = len(dep_rows)

    # ------------------------------------------------------------------ staff

    def staff(self) -> None:
        rng, today, ws = self.rng, self.today, self.window_start
        n = self.size.staff
        n_sales = round(n * 0.4)
        # Each staffed branch needs a manager and at least one representative.
        nb = max(1, min(len(self.branches), n_sales // 2))
        n_reps = n_sales - nb
        n_other = n - n_sales
        branch_cw = tuple(accumulate(1.6 if i == 0 else 1.0 for i in range(nb)))

        def years_ago(lo: float, hi: float) -> date:
            return today - timedelta(days=int(rng.uniform(lo, hi) * 365))

        plan: list[tuple[str, int, date]] = []  # position, branch, hire date
        for b in range(nb):
            plan.append((SALES_MANAGER, b, years_ago(6, 14)))
        # The top salesperson and the next few with concentrated books are long-serving.
        for i in range(n_reps):
            b = 0 if i == 0 else _pick(rng, range(nb), branch_cw)
            if i < 4:
                hire = years_ago(6, 12)
            elif rng.random() < 0.12:
                hire = years_ago(0.05, 1.0)
            else:
                hire = years_ago(1.0, 10.0)
            plan.append((SALES_REP, b, hire))
        other_positions, other_cw = _cw(
            [(DISPATCHER, 35), (WAREHOUSE, 30), (FINANCE, 17), (HR, 18)]
        )
        for i in range(n_other):
            if i == 0:
                pos, b = HR, 0
            elif i == 1:
                pos, b = FINANCE, 0
            else:
                pos, b = _pick(rng, other_positions, other_cw), _pick(rng, range(nb), branch_cw)
            hire = years_ago(0.05, 1.0) if rng.random() < 0.1 else years_ago(1.0, 12.0)
            plan.append((pos, b, hire))

        category = {p[0]: p[1] for p in POSITIONS}
        department = {p[0]: p[2] for p in POSITIONS}
        for i, (pos, b, hire) in enumerate(plan):
            name, male = self.names.person()
            emp = _Emp(
                id=self._id("employee"),
                no=f"E{i + 1:05d}",
                name=name,
                male=male,
                branch=b,
                position=pos,
                category=category[pos],
                is_sales=category[pos] == "sales",
                hire=hire,
            )
            self.emps.append(emp)
        managers = self.emps[:nb]
        reps = self.emps[nb : nb + n_reps]
        others = self.emps[nb + n_reps :]
        for emp in self.emps:
            boss = managers[emp.branch]
            if emp is boss:
                emp.manager_id = None if emp.branch == 0 else managers[0].id
            else:
                emp.manager_id = boss.id
        self.top = reps[0]

        # Departures and notices among the ordinary reps and the other staff.
        movable = list(reps[4:] if len(reps) > 5 else reps[1:])
        rng.shuffle(movable)
        n_dep = max(1, round(0.05 * len(reps)))
        n_notice = max(1, round(0.025 * len(reps)))
        n_handover = round(0.01 * len(reps))
        for emp in movable[:n_dep]:
            emp.status = "departed"
            emp.departed_on = _between(rng, ws + timedelta(days=60), today - timedelta(days=20))
            if emp.hire > emp.departed_on - timedelta(days=240):
                emp.hire = emp.departed_on - timedelta(days=rng.randint(240, 2500))
        for emp in movable[n_dep : n_dep + n_notice]:
            emp.status = "notice"
        for emp in movable[n_dep + n_notice : n_dep + n_notice + n_handover]:
            emp.status = "handover"
        others_m = list(others[2:])
        rng.shuffle(others_m)
        n_dep_o = max(1, round(0.03 * len(others))) if len(others) > 4 else 0
        n_notice_o = round(0.01 * len(others))
        for emp in others_m[:n_dep_o]:
            emp.status = "departed"
            emp.departed_on = _between(rng, ws, today - timedelta(days=10))
            if emp.hire > emp.departed_on - timedelta(days=120):
                emp.hire = emp.departed_on - timedelta(days=rng.randint(120, 2000))
        for emp in others_m[n_dep_o : n_dep_o + n_notice_o]:
            emp.status = "notice"

        rows = []
        for emp in self.emps:
            b = self.branches[emp.branch]
            age_at_hire = rng.randint(21, 45)
            born = emp.hire - timedelta(days=age_at_hire * 365 + rng.randint(0, 364))
            home = CITIES[_pick(rng, range(len(CITIES)), self._city_cw)][5]
            probation = 6 if emp.position == SALES_MANAGER else 3
            ts = self._ts(emp.hire)
            rows.append(
                {
                    "id": emp.id,
                    "employee_no": emp.no,
                    "name": emp.name,
                    "phone": self.names.mobile(),
                    "email": None,
                    "id_number": _id_number(rng, home, born, emp.male),
                    "branch_id": b.id,
                    "department_id": b.departments[department[emp.position]],
                    "position_id": self.positions[emp.position],
                    "manager_id": emp.manager_id,
                    "hire_date": emp.hire,
                    "probation_end": _add_months(emp.hire, probation)
                    + timedelta(days=emp.hire.day - 1),
                    "status": emp.status,
                    "is_sales": emp.is_sales,
                    "non_compete": emp.is_sales and rng.random() < 0.7,
                    "confidentiality": rng.random() < 0.9,
                    "departed_on": emp.departed_on,
                    "created_at": ts,
                    "updated_at": self._ts(emp.departed_on) if emp.departed_on else ts,
                    "version": 1,
                }
            )
        # Managers first: the others refer to them.
        self.conn.execute(insert(Employee.__table__), rows)
        self.emp_by_id = {e.id: e for e in self.emps}
        self.done_units += len(rows)
        self._report()

    @property
    def _city_cw(self) -> tuple[float, ...]:
        cw = getattr(self, "_city_cw_cache", None)
        if cw is None:
            cw = tuple(accumulate(c[4] for c in CITIES))
            self._city_cw_cache = cw
        return cw

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

    # ------------------------------------------------------------------ calendar

    def months(self) -> list[_Month]:
        today, ws = self.today, self.window_start
        months: list[_Month] = []
        first = ws
        while first <= today:
            nxt = _add_months(first, 1)
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
                    else (_add_months(at, 1).replace(day=10))
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

    # ------------------------------------------------------------------ follow-ups

    def follow_ups(self, months: list[_Month]) -> None:
        rng, today = self.rng, self.today
        self.stage = STAGE_FOLLOW_UPS
        self._report()
        channels, channel_cw = _cw(CHANNELS)
        weights = tuple(accumulate(math.sqrt(c.weight) + 0.2 for c in self.custs))
        steady = [c for c in self.custs if not c.pool and c.acquired <= self.window_start]
        steady = steady or [c for c in self.custs if not c.pool]
        leaving = {e.id for e in self.emps if e.status in ("notice", "handover")}
        for m in months:
            rows = []
            for _ in range(m.follow_ups):
                for _attempt in range(12):
                    c = self.custs[bisect_right(weights, rng.random() * weights[-1])]
                    d = m.days[rng.randrange(len(m.days))]
                    emp = c.owner_on(d)
                    if emp is not None:
                        break
                else:
                    c = rng.choice(steady)
                    d = max(m.days[rng.randrange(len(m.days))], c.acquired)
                    emp = c.owner_on(d)
                risky = rng.random() < (0.2 if emp in leaving and (today - d).days < 90 else 0.002)
                channel, content, next_step = _follow_up_text(
                    rng, c, d, risky, channels, channel_cw
                )
                rows.append((d, c.id, emp, channel, content, next_step))
            rows.sort(key=lambda r: r[0])
            for d, cid, emp, channel, content, next_step in rows:
                ts = self._ts(d)
                self.sink_follow.add(
                    {
                        "id": self._id("follow_up"),
                        "customer_id": cid,
                        "employee_id": emp,
                        "followed_on": d,
                        "channel": channel,
                        "content": content,
                        "next_step": next_step,
                        "created_at": ts,
                        "updated_at": ts,
                        "version": 1,
                    }
                )
        self.sink_follow.flush()

    # ------------------------------------------------------------------ the demo accounts

    def user_plan(self) -> list[tuple[str, str, str, int | None, int | None]]:
        """(username, role, display name, employee id, branch id) of each demo account."""
        assert self.top is not None
        top = self.top
        branch = self.branches[top.branch]
        manager = self.emp_by_id[top.manager_id] if top.manager_id else top

        def first_active(position: str) -> _Emp | None:
            return next(
                (
                    e
                    for e in self.emps
                    if e.position == position and e.status == "active" and e.branch == top.branch
                ),
                None,
            )

        hr, finance = first_active(HR), first_active(FINANCE)
        return [
            ("hr", Role.HR.value, hr.name if hr else "人事专员", hr.id if hr else None, None),
            ("manager", Role.MANAGER.value, manager.name, manager.id, branch.id),
            (
                "finance",
                Role.FINANCE.value,
                finance.name if finance else "财务专员",
                finance.id if finance else None,
                None,
            ),
            ("sales", Role.SALES.value, top.name, top.id, branch.id),
            ("auditor", Role.AUDITOR.value, "审计员", None, None),
        ]


# =========================================================================== follow-up texts

NORMAL_TEXTS: tuple[tuple[str, str, str | None, int], ...] = (
    ("phone", "电话沟通{o}至{d}运价，客户希望整车价格下调{p}%", "整理成本后重新报价", 14),
    ("visit", "上门拜访{who}，了解下季度发货计划，预计月均{n}票", "发送合作方案", 10),
    ("wechat", "微信确认回单，{mon}月{n}票回单已全部签收回传", "回单原件寄回财务", 12),
    ("phone", "催收{mon}月货款{amt}元，客户答应{day}号前付款", "{day}号跟进到账情况", 12),
    ("phone", "客户反馈{o}到{d}线路时效延误一天，已协调调度加派车辆", "本周内回访确认", 6),
    ("email", "与客户财务对账，{mon}月运单{n}票，金额{amt}元无误", "寄送对账函", 8),
    ("visit", "客户新增{o}至{d}线路需求，约下周看仓", "安排现场勘察", 6),
    ("phone", "旺季备货高峰，确认运力需求约{n}车", "提前锁定车辆", 6),
    ("phone", "客户投诉货损，已拍照取证并提交理赔", "三个工作日内给出理赔方案", 4),
    ("visit", "年度合同续签，客户要求维持现有价格", "报经理审批", 5),
    ("wechat", "邀请{who}参观{o}仓库，客户同意下周来访", "安排接待", 4),
    ("wechat", "客户要求开具增值税专用发票，已核对开票信息", "提交财务开票", 6),
    ("phone", "{who}询问零担时效和保价费率，已发送报价单", "三天后回访", 7),
)
SPRING_TEXT = ("wechat", "发送春节期间停运及复工安排通知", "节后第一周确认发货计划")
COLLECTION_TEXTS = (
    ("phone", "催收逾期货款{amt}元，客户称资金紧张，申请分期", "报财务评估分期方案"),
    ("visit", "上门催收{mon}月欠款，客户承诺月底前先付一半", "月底确认到账"),
    ("phone", "客户多次拖欠运费，已暂停月结，改为款到发货", "通知调度暂停接单"),
)
# Each contains one or more of the words the alerts watch for: 私人, 返点, 个人账户, 转账, 拼多多.
RISK_TEXTS = (
    ("phone", "客户问能否私下走货，运费转到我个人账户，比公司报价低一些", "再约面谈"),
    ("wechat", "客户采购要求返点，约定每月按运费3%返点", "私人微信联系"),
    ("phone", "客户让把这几票运费转账到个人账户，已发卡号", None),
    ("wechat", "客户拼多多店铺发货量大，建议以后直接联系我私人电话", "加私人微信"),
    ("visit", "与客户老板吃饭，谈下个月合作的返点比例", "私下确认"),
)
_NORMAL_CW = tuple(accumulate(t[3] for t in NORMAL_TEXTS))


def _follow_up_text(
    rng: random.Random,
    c: _Cust,
    d: date,
    risky: bool,
    channels: Sequence[str],
    channel_cw: Sequence[float],
) -> tuple[str, str, str | None]:
    if risky:
        channel, content, next_step = rng.choice(RISK_TEXTS)
        return channel, content, next_step
    sf = SPRING_FESTIVAL.get(d.year + (1 if d.month >= 12 else 0))
    if sf is not None and -25 <= (d - sf).days <= -5 and rng.random() < 0.3:
        return SPRING_TEXT
    if c.profile in (PARTIAL, DEFAULTER) and rng.random() < 0.35:
        channel, template, step = rng.choice(COLLECTION_TEXTS)
    else:
        channel, template, step, _ = NORMAL_TEXTS[
            bisect_right(_NORMAL_CW, rng.random() * _NORMAL_CW[-1])
        ]
        if rng.random() < 0.3:
            channel = _pick(rng, channels, channel_cw)
    origin, dest = c.lanes[0]
    prev = _add_months(d.replace(day=1), -1)
    fill = {
        "o": CITY_NAMES[origin],
        "d": CITY_NAMES[dest],
        "p": rng.randint(3, 10),
        "n": rng.randint(3, 120),
        "mon": prev.month,
        "amt": _fmt(int(min(2_000_000.0, rng.lognormvariate(9.6, 1.0) * c.weight)) * 100),
        "day": rng.choice((10, 15, 20, 25, 28)),
        "who": rng.choice(SURNAMES[:40]) + rng.choice(("经理", "总", "主管")),
    }
    return channel, template.format(**fill), step.format(**fill) if step else None


# =========================================================================== entry point


def generate_demo(
    ctx: ServiceContext,
    size: str,
    seed: int = 2026,
    progress: Progress | None = None,
    today: date | None = None,
    commission_plan: bool = False,
) -> DemoSummary:
    """Fill an empty firm with the ``size`` demo dataset; the same seed and day give the same
    data. Everything is written in one transaction; then the demo accounts (hr, manager,
    finance, sales, auditor; password :data:`DEMO_PASSWORD`) are added one by one.

    ``commission_plan`` also sets up the standard 回款提成 plan for the sales positions, so a
    firm tried out from the wizard or ``baton demo`` has commissions to compute; the tests
    and the bench set up their own plans."""
    ctx.require(Action.DEMO_GENERATE)
    spec = SIZES.get(size)
    if spec is None:
        raise ValidationError(MSG_BAD_SIZE, field="size", size=size)
    day = today or ctx.today()
    started = time.perf_counter()
    with ctx.transaction() as s:
        conn = s.connection()
        staff = conn.scalar(select(func.count()).select_from(Employee.__table__)) or 0
        customers = conn.scalar(select(func.count()).select_from(Customer.__table__)) or 0
        if staff or customers:
            raise ValidationError(MSG_NOT_EMPTY)
        sqlite = conn.dialect.name == "sqlite"
        cache = conn.exec_driver_sql("PRAGMA cache_size").scalar() if sqlite else None
        # A bigger page cache for this one transaction keeps the index inserts in memory.
        if sqlite:
            conn.exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")
        try:
            gen = _Generator(s, spec, seed, day, ctx.actor.user_id, progress)
            gen.organisation()
            gen.staff()
            gen.customers()
            months = gen.months()
            gen.orders(months)
            gen.follow_ups(months)
        finally:
            if sqlite:
                conn.exec_driver_sql(f"PRAGMA cache_size = {int(cache or 0)}")
        assert gen.top is not None
        summary = DemoSummary(
            size=size,
            seed=seed,
            today=day,
            branches_created=gen.branches_created,
            departments=gen.departments,
            positions=len(POSITIONS),
            staff=len(gen.emps),
            customers=len(gen.custs),
            contacts=gen.contacts,
            assignments=gen.assignments,
            pool_customers=gen.pool_customers,
            pool_claims=gen.claims,
            orders=gen.sink_order.count,
            receivables=gen.sink_receivable.count,
            payments=gen.sink_payment.count,
            allocations=gen.sink_alloc.count,
            write_offs=gen.write_offs,
            follow_ups=gen.sink_follow.count,
            top_salesperson_id=gen.top.id,
            top_salesperson_customers=gen.top_customers,
        )
        audit.record(
            s,
            "demo.generated",
            "vault",
            ctx.store.db_id,
            {"size": size, "seed": seed, "today": day.isoformat(), "counts": summary.counts()},
        )
        plan = gen.user_plan()
    if progress is not None:
        progress(gen.total_units, gen.total_units, STAGE_USERS)
    users = tuple(_add_demo_user(ctx, *p) for p in plan)
    plan_name = DEMO_PLAN_NAME if commission_plan else ""
    if commission_plan:
        from desktop.services.commissions import plans as commission_plans

        start = date(day.year - 3, 1, 1)
        commission_plans.save_plan(ctx, commission_plans.standard_plan(ctx, plan_name, start))
    # Return the (now large) write-ahead log to the database file and the disk.
    _checkpoint(ctx)
    if progress is not None:
        progress(gen.total_units, gen.total_units, STAGE_DONE)
    elapsed = time.perf_counter() - started
    return DemoSummary(
        **{
            **summary.__dict__,
            "users": users,
            "elapsed_s": round(elapsed, 2),
            "commission_plan": plan_name,
        }
    )


def _checkpoint(ctx: ServiceContext) -> None:
    """Best effort: a reader elsewhere may hold the log open; it is then truncated later."""
    if ctx.on_server:
        return
    raw = ctx.store.engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    except Exception:
        log.warning("demo: could not truncate the write-ahead log", exc_info=True)
    finally:
        raw.close()


def _add_demo_user(
    ctx: ServiceContext,
    username: str,
    role: str,
    display_name: str,
    employee_id: int | None,
    branch_id: int | None,
) -> DemoUser:
    with ctx.transaction() as s:
        exists = s.scalar(select(User.id).where(User.username == username)) is not None
    if exists:
        return DemoUser(username, role, display_name, None, None, created=False)
    info = accounts.add_user(ctx, username, display_name, role, DEMO_PASSWORD, branch_id=branch_id)
    if employee_id is not None:
        with ctx.transaction() as s:
            user = s.get(User, info.id)
            assert user is not None
            user.employee_id = employee_id
    return DemoUser(username, role, display_name, employee_id, branch_id, created=True)


__all__ = [
    "DEMO_PASSWORD",
    "SIZES",
    "DemoSummary",
    "DemoUser",
    "credit_code_check",
    "day_weight",
    "generate_demo",
]
