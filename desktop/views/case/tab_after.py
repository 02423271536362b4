"""The After departure tab: the former customers over the protection period (orders,
revenue, money collected), read when the tab is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QLabel,
    QVBoxLayout,
)

from desktop.errors import BatonError
from desktop.i18n import format_date, format_money
from desktop.services.departures import (
    CaseDetail,
)
from desktop.services.departures import aftermath as post_departure
from desktop.services.departures.aftermath import CustomerOutcome, PostDepartureReport
from desktop.services.permissions import Action
from desktop.views.case.common import (
    CaseTab,
    _figure,
    _fit,
    _percent,
    _rate,
    _table_view,
)
from desktop.views.errors import show_error, translate_error
from desktop.views.qtext import fill
from desktop.views.widgets.rows import (
    OVERDUE_FG,
    Column,
    RowsModel,
)
from desktop.views.widgets.style import set_style_role

if TYPE_CHECKING:
    from desktop.views.case.screen import CaseScreen


class AfterTab(CaseTab):
    """Former customers over the protection period: orders, revenue, money collected."""

    def __init__(self, screen: CaseScreen) -> None:
        super().__init__(screen)
        self.report: PostDepartureReport | None = None
        self.loaded_for: int | None = None
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.note = QLabel(
            self.tr(
                "A customer that orders less is a <b>risk signal, not proof</b>: a customer may "
                "lawfully follow a person it trusts, or simply ship less. Look into it before "
                "drawing conclusions."
            )
        )
        self.note.setWordWrap(True)
        set_style_role(self.note, "role", "notice")
        self.model = RowsModel(
            [
                Column(self.tr("Customer"), lambda r: f"{r.code} {r.name}"),
                Column(self.tr("Owner now"), lambda r: r.owner_now_name or "—"),
                Column(self.tr("Orders before"), lambda r: r.orders_before, align_right=True),
                _figure(self.tr("Revenue before"), "revenue_before", format_money),
                Column(self.tr("Orders since"), lambda r: r.orders_since, align_right=True),
                _figure(self.tr("Revenue since"), "revenue_since", format_money),
                _figure(self.tr("Churn"), "churn_percent", _percent),
                _figure(
                    self.tr("Receivable at departure"), "outstanding_at_departure", format_money
                ),
                _figure(self.tr("Collected since"), "collected_since", format_money),
                _figure(self.tr("Recovery"), "recovery_rate", _rate),
            ]
        )
        self.model.colours = self._colours
        self.table = _table_view(self.model, multi=False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)

    def _colours(self, r: CustomerOutcome, column: int) -> Any:
        if r.stopped or (r.churn_percent is not None and r.churn_percent >= 50):
            return (OVERDUE_FG, None) if column in (0, 6) else None
        return None

    def show_case(self, detail: CaseDetail) -> None:
        if self.loaded_for != detail.case.id:
            self.report = None
            self.model.set_rows([])
            self.headline.setText(self.tr("Loading…"))

    def load(self) -> None:
        """Read the report (when the tab is shown; it is not needed otherwise)."""
        if self.ctx is None or self.detail is None or self.loaded_for == self.detail.case.id:
            return
        if not self.role_can(Action.REPORTS_VIEW):
            self.headline.setText(self.tr("Your role does not show this report."))
            return
        case_id = self.detail.case.id
        self.loaded_for = case_id
        self.screen.runner.start(
            post_departure.post_departure_report,
            self.ctx,
            case_id,
            on_done=self._show,
            on_error=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        self.loaded_for = None
        if isinstance(exc, BatonError):
            self.headline.setText(translate_error(exc))
        else:
            show_error(self, exc)

    def _show(self, report: PostDepartureReport) -> None:
        if self.detail is None or report.case_id != self.detail.case.id:
            return
        self.report = report
        self.headline.setText(
            fill(
                self.tr(
                    "<b>%1 former customers</b>, %2 to %3 against the %4 months before. Revenue "
                    "%5 → %6 (churn %7); %8 stopped ordering. Receivables at departure %9, "
                    "collected since %10 (recovery %11)."
                ),
                len(report.customers),
                format_date(report.last_day),
                format_date(report.since_until),
                report.months_before,
                format_money(report.revenue_before),
                format_money(report.revenue_since),
                _percent(report.churn_percent),
                report.stopped_customers,
                format_money(report.outstanding_at_departure),
                format_money(report.collected_since),
                _rate(report.recovery_rate),
            )
        )
        if report.as_of <= report.last_day:
            self.headline.setText(
                self.headline.text()
                + "<br>"
                + fill(
                    self.tr(
                        "The last working day (%1) has not passed yet: the columns “since” "
                        "fill from the day after it."
                    ),
                    format_date(report.last_day),
                )
            )
        self.model.set_rows(report.customers)
        _fit(self.table, (30, 12, 8, 14, 8, 14, 8, 14, 14, 8))

    def clear(self) -> None:
        self.report = None
        self.loaded_for = None
        self.model.set_rows([])
        self.headline.clear()
