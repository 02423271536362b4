"""The kinds and states of commission plans, periods and lines (StrEnums stored as text).

Separate from :mod:`desktop.models.commissions`, which re-exports them for its tables, so that
the pure rules (:mod:`desktop.services.commissions.rules`) can use them without importing
SQLAlchemy or the models.
"""

from __future__ import annotations

from enum import StrEnum


class PlanBase(StrEnum):
    REVENUE = "revenue"
    MARGIN = "margin"


class PlanTrigger(StrEnum):
    ORDER = "order"
    PAYMENT = "payment"


class RateMode(StrEnum):
    FLAT = "flat"
    TIERED = "tiered"


class TierMode(StrEnum):
    """Marginal: each tier's rate applies to the part of the monthly base inside it.
    Whole: the rate of the tier the whole monthly base reaches applies to all of it."""

    MARGINAL = "marginal"
    WHOLE = "whole"


class WindowRule(StrEnum):
    """Who earns on orders dated in the handover window (notice date … last working day)."""

    DEPARTING = "departing"
    SUCCESSOR = "successor"
    SPLIT = "split"
    COMPANY = "company"


class AfterRule(StrEnum):
    """What happens to commission on money collected after the last working day."""

    PAY = "pay"
    PAY_WITHIN = "pay_within"
    FORFEIT = "forfeit"
    COLLECTOR = "collector"


class PeriodState(StrEnum):
    OPEN = "open"
    COMPUTED = "computed"
    APPROVED = "approved"
    LOCKED = "locked"
    PAID = "paid"


class LineSource(StrEnum):
    ORDER = "order"
    PAYMENT = "payment"
    WRITE_OFF = "write_off"


class LineStatus(StrEnum):
    ACCRUED = "accrued"
    APPROVED = "approved"
    PAID = "paid"
    WITHHELD = "withheld"
    FORFEITED = "forfeited"
    CLAWED_BACK = "clawed_back"
