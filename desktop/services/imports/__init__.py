"""Importing the firm's spreadsheets: all-or-nothing, with a row-by-row error report.

Every import is first a dry run: the file is read, its columns mapped to fields (Chinese and
English headers are recognised; a mapping can override), every row parsed and checked against
the database and the rest of the file. Only a file without a single error is written, in one
transaction, with one audit event naming the file's SHA-256 and the counts. A bad file changes
nothing.

The package: :mod:`.fields` (each kind's fields), :mod:`.mapping` (headers to fields),
:mod:`.rows` (reading rows, look-ups, row errors and the report), :mod:`.plan` (what the
planners share), one module per kind (:mod:`.staff`, :mod:`.customers`, :mod:`.assignments`,
:mod:`.orders`, :mod:`.receivables`, :mod:`.payments`, :mod:`.followups`), :mod:`.access`
(who may import what) and :mod:`.run` (the dry run and the import). Files are read by
:mod:`desktop.services.tabular`, which the exports share.
"""

from __future__ import annotations

from desktop.services.imports.access import (
    KIND_ACTIONS,
    MSG_BRANCH_OUTSIDE,
    MSG_CUSTOMER_NOT_YOURS,
    MSG_CUSTOMER_OUTSIDE,
    MSG_EMPLOYEE_NO_BRANCH,
    MSG_EMPLOYEE_NOT_YOURS,
    MSG_EMPLOYEE_OUTSIDE,
    MSG_KIND_DENIED,
    MSG_NO_BRANCH_RIGHT,
    ImportOutsideScope,
    can_import,
    importable_kinds,
    require_import,
    scope_errors,
)
from desktop.services.imports.assignments import REASONS, insert_assignments, plan_assignments
from desktop.services.imports.customers import insert_customers, plan_customers
from desktop.services.imports.fields import FIELDS, IGNORE, KINDS, FieldSpec, field_names
from desktop.services.imports.followups import CHANNELS, insert_followups, plan_followups
from desktop.services.imports.mapping import (
    find_header,
    load_mapping,
    map_columns,
    mapping_line,
    suggest_field,
)
from desktop.services.imports.orders import ORDER_STATUS, SERVICE_TYPES, insert_orders, plan_orders
from desktop.services.imports.payments import insert_payments, plan_payments
from desktop.services.imports.plan import BATCH, LOOKUP_CHUNK, Finder, Plan
from desktop.services.imports.receivables import insert_receivables, plan_receivables
from desktop.services.imports.rows import (
    ImportPreview,
    ImportRejected,
    ImportResult,
    Lookups,
    RowError,
    RowReader,
    check_report_path,
    shown_value,
    write_error_report,
)
from desktop.services.imports.run import (
    CHANGE_KINDS,
    INSERTERS,
    PLANNERS,
    Loaded,
    ProgressFn,
    load_table,
    preview_import,
    remembered_mapping,
    run_import,
)
from desktop.services.imports.staff import (
    EMPLOYEE_STATUS,
    POSITION_CATEGORY_HINTS,
    insert_staff,
    plan_staff,
)

__all__ = [
    "BATCH",
    "CHANGE_KINDS",
    "CHANNELS",
    "EMPLOYEE_STATUS",
    "FIELDS",
    "IGNORE",
    "INSERTERS",
    "KINDS",
    "KIND_ACTIONS",
    "LOOKUP_CHUNK",
    "MSG_BRANCH_OUTSIDE",
    "MSG_CUSTOMER_NOT_YOURS",
    "MSG_CUSTOMER_OUTSIDE",
    "MSG_EMPLOYEE_NOT_YOURS",
    "MSG_EMPLOYEE_NO_BRANCH",
    "MSG_EMPLOYEE_OUTSIDE",
    "MSG_KIND_DENIED",
    "MSG_NO_BRANCH_RIGHT",
    "ORDER_STATUS",
    "PLANNERS",
    "POSITION_CATEGORY_HINTS",
    "REASONS",
    "SERVICE_TYPES",
    "FieldSpec",
    "Finder",
    "ImportOutsideScope",
    "ImportPreview",
    "ImportRejected",
    "ImportResult",
    "Loaded",
    "Lookups",
    "Plan",
    "ProgressFn",
    "RowError",
    "RowReader",
    "can_import",
    "check_report_path",
    "field_names",
    "find_header",
    "importable_kinds",
    "insert_assignments",
    "insert_customers",
    "insert_followups",
    "insert_orders",
    "insert_payments",
    "insert_receivables",
    "insert_staff",
    "load_mapping",
    "load_table",
    "map_columns",
    "mapping_line",
    "plan_assignments",
    "plan_customers",
    "plan_followups",
    "plan_orders",
    "plan_payments",
    "plan_receivables",
    "plan_staff",
    "preview_import",
    "remembered_mapping",
    "require_import",
    "run_import",
    "scope_errors",
    "shown_value",
    "suggest_field",
    "write_error_report",
]
