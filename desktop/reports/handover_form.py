"""The handover form (离职交接单), Chinese or English, as an HR department prints and signs it.

Layout: title and numbers; the employee and the dates in a grid; one numbered section per
kind of thing handed over (customers, contracts, receivables and who collects them, open
orders, assets and documents returned, accounts and data access revoked, advances and petty
cash owed), each a grid table whose header repeats on every page; the clauses acknowledged;
the triplicate note; signature blocks (departing employee, each successor, the manager who
supervises the handover — 监交人 —, HR, finance), each with a name, a signature line, a date
line and a seal area; and a verification box with the QR code. Every page carries the form
number, page x of y, the document number and the content hash.

Signatures captured on screen are drawn into their blocks; a block without one keeps an empty
line for the wet signature.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from desktop.reports.fonts import register_fonts
from desktop.reports.template import (
    LABEL_BG,
    PageFrame,
    QrFlowable,
    RenderedPdf,
    field_table,
    grid_table,
    issued_frame,
    render_pdf,
    styles,
    table_style,
)
from desktop.reports.vocabulary import day, moment, money, pick, word, yes_no
from desktop.services.document_content import (
    FormChecklistLine,
    HandoverFormData,
    SignatureBlock,
    signature_blocks,
)
from desktop.services.documents import PreparedDocument, SignatureImage

WIDTH = 178 * mm
NUMERALS = "一二三四五六七八九十"
DONE_MARK = "✔"
OPEN_MARK = "□"
#: Checklist lines about money the employee owes (借款, 备用金, 报销) get their own section.
CATEGORY_ORDER = {
    c: i
    for i, c in enumerate(
        (
            "customers",
            "contracts",
            "receivables",
            "open_orders",
            "assets",
            "documents",
            "accounts",
            "other",
        )
    )
}
ADVANCE_WORDS = ("借款", "备用金", "报销", "advance", "petty cash")


def title_of(lang: str) -> str:
    return pick(lang, "离职交接单", "Employee Handover Form")


class FormTitle(Flowable):
    """The form's title, large and heavy (the embedded font has no bold face, so the glyphs
    are filled and stroked)."""

    def __init__(self, text: str, size: float = 20) -> None:
        super().__init__()
        self.text = text
        self.size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.size * 1.5

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFont(register_fonts(), self.size)
        c.setLineWidth(0.45)
        text = c.beginText()
        text.setTextRenderMode(2)
        text.setFont(register_fonts(), self.size)
        width = c.stringWidth(self.text, register_fonts(), self.size)
        # Spread Chinese titles a little, as printed forms do.
        spacing = self.size * 0.25 if not self.text.isascii() else 0
        total = width + spacing * (len(self.text) - 1)
        text.setCharSpace(spacing)
        text.setTextOrigin((self.width - total) / 2, self.size * 0.35)
        text.textOut(self.text)
        c.drawText(text)
        c.restoreState()


class SignatureBox(Flowable):
    """One signature block: role and name, a signature line (or the on-screen signature drawn
    over it), a date line, and a dashed seal circle."""

    def __init__(
        self,
        block: SignatureBlock,
        title: str,
        signature: SignatureImage | None,
        lang: str,
        width: float,
        height: float = 40 * mm,
    ) -> None:
        super().__init__()
        self.block = block
        self.title = title
        self.signature = signature
        self.lang = lang
        self.width = width
        self.height = height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        font = register_fonts()
        w, h = self.width, self.height
        lang = self.lang
        c.saveState()
        c.setLineWidth(0.8)
        c.rect(0, 0, w, h)
        c.setFillColor(LABEL_BG)
        c.rect(0, h - 7 * mm, w, 7 * mm, stroke=1, fill=1)
        c.setFillColor(colors.black)
        c.setFont(font, 9.5)
        c.drawString(2.5 * mm, h - 4.9 * mm, self.title)
        seal_r = 12 * mm
        seal_x = w - seal_r - 3 * mm
        seal_y = (h - 7 * mm) / 2
        line_end = seal_x - seal_r - 3 * mm
        c.setFont(font, 8.5)
        name = self.signature.signer_name if self.signature else (self.block.name or "")
        c.drawString(2.5 * mm, h - 13 * mm, pick(lang, "姓名：", "Name: ") + name)
        sign_y = h - 25 * mm
        c.drawString(2.5 * mm, sign_y, pick(lang, "签字：", "Signature:"))
        label_w = 15 * mm
        c.setLineWidth(0.5)
        c.line(2.5 * mm + label_w, sign_y - 1, line_end, sign_y - 1)
        if self.signature is not None:
            self._draw_signature(2.5 * mm + label_w, sign_y, line_end)
        date_y = 5 * mm
        c.setFont(font, 8.5)
        if self.signature is not None:
            c.drawString(
                2.5 * mm,
                date_y,
                pick(lang, "日期：", "Date: ")
                + self.signature.signed_at.astimezone().strftime("%Y-%m-%d"),
            )
        else:
            c.drawString(
                2.5 * mm,
                date_y,
                pick(lang, "日期：______年____月____日", "Date: ________ / ____ / ____"),
            )
        c.setDash(2, 2)
        c.setStrokeColor(colors.grey)
        c.setLineWidth(0.6)
        c.circle(seal_x, seal_y, seal_r)
        c.setDash()
        c.setFillColor(colors.grey)
        c.setFont(font, 7.5)
        c.drawCentredString(seal_x, seal_y - 1.5, pick(lang, "（盖章处）", "(seal)"))
        c.restoreState()

    def _draw_signature(self, x0: float, baseline: float, x1: float) -> None:
        sig = self.signature
        assert sig is not None
        c = self.canv
        image = ImageReader(BytesIO(sig.png))
        iw, ih = image.getSize()
        box_w, box_h = x1 - x0, 12 * mm
        scale = min(box_w / iw, box_h / ih)
        dw, dh = iw * scale, ih * scale
        c.drawImage(image, x0 + (box_w - dw) / 2, baseline, dw, dh, mask="auto")
        recorded = f" · {sig.recorded_by}" if sig.recorded_by else ""
        caption = (
            pick(self.lang, "简单电子签名 ", "Simple electronic signature ")
            + moment(sig.signed_at)
            + recorded
        )
        # Keep the caption clear of the seal circle: shrink it to the line's width.
        room = x1 - 2.5 * mm
        size = min(6.2, 6.2 * room / max(c.stringWidth(caption, register_fonts(), 6.2), 1))
        c.setFont(register_fonts(), size)
        c.setFillColor(colors.Color(0.25, 0.25, 0.25))
        c.drawString(2.5 * mm, baseline - 3.6 * mm, caption)


# --------------------------------------------------------------------------- sections


def _section(number: int, zh: str, en: str, lang: str, count: int | None = None) -> Paragraph:
    st = styles()["section"]
    head = f"{NUMERALS[number - 1]}、{zh}" if lang == "zh" else f"{number}. {en}"
    if count is not None:
        head += pick(lang, f"（共 {count} 项）", f" ({count})")
    return Paragraph(head, st)


def _none(lang: str) -> Paragraph:
    return Paragraph(pick(lang, "（无）", "(none)"), styles()["small"])


def _transfer(status: str, named: bool, lang: str) -> str:
    """A customer's transfer state as the form says it."""
    if status == "open":
        return pick(lang, "待接收", "to confirm") if named else pick(lang, "待指定", "unassigned")
    if status == "confirmed":
        return pick(lang, "已接收", "received")
    return word(status, lang)


