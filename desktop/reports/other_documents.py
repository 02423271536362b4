"""The other documents on the shared template: departure risk assessment, responsibility
tracking table (责任人追踪表), receivables aging by salesperson, and the post-departure report.

Each has a ``prepare_*`` (read the content through the services and stamp it) and a ``*_pdf``
(render a prepared document); :mod:`desktop.reports.issue` joins them and records the issue.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from desktop.models.documents import DocumentKind
from desktop.reports.handover_form import FormTitle
from desktop.reports.template import (
    PageFrame,
    RenderedPdf,
    field_table,
    grid_table,
    issued_frame,
    render_pdf,
    styles,
)
from desktop.reports.vocabulary import day, money, pick, word, yes_no
from desktop.services import document_content, documents, organisation
from desktop.services.departures import aftermath as post
from desktop.services.departures import risk as departure_risk
from desktop.services.departures.aftermath import PostDepartureReport
from desktop.services.departures.risk import RiskAssessment
from desktop.services.document_content import TrackingTable
from desktop.services.documents import PreparedDocument
from desktop.services.money import AgingReport, age_receivables

K = DocumentKind
LANDSCAPE = 265  # mm: the width of a landscape A4 page inside the margins

TITLES = {
    K.RISK.value: ("离职风险评估表", "Departure Risk Assessment"),
    K.TRACKING.value: ("责任人追踪表", "Responsibility Tracking Table"),
    K.AGING.value: ("应收账款账龄分析表（按业务员）", "Receivables Aging by Salesperson"),
    K.POST_DEPARTURE.value: ("离职后客户及回款报告", "Post-Departure Report"),
}


def title_of(kind: str, lang: str) -> str:
    zh, en = TITLES[kind]
    return pick(lang, zh, en)


def _case_frame(prepared: PreparedDocument) -> PageFrame:
    stamp = prepared.stamp
    return issued_frame(stamp, pick(stamp.language, "案件 ", "Case ") + (stamp.case_number or ""))


def _prepare_case(
    ctx: Any, kind: str, lang: str, case_id: int, data: Any, company: str, rows: int
) -> PreparedDocument:
    """Stamp the content of a case document (numbered by its case)."""
    return documents.prepare(
        ctx,
        kind,
        lang,
        title_of(kind, lang),
        data,
        case_id=case_id,
        case_number=data.case_number,
        company=company,
        rows=rows,
    )


def _head(prepared: PreparedDocument) -> list[Any]:
    return [FormTitle(prepared.stamp.title, size=17), Spacer(1, 2 * mm)]


def _note(text: str) -> Paragraph:
    return Paragraph(text, styles()["small"])


def _percent(value: Decimal | None) -> str:
    return "" if value is None else f"{value}%"


# --------------------------------------------------------------------------- risk assessment


FACTOR_NAMES = {
    "revenue_share": ("营收占比", "Share of the firm's revenue"),
    "concentration": ("前 5 大客户集中度", "Concentration of the top 5 customers"),
    "overdue": ("应收账款逾期", "Overdue receivables"),
    "bad_debt": ("坏账风险", "Bad-debt risk"),
    "order_trend": ("近期订单趋势", "Recent order trend"),
    "handover_progress": ("交接进度", "Handover progress"),
    "lock_attempts": ("锁定后下单尝试", "Orders refused by the lock"),
}


def _measures(key: str, m: dict[str, str], lang: str) -> str:
    if key == "revenue_share":
        return pick(
            lang,
            f"近 12 个月名下 {m['customers']} 家客户营收 ¥{money(Decimal(m['revenue']))}，"
            f"占公司 ¥{money(Decimal(m['firm_revenue']))} 的 {m['share_percent']}%"
            "（占比 ≥10% 记满分）",
            f"Last 12 months: CNY {money(Decimal(m['revenue']))} from {m['customers']} "
            f"customers owned, {m['share_percent']}% of the firm's CNY "
            f"{money(Decimal(m['firm_revenue']))} (≥10% scores 100)",
        )
    if key == "concentration":
        return pick(
            lang,
            f"前 5 大客户营收 ¥{money(Decimal(m['top5_revenue']))}，占本人营收 {m['top5_percent']}%",
            f"Top 5 customers: CNY {money(Decimal(m['top5_revenue']))}, "
            f"{m['top5_percent']}% of their revenue",
        )
    if key == "overdue":
        return pick(
            lang,
            f"未收 {m['receivables']} 笔共 ¥{money(Decimal(m['outstanding']))}，"
            f"其中逾期 ¥{money(Decimal(m['overdue']))}（{m['overdue_percent']}%）",
            f"{m['receivables']} open, CNY {money(Decimal(m['outstanding']))}; overdue CNY "
            f"{money(Decimal(m['overdue']))} ({m['overdue_percent']}%)",
        )
    if key == "bad_debt":
        if m["mode"] == "ladder":
            return pick(
                lang,
                f"坏账准备 ¥{money(Decimal(m['provision']))}，风险系数 {m['coefficient']}",
                f"Provision CNY {money(Decimal(m['provision']))}, coefficient {m['coefficient']}",
            )
        return pick(
            lang,
            f"逾期超过 90 天 ¥{money(Decimal(m['over_90_days']))}（小企业模式不计提准备）",
            f"Overdue more than 90 days: CNY {money(Decimal(m['over_90_days']))} (small "
            "enterprise mode: no provision)",
        )
    if key == "order_trend":
        return pick(
            lang,
            f"近 {m['days']} 天营收 ¥{money(Decimal(m['recent']))}，前 {m['days']} 天 "
            f"¥{money(Decimal(m['before']))}，变化 {m['change_percent']}%",
            f"Last {m['days']} days CNY {money(Decimal(m['recent']))}, the {m['days']} days "
            f"before CNY {money(Decimal(m['before']))}: {m['change_percent']}%",
        )
    if key == "handover_progress":
        return pick(
            lang,
            f"交接事项 {m['items']} 项，已完成 {m['finished']} 项；未指定接收人客户 "
            f"{m['without_successor']} 家，未告知客户 {m['not_informed']} 家",
            f"{m['finished']} of {m['items']} items finished; {m['without_successor']} "
            f"customers without successor, {m['not_informed']} not informed",
        )
    return pick(
        lang,
        f"锁定后以本人名义下单被拒 {m['attempts']} 次（每次 25 分）",
        f"{m['attempts']} order(s) refused after the lock (25 points each)",
    )


def prepare_risk(ctx: Any, case_id: int, lang: str) -> PreparedDocument:
    data = departure_risk.risk_assessment(ctx, case_id)
    return _prepare_case(ctx, K.RISK.value, lang, case_id, data, data.company, len(data.factors))


def risk_pdf(prepared: PreparedDocument) -> RenderedPdf:
    data: RiskAssessment = prepared.content
    lang = prepared.stamp.language
    st = styles()
    level = {"low": ("低", "low"), "medium": ("中", "medium"), "high": ("高", "high")}[data.level]
    story = _head(prepared)
    story.append(
        field_table(
            [
                (pick(lang, "案件编号", "Case"), data.case_number),
                (pick(lang, "员工", "Employee"), f"{data.employee_name}（{data.employee_no}）"),
                (pick(lang, "分公司", "Branch"), data.branch or ""),
                (pick(lang, "职位", "Position"), data.position or ""),
                (pick(lang, "最后工作日", "Last working day"), day(data.last_day)),
                (pick(lang, "评估日期", "Assessed on"), day(data.as_of)),
                (pick(lang, "风险总分", "Total score"), f"{data.total} / 100"),
                (pick(lang, "风险等级", "Level"), pick(lang, *level)),
            ],
            [w * mm for w in (26, 63, 26, 63)],
        )
    )
    story.append(Spacer(1, 3 * mm))
    story.append(
        Paragraph(
            pick(lang, "一、风险因素及贡献", "1. Factors and their contribution"), st["section"]
        )
    )
    rows = [
        [
            n,
            pick(lang, *FACTOR_NAMES[f.key]),
            _measures(f.key, f.measures, lang),
            f.score,
            f.weight,
            f.contribution,
        ]
        for n, f in enumerate(data.factors, 1)
    ]
    rows.append(["", pick(lang, "合计", "Total"), "", "", 100, data.total])
    story.append(
        grid_table(
            [
                pick(lang, "序号", "No."),
                pick(lang, "因素", "Factor"),
                pick(lang, "依据（当前数据）", "Measured from current data"),
                pick(lang, "得分 0–100", "Score 0–100"),
                pick(lang, "权重", "Weight"),
                pick(lang, "贡献", "Contribution"),
            ],
            rows,
            [w * mm for w in (9, 32, 89, 17, 13, 18)],
            size=8,
            right=(3, 4, 5),
            center=(0,),
            total_row=True,
        )
    )
    story.append(Spacer(1, 3 * mm))
    story.append(
        Paragraph(
            pick(lang, "二、前 5 大客户（近 12 个月）", "2. Top 5 customers (last 12 months)"),
            st["section"],
        )
    )
    if data.top_customers:
        story.append(
            grid_table(
                [
                    pick(lang, "序号", "No."),
                    pick(lang, "客户编码", "Code"),
                    pick(lang, "客户名称", "Customer"),
                    pick(lang, "营收（元）", "Revenue (CNY)"),
                    pick(lang, "占本人营收", "Share"),
                ],
                [
                    [n, t.code, t.name, money(t.revenue), _percent(t.share)]
                    for n, t in enumerate(data.top_customers, 1)
                ],
                [w * mm for w in (9, 25, 84, 35, 25)],
                size=8,
                right=(3, 4),
                center=(0,),
            )
        )
    else:
        story.append(_note(pick(lang, "（近 12 个月无订单）", "(no orders in the last 12 months)")))
    story.append(Spacer(1, 4 * mm))
    story.append(
        _note(
            pick(
                lang,
                "说明：每项因素按当前数据计 0–100 分，乘以权重（合计 100）得出贡献；总分低于 30 为低风险，"
                "30–60 为中风险，60 以上为高风险。风险分值提示需要关注之处，并非对员工的结论："
                "客户有权自主选择合作方。预警规则（告警）模块启用后将作为一项因素加入。",
                "How to read it: each factor scores 0–100 from current data and is weighted "
                "(weights add up to 100); the contributions add up to the total. Below 30 is "
                "low, 30–60 medium, 60 and above high. A score says where to look, not what "
                "the employee did: a customer may lawfully choose whom to work with. Alerts "
                "will join as a factor when the alert rules are in use.",
            )
        )
    )
    return render_pdf(_case_frame(prepared), story)


# --------------------------------------------------------------------------- tracking table


def prepare_tracking(ctx: Any, case_id: int, lang: str) -> PreparedDocument:
    data = document_content.tracking_table(ctx, case_id)
    return _prepare_case(ctx, K.TRACKING.value, lang, case_id, data, data.company, len(data.lines))


TRANSFER_WORDS = {
    "open": ("待指定接收人", "unassigned"),
    "assigned": ("待接收", "to confirm"),
    "confirmed": ("已接收", "received"),
    "waived": ("免于交接", "waived"),
    "not_owned": ("非本人客户", "not owned"),
}


def _transfer_word(status: str, lang: str) -> str:
    pair = TRANSFER_WORDS.get(status)
    return pick(lang, *pair) if pair else word(status, lang)


def tracking_pdf(prepared: PreparedDocument) -> RenderedPdf:
    data: TrackingTable = prepared.content
    lang = prepared.stamp.language
    story = _head(prepared)
    story.append(
        field_table(
            [
                (pick(lang, "案件编号", "Case"), data.case_number),
                (
                    pick(lang, "离职员工", "Departing employee"),
                    f"{data.employee_name}（{data.employee_no}）",
                ),
                (pick(lang, "最后工作日", "Last working day"), day(data.last_day)),
                (pick(lang, "截至日期", "As of"), day(data.as_of)),
                (pick(lang, "客户数", "Customers"), str(len(data.lines))),
                (pick(lang, "未收合计（元）", "Outstanding (CNY)"), money(data.outstanding)),
            ],
            [w * mm for w in (30, 102, 30, 103)],
        )
    )
    story.append(Spacer(1, 3 * mm))
    rows: list[list[Any]] = [
        [
            n,
            line.customer_code,
            line.customer_name,
            line.successor or "",
            _transfer_word(line.transfer_status, lang),
            day(line.planned_on),
            day(line.effective_on),
            line.receivables or "",
            money(line.outstanding) if line.receivables else "",
            money(line.overdue) if line.overdue else "",
            "、".join(line.collectors) if lang == "zh" else ", ".join(line.collectors),
            line.responsible,
        ]
        for n, line in enumerate(data.lines, 1)
    ]
    rows.append(
        [
            "",
            "",
            pick(lang, "合计", "Total"),
            "",
            "",
            "",
            "",
            sum(x.receivables for x in data.lines),
            money(data.outstanding),
            money(sum((x.overdue for x in data.lines), Decimal(0))),
            "",
            "",
        ]
    )
    story.append(
        grid_table(
            [
                pick(lang, "序号", "No."),
                pick(lang, "客户编码", "Code"),
                pick(lang, "客户名称", "Customer"),
                pick(lang, "接收人", "Successor"),
                pick(lang, "交接状态", "Transfer"),
                pick(lang, "计划交接日", "Planned"),
                pick(lang, "生效日", "Effective"),
                pick(lang, "应收笔数", "Invoices"),
                pick(lang, "未收金额（元）", "Outstanding (CNY)"),
                pick(lang, "逾期金额（元）", "Overdue (CNY)"),
                pick(lang, "催收人", "Collected by"),
                pick(lang, "当前责任人", "Responsible now"),
            ],
            rows,
            [w * mm for w in (10, 20, 52, 22, 22, 19, 19, 13, 24, 22, 22, 20)],
            right=(7, 8, 9),
            center=(0, 4, 5, 6),
            total_row=True,
        )
    )
    story.append(Spacer(1, 3 * mm))
    story.append(
        _note(
            pick(
                lang,
                "当前责任人：接收人确认接收后为接收人；此前至最后工作日为离职员工，其后为其直属上级。"
                "“非本人客户”指由离职员工经手、但客户归属他人的应收账款。",
                "Responsible now: the successor once they confirmed receipt; before that the "
                "departing employee until the last working day, then their manager. “Not "
                "owned”: receivables the leaver sold to customers owned by someone else.",
            )
        )
    )
    return render_pdf(_case_frame(prepared), story, landscape(A4))


# --------------------------------------------------------------------------- aging


def prepare_aging(ctx: Any, lang: str, as_of: date | None = None) -> PreparedDocument:
    report = age_receivables(ctx, as_of)
    # The document shows the salespeople; the per-customer lines stay out of its snapshot.
    data = replace(report, by_customer=())
    return documents.prepare(
        ctx,
        K.AGING.value,
        lang,
        title_of(K.AGING.value, lang),
        data,
        company=organisation.company_name(ctx),
        rows=len(data.by_salesperson),
    )


def aging_pdf(prepared: PreparedDocument) -> RenderedPdf:
    data: AgingReport = prepared.content
    lang = prepared.stamp.language
    story = _head(prepared)
    basis = (
        pick(lang, "按到期日", "by due date")
        if data.basis == "due"
        else pick(lang, "按开票日", "by invoice date")
    )
    mode = (
        pick(lang, "不计提（小企业会计准则）", "none (small enterprise)")
        if data.mode == "none"
        else pick(lang, "按账龄计提", "ladder by age")
    )
    story.append(
        field_table(
            [
                (pick(lang, "截至日期", "As of"), day(data.as_of)),
                (pick(lang, "账龄口径", "Aged"), basis),
                (pick(lang, "未收合计（元）", "Outstanding (CNY)"), money(data.outstanding)),
                (pick(lang, "逾期合计（元）", "Overdue (CNY)"), money(data.overdue)),
                (pick(lang, "坏账准备（元）", "Provision (CNY)"), money(data.provision)),
                (
                    pick(lang, "计提方式 / 风险系数", "Provision mode / coefficient"),
                    f"{mode} / {data.risk_coefficient}",
                ),
            ],
            [w * mm for w in (36, 96, 36, 97)],
        )
    )
    story.append(Spacer(1, 3 * mm))
    buckets = [pick(lang, f"{b.label} 天", f"{b.label} d") for b in data.buckets]
    fixed = [10, 30, 13, 22]
    tail = [25, 24, 22]
    each = (LANDSCAPE - sum(fixed) - sum(tail)) / max(len(buckets), 1)
    widths = [w * mm for w in (*fixed, *([each] * len(buckets)), *tail)]
    header = [
        pick(lang, "序号", "No."),
        pick(lang, "业务员", "Salesperson"),
        pick(lang, "笔数", "Invoices"),
        pick(lang, "未到期", "Not due"),
        *buckets,
        pick(lang, "合计", "Total"),
        pick(lang, "逾期", "Overdue"),
        pick(lang, "坏账准备", "Provision"),
    ]
    rows: list[list[Any]] = [
        [
            n,
            g.name or pick(lang, "（未指定）", "(none)"),
            g.count,
            money(g.not_due),
            *(money(b) for b in g.buckets),
            money(g.outstanding),
            money(g.overdue),
            money(g.provision),
        ]
        for n, g in enumerate(data.by_salesperson, 1)
    ]
    rows.append(
        [
            "",
            pick(lang, "合计", "Total"),
            data.receivables,
            money(data.not_due),
            *(money(b.outstanding) for b in data.buckets),
            money(data.outstanding),
            money(data.overdue),
            money(data.provision),
        ]
    )
    story.append(
        grid_table(
            header,
            rows,
            widths,
            right=tuple(range(2, len(header))),
            center=(0,),
            total_row=True,
        )
    )
    story.append(Spacer(1, 3 * mm))
    story.append(_note(pick(lang, "金额单位：人民币元。", "Amounts in CNY.")))
    return render_pdf(issued_frame(prepared.stamp, day(data.as_of)), story, landscape(A4))


# --------------------------------------------------------------------------- post-departure


def prepare_post_departure(ctx: Any, case_id: int, lang: str) -> PreparedDocument:
    data = post.post_departure_report(ctx, case_id)
    return _prepare_case(
        ctx,
        K.POST_DEPARTURE.value,
        lang,
        case_id,
        data,
        organisation.company_name(ctx),
        len(data.customers),
    )


def post_departure_pdf(prepared: PreparedDocument) -> RenderedPdf:
    data: PostDepartureReport = prepared.content
    lang = prepared.stamp.language
    story = _head(prepared)
    story.append(
        field_table(
            [
                (pick(lang, "案件编号", "Case"), data.case_number),
                (pick(lang, "离职员工", "Former employee"), data.employee_name),
                (pick(lang, "最后工作日", "Last working day"), day(data.last_day)),
                (pick(lang, "保护期至", "Protection period ends"), day(data.protection_ends)),
                (
                    pick(lang, "对比期（离职前）", "Before"),
                    f"{day(data.before_from)} – {day(data.last_day)}",
                ),
                (
                    pick(lang, "观察期（离职后）", "Since"),
                    f"{day(data.last_day + timedelta(days=1))} – {day(data.since_until)}"
                    if data.since_until > data.last_day
                    else pick(
                        lang,
                        f"尚未开始（{day(data.last_day)} 之后开始）",
                        f"not begun (starts after {day(data.last_day)})",
                    ),
                ),
                (
                    pick(lang, "营收变化（日均）", "Revenue change (daily rate)"),
                    _percent(-data.churn_percent if data.churn_percent is not None else None),
                ),
                (
                    pick(lang, "已停止下单客户", "Customers who stopped"),
                    str(data.stopped_customers),
                ),
                (
                    pick(lang, "离职时未收（元）", "Outstanding at departure (CNY)"),
                    money(data.outstanding_at_departure),
                ),
                (
                    pick(lang, "此后回款（元） / 回收率", "Collected since (CNY) / rate"),
                    f"{money(data.collected_since)} / {_percent(data.recovery_rate * 100 if data.recovery_rate is not None else None)}",
                ),
            ],
            [w * mm for w in (40, 92, 40, 93)],
        )
    )
    story.append(Spacer(1, 3 * mm))
    rows = [
        [
            n,
            c.code,
            c.name,
            c.owner_now_name or "",
            c.orders_before,
            money(c.revenue_before),
            c.orders_since,
            money(c.revenue_since),
            _percent(-c.churn_percent if c.churn_percent is not None else None),
            yes_no(c.stopped, lang),
            money(c.outstanding_at_departure),
            money(c.collected_since),
            _percent(c.recovery_rate * 100 if c.recovery_rate is not None else None),
        ]
        for n, c in enumerate(data.customers, 1)
    ]
    story.append(
        grid_table(
            [
                pick(lang, "序号", "No."),
                pick(lang, "客户编码", "Code"),
                pick(lang, "客户名称", "Customer"),
                pick(lang, "现负责人", "Owner now"),
                pick(lang, "离职前单数", "Orders before"),
                pick(lang, "离职前营收", "Revenue before"),
                pick(lang, "离职后单数", "Orders since"),
                pick(lang, "离职后营收", "Revenue since"),
                pick(lang, "日均营收变化", "Rate change"),
                pick(lang, "已停止", "Stopped"),
                pick(lang, "离职时未收", "Owed at departure"),
                pick(lang, "此后回款", "Collected since"),
                pick(lang, "回收率", "Recovery"),
            ],
            rows,
            [w * mm for w in (10, 20, 50, 20, 15, 23, 15, 23, 18, 13, 22, 21, 15)],
            right=(4, 5, 6, 7, 8, 10, 11, 12),
            center=(0, 9),
        )
    )
    story.append(Spacer(1, 3 * mm))
    story.append(
        _note(
            pick(
                lang,
                "客户营收下降或停止下单是需要关注的风险信号，而非证据：客户有权自主选择信任的合作方，"
                "也可能只是业务量减少。本报告说明变化，由人判断其含义。",
                "A customer ordering less or not at all is a risk signal, not proof: a "
                "customer may lawfully follow someone it trusts, or simply ship less. The "
                "report says what changed; people decide what it means.",
            )
        )
    )
    return render_pdf(_case_frame(prepared), story, landscape(A4))
