"""Business rules the firm may change (aging buckets, provision rates, thresholds).

Why a declarative table (like qutebrowser's ``configdata.yml``): each rule's type, default and
meaning live in one place; code reads typed values with :func:`get`; :func:`set` validates
before it stores, only an administrator may change a rule, and the change is audited like any
row (the settings live in the ``business_setting`` table as JSON text).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.models.organisation import BusinessSetting
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.permissions import Action

AGING_BUCKETS = "aging_buckets"
AGING_BASIS = "aging_basis"
PROVISION_MODE = "provision_mode"
PROVISION_LADDER = "provision_ladder"
EXPORT_APPROVAL_THRESHOLD = "export_approval_threshold"
EXPORT_WINDOW_DAYS = "export_window_days"
ORDER_LOCK_FROM = "order_lock_from"
NOTICE_RESTRICTIONS = "notice_restrictions"
SUCCESSOR_LOAD_MARGIN = "successor_load_margin"
PROTECTION_MONTHS = "protection_months"
# Legal defaults of a departure (SPEC §3, PRC Labor Contract Law): each may be made stricter for
# the firm, never laxer than the law (the ranges below keep that).
NOTICE_DAYS = "notice_days"
PROBATION_NOTICE_DAYS = "probation_notice_days"
PERSONNEL_FILE_DAYS = "personnel_file_days"
SOCIAL_INSURANCE_DAYS = "social_insurance_days"
RECORD_RETENTION_YEARS = "record_retention_years"
PERSONAL_DATA_RETENTION_YEARS = "personal_data_retention_years"
NON_COMPETE_MAX_MONTHS = "non_compete_max_months"
NON_COMPETE_MIN_PERCENT = "non_compete_min_percent"
NON_COMPETE_UNPAID_MONTHS = "non_compete_unpaid_months"
LOCAL_MINIMUM_WAGE = "local_minimum_wage"
COMMISSION_REFERENCE_WAGE = "commission_reference_wage"
DEFAULT_SALES_PLAN = "default_sales_plan"

#: No provision: the Small Enterprise Accounting Standard writes a loss off when it happens.
MODE_NONE = "none"
#: A rate per band of years overdue (账龄分析法).
MODE_LADDER = "ladder"

#: Age counted from the due date (days overdue) or from the invoice date (账龄 from issue).
BASIS_DUE = "due"
BASIS_ISSUED = "issued"


@dataclass(frozen=True)
class LadderStep:
    """Provision ``rate`` for receivables less than ``below_years`` years old (None: the rest)."""

    below_years: int | None
    rate: Decimal


@dataclass(frozen=True)
class ProvisionPolicy:
    mode: str
    ladder: tuple[LadderStep, ...]


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    description: str
    parse: Callable[[Any], Any]
    to_json: Callable[[Any], Any] = lambda v: v


@dataclass(frozen=True)
class SettingInfo:
    """One rule as the settings page shows it: ``value`` is typed, ``is_default`` when unset."""

    key: str
    value: Any
    default: Any
    description: str
    is_default: bool


def _invalid(key: str, value: Any) -> ValidationError:
    return ValidationError(
        QT_TRANSLATE_NOOP("Errors", "{value} is not a valid value for the setting {key}."),
        field=key,
        key=key,
        value=str(value)[:80],
    )


def _int_between(key: str, low: int, high: int) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise _invalid(key, value)
        try:
            number = int(value)
        except ValueError:
            raise _invalid(key, value) from None
        if not low <= number <= high:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "The setting {key} must be between {low} and {high} (not {value})."
                ),
                field=key,
                key=key,
                low=low,
                high=high,
                value=number,
            )
        return number

    return parse


def _choice(key: str, choices: tuple[str, ...]) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if value not in choices:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "The setting {key} must be one of {choices} (not {value})."
                ),
                field=key,
                key=key,
                choices=", ".join(choices),
                value=str(value)[:40],
            )
        return str(value)

    return parse


def _on_off(key: str) -> Callable[[Any], bool]:
    def parse(value: Any) -> bool:
        if not isinstance(value, bool):
            raise _invalid(key, value)
        return value

    return parse


def _parse_buckets(value: Any) -> tuple[int, ...]:
    """Upper bounds in days, strictly increasing: (30, 60) means 0-30, 31-60, over 60."""
    if not isinstance(value, list | tuple) or not 1 <= len(value) <= 12:
        raise _invalid(AGING_BUCKETS, value)
    bounds: list[int] = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, int) or item < 1 or item > 36500:
            raise _invalid(AGING_BUCKETS, value)
        if bounds and item <= bounds[-1]:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Aging bucket limits must increase from one bucket to the next ({value}).",
                ),
                field=AGING_BUCKETS,
                value=", ".join(str(v) for v in value),
            )
        bounds.append(item)
    return tuple(bounds)


def _rate(value: Any) -> Decimal:
    if isinstance(value, float | bool):
        raise _invalid(PROVISION_LADDER, value)
    try:
        rate = Decimal(str(value))
    except InvalidOperation:
        raise _invalid(PROVISION_LADDER, value) from None
    if not rate.is_finite() or not Decimal(0) <= rate <= Decimal(1):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors", "A provision rate must be between 0 and 1 (100%), not {value}."
            ),
            field=PROVISION_LADDER,
            value=str(value),
        )
    return rate


def _parse_ladder(value: Any) -> tuple[LadderStep, ...]:
    """Steps with increasing year limits, rates that never fall, and a last open-ended step."""
    if not isinstance(value, list | tuple) or not value:
        raise _invalid(PROVISION_LADDER, value)
    steps: list[LadderStep] = []
    for item in value:
        if isinstance(item, LadderStep):
            below, rate = item.below_years, item.rate
        elif isinstance(item, dict) and frozenset(item) == {"below_years", "rate"}:
            below, rate = item["below_years"], item["rate"]
        else:
            raise _invalid(PROVISION_LADDER, value)
        if below is not None and (isinstance(below, bool) or not isinstance(below, int)):
            raise _invalid(PROVISION_LADDER, value)
        steps.append(LadderStep(below, _rate(rate)))
    limits = [s.below_years for s in steps]
    if limits[-1] is not None or any(v is None for v in limits[:-1]):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors", "The last provision step, and only the last, must have no year limit."
            ),
            field=PROVISION_LADDER,
        )
    years = [v for v in limits if v is not None]
    if any(y < 1 for y in years) or any(b <= a for a, b in itertools.pairwise(years)):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors", "Provision steps must cover increasing whole numbers of years."
            ),
            field=PROVISION_LADDER,
        )
    rates = [s.rate for s in steps]
    if any(b < a for a, b in itertools.pairwise(rates)):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors", "A provision rate cannot fall as a receivable grows older."
            ),
            field=PROVISION_LADDER,
        )
    return tuple(steps)


def _ladder_json(steps: tuple[LadderStep, ...]) -> list[dict[str, Any]]:
    # Rates as strings: JSON numbers would come back as floats.
    return [{"below_years": s.below_years, "rate": str(s.rate)} for s in steps]


DEFAULT_LADDER = (
    LadderStep(1, Decimal("0.05")),
    LadderStep(2, Decimal("0.10")),
    LadderStep(3, Decimal("0.25")),
    LadderStep(4, Decimal("0.75")),
    LadderStep(None, Decimal("1")),
)

SETTINGS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec(
            AGING_BUCKETS,
            (30, 60, 90, 180, 365),
            QT_TRANSLATE_NOOP(
                "BusinessSettings",
                "Upper limits of the aging buckets in days: 30, 60, 90, 180, 365 gives 0-30, "
                "31-60, 61-90, 91-180, 181-365 and over 365 days.",
            ),
            _parse_buckets,
            list,
        ),
        SettingSpec(
            AGING_BASIS,
            BASIS_DUE,
            QT_TRANSLATE_NOOP(
                "BusinessSettings",
                "Count a receivable's age from its due date (days overdue; amounts not yet due "
                "are shown apart) or from its invoice date.",
            ),
            _choice(AGING_BASIS, (BASIS_DUE, BASIS_ISSUED)),
        ),
        SettingSpec(
            PROVISION_MODE,
            MODE_NONE,
            QT_TRANSLATE_NOOP(
                "BusinessSettings",
                "Bad-debt provision: none (Small Enterprise Accounting Standard: a loss is "
                "written off only when it happens) or a ladder of rates by years overdue.",
            ),
            _choice(PROVISION_MODE, (MODE_NONE, MODE_LADDER)),
        ),
        SettingSpec(
            PROVISION_LADDER,
            DEFAULT_LADDER,
            QT_TRANSLATE_NOOP(
                "BusinessSettings",
                "Provision rates by age: under 1 year 5%, 1-2 years 10%, 2-3 years 25%, 3-4 "
                "years 75%, 4 years and more 100%.",
            ),
            _parse_ladder,
            _ladder_json,
        ),
        SettingSpec(
            EXPORT_APPROVAL_THRESHOLD,
            200,
            QT_TRANSLATE_NOOP(
                "BusinessSettings",
                "Rows one person may export or print within the export window without "
                "approval; above it an export needs approval by two people.",
            ),
            _int_between(EXPORT_APPROVAL_THRESHOLD, 1, 1_000_000),
        ),
        SettingSpec(
            EXPORT_WINDOW_DAYS,
            7,
            QT_TRANSLATE_NOOP(
                "BusinessSettings",
                "Days over which the rows a person exports are added up against the limit.",
            ),
            _int_between(EXPORT_WINDOW_DAYS, 1, 366),
        ),
        SettingSpec(
            ORDER_LOCK_FROM,
            "notice",
            QT_TRANSLATE_NOOP(
                "BusinessSettings",
                "New orders stop being attributed to a departing employee from the notice "
                "date (default) or from the approval of the departure.",
            ),
            _choice(ORDER_LOCK_FROM, ("approval", "notice")),
        ),
        SettingSpec(
            NOTICE_RESTRICTIONS,
            True,
            QT_TRANSLATE_NOOP(
                "BusinessSettings",
                "From the notice date of a submitted departure case the leaver's account may "
                "not export or print customer lists, claim or release customers or change "
                "ownership, and each customer they open is audited.",
            ),
            _on_off(NOTICE_RESTRICTIONS),
        ),
        SettingSpec(
            SUCCESSOR_LOAD_MARGIN,
            10,
            QT_TRANSLATE_NOOP(
                "BusinessSettings",
                "Suggested successors are not given more customers than the firm's median book "
                "plus this many, unless nobody else fits.",
            ),
            _int_between(SUCCESSOR_LOAD_MARGIN, 0, 100_000),
        ),
        SettingSpec(
            PROTECTION_MONTHS,
            12,
            QT_TRANSLATE_NOOP(
                "BusinessSettings",
                "Months after a departure during which a former customer's orders are watched.",
            ),
            _int_between(PROTECTION_MONTHS, 0, 60),
        ),
        SettingSpec(
            NOTICE_DAYS,
            30,
            QT_TRANSLATE_NOOP(
                "BusinessSettings",
                "Days of written notice before the last working day (the law: 30; it cannot "
                "be lengthened).",
            ),
            _int_between(NOTICE_DAYS, 1, 30),
        ),
        SettingSpec(
            PROBATION_NOTICE_DAYS,
            3,
            QT_TRANSLATE_NOOP(
                "BusinessSettings",
                "Days of notice during the probation period (the law: 3).",
            ),
            _int_between(PROBATION_NOTICE_DAYS, 1, 3),
        ),
        SettingSpec(
            PERSONNEL_FILE_DAYS,
            15,
            QT_TRANSLATE_NOOP(
                "BusinessSettings",
                "Days after the termination date within which the personnel file is "
                "transferred (the law: at most 15).",
            ),
            _int_between(PERSONNEL_FILE_DAYS, 1, 15),
        ),
        SettingSpec(
            SOCIAL_INSURANCE_DAYS,
            15,
            QT_TRANSLATE_NOOP(
                "BusinessSettings",
                "Days after the termination date within which social insurance is transferred "
                "(the law: at most 15).",
            ),
            _int_between(SOCIAL_INSURANCE_DAYS, 1, 15),
        ),
        SettingSpec(
            RECORD_RETENTION_YEARS,
            2,
            QT_TRANSLATE_NOOP(
                "BusinessSettings",
                "Years an ended contract and its handover records are kept (the law: at least 2).",
            ),
            _int_between(RECORD_RETENTION_YEARS, 2, 30),
        ),
        SettingSpec(
            PERSONAL_DATA_RETENTION_YEARS,
            3,
            QT_TRANSLATE_NOOP(
                "BusinessSettings",
                "Years after departure before a former employee's personal fields (ID number, "
                "phone, e-mail, wage) are purged; business records stay (PIPL art. 19).",
            ),
            _int_between(PERSONAL_DATA_RETENTION_YEARS, 2, 30),
        ),
        SettingSpec(
            NON_COMPETE_MAX_MONTHS,
            24,
            QT_TRANSLATE_NOOP(
                "BusinessSettings",
                "Longest non-compete period in months (the law: at most 24).",
            ),
            _int_between(NON_COMPETE_MAX_MONTHS, 0, 24),
        ),
        SettingSpec(
            NON_COMPETE_MIN_PERCENT,
            30,
            QT_TRANSLATE_NOOP(
                "BusinessSettings",
                "Lowest monthly non-compete compensation, in percent of the average monthly "
                "wage of the last 12 months (default 30).",
            ),
            _int_between(NON_COMPETE_MIN_PERCENT, 30, 100),
        ),
        SettingSpec(
            NON_COMPETE_UNPAID_MONTHS,
            3,
            QT_TRANSLATE_NOOP(
                "BusinessSettings",
                "Months of unpaid non-compete compensation after which the employee may end "
                "the restriction; Baton alerts then (the law: 3).",
            ),
            _int_between(NON_COMPETE_UNPAID_MONTHS, 1, 3),
        ),
        SettingSpec(
            LOCAL_MINIMUM_WAGE,
            0,
            QT_TRANSLATE_NOOP(
                "BusinessSettings",
                "The local monthly minimum wage in yuan, the floor of non-compete "
                "compensation (0: not set yet).",
            ),
            _int_between(LOCAL_MINIMUM_WAGE, 0, 100_000),
        ),
        SettingSpec(
            COMMISSION_REFERENCE_WAGE,
            0,
            QT_TRANSLATE_NOOP(
                "BusinessSettings",
                "The monthly wage in yuan, before commission, against which a commission "
                "clawback is capped (at most 20% of the month's wage, never below the local "
                "minimum wage) when a departure case gives no average wage (0: not set).",
            ),
            _int_between(COMMISSION_REFERENCE_WAGE, 0, 1_000_000),
        ),
        SettingSpec(
            DEFAULT_SALES_PLAN,
            0,
            QT_TRANSLATE_NOOP(
                "BusinessSettings",
                "The commission plan (its number) that covers every sales position no plan "
                "names, including positions added later (0: none); the standard plan offered "
                "when the firm is set up is entered here.",
            ),
            _int_between(DEFAULT_SALES_PLAN, 0, 2_000_000_000),
        ),
    )
}


def _spec(key: str) -> SettingSpec:
    spec = SETTINGS.get(key)
    if spec is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "There is no setting named {key}."), key=key)
    return spec


_CACHE = "baton.business_settings"


def _stored_in(session: Session) -> dict[str, str]:
    """Every stored setting, read once per unit of work: listing 100 departure cases asks
    for each case's deadline rules, which would otherwise be a query per rule per case.
    A unit of work is one session (``ServiceContext.transaction``); :func:`set` forgets it."""
    stored = session.info.get(_CACHE)
    if stored is None:
        rows = session.execute(select(BusinessSetting.key, BusinessSetting.value))
        stored = {key: value for key, value in rows}
        session.info[_CACHE] = stored
    return stored


def value_in(session: Session, key: str) -> Any:
    """The typed value of ``key`` read inside an open unit of work (for other services).

    A stored value that no longer validates (written by an older version) falls back to the
    default rather than breaking every report that reads it.
    """
    spec = _spec(key)
    raw = _stored_in(session).get(key)
    if raw is None:
        return spec.default
    try:
        return spec.parse(json.loads(raw, parse_float=Decimal))
    except (ValidationError, ValueError):
        return spec.default


def policy_in(session: Session) -> ProvisionPolicy:
    """The provision mode and ladder, read together."""
    return ProvisionPolicy(value_in(session, PROVISION_MODE), value_in(session, PROVISION_LADDER))


def get(ctx: ServiceContext, key: str) -> Any:
    """The typed value of a business setting (its default until someone sets it)."""
    ctx.require(Action.COMPANY_VIEW)
    with ctx.read() as s:
        return value_in(s, key)


def setting_text(key: str, value: Any) -> str:
    """A setting's value as :func:`set` takes it back (JSON), for a command line or a log."""
    return json.dumps(_spec(key).to_json(value), ensure_ascii=False, default=str)


