"""Commission documents on the shared page frame: an employee's statement for a period (PDF and
XLSX), and a departing employee's final settlement (PDF).

Fixed labels are printed in Chinese and English; the explanations of the lines and the policy
warnings come from the services as templates and are translated by ``translate`` (Qt's
translator for the interface language; English without one).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from html import escape
from io import BytesIO
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from desktop.i18n import format_date, format_datetime, format_money
from desktop.reports.template import (
    PageFrame,
    RenderedPdf,
    field_table,
    grid_table,
    issued_frame,
    render_pdf,
    styles,
)
from desktop.services.commissions import (
    SETTLEMENT_GROUPS,
    CapWarning,
    Settlement,
    Statement,
)
from desktop.services.commissions.rules import PAYABLE, clause_label, explain, percent_text
from desktop.services.commissions.wage_cap import CAP_RULE
from desktop.services.documents import DocumentStamp
from desktop.services.tabular import xlsx_text

Translate = Callable[[str, str], str]

STATUS = {
    "accrued": "已计提 accrued",
    "approved": "已审批 approved",
    "paid": "已发放 paid",
    "withheld": "暂缓 withheld",
    "forfeited": "不予发放 forfeited",
    "clawed_back": "追回 clawed back",
}
SOURCE = {"order": "运单 order", "payment": "回款 payment", "write_off": "坏账 write-off"}
PERIOD_STATE = {
    "open": "未计算 open",
    "computed": "已计算 computed",
    "approved": "已审批 approved",
    "locked": "已锁定 locked",
    "paid": "已发放 paid",
}
GROUPS = {
    "earned": "已赚取、随最后工资结清 Earned, settled with the final wages",
    "paid": "已发放 Already paid",
    "withheld": "暂缓（待回款或待指定接手人）Withheld pending collection or a successor",
    "forfeited": "不予发放 Forfeited",
    "clawed_back": "追回 Clawed back",
}
ROUNDING = (
    "舍入规则：每行金额按精确基数（部分回款按比例）计算后，四舍五入到分（ROUND_HALF_UP）一次；"
    "分成时先算整笔金额，离职员工份额四舍五入，其余归接手人，合计与整笔一致。"
    " Rounding: each line is computed from its exact base (a part-payment's share) and rounded "
    "once, half up, to the fen; a split divides the rounded whole, the departing share rounded "
    "half up and the rest to the successor, so the shares add up to the whole."
)
WAGES_NOTE = (
    "提成属于工资。扣回（追回）属于因损失扣除工资：每月不超过当月工资的 20%，扣除后不得低于当地"
    "最低工资标准。 Commission is wages; a clawback is a deduction for losses: at most 20% of "
    "the month's wage, never leaving less than the local minimum wage."
)


def _tr(translate: Translate | None) -> Translate:
    return translate or (lambda _context, text: text)


def _money(value: Decimal | None) -> str:
    return "" if value is None else format_money(value)


def _cap_lines(warnings: tuple[CapWarning, ...], st: dict) -> list[Flowable]:
    out: list[Flowable] = []
    for w in warnings:
        if w.wage is None:
            text = (
                f"注意：{w.employee_name} {w.month} 追回 {_money(w.clawback)}，但未设置工资数据，"
                f"无法核对 20% 上限。 Warning: clawback {_money(w.clawback)} in {w.month} "
                "cannot be checked against the 20% cap: no wage figure is set."
            )
        else:
            text = (
                f"警告：{w.employee_name} {w.month} 追回 {_money(w.clawback)}，超过可扣上限 "
                f"{_money(w.cap)}（工资 {_money(w.wage)}，最低工资 {_money(w.minimum_wage)}）。"
                f" Warning: clawback {_money(w.clawback)} exceeds the cap {_money(w.cap)} "
                f"(wage {_money(w.wage)}, minimum wage {_money(w.minimum_wage)})."
            )
        out.append(Paragraph(text, st["small"]))
    return out


def _frame(
    title: str,
    company: str,
    reference: str,
    at: datetime | None,
    note: str = "",
    stamp: DocumentStamp | None = None,
) -> PageFrame:
    """The page frame; an issued document's (``stamp``) prints its number, hash and QR code."""
    if stamp is not None:
        return issued_frame(stamp, reference, header_title=title, company=company)
    return PageFrame(
        title=title,
        company=company,
        generated_at=at or datetime.now(UTC),
        lang="zh",
        reference=reference,
        footer_note=note,
    )


# --------------------------------------------------------------------------- statement


def statement_pdf(data: Statement, translate: Translate | None = None) -> bytes:
    """The statement as a landscape A4 PDF (the same data and stamp give the same bytes)."""
    return render_statement(data, translate).data


