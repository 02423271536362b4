"""Following a record link (an alert's evidence) to the page that shows the record.

A case opens on the Departures page; a customer, an employee, an order or an invoice is shown
alone and selected on its list (its detail opens; "Show all" brings the list back); a
follow-up is shown on its customer, on the follow-ups tab. A page the user may not see is
not opened, and a record out of their scope shows an empty list, as a search would."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.services import alerts
from desktop.views.errors import show_error
from desktop.views.pages.customers import CustomersPage
from desktop.views.pages.listing import ListPage
from desktop.views.pages.orders import OrdersPage
from desktop.views.pages.staff import StaffPage

if TYPE_CHECKING:
    from desktop.views.main_window import MainWindow
    from desktop.views.pages.base import Page

#: The kinds of record a link can name.
KINDS = ("case", "customer", "employee", "order", "receivable", "followup")


def _go(window: MainWindow, page: Page) -> bool:
    """Make ``page`` the current page; False if the user may not see it."""
    index = window.pages.index(page)
    if window.ctx is None or window.nav.item(index).isHidden():
        return False
    window.nav.setCurrentRow(index)
    return True


def _show_alone(window: MainWindow, page: ListPage, record_id: int) -> ListPage | None:
    # The record first, so the page's first load already asks for it alone.
    page.show_record(record_id)
    if not _go(window, page):
        page.show_all(reload=False)
        return None
    return page


def follow(window: MainWindow, kind: str, ident: int) -> None:
    """Open the record ``kind``:``ident`` in ``window``."""
    if window.ctx is None:
        return
    if kind == "case":
        window.open_case(ident)
    elif kind == "customer":
        _show_alone(window, window.page_of(CustomersPage), ident)  # type: ignore[arg-type]
    elif kind == "employee":
        _show_alone(window, window.page_of(StaffPage), ident)  # type: ignore[arg-type]
    elif kind in ("order", "receivable"):
        orders = window.page_of(OrdersPage)
        assert isinstance(orders, OrdersPage)
        target = orders.orders if kind == "order" else orders.invoices
        target.show_record(ident)
        if not _go(window, orders):
            target.show_all(reload=False)
            return
        orders.tabs.setCurrentWidget(target)
    elif kind == "followup":
        ctx = window.ctx

        def shown(customer_id: int) -> None:
            if window.ctx is not ctx:
                return
            page = window.page_of(CustomersPage)
            assert isinstance(page, CustomersPage)
            if _show_alone(window, page, customer_id) is not None:
                page.pane.setCurrentWidget(page.pane.followups)

        window.runner.start(
            alerts.followup_customer,
            ctx,
            ident,
            on_done=shown,
            on_error=lambda exc: show_error(window, exc),
        )
