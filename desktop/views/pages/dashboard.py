"""Dashboard: the firm at a glance — people, customers, money at risk, departures and deadlines."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop.i18n import format_date, format_money
from desktop.services import alerts, dashboard
from desktop.services.alerts import AlertCounts
from desktop.services.changes import Kind
from desktop.services.dashboard import DashboardData
from desktop.services.departures.states import OPEN_VALUES
from desktop.services.permissions import Action, can
from desktop.views.errors import show_error
from desktop.views.pages.base import Page
from desktop.views.qtext import fill
from desktop.views.widgets.charts import BarChart
from desktop.views.widgets.style import set_style_role
from desktop.views.workers import TaskRunner

BUCKET_COLOURS = ("#4caf50", "#8bc34a", "#ffc107", "#ff9800", "#f4511e", "#b71c1c", "#6d0000")


class Card(QFrame):
    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("—")
        self.value.setObjectName("cardValue")
        self.caption = QLabel(caption)
        set_style_role(self.caption, "role", "hint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set(self, value: str | None) -> None:
        self.setVisible(value is not None)
        self.value.setText(value or "—")


def _count(n: int | None) -> str | None:
    return None if n is None else f"{n:,}"


def _money(value: object) -> str | None:
    return None if value is None else format_money(value)  # type: ignore[arg-type]


def state_label(state: str) -> str:
    return {
        "draft": QCoreApplication.translate("DashboardPage", "draft"),
        "submitted": QCoreApplication.translate("DashboardPage", "submitted"),
        "approved": QCoreApplication.translate("DashboardPage", "approved"),
        "in_handover": QCoreApplication.translate("DashboardPage", "in handover"),
        "awaiting_confirmation": QCoreApplication.translate(
            "DashboardPage", "awaiting confirmation"
        ),
    }.get(state, state)


class DashboardPage(Page):
    action = Action.DASHBOARD_VIEW
    watches = frozenset(
        {
            Kind.BUSINESS_SETTINGS,
            Kind.USERS,
            Kind.COMPANY,
            Kind.KEYS,
            Kind.BACKUP,
            Kind.EMPLOYEES,
            Kind.CUSTOMERS,
            Kind.RECEIVABLES,
            Kind.PAYMENTS,
            Kind.DEPARTURES,
            Kind.ALERTS,
        }
    )

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.heading = QLabel()
        set_style_role(self.heading, "role", "heading")
        self.cards = {
            "staff": Card(self.tr("Current staff")),
            "leaving": Card(self.tr("Leaving (notice or handover)")),
            "customers": Card(self.tr("Customers")),
            "pool": Card(self.tr("In the public pool")),
            "outstanding": Card(self.tr("Receivables outstanding")),
            "overdue": Card(self.tr("Overdue")),
        }
        cards = QGridLayout()
        for i, card in enumerate(self.cards.values()):
            cards.addWidget(card, i // 3, i % 3)
        self.aging_chart = BarChart(self.tr("Receivables at risk, by days overdue"))
        self.cases_chart = BarChart(self.tr("Open departure cases"))
        self.deadlines = QLabel()
        self.deadlines.setWordWrap(True)
        self.deadlines.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.deadlines.setTextFormat(Qt.TextFormat.RichText)
        charts = QGridLayout()
        charts.addWidget(self.aging_chart, 0, 0)
        charts.addWidget(self.cases_chart, 0, 1)
        self.alerts_chart = BarChart(self.tr("Open alerts by severity"))
        self.alerts_chart.hide()
        charts.addWidget(self.alerts_chart, 1, 0)
        charts.addWidget(self.deadlines, 1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(cards)
        layout.addLayout(charts)
        layout.addStretch()

    def title(self) -> str:
        return self.tr("Dashboard")

    def refresh(self) -> None:
        """Read the figures in the background: on a large firm the aging takes a moment, and
        the window must be usable at once after unlock."""
        if self.ctx is None:
            return
        ctx = self.ctx
        self.runner.start(
            dashboard.summary,
            ctx,
            on_done=lambda data: self.show_data(data) if self.ctx is ctx else None,
            on_error=self._failed,
        )
        self.alerts_chart.setVisible(can(ctx.actor.role, Action.ALERTS_VIEW))
        if can(ctx.actor.role, Action.ALERTS_VIEW):
            self.runner.start(
                alerts.open_counts,
                ctx,
                on_done=lambda c: self.show_alerts(c) if self.ctx is ctx else None,
                on_error=self._failed,
            )

    def show_alerts(self, counts: AlertCounts) -> None:
        """Open (and acknowledged) alerts by severity: a signal to look closer."""
        self.alerts_chart.set_bars(
            [
                (self.tr("high"), float(counts.high), str(counts.high), "#b00020"),
                (self.tr("medium"), float(counts.medium), str(counts.medium), "#f9a825"),
                (self.tr("low"), float(counts.low), str(counts.low), "#90a4ae"),
            ],
            self.tr("No open alerts."),
        )

    def _failed(self, exc: BaseException) -> None:
        if self.ctx is not None:
            show_error(self, exc)

    def show_data(self, d: DashboardData) -> None:
        self.heading.setText(d.company)
        self.cards["staff"].set(_count(d.staff_current))
        self.cards["leaving"].set(_count(d.leaving))
        self.cards["customers"].set(_count(d.customers_owned))
        self.cards["pool"].set(_count(d.customers_in_pool))
        self.cards["outstanding"].set(_money(d.outstanding))
        self.cards["overdue"].set(_money(d.overdue))
        self.aging_chart.setVisible(d.buckets is not None)
        if d.buckets is not None:
            bars = [
                (self.tr("not yet due"), float(d.not_due or 0), format_money(d.not_due), "#90a4ae")
            ]
            bars += [
                (
                    fill(self.tr("%1 days"), b.label),
                    float(b.outstanding),
                    format_money(b.outstanding),
                    BUCKET_COLOURS[min(i, 6)],
                )
                for i, b in enumerate(d.buckets)
            ]
            empty = self.tr("No receivables outstanding.")
            if d.no_receivables:
                empty = self.tr(
                    "No receivables yet: import the invoices, or import the waybills with "
                    "“Raise a receivable for each waybill”."
                )
            self.aging_chart.set_bars(bars, empty)
        self.cases_chart.setVisible(d.cases_by_state is not None)
        self.deadlines.setVisible(d.deadlines is not None)
        if d.cases_by_state is not None:
            order = OPEN_VALUES
            self.cases_chart.set_bars(
                [
                    (
                        state_label(s),
                        float(d.cases_by_state.get(s, 0)),
                        str(d.cases_by_state.get(s, 0)),
                        "#1f6feb",
                    )
                    for s in order
                ],
                self.tr("No open departure cases."),
            )
        if d.deadlines is not None:
            if not d.deadlines:
                self.deadlines.setText(
                    "<b>"
                    + self.tr("Deadlines")
                    + "</b><br>"
                    + self.tr("Nothing due in the next two weeks.")
                )
            else:
                lines = []
                for line in d.deadlines:
                    title = QCoreApplication.translate("Departures", line.title).format(
                        **line.params
                    )
                    colour = "#b00020" if line.overdue else "#333"
                    when = (
                        fill(self.tr("overdue since %1"), format_date(line.due_on))
                        if line.overdue
                        else format_date(line.due_on)
                    )
                    text = f"{when} · {line.case_number} {line.employee_name} · {title}"
                    lines.append(f"<span style='color:{colour}'>{escape(text)}</span>")
                self.deadlines.setText(
                    "<b>" + self.tr("Deadlines") + "</b><br>" + "<br>".join(lines)
                )

    def clear(self) -> None:
        super().clear()
        self.heading.clear()
        for card in self.cards.values():
            card.value.setText("—")
        self.aging_chart.set_bars([])
        self.cases_chart.set_bars([])
        self.deadlines.clear()