def render_statement(
    data: Statement, translate: Translate | None = None, stamp: DocumentStamp | None = None
) -> RenderedPdf:
    """The statement PDF and its page count; with ``stamp``, as the issued document it names."""
    tr = _tr(translate)
    st = styles()
    width = landscape(A4)[0] - 32 * mm
    facts = field_table(
        [
            ("员工 Employee", f"{data.employee_name} ({data.employee_no})"),
            ("期间 Period", data.month),
            ("分公司 Branch", data.branch or "—"),
            ("岗位 Position", data.position or "—"),
            ("期间状态 Period state", PERIOD_STATE.get(data.period_state, data.period_state)),
            ("单号 Statement", data.number or "（未签发 not issued）"),
            ("签发 Issued", f"{format_datetime(data.issued_at)} {data.issued_by}".strip() or "—"),
            ("快照 SHA-256", data.snapshot_sha256[:32] or "—"),
        ],
        [32 * mm, width / 2 - 32 * mm, 32 * mm, width / 2 - 32 * mm],
    )
    widths = [10, 18, 16, 30, 22, 20, 22, 20, 32]
    widths_mm = [w * mm for w in widths]
    widths_mm.append(width - sum(widths_mm))
    rows = []
    for n, line in enumerate(data.lines, start=1):
        rate = "" if line.rate is None else percent_text(line.rate)
        if line.tier:
            rate = f"{rate} ({line.tier})"
        extra = ""
        if line.origin_month:
            extra = f" [{line.origin_month}]"
        rows.append(
            [
                str(n),
                format_date(line.source_date),
                SOURCE.get(line.source, line.source),
                line.reference + extra,
                _money(line.base),
                rate,
                _money(line.amount),
                STATUS.get(line.status, line.status),
                clause_label(line.clause, tr),
                Paragraph(escape(explain(line.parts, tr)), st["cell_small"]),
            ]
        )
    table = grid_table(
        [
            "#",
            "日期 Date",
            "来源 Source",
            "单据 Reference",
            "基数 Base",
            "费率 Rate",
            "金额 Amount",
            "状态 Status",
            "条款 Clause",
            "说明 Explanation",
        ],
        rows or [["", "", "", "本期无提成明细 No lines this period", "", "", "", "", "", ""]],
        widths_mm,
        size=7,
        right=(4, 6),
    )
    totals = [
        [STATUS.get(k, k), _money(v)] for k, v in sorted(data.totals.items()) if v or k in PAYABLE
    ]
    totals.append(["应发合计 Payable (accrued, approved, paid, clawed back)", _money(data.payable)])
    total_table = grid_table(
        ["项目 Item", "金额 Amount"],
        totals,
        [110 * mm, 40 * mm],
        size=8,
        right=(1,),
        total_row=True,
    )
    story: list[Flowable] = [
        Paragraph("提成结算单", st["title"]),
        Paragraph("Commission statement", st["subtitle"]),
        Spacer(1, 3 * mm),
        facts,
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 4 * mm),
        total_table,
        Spacer(1, 3 * mm),
    ]
    for plan, w in data.policy_warnings:
        story.append(Paragraph(f"【警告 Warning】{plan}: {w.text(tr)}", st["small"]))
    story += _cap_lines(data.cap_warnings, st)
    story += [
        Spacer(1, 2 * mm),
        Paragraph(ROUNDING, st["tiny"]),
        Paragraph(WAGES_NOTE, st["tiny"]),
        Spacer(1, 10 * mm),
        Paragraph(
            "员工确认 Employee: ____________________    财务 Finance: ____________________    "
            "日期 Date: ____________",
            st["body"],
        ),
    ]
    frame = _frame(
        f"Commission statement {data.month} {data.employee_no}",
        data.company,
        data.number or data.month,
        data.issued_at,
        stamp=stamp,
    )
    return render_pdf(frame, story, pagesize=landscape(A4))