def _mark(status: str, lang: str) -> str:
    if status in ("done", "confirmed"):
        return f"{DONE_MARK} {word(status, lang)}"
    if status == "waived":
        return f"— {word(status, lang)}"
    return f"{OPEN_MARK} {word(status, lang)}"


def _told(c: Any, lang: str) -> str:
    """已告知 from the data: yes, no (with the reason it was waived), or boxes for a pen."""
    if c.informed is None:
        return pick(lang, "□是 □否", "□Y □N")
    note = getattr(c, "informed_note", None)
    if note:
        return pick(
            lang, f"{yes_no(c.informed, lang)}（{note}）", f"{yes_no(c.informed, lang)} ({note})"
        )
    return yes_no(c.informed, lang)


def _customers(data: HandoverFormData, lang: str) -> list[Any]:
    header = [
        pick(lang, "序号", "No."),
        pick(lang, "客户编码", "Code"),
        pick(lang, "客户名称", "Customer"),
        pick(lang, "主要联系人", "Main contact"),
        pick(lang, "接收人", "Successor"),
        pick(lang, "未收款（元）", "Open (CNY)"),
        pick(lang, "已告知", "Told"),
        pick(lang, "状态", "Status"),
    ]
    rows: list[list[Any]] = []
    for n, c in enumerate(data.customers, 1):
        contact = " ".join(x for x in (c.contact, c.phone) if x)
        rows.append(
            [
                n,
                c.code,
                c.name,
                contact,
                c.successor or "",
                money(c.open_amount),
                _told(c, lang),
                _transfer(c.status, c.successor_id is not None, lang),
            ]
        )
    total = sum((c.open_amount for c in data.customers), start=type(data.open_total)(0))
    rows.append(["", "", pick(lang, "合计", "Total"), "", "", money(total), "", ""])
    widths = [w * mm for w in (9, 19, 47, 31, 20, 22, 14, 16)]
    return [grid_table(header, rows, widths, right=(5,), center=(0, 6, 7), total_row=True)]


