"""The termination certificate (离职证明) on the shared page frame: one page, the four items of
art. 24 of the Implementation Regulations of the Labour Contract Law in a table, the sentence
that certifies them, the seal area, and the employee's copy stub.

The ground of termination is printed only when the employee asked for it (``with_reason``).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from desktop.models.documents import DocumentKind
from desktop.reports.handover_form import FormTitle
from desktop.reports.template import RenderedPdf, field_table, issued_frame, render_pdf, styles
from desktop.reports.vocabulary import day, pick
from desktop.services import documents
from desktop.services.documents import PreparedDocument
from desktop.services.documents.certificate import CertificateData, certificate_data

K = DocumentKind
TITLE = ("离职证明", "Termination Certificate")

#: The ground of termination by case type (printed only on request), with the article.
GROUNDS: dict[str, tuple[str, str]] = {
    "resignation": (
        "劳动者提出解除劳动合同（《劳动合同法》第三十七条）",
        "the employee terminated the contract with notice (Labour Contract Law art. 37)",
    ),
    "mutual": (
        "双方协商一致解除劳动合同（《劳动合同法》第三十六条）",
        "terminated by mutual agreement (Labour Contract Law art. 36)",
    ),
    "misconduct": (
        "用人单位依《劳动合同法》第三十九条解除劳动合同",
        "terminated by the employer under Labour Contract Law art. 39",
    ),
    "dismissal": (
        "用人单位依《劳动合同法》第四十条解除劳动合同",
        "terminated by the employer under Labour Contract Law art. 40",
    ),
    "contract_end": (
        "劳动合同期满终止（《劳动合同法》第四十四条）",
        "the fixed term expired (Labour Contract Law art. 44)",
    ),
    "retirement": (
        "劳动者依法享受基本养老保险待遇，劳动合同终止（《劳动合同法》第四十四条）",
        "the employee retired (Labour Contract Law art. 44)",
    ),
}


def contract_term(data: CertificateData, lang: str) -> str:
    start = day(data.contract_start)
    if data.contract_end is None:
        return pick(lang, f"{start} 起，无固定期限", f"open-ended, from {start}")
    return pick(
        lang, f"{start} 至 {day(data.contract_end)}", f"{start} to {day(data.contract_end)}"
    )


def service_text(data: CertificateData, lang: str) -> str:
    y, m = data.service_years, data.service_months
    return pick(lang, f"{y} 年 {m} 个月", f"{y} year(s) {m} month(s)")


def prepare_certificate(
    ctx: Any, case_id: int, lang: str, with_reason: bool = False
) -> PreparedDocument:
    data = certificate_data(ctx, case_id, with_reason)
    return documents.prepare(
        ctx,
        K.CERTIFICATE.value,
        lang,
        pick(lang, *TITLE),
        data,
        case_id=case_id,
        case_number=data.case_number,
        company=data.company,
        rows=1,
    )


def certificate_pdf(prepared: PreparedDocument) -> RenderedPdf:
    """One A4 page: the certified facts, the sentence, the seal and date."""
    data: CertificateData = prepared.content
    lang = prepared.stamp.language
    st = styles()
    width = 178 * mm
    rows = [
        (pick(lang, "姓名", "Name"), data.employee_name),
        (pick(lang, "身份证号码", "ID number"), data.id_number or "—"),
        (pick(lang, "劳动合同期限", "Term of the labour contract"), contract_term(data, lang)),
        (pick(lang, "入职日期", "Hired on"), day(data.hire_date)),
        (pick(lang, "解除或终止劳动合同日期", "Date of termination"), day(data.termination_date)),
        (pick(lang, "工作岗位", "Position"), data.position),
        (pick(lang, "本单位工作年限", "Years of service in the firm"), service_text(data, lang)),
    ]
    if data.with_reason:
        ground = GROUNDS.get(data.case_type, (data.case_type, data.case_type))
        rows.append(
            (
                pick(lang, "解除或终止原因（应劳动者要求）", "Ground (at the employee's request)"),
                pick(lang, *ground),
            )
        )
    facts = field_table([(k, v) for k, v in rows], [52 * mm, width - 52 * mm])
    sentence = pick(
        lang,
        f"兹证明 {data.employee_name} 同志与本单位的劳动合同已于 {day(data.termination_date)} "
        f"解除（终止），双方劳动关系自该日起不复存在。特此证明。",
        f"This certifies that the labour contract between {data.employee_name} and this firm "
        f"ended on {day(data.termination_date)}; the employment relationship no longer exists "
        "from that day.",
    )
    story: list[Any] = [
        FormTitle(prepared.stamp.title, size=20),
        Spacer(1, 6 * mm),
        facts,
        Spacer(1, 8 * mm),
        Paragraph(sentence, st["body"]),
        Spacer(1, 18 * mm),
        Paragraph(pick(lang, "单位（盖章）：", "Firm (seal):") + f" {data.company}", st["body"]),
        Spacer(1, 4 * mm),
        Paragraph(pick(lang, "日期：", "Date:") + f" {day(data.issued_on)}", st["body"]),
        Spacer(1, 24 * mm),
        Paragraph(
            pick(
                lang,
                "本证明依《劳动合同法实施条例》第二十四条出具；一式两份，劳动者与单位各执一份。"
                "劳动者签收：______________  日期：____________",
                "Issued under art. 24 of the Implementation Regulations of the Labour Contract "
                "Law; two copies, one for the employee and one for the firm. Received by the "
                "employee: ______________  Date: ____________",
            ),
            st["small"],
        ),
    ]
    reference = pick(lang, "案件 ", "Case ") + data.case_number
    return render_pdf(issued_frame(prepared.stamp, reference), story)