def _append(sheet: Any, values: list[Any]) -> None:
    """Append a row whose text cells stay text: a customer named ``=HYPERLINK(...)`` (or any
    text from the vault) is never stored as a formula, and a control character in it is
    replaced instead of failing the whole workbook."""
    sheet.append([xlsx_text(v) if isinstance(v, str) else v for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def statement_xlsx(
    data: Statement, translate: Translate | None = None, stamp: DocumentStamp | None = None
) -> bytes:
    """The statement as a workbook: one sheet of lines with their explanations and totals;
    with ``stamp``, the issued document's number is in the sheet and the file's keywords."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    tr = _tr(translate)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "提成明细"
    bold = Font(bold=True)
    header = [
        ("公司 Company", data.company),
        ("员工 Employee", f"{data.employee_name} ({data.employee_no})"),
        ("期间 Period", data.month),
        ("期间状态 Period state", PERIOD_STATE.get(data.period_state, data.period_state)),
        ("单号 Statement", data.number),
        ("快照 SHA-256", data.snapshot_sha256),
        *([("文件号 Document", stamp.number)] if stamp is not None else []),
    ]
    for label, value in header:
        _append(sheet, [label, value])
        sheet.cell(sheet.max_row, 1).font = bold
    sheet.append([])
    columns = [
        "行号 Line",
        "日期 Date",
        "来源 Source",
        "单据 Reference",
        "基数 Base",
        "费率 Rate",
        "档 Tier",
        "金额 Amount",
        "状态 Status",
        "条款 Clause",
        "原期间 Origin",
        "关联行 Ref line",
        "说明 Explanation",
    ]
    _append(sheet, columns)
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for line in data.lines:
        _append(
            sheet,
            [
                line.id,
                line.source_date,
                SOURCE.get(line.source, line.source),
                line.reference,
                line.base,
                line.rate,
                line.tier,
                line.amount,
                STATUS.get(line.status, line.status),
                clause_label(line.clause, tr),
                line.origin_month,
                line.ref_line_id,
                explain(line.parts, tr),
            ],
        )
        row = sheet.max_row
        sheet.cell(row, 2).number_format = "yyyy-mm-dd"
        for col in (5, 8):
            sheet.cell(row, col).number_format = "#,##0.00"
        sheet.cell(row, 6).number_format = "0.00##%"
    sheet.append([])
    for status, value in sorted(data.totals.items()):
        _append(sheet, [STATUS.get(status, status), None, None, None, None, None, None, value])
        sheet.cell(sheet.max_row, 8).number_format = "#,##0.00"
    _append(sheet, ["应发合计 Payable", None, None, None, None, None, None, data.payable])
    sheet.cell(sheet.max_row, 1).font = bold
    sheet.cell(sheet.max_row, 8).number_format = "#,##0.00"
    sheet.append([])
    _append(sheet, [ROUNDING])
    for widths, col in zip(
        (10, 12, 14, 22, 14, 10, 8, 14, 18, 26, 10, 10, 90), "ABCDEFGHIJKLM", strict=True
    ):
        sheet.column_dimensions[col].width = widths
    if stamp is not None:
        book.properties.keywords = stamp.keywords
        book.properties.title = stamp.title
    # Fixed times: the same statement and stamp give the same workbook bytes.
    moment = (stamp.created_at if stamp is not None else data.issued_at) or datetime(2000, 1, 1)
    book.properties.created = book.properties.modified = moment.replace(tzinfo=None)
    buffer = BytesIO()
    book.save(buffer)
    if stamp is None:
        return buffer.getvalue()
    from desktop.reports.xlsx_stamp import stamp_workbook

    return stamp_workbook(buffer.getvalue(), stamp.keywords)


# --------------------------------------------------------------------------- settlement


def settlement_pdf(
    data: Settlement, translate: Translate | None = None, generated_at: datetime | None = None
) -> bytes:
    """The departing employee's final settlement: earned, withheld pending collection,
    forfeited and clawed back, each under the clause that decided it."""
    return render_settlement(data, translate, generated_at).data


def render_settlement(
    data: Settlement,
    translate: Translate | None = None,
    generated_at: datetime | None = None,
    stamp: DocumentStamp | None = None,
) -> RenderedPdf:
    """The settlement PDF and its page count; with ``stamp``, as the issued document."""
    tr = _tr(translate)
    st = styles()
    width = A4[0] - 32 * mm
    facts = field_table(
        [
            ("员工 Employee", f"{data.employee_name} ({data.employee_no})"),
            ("离职案件 Case", data.case_number),
            ("通知日 Notice", format_date(data.notice_on) or "—"),
            ("最后工作日 Last day", format_date(data.last_day)),
            ("截至 As of", format_date(data.as_of)),
            ("提成方案 Plans", "、".join(data.plans) or "—"),
        ],
        [30 * mm, width / 2 - 30 * mm, 30 * mm, width / 2 - 30 * mm],
    )
    draft = bool(data.uncomputed)
    story: list[Flowable] = [
        Paragraph("离职提成结算单（草稿）" if draft else "离职提成结算单", st["title"]),
        Paragraph(
            "Final commission settlement — DRAFT" if draft else "Final commission settlement",
            st["subtitle"],
        ),
        Spacer(1, 3 * mm),
    ]
    if draft:
        months = "、".join(data.uncomputed)
        story.append(
            Paragraph(
                f"<b>草稿，不得据此结清：{months} 尚未计算，其金额为预览。 DRAFT, not for "
                f"payment: {', '.join(data.uncomputed)} not computed yet; its amounts are "
                "previews.</b>",
                st["body"],
            )
        )
    story.append(facts)
    widths = [18 * mm, 16 * mm, 26 * mm, 22 * mm, 30 * mm]
    widths.append(width - sum(widths))
    for group in SETTLEMENT_GROUPS:
        items = data.group(group)
        if not items and group == "paid":
            continue
        story += [Spacer(1, 3 * mm), Paragraph(GROUPS[group], st["section"])]
        rows = [
            [
                format_date(i.source_date),
                i.month + (" *" if i.preview else ""),
                i.reference,
                ("≈" if i.estimated else "") + _money(i.amount),
                clause_label(i.clause, tr),
                Paragraph(escape(explain(i.parts, tr)), st["cell_small"]),
            ]
            for i in items
        ]
        rows.append(["", "", "小计 Subtotal", _money(data.totals[group]), "", ""])
        story.append(
            grid_table(
                [
                    "日期 Date",
                    "期间 Month",
                    "单据 Reference",
                    "金额 Amount",
                    "条款 Clause",
                    "说明 Explanation",
                ],
                rows,
                widths,
                size=7,
                right=(3,),
                total_row=True,
            )
        )
    story += [
        Spacer(1, 3 * mm),
        Paragraph(
            f"随最后工资结清 To settle with the final wages: <b>{_money(data.to_pay)}</b>"
            f"（已赚取 earned {_money(data.totals['earned'])}，追回 clawed back "
            f"{_money(data.totals['clawed_back'])}"
            + (
                f"，按月上限扣除 deducted under the cap {_money(data.deducted)}"
                if data.deductions
                else ""
            )
            + "）；暂缓 withheld ≈ "
            f"{_money(data.totals['withheld'])}；不予发放 forfeited "
            f"{_money(data.totals['forfeited'])}。",
            st["body"],
        ),
        Paragraph(
            "* 该月尚未计算，金额为预览 the month is not computed yet: a preview; "
            "≈ 按现行费率估算 estimated at the plan's rate.",
            st["tiny"],
        ),
        Spacer(1, 2 * mm),
    ]
    if data.deductions:
        story += [
            Paragraph(
                "追回款按月扣除（20% 上限，余额顺延） Clawbacks deducted month by month",
                st["section"],
            ),
            grid_table(
                [
                    "月份 Month",
                    "本月追回 Clawed back",
                    "上月结转 Carried in",
                    "当月工资 Wage",
                    "可扣上限 Cap",
                    "本月扣除 Deducted",
                    "结转下月 Carried out",
                ],
                [
                    [
                        d.month,
                        _money(d.clawback),
                        _money(d.carried_in),
                        _money(d.wage) if d.wage is not None else "未设置 not set",
                        _money(d.cap) if d.cap is not None else "—",
                        _money(d.deducted),
                        _money(d.carried_out),
                    ]
                    for d in data.deductions
                ],
                [22 * mm] + [(width - 22 * mm) / 6] * 6,
                size=7,
                right=(1, 2, 3, 4, 5, 6),
            ),
            Paragraph(CAP_RULE, st["tiny"]),
        ]
        if data.carried_beyond > 0:
            story.append(
                Paragraph(
                    f"未能在工资中扣除的追回款 {_money(data.carried_beyond)} 需另行协商或主张。 "
                    f"Clawbacks of {_money(data.carried_beyond)} the cap left undeducted are to "
                    "be agreed or claimed separately.",
                    st["small"],
                )
            )
    for plan, w in data.policy_warnings:
        mark = "【警告 Warning】" if w.forfeits else "【注意 Note】"
        story.append(Paragraph(f"{mark}{plan}: {w.text(tr)}", st["small"]))
    story += _cap_lines(data.cap_warnings, st)
    story += [
        Spacer(1, 2 * mm),
        Paragraph(ROUNDING, st["tiny"]),
        Paragraph(WAGES_NOTE, st["tiny"]),
        Spacer(1, 10 * mm),
        Paragraph(
            "离职员工 Employee: ______________  人事 HR: ______________  "
            "财务 Finance: ______________  经理 Manager: ______________",
            st["small"],
        ),
    ]
    frame = _frame(
        f"Final commission settlement {data.case_number}" + (" 草稿 DRAFT" if draft else ""),
        data.company,
        data.case_number,
        generated_at,
        note="",
        stamp=stamp,
    )
    return render_pdf(frame, story)