def _contracts(data: HandoverFormData, lang: str) -> list[Any]:
    if not data.contracts:
        return [_none(lang)]
    header = [
        pick(lang, "序号", "No."),
        pick(lang, "合同编号", "Contract"),
        pick(lang, "合同名称", "Title"),
        pick(lang, "客户", "Customer"),
        pick(lang, "接收人", "Successor"),
        pick(lang, "状态", "Status"),
    ]
    rows = [
        [n, k.number, k.title, k.customer or "", k.successor or "", word(k.status, lang)]
        for n, k in enumerate(data.contracts, 1)
    ]
    widths = [w * mm for w in (9, 30, 45, 50, 26, 18)]
    return [grid_table(header, rows, widths, center=(0, 5))]


def _receivables(data: HandoverFormData, lang: str) -> list[Any]:
    if not data.receivables:
        return [_none(lang)]
    header = [
        pick(lang, "序号", "No."),
        pick(lang, "发票/账单号", "Invoice"),
        pick(lang, "客户", "Customer"),
        pick(lang, "到期日", "Due"),
        pick(lang, "未收金额（元）", "Outstanding (CNY)"),
        pick(lang, "逾期天数", "Days overdue"),
        pick(lang, "催收责任人", "Collected by"),
    ]
    rows: list[list[Any]] = []
    for n, r in enumerate(data.receivables, 1):
        late = (data.as_of - r.due_on).days if r.due_on and r.due_on < data.as_of else 0
        rows.append(
            [
                n,
                r.number,
                r.customer or "",
                day(r.due_on),
                money(r.outstanding),
                late or "",
                r.collector or pick(lang, "（待指定）", "(to be named)"),
            ]
        )
    rows.append(["", "", pick(lang, "合计", "Total"), "", money(data.open_total), "", ""])
    widths = [w * mm for w in (9, 29, 52, 19, 26, 15, 28)]
    return [grid_table(header, rows, widths, right=(4, 5), center=(0, 3), total_row=True)]


def _orders(data: HandoverFormData, lang: str) -> list[Any]:
    if not data.orders:
        return [_none(lang)]
    header = [
        pick(lang, "序号", "No."),
        pick(lang, "运单号", "Waybill"),
        pick(lang, "客户", "Customer"),
        pick(lang, "运费（元）", "Revenue (CNY)"),
        pick(lang, "接手人", "Taken over by"),
        pick(lang, "状态", "Status"),
    ]
    rows = [
        [n, o.number, o.customer or "", money(o.amount), o.successor or "", word(o.status, lang)]
        for n, o in enumerate(data.orders, 1)
    ]
    widths = [w * mm for w in (9, 32, 62, 25, 30, 20)]
    return [grid_table(header, rows, widths, right=(3,), center=(0, 5))]


