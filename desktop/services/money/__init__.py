"""The money trail: orders (运单), invoices (receivables), payments and their aging, exact to
the fen.

Why together: an order is invoiced, an invoice is paid in parts, and what is left is aged and
provided for; each step keeps the next one's numbers right in the same transaction (a payment
allocation raises ``Receivable.paid`` in the unit of work that records it). Amounts are
``Decimal`` end to end; the database holds integer fen, and the aging sums those integers, so
every total is exact.

Scope (see :mod:`desktop.services.scope`): sales see the orders and receivables of customers
they own today or attributed to themselves; managers those of their branch; finance, admin and
auditors everything.

The modules, imported here in dependency order: :mod:`.common` (scope and person checks all
steps share), :mod:`.orders`, :mod:`.receivables`, :mod:`.payments`, :mod:`.aging`.
"""

from desktop.services.money.aging import (
    AGING_FILTERS,
    RATE,
    AgingBucket,
    AgingGroup,
    AgingReport,
    EmployeeReceivables,
    age_receivables,
    aging_in,
    bucket_index,
    employee_receivables,
    export_aging,
    provision_for,
    provision_rate,
    risk_coefficient,
)
from desktop.services.money.common import (
    ZERO,
)
from desktop.services.money.orders import (
    MSG_ORDER_NOT_FOUND,
    ORDER_FILTERS,
    ORDER_SORTS,
    ORDERS,
    OrderInput,
    OrderRow,
    count_orders,
    create_order,
    export_orders,
    list_orders,
    orders_in,
    total_orders,
    update_order,
)
from desktop.services.money.payments import (
    PAYMENT_FILTERS,
    PAYMENTS,
    Allocation,
    PaymentInput,
    PaymentRow,
    allocate_payment,
    count_payments,
    export_payments,
    list_payments,
    record_payment,
    suggest_allocation,
    total_payments,
)
from desktop.services.money.receivables import (
    MSG_RECEIVABLE_NOT_FOUND,
    RECEIVABLE_FILTERS,
    RECEIVABLE_SORTS,
    RECEIVABLES,
    ReceivableInput,
    ReceivableRow,
    count_receivables,
    create_receivable,
    export_receivables,
    list_receivables,
    outstanding_fen,
    receivables_in,
    total_receivables,
    write_off,
)

__all__ = [
    "AGING_FILTERS",
    "MSG_ORDER_NOT_FOUND",
    "MSG_RECEIVABLE_NOT_FOUND",
    "ORDERS",
    "ORDER_FILTERS",
    "ORDER_SORTS",
    "PAYMENTS",
    "PAYMENT_FILTERS",
    "RATE",
    "RECEIVABLES",
    "RECEIVABLE_FILTERS",
    "RECEIVABLE_SORTS",
    "ZERO",
    "AgingBucket",
    "AgingGroup",
    "AgingReport",
    "Allocation",
    "EmployeeReceivables",
    "OrderInput",
    "OrderRow",
    "PaymentInput",
    "PaymentRow",
    "ReceivableInput",
    "ReceivableRow",
    "age_receivables",
    "aging_in",
    "allocate_payment",
    "bucket_index",
    "count_orders",
    "count_payments",
    "count_receivables",
    "create_order",
    "create_receivable",
    "employee_receivables",
    "export_aging",
    "export_orders",
    "export_payments",
    "export_receivables",
    "list_orders",
    "list_payments",
    "list_receivables",
    "orders_in",
    "outstanding_fen",
    "provision_for",
    "provision_rate",
    "receivables_in",
    "record_payment",
    "risk_coefficient",
    "suggest_allocation",
    "total_orders",
    "total_payments",
    "total_receivables",
    "update_order",
    "write_off",
]
