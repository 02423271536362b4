"""The words printed documents use, in Chinese and English.

Documents carry their own language (a zh form may be printed from an English interface), so
their text is chosen by the document's language here, not by the Qt translator of the screen.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from desktop.i18n import format_money

# key → (zh, en)
WORDS: dict[str, tuple[str, str]] = {
    # case types and states
    "resignation": ("辞职", "resignation"),
    "dismissal": ("辞退", "dismissal"),
    "mutual": ("协商解除", "mutual agreement"),
    "misconduct": ("过失性辞退", "dismissal for misconduct"),
    "contract_end": ("合同到期", "contract end"),
    "retirement": ("退休", "retirement"),
    "draft": ("草稿", "draft"),
    "submitted": ("已提交", "submitted"),
    "approved": ("已批准", "approved"),
    "in_handover": ("交接中", "in handover"),
    "awaiting_confirmation": ("待确认", "awaiting confirmation"),
    "completed": ("已完成", "completed"),
    "archived": ("已归档", "archived"),
    "withdrawn": ("已撤回", "withdrawn"),
    "cancelled": ("已取消", "cancelled"),
    # item statuses
    "open": ("未完成", "open"),
    "done": ("已完成", "done"),
    "confirmed": ("已确认接收", "confirmed"),
    "waived": ("免于办理", "waived"),
    "assigned": ("已指定接收人", "successor named"),
    "not_owned": ("非本人客户", "not owned"),
    # checklist categories
    "customers": ("客户", "customers"),
    "contracts": ("合同", "contracts"),
    "receivables": ("应收账款", "receivables"),
    "open_orders": ("在途订单", "open orders"),
    "assets": ("资产", "assets"),
    "documents": ("文件资料", "documents"),
    "accounts": ("账号权限", "accounts"),
    "other": ("其他", "other"),
    "account": ("系统账号", "app account"),
    # responsible roles
    "employee": ("离职员工", "departing employee"),
    "successor": ("接收人", "successor"),
    "manager": ("部门经理", "manager"),
    "hr": ("人力资源部", "HR"),
    "finance": ("财务部", "finance"),
    "admin": ("系统管理员", "administrator"),
    # yes / no
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "none": ("无", "none"),
}


def word(key: str | None, lang: str) -> str:
    """The printed word for ``key`` (the key itself when unknown)."""
    if key is None:
        return ""
    pair = WORDS.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "zh" else pair[1]


def pick(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def day(value: date | None) -> str:
    return value.isoformat() if value else ""


def moment(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else ""


def money(value: Decimal | None) -> str:
    """Amounts without the currency sign (columns say 元 / CNY)."""
    return format_money(value, symbol=False) if value is not None else ""


def yes_no(value: bool | None, lang: str) -> str:
    if value is None:
        return ""
    return word("yes" if value else "no", lang)