def _checklist(lines: Sequence[FormChecklistLine], lang: str) -> list[Any]:
    if not lines:
        return [_none(lang)]
    header = [
        pick(lang, "序号", "No."),
        pick(lang, "事项", "Item"),
        pick(lang, "类别", "Category"),
        pick(lang, "责任人", "Responsible"),
        pick(lang, "完成情况", "Status"),
        pick(lang, "完成人/时间、备注", "Done by / when, note"),
    ]
    rows = []
    ordered = sorted(lines, key=lambda x: (CATEGORY_ORDER.get(x.category, 99), x.title))
    for n, line in enumerate(ordered, 1):
        done = " ".join(x for x in (line.completed_by or "", moment(line.completed_at)) if x)
        note = "；".join(x for x in (done, line.note or "") if x)
        rows.append(
            [
                n,
                line.title,
                word(line.category if line.kind != "account" else "account", lang),
                word(line.responsible, lang)
                if line.responsible
                in ("employee", "successor", "manager", "hr", "finance", "admin")
                else line.responsible or "",
                _mark(line.status, lang),
                note,
            ]
        )
    widths = [w * mm for w in (9, 66, 20, 22, 24, 37)]
    return [grid_table(header, rows, widths, center=(0, 2, 4))]


def _is_advance(line: FormChecklistLine) -> bool:
    title = line.title.lower()
    return any(w in title for w in ADVANCE_WORDS)


def _advances(lines: Sequence[FormChecklistLine], lang: str) -> list[Any]:
    st = styles()
    out: list[Any] = _checklist(lines, lang) if lines else []
    out.append(Spacer(1, 2 * mm))
    out.append(
        Paragraph(
            pick(
                lang,
                "借款／备用金／未结报销：□ 无　□ 有，金额人民币 ____________ 元"
                "（大写 ______________________________）<br/>"
                "结清日期：______年____月____日　　　　财务确认（签字）：________________",
                "Advances / petty cash / unsettled expenses: □ none   □ owed: CNY "
                "________________<br/>Settled on: ________________      Confirmed by finance "
                "(signature): ________________",
            ),
            st["cell"],
        )
    )
    return out


def _clauses(data: HandoverFormData, lang: str) -> list[Any]:
    st = styles()
    mine = [c for c in data.clauses if c.language == lang] or [
        c for c in data.clauses if c.language != lang
    ]
    if not mine:
        return [_none(lang)]
    out: list[Any] = []
    for n, c in enumerate(mine, 1):
        if c.acknowledged_at is not None:
            ack = pick(
                lang,
                f"已于 {moment(c.acknowledged_at)} 确认（第 {c.acknowledged_version or c.version} 版，"
                f"文本 SHA-256 {c.sha256[:16]}…）",
                f"Acknowledged {moment(c.acknowledged_at)} (version "
                f"{c.acknowledged_version or c.version}, text SHA-256 {c.sha256[:16]}…)",
            )
        else:
            ack = pick(
                lang,
                "尚未在系统中确认：员工阅读后在下方签字即视为确认。",
                "Not yet acknowledged in Baton: the employee's signature below acknowledges it.",
            )
        out.append(
            KeepTogether(
                [
                    Paragraph(f"{n}. {c.title}", st["cell"]),
                    Paragraph(c.body, st["small"]),
                    Paragraph(ack, st["tiny"]),
                    Spacer(1, 1.5 * mm),
                ]
            )
        )
    return out


def _block_title(block: SignatureBlock, lang: str) -> str:
    titles = {
        "employee": pick(lang, "离职员工（移交人）", "Departing employee (hands over)"),
        "successor": pick(lang, "接收人", "Successor (takes over)"),
        "manager": pick(lang, "监交人（部门经理）", "Supervisor of the handover (manager)"),
        "hr": pick(lang, "人力资源部", "Human resources"),
        "finance": pick(lang, "财务部", "Finance"),
    }
    return titles[block.role]


def _signatures(data: HandoverFormData, signed: Sequence[SignatureImage], lang: str) -> list[Any]:
    by_block = {s.block: s for s in signed}
    half = (WIDTH - 4 * mm) / 2
    boxes = [
        SignatureBox(b, _block_title(b, lang), by_block.get(b.key), lang, half)
        for b in signature_blocks(data)
    ]
    rows = [boxes[i : i + 2] for i in range(0, len(boxes), 2)]
    if len(rows[-1]) == 1:
        rows[-1].append("")
    table = Table(rows, colWidths=[half + 2 * mm, half + 2 * mm], hAlign="LEFT")
    table.setStyle(
        table_style(
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
        )
    )
    return [table]


