"""The checklist and clause templates a new vault starts with, written at first use.

Why data and not translations: templates are the firm's own documents, edited by HR and printed
on signed forms, so they live in the database like any record. The defaults are Chinese (the
forms' language) for the checklists; clauses come in Chinese and English, one text each.
Seeding runs once: templates are never deleted (only taken out of use), so a table that holds
any row has been seeded already.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from desktop.models import audit
from desktop.models.departures import (
    ChecklistTemplate,
    ChecklistTemplateItem,
    ClauseTemplate,
    ItemCategory,
)
from desktop.models.staff import PositionCategory

C = ItemCategory

#: Who must do a checklist item: the departing employee, their successor, or a role.
RESPONSIBLE_ROLES = ("employee", "successor", "manager", "hr", "finance", "admin")

# (title, category, responsible role, due offset from the last working day, required, evidence)
Item = tuple[str, ItemCategory, str, int, bool, bool]

_COMMON_END: tuple[Item, ...] = (
    ("归还工牌、门禁卡及钥匙", C.ASSETS, "employee", 0, True, False),
    ("归还公司电脑及配件", C.ASSETS, "employee", 0, True, True),
    ("停用邮箱、ERP 及其他系统账号", C.ACCOUNTS, "admin", 0, True, False),
    ("结清借款、备用金及报销", C.OTHER, "finance", 0, True, False),
    ("告知保密义务及竞业限制安排", C.DOCUMENTS, "hr", 0, True, False),
)

DEFAULT_CHECKLISTS: dict[PositionCategory, tuple[str, tuple[Item, ...]]] = {
    PositionCategory.SALES: (
        "销售岗位离职交接清单",
        (
            ("移交客户档案、报价单及往来记录", C.CUSTOMERS, "employee", -3, True, False),
            ("带接任人拜访或电话告知重点客户", C.CUSTOMERS, "employee", -3, False, False),
            ("移交合同原件及盖章文件", C.CONTRACTS, "employee", -2, True, True),
            ("向客户发出应收账款对账函", C.RECEIVABLES, "finance", -5, True, True),
            ("移交在途运单及异常件处理情况", C.OPEN_ORDERS, "employee", -2, True, False),
            ("企业微信/微信客户群转交接任人", C.ACCOUNTS, "employee", -1, True, True),
            ("归还公司手机及 SIM 卡", C.ASSETS, "employee", 0, False, False),
            *_COMMON_END,
        ),
    ),
    PositionCategory.DISPATCHER: (
        "调度岗位离职交接清单",
        (
            ("移交在途运单、司机及承运商联系方式", C.OPEN_ORDERS, "employee", -2, True, False),
            ("移交承运商协议及运价表", C.CONTRACTS, "employee", -2, True, False),
            ("移交异常件、理赔记录", C.DOCUMENTS, "employee", -2, True, False),
            ("移交调度系统及 GPS 平台账号", C.ACCOUNTS, "employee", -1, True, False),
            ("归还对讲机、公司手机", C.ASSETS, "employee", 0, True, False),
            *_COMMON_END,
        ),
    ),
    PositionCategory.FINANCE: (
        "财务岗位离职交接清单",
        (
            ("移交会计凭证、账簿及发票", C.DOCUMENTS, "employee", -3, True, True),
            ("移交应收应付明细及未达账项", C.RECEIVABLES, "employee", -3, True, False),
            ("移交网银 U 盾及密码信封", C.ASSETS, "employee", -1, True, True),
            ("移交印章并登记", C.ASSETS, "employee", -1, True, True),
            ("变更银行预留印鉴及税务联系人", C.ACCOUNTS, "manager", 0, True, False),
            *_COMMON_END,
        ),
    ),
    PositionCategory.WAREHOUSE: (
        "仓储岗位离职交接清单",
        (
            ("库存盘点并由双方签字", C.DOCUMENTS, "employee", -2, True, True),
            ("移交仓库钥匙及监控权限", C.ASSETS, "employee", 0, True, False),
            ("移交叉车、扫码枪等设备", C.ASSETS, "employee", 0, True, False),
            ("移交出入库单据及安全台账", C.DOCUMENTS, "employee", -1, True, False),
            *_COMMON_END,
        ),
    ),
    PositionCategory.OTHER: (
        "通用离职交接清单",
        (("移交工作文件及进行中的事项", C.DOCUMENTS, "employee", -2, True, False), *_COMMON_END),
    ),
}

# key → {language: (title, body)}
DEFAULT_CLAUSES: dict[str, dict[str, tuple[str, str]]] = {
    "handover": {
        "zh": (
            "交接确认",
            "本人确认已将本交接单所列客户、合同、应收账款、在途运单、资产及账号全部移交，"
            "所列内容真实完整。交接完成后，本人不再以公司名义联系上述客户或收取款项。",
        ),
        "en": (
            "Handover confirmation",
            "I confirm that I have handed over every customer, contract, receivable, open "
            "order, asset and account listed on this form, and that the list is true and "
            "complete. After the handover I will no longer contact these customers or collect "
            "money in the firm's name.",
        ),
    },
    "customer_ownership": {
        "zh": (
            "客户归属",
            "上述客户系公司在经营中开发和维护的客户，其资料及交易信息属于公司所有。"
            "客户有权自主选择合作方；公司不以客户的选择推定员工违约。",
        ),
        "en": (
            "Customers belong to the firm",
            "The customers listed were won and served in the firm's business; their records "
            "and trading information belong to the firm. A customer may freely choose whom to "
            "work with; the firm does not infer a breach from a customer's choice alone.",
        ),
    },
    "confidentiality": {
        "zh": (
            "保密义务",
            "本人离职后继续对在职期间知悉的公司商业秘密（包括客户名单、运价、合同条件及"
            "经营数据）负有保密义务，不以任何方式披露、使用或允许他人使用。",
        ),
        "en": (
            "Confidentiality",
            "After leaving I remain bound to keep the firm's trade secrets learned during my "
            "employment (including customer lists, rates, contract terms and business data) "
            "confidential, and will not disclose, use or let others use them.",
        ),
    },
    "non_compete": {
        "zh": (
            "竞业限制",
            "如公司决定启用竞业限制，期限自离职之日起不超过二十四个月，公司按月支付经济补偿，"
            "标准不低于离职前十二个月平均工资的百分之三十且不低于当地最低工资标准。"
            "公司连续三个月未支付补偿的，本人可以解除竞业限制约定；公司提前解除的，"
            "额外支付三个月的竞业限制经济补偿。",
        ),
        "en": (
            "Non-compete",
            "If the firm enforces a non-compete, it lasts at most twenty-four months from the "
            "departure, and the firm pays monthly compensation of at least 30% of the average "
            "monthly wage of the last twelve months and at least the local minimum wage. If "
            "the firm fails to pay for three months, I may end the restriction; if the firm "
            "releases me early, it pays three months' compensation in addition.",
        ),
    },
}


def clause_hash(title: str, body: str) -> str:
    """The SHA-256 that an acknowledgement records: title and body as shown."""
    return hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()


def seed_defaults(s: Session, now: datetime) -> None:
    """Write the default checklists and clauses if none were ever written (one audit event)."""
    seeded: list[str] = []
    if s.scalar(select(ChecklistTemplate.id).limit(1)) is None:
        stamp = {"created_at": now, "updated_at": now, "version": 1}
        for category, (name, items) in DEFAULT_CHECKLISTS.items():
            template_id = s.execute(
                insert(ChecklistTemplate).values(
                    name=name, position_category=category.value, active=True, **stamp
                )
            ).inserted_primary_key[0]
            s.execute(
                insert(ChecklistTemplateItem),
                [
                    {
                        "template_id": template_id,
                        "position": i,
                        "title": title,
                        "category": cat.value,
                        "responsible_role": role,
                        "due_offset_days": offset,
                        "required": required,
                        "evidence_required": evidence,
                        "active": True,
                        **stamp,
                    }
                    for i, (title, cat, role, offset, required, evidence) in enumerate(items)
                ],
            )
        seeded.append("checklists")
    if s.scalar(select(ClauseTemplate.id).limit(1)) is None:
        s.execute(
            insert(ClauseTemplate),
            [
                {
                    "key": key,
                    "language": language,
                    "version": 1,
                    "title": title,
                    "body": body,
                    "sha256": clause_hash(title, body),
                    "current": True,
                    "created_by": None,
                    "created_at": now,
                    "updated_at": now,
                }
                for key, texts in DEFAULT_CLAUSES.items()
                for language, (title, body) in texts.items()
            ],
        )
        seeded.append("clauses")
    if seeded:
        audit.record(s, "templates.seeded", "departures", "", {"seeded": seeded})
