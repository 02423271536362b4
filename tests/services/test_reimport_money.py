"""Re-importing invoices, payments and follow-ups updates the records already in the vault by
their key, with a preview of how many are new, updated and unchanged, and never adds one twice;
an ambiguous match or a change the import may not make is refused with the reason, and the
refused file changes nothing. Files are built in each test (CSV and XLSX).

Keys: an invoice's number; a payment's reference (流水号), or without one its customer, day and
amount when the vault holds exactly as many such payments as the file has rows; a follow-up's
customer, day, employee and channel, likewise counted.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from desktop.models.orders import FollowUp, Payment, PaymentAllocation, Receivable
from desktop.services.imports import ImportRejected, preview_import, run_import


def xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def firm(admin, tmp_path):
    """Two salespeople, two customers, three waybills (a vault, or a server database)."""
    ctx = admin
    run_import(
        ctx,
        "staff",
        csv(tmp_path / "s.csv", "工号,姓名,岗位\nE001,张伟,销售经理\nE002,李娜,销售代表\n"),
    )
    run_import(
        ctx,
        "customers",
        csv(tmp_path / "c.csv", "客户编码,客户名称,业务员\nC001,恒达,E001\nC002,华南,E002\n"),
        options={"owner_since": date(2026, 1, 1)},
    )
    run_import(
        ctx,
        "orders",
        csv(
            tmp_path / "w.csv",
            "运单号,客户,开单日期,运费\n"
            "W001,C001,2026-10-01,1000\nW002,C001,2026-10-02,500\nW003,C002,2026-10-03,800\n",
        ),
    )
    return ctx


def _count(ctx, model) -> int:
    with ctx.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def _preview(ctx, kind, path):
    preview = preview_import(ctx, kind, path)
    return preview.total_rows, preview.will_update, preview.unchanged, preview.errors


INVOICES = ["发票号", "客户", "开票日期", "到期日", "金额", "业务员", "关联运单"]


def test_invoices_are_updated_by_number_never_added_twice(firm, tmp_path):
    first = xlsx(
        tmp_path / "i1.xlsx",
        [
            INVOICES,
            ["INV-1", "C001", date(2026, 10, 5), date(2026, 11, 4), 1000, "E001", "W001"],
            ["INV-2", "C002", date(2026, 10, 6), None, 800, "E002", "W003"],
        ],
    )
    run_import(firm, "receivables", first)
    second = xlsx(
        tmp_path / "i2.xlsx",
        [
            INVOICES,
            # due date moved and amount corrected
            ["INV-1", "C001", date(2026, 10, 5), date(2026, 11, 20), 1200, "E001", "W001"],
            ["INV-2", "C002", date(2026, 10, 6), None, 800, "E002", "W003"],  # unchanged
            ["INV-3", "C001", date(2026, 10, 7), None, 500, "E001", "W002"],  # new
        ],
    )
    total, updated, unchanged, errors = _preview(firm, "receivables", second)
    assert (total, updated, unchanged, errors) == (3, 1, 1, [])
    assert _count(firm, Receivable) == 2, "the preview changed nothing"
    result = run_import(firm, "receivables", second)
    assert result.inserted["receivables"] == 1 and result.inserted["updated"] == 1
    with firm.read() as s:
        invoices = {r.number: r for r in s.scalars(select(Receivable))}
    assert sorted(invoices) == ["INV-1", "INV-2", "INV-3"]
    assert invoices["INV-1"].amount == Decimal("1200.00")
    assert invoices["INV-1"].due_on == date(2026, 11, 20) and invoices["INV-1"].version == 2
    assert invoices["INV-2"].version == 1, "an unchanged row is not written"
    # A third time: nothing to change.
    assert _preview(firm, "receivables", second)[1:3] == (0, 3)


def test_an_invoice_import_may_not_move_it_or_undercut_its_payments(firm, tmp_path):
    run_import(
        firm,
        "receivables",
        csv(
            tmp_path / "i.csv",
            "发票号,客户,开票日期,金额,关联运单\nINV-1,C001,2026-10-05,1000,W001\n",
        ),
    )
    run_import(
        firm,
        "payments",
        csv(tmp_path / "p.csv", "客户,回款日期,回款金额,流水号\nC001,2026-10-20,600,B-1\n"),
    )
    bad = csv(
        tmp_path / "bad.csv",
        "发票号,客户,开票日期,金额,关联运单\n"
        "INV-1,C002,2026-10-05,1000,W001\n"  # another customer
        "INV-1,C001,2026-10-05,500,W001\n",  # twice in the file
    )
    errors = _preview(firm, "receivables", bad)[3]
    reasons = " | ".join(e.reason() for e in errors)
    assert "another customer" in reasons and "duplicate of row 2" in reasons
    under = csv(
        tmp_path / "under.csv",
        "发票号,客户,开票日期,金额,关联运单\nINV-1,C001,2026-10-05,500,W001\n",
    )
    (error,) = _preview(firm, "receivables", under)[3]
    assert "600.00" in error.reason() and "INV-1" in error.reason()
    one = csv(
        tmp_path / "one.csv",
        "发票号,客户,开票日期,金额,关联运单\nINV-1,C001,2026-10-05,1000,W002\n",
    )
    (error,) = _preview(firm, "receivables", one)[3]
    assert "other waybills" in error.reason()
    with pytest.raises(ImportRejected):
        run_import(firm, "receivables", one)
    with firm.read() as s:
        (invoice,) = s.scalars(select(Receivable)).all()
        assert (invoice.customer_id, invoice.amount, invoice.version) == (
            invoice.customer_id,
            Decimal("1000.00"),
            2,  # raised by the payment of 600, never by the refused files
        )


def test_payments_match_by_reference_or_by_an_unambiguous_count(firm, tmp_path):
    run_import(
        firm,
        "receivables",
        csv(
            tmp_path / "i.csv",
            "发票号,客户,开票日期,金额\nINV-1,C001,2026-10-05,1000\nINV-2,C002,2026-10-06,800\n",
        ),
    )
    head = "客户,回款日期,回款金额,流水号,收款方式\n"
    first = csv(
        tmp_path / "p1.csv",
        head + "C001,2026-10-20,300,B-1,转账\nC002,2026-10-21,100,,现金\nC002,2026-10-22,50,,\n",
    )
    run_import(firm, "payments", first)
    assert _count(firm, Payment) == 3
    second = xlsx(
        tmp_path / "p2.xlsx",
        [
            ["客户", "回款日期", "回款金额", "流水号", "收款方式"],
            ["C001", date(2026, 10, 20), 300, "B-1", "承兑"],  # method corrected: updated
            ["C002", date(2026, 10, 21), 100, None, "现金"],  # same customer/day/amount
            ["C002", date(2026, 10, 22), 50, None, None],  # unchanged
            ["C001", date(2026, 10, 25), 200, "B-2", "转账"],  # new
        ],
    )
    total, updated, unchanged, errors = _preview(firm, "payments", second)
    assert (total, updated, unchanged, errors) == (4, 1, 2, [])
    result = run_import(firm, "payments", second)
    assert result.inserted["payments"] == 1 and result.inserted["updated"] == 1
    with firm.read() as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == 4
        assert s.scalar(select(Payment.method).where(Payment.reference == "B-1")) == "承兑"
        assert s.scalar(select(func.count()).select_from(PaymentAllocation)) == 4
        paid = dict(s.execute(select(Receivable.number, Receivable.paid)).all())
    assert paid == {"INV-1": Decimal("500.00"), "INV-2": Decimal("150.00")}, "nothing paid twice"

    # Two payments of 100 on one day, while the vault holds one: which one is it? Refused.
    ambiguous = csv(
        tmp_path / "p3.csv", head + "C002,2026-10-21,100,,现金\nC002,2026-10-21,100,,现金\n"
    )
    errors = _preview(firm, "payments", ambiguous)[3]
    assert len(errors) == 2 and all("流水号" in e.reason() for e in errors)
    assert "matches 1 payments" in errors[0].reason() and "the file has 2" in errors[0].reason()
    with pytest.raises(ImportRejected):
        run_import(firm, "payments", ambiguous)
    # An applied payment's amount or customer is not changed by importing it again.
    moved = csv(tmp_path / "p4.csv", head + "C002,2026-10-20,300,B-1,转账\n")
    reasons = " | ".join(e.reason() for e in _preview(firm, "payments", moved)[3])
    assert "B-1" in reasons and "customer" in reasons
    more = csv(tmp_path / "p5.csv", head + "C001,2026-10-20,350,B-1,转账\n")
    reasons = " | ".join(e.reason() for e in _preview(firm, "payments", more)[3])
    assert "B-1" in reasons and "amount" in reasons
    assert _count(firm, Payment) == 4


def test_follow_ups_are_updated_by_customer_day_employee_and_channel(firm, tmp_path):
    head = ["客户", "跟进日期", "跟进人", "方式", "跟进内容", "下一步"]
    first = xlsx(
        tmp_path / "f1.xlsx",
        [
            head,
            ["C001", date(2026, 10, 3), "E001", "电话", "确认下周发货", None],
            ["C002", date(2026, 10, 4), "E002", "拜访", "谈返点", None],
            ["C002", date(2026, 10, 4), "E002", "拜访", "看仓库", None],
        ],
    )
    run_import(firm, "followups", first)
    second = xlsx(
        tmp_path / "f2.xlsx",
        [
            head,
            ["C001", date(2026, 10, 3), "E001", "电话", "确认下周一发货", "周五再确认"],
            ["C002", date(2026, 10, 4), "E002", "拜访", "看仓库", None],  # unchanged
            ["C002", date(2026, 10, 4), "E002", "拜访", "谈返点", None],  # unchanged, reordered
            ["C002", date(2026, 10, 9), "E002", "微信", "发报价", None],  # new
        ],
    )
    total, updated, unchanged, errors = _preview(firm, "followups", second)
    assert (total, updated, unchanged, errors) == (4, 1, 2, [])
    result = run_import(firm, "followups", second)
    assert result.inserted["followups"] == 1 and result.inserted["updated"] == 1
    with firm.read() as s:
        texts = sorted(s.scalars(select(FollowUp.content)).all())
        step = s.scalar(select(FollowUp.next_step).where(FollowUp.content == "确认下周一发货"))
    assert texts == ["发报价", "看仓库", "确认下周一发货", "谈返点"]
    assert step == "周五再确认"
    # The vault now holds two visits on the 4th; a file with one of them is ambiguous.
    one = csv(
        tmp_path / "f3.csv",
        "客户,跟进日期,跟进人,方式,跟进内容\nC002,2026-10-04,E002,拜访,谈返点\n",
    )
    (error,) = _preview(firm, "followups", one)[3]
    assert "matches 2 follow-ups" in error.reason()
    assert _count(firm, FollowUp) == 4