def _verification(prepared: PreparedDocument, lang: str) -> Table:
    st = styles()
    stamp = prepared.stamp
    lines = [
        pick(lang, "核验信息", "Verification"),
        pick(lang, "文档编号：", "Document: ") + stamp.number,
        pick(lang, "内容摘要（SHA-256）：", "Content SHA-256: ") + stamp.content_sha256,
        pick(lang, "签发：", "Issued: ") + f"{moment(stamp.created_at)} · {stamp.created_by}",
        pick(
            lang,
            "本文件的 SHA-256 记录于签发记录中；运行 baton verify-document 文件.pdf 可核验文件"
            "是否由本系统签发且未经改动。"
            + ("本表内容已于签署时冻结，此后重印均以冻结内容为准。" if prepared.frozen else ""),
            "The file's own SHA-256 is kept in the issue record: run baton verify-document "
            "FILE.pdf to check a file was issued by Baton and is unchanged."
            + (
                " The content was frozen when the form was signed; every reprint shows it."
                if prepared.frozen
                else ""
            ),
        ),
    ]
    text = [Paragraph(lines[0], st["cell"])] + [Paragraph(x, st["tiny"]) for x in lines[1:]]
    table = Table(
        [[QrFlowable(stamp.qr_payload, 26 * mm), text]],
        colWidths=[30 * mm, WIDTH - 30 * mm],
        hAlign="LEFT",
    )
    table.setStyle(
        table_style(
            ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (0, 0), 2 * mm),
        )
    )
    return table


