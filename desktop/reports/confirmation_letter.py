"""The balance-confirmation letter (对账函) on the shared page frame: the addressee, the open
invoices with their open amounts, the total in figures and in capitals (大写), the firm's seal
area, and the customer's reply slip (confirmed / differs by …) with its own seal area.
"""

from __future__ import annotations

from html import escape
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from desktop.models.documents import DocumentKind
from desktop.reports.handover_form import FormTitle
from desktop.reports.template import RenderedPdf, grid_table, issued_frame, render_pdf, styles
from desktop.reports.vocabulary import day, money, pick
from desktop.services import documents
from desktop.services.documents import PreparedDocument
from desktop.services.documents.confirmations import LetterData, letters_data

K = DocumentKind
TITLE = ("对账函", "Balance Confirmation")


def prepare_letters(ctx: Any, case_id: int, lang: str) -> list[PreparedDocument]:
    """One stamped letter per customer with an open balance (read once, as of today)."""
    return [
        documents.prepare(
            ctx,
            K.CONFIRMATION.value,
            lang,
            pick(lang, *TITLE),
            data,
            case_id=case_id,
            case_number=data.case_number,
            company=data.company,
            rows=len(data.lines),
        )
        for data in letters_data(ctx, case_id)
    ]


def letter_pdf(prepared: PreparedDocument) -> RenderedPdf:
    data: LetterData = prepared.content
    lang = prepared.stamp.language
    st = styles()
    width = 178 * mm
    rows = [
        [
            line.number,
            day(line.issued_on),
            day(line.due_on),
            money(line.amount),
            money(line.settled),
            money(line.open),
        ]
        for line in data.lines
    ]
    rows.append(["", "", "", "", pick(lang, "合计", "Total"), money(data.total)])
    table = grid_table(
        [
            pick(lang, "发票/单据号", "Invoice"),
            pick(lang, "开票日期", "Issued"),
            pick(lang, "到期日", "Due"),
            pick(lang, "金额（元）", "Amount (CNY)"),
            pick(lang, "已收/核销（元）", "Settled (CNY)"),
            pick(lang, "未付（元）", "Open (CNY)"),
        ],
        rows,
        [40 * mm, 24 * mm, 24 * mm, 30 * mm, 30 * mm, width - 148 * mm],
        size=8,
        right=(3, 4, 5),
        total_row=True,
    )
    address = pick(lang, "致：", "To: ") + f"{data.customer_name}（{data.customer_code}）"
    if data.contact:
        address += pick(lang, f"  {data.contact} 先生/女士", f", attn. {data.contact}")
    body = pick(
        lang,
        f"本公司与贵公司之间的往来款项，截至 {day(data.as_of)}，本公司账面记录贵公司尚欠下列款项。"
        f"原经办业务员 {data.leaver_name} 已离职，为核对账目，请贵公司核对后在下方回执处签章，"
        "于收到本函后 15 日内寄回本公司；如有不符，请注明贵公司记录的余额并附相关资料。"
        "本函仅为核对账目之用，并非催款结算，今后往来款项请与本公司直接联系。",
        f"As of {day(data.as_of)} our books show the following amounts owed by your company. "
        f"{data.leaver_name}, who handled your account, has left us. Please check them, sign "
        "and seal the reply slip below, and return it within 15 days; if they differ, state "
        "the balance in your books and attach the documents. This letter confirms balances; "
        "it is not a demand for payment. Please deal with our company directly from now on.",
    )
    total = pick(
        lang,
        f"合计（小写）：¥{money(data.total)}　　合计（大写）：人民币{data.total_capitals}",
        f"Total in figures: CNY {money(data.total)}; in words (大写): 人民币{data.total_capitals}",
    )
    slip = [
        Paragraph("- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -", st["small"]),
        Paragraph(pick(lang, "回执", "Reply slip"), st["h2"]),
        Paragraph(
            pick(
                lang,
                f"致 {escape(data.company)}：贵公司对账函 {prepared.stamp.number} 所列截至 "
                f"{day(data.as_of)} 余额 ¥{money(data.total)}：",
                f"To {escape(data.company)}: the balance as of {day(data.as_of)} in your letter "
                f"{prepared.stamp.number}, CNY {money(data.total)}:",
            ),
            st["body"],
        ),
        Spacer(1, 2 * mm),
        Paragraph(pick(lang, "□ 1. 信息证明无误。", "□ 1. is correct."), st["body"]),
        Spacer(1, 2 * mm),
        Paragraph(
            pick(
                lang,
                "□ 2. 信息不符：我公司记录的余额为 ______________ 元，差额 ______________ 元，"
                "原因：________________________________",
                "□ 2. differs: our books show CNY ______________, a difference of CNY "
                "______________, because ________________________________",
            ),
            st["body"],
        ),
        Spacer(1, 10 * mm),
        Paragraph(
            pick(
                lang,
                "客户（盖章）：________________　经办人：____________　日期：____________",
                "Customer (seal): ________________  Signed: ____________  Date: ____________",
            ),
            st["body"],
        ),
    ]
    story: list[Any] = [
        FormTitle(prepared.stamp.title, size=20),
        Spacer(1, 5 * mm),
        Paragraph(escape(address), st["body"]),
        Spacer(1, 3 * mm),
        Paragraph(escape(body), st["body"]),
        Spacer(1, 3 * mm),
        table,
        Spacer(1, 3 * mm),
        Paragraph(escape(total), st["body"]),
        Spacer(1, 10 * mm),
        Paragraph(
            pick(lang, "本公司（盖章）：", "Our company (seal): ") + escape(data.company),
            st["body"],
        ),
        Paragraph(pick(lang, "日期：", "Date: ") + day(data.as_of), st["body"]),
        Spacer(1, 8 * mm),
        KeepTogether(slip),
    ]
    reference = pick(lang, "案件 ", "Case ") + data.case_number + f" · {data.customer_code}"
    return render_pdf(issued_frame(prepared.stamp, reference), story)