def list_settings(ctx: ServiceContext) -> list[SettingInfo]:
    """Every business setting with its current and default value, in table order."""
    ctx.require(Action.COMPANY_VIEW)
    with ctx.read() as s:
        stored = frozenset(s.scalars(select(BusinessSetting.key)))
        return [
            SettingInfo(k, value_in(s, k), spec.default, spec.description, k not in stored)
            for k, spec in SETTINGS.items()
        ]


def set(ctx: ServiceContext, key: str, value: Any) -> Changes:
    """Validate and store a business setting (administrators only; audited).

    Named after what it does in this module's vocabulary (``business_settings.set``); it shadows
    the builtin inside this module only, which therefore never calls ``set()``.
    """
    ctx.require(Action.SETTINGS_BUSINESS_EDIT)
    with ctx.transaction() as s:
        set_in(s, key, value)
    return Changes.of(Kind.BUSINESS_SETTINGS)


def set_in(session: Session, key: str, value: Any) -> None:
    """:func:`set` inside an open unit of work (the caller checked the permission)."""
    spec = _spec(key)
    parsed = spec.parse(value)
    text = json.dumps(spec.to_json(parsed), ensure_ascii=False)
    session.info.pop(_CACHE, None)
    row = session.get(BusinessSetting, key)
    if row is None:
        session.add(BusinessSetting(key=key, value=text))
    elif row.value != text:
        row.value = text


def reset(ctx: ServiceContext, key: str) -> Changes:
    """Return a business setting to its default (administrators only; audited)."""
    ctx.require(Action.SETTINGS_BUSINESS_EDIT)
    _spec(key)
    with ctx.transaction() as s:
        s.info.pop(_CACHE, None)
        row = s.get(BusinessSetting, key)
        if row is not None:
            s.delete(row)
    return Changes.of(Kind.BUSINESS_SETTINGS)