def _numbers_line(data: HandoverFormData, prepared: PreparedDocument, lang: str) -> Table:
    cells = [
        pick(lang, "表单编号：", "Form no.: ") + data.form_number,
        pick(lang, "案件编号：", "Case no.: ") + data.case_number,
        pick(lang, "填表日期：", "Date: ") + day(data.as_of),
    ]
    table = Table([cells], colWidths=[WIDTH / 3] * 3, hAlign="LEFT")
    table.setStyle(
        table_style(
            ("ALIGN", (1, 0), (1, 0), "CENTER"),
            ("ALIGN", (2, 0), (2, 0), "RIGHT"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            size=9,
        )
    )
    return table


def story_of(prepared: PreparedDocument) -> list[Any]:
    data: HandoverFormData = prepared.content
    lang = prepared.stamp.language
    st = styles()
    e = data.employee
    story: list[Any] = [
        FormTitle(title_of(lang)),
        Paragraph(
            pick(lang, "Employee Handover Form", "离职交接单") + "　·　" + data.company,
            st["subtitle"],
        ),
        _numbers_line(data, prepared, lang),
        Spacer(1, 2 * mm),
    ]
    n = 1
    story.append(_section(n, "员工信息及离职日期", "Employee and dates", lang))
    pairs = [
        (pick(lang, "工号", "Employee no."), e.employee_no),
        (pick(lang, "姓名", "Name"), e.name),
        (pick(lang, "部门", "Department"), e.department or ""),
        (pick(lang, "职位", "Position"), e.position or ""),
        (pick(lang, "分公司/网点", "Branch"), e.branch or ""),
        (pick(lang, "直属上级", "Manager"), e.manager or ""),
        (pick(lang, "入职日期", "Hire date"), day(e.hire_date)),
        (pick(lang, "离职类型", "Type"), word(data.case_type, lang)),
        (pick(lang, "提出日期", "Submitted"), day(data.submitted_on)),
        (pick(lang, "通知日期", "Notice given"), day(data.notice_on)),
        (pick(lang, "最后工作日", "Last working day"), day(data.last_day)),
        (pick(lang, "案件状态", "Case state"), word(data.state, lang)),
    ]
    story.append(field_table(pairs, [w * mm for w in (24, 65, 24, 65)]))
    story.append(Spacer(1, 1.5 * mm))
    story.append(
        Paragraph(
            pick(
                lang,
                f"交接概要：客户 {len(data.customers)} 家，合同 {len(data.contracts)} 份，"
                f"应收账款 {len(data.receivables)} 笔（未收合计人民币 {money(data.open_total)} 元），"
                f"在途订单 {len(data.orders)} 单，清单事项 {len(data.checklist)} 项。"
                f"金额截至 {day(data.as_of)}。",
                f"Summary: {len(data.customers)} customers, {len(data.contracts)} contracts, "
                f"{len(data.receivables)} receivables (CNY {money(data.open_total)} outstanding), "
                f"{len(data.orders)} open orders, {len(data.checklist)} checklist items. "
                f"Amounts as of {day(data.as_of)}.",
            ),
            st["small"],
        )
    )
    n += 1
    story.append(CondPageBreak(30 * mm))
    story.append(_section(n, "客户交接明细", "Customers transferred", lang, len(data.customers)))
    story += _customers(data, lang) if data.customers else [_none(lang)]
    for zh, en, builder, count in (
        ("合同交接", "Contracts", _contracts, len(data.contracts)),
        (
            "应收账款及催收责任人",
            "Receivables and who collects them",
            _receivables,
            len(data.receivables),
        ),
        ("在途订单", "Open orders", _orders, len(data.orders)),
    ):
        n += 1
        story.append(CondPageBreak(30 * mm))
        story.append(_section(n, zh, en, lang, count))
        story += builder(data, lang)
    advances = [
        line
        for line in data.checklist
        if line.kind != "account" and line.category == "other" and _is_advance(line)
    ]
    access = [
        line for line in data.checklist if line.kind == "account" or line.category == "accounts"
    ]
    returned = [line for line in data.checklist if line not in advances and line not in access]
    for zh, en, lines in (
        ("资产及文件资料归还", "Assets and documents returned", returned),
        ("账号及数据权限收回", "Accounts and data access revoked", access),
    ):
        n += 1
        story.append(CondPageBreak(30 * mm))
        story.append(_section(n, zh, en, lang, len(lines)))
        story += _checklist(lines, lang)
    n += 1
    story.append(CondPageBreak(30 * mm))
    story.append(_section(n, "借款、备用金及报销", "Advances and petty cash owed", lang))
    story += _advances(advances, lang)
    n += 1
    story.append(CondPageBreak(40 * mm))
    story.append(_section(n, "条款确认", "Clauses acknowledged", lang))
    story += _clauses(data, lang)
    n += 1
    signatures = _signatures(data, prepared.signatures, lang)
    story.append(CondPageBreak(100 * mm))
    story.append(
        KeepTogether(
            [
                _section(n, "签字确认", "Signatures", lang),
                Paragraph(
                    pick(
                        lang,
                        "本交接单一式三份，离职员工、接收人、公司存档（人事档案）各执一份，"
                        "经各方签字并加盖公章后生效。签字处注明为简单电子签名的，系在系统屏幕上签署；"
                        "其余签字栏以纸面签字为准。",
                        "This form is made in triplicate: one copy each for the departing "
                        "employee, the successor(s) and the company file (personnel file). It "
                        "takes effect when signed by every party and sealed. Blocks marked "
                        '"simple electronic signature" were signed on screen; the others are '
                        "signed on paper.",
                    ),
                    st["small"],
                ),
                Spacer(1, 2 * mm),
                *signatures,
            ]
        )
    )
    story.append(Spacer(1, 3 * mm))
    story.append(KeepTogether([_verification(prepared, lang)]))
    return story


def frame_of(prepared: PreparedDocument) -> PageFrame:
    data: HandoverFormData = prepared.content
    lang = prepared.stamp.language
    return issued_frame(
        prepared.stamp,
        pick(lang, "表单编号 ", "Form ") + data.form_number,
        header_title=title_of(lang),
        company=data.company,
    )


def handover_form_pdf(prepared: PreparedDocument) -> RenderedPdf:
    """Render a prepared handover form (see :func:`desktop.services.documents.prepare_handover`)."""
    return render_pdf(frame_of(prepared), story_of(prepared))
