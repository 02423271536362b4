"""The fields of each import kind: their names and the headers (Chinese and English) that
name them, kept apart so the mapping, the planners and the exports read one table.
"""

from __future__ import annotations

from dataclasses import dataclass

IGNORE = "ignore"
KINDS = ("staff", "customers", "assignments", "orders", "receivables", "payments", "followups")


@dataclass(frozen=True)
class FieldSpec:
    """A field of an import kind: the headers that name it and how its cells are read."""

    name: str
    headers: tuple[str, ...]
    required: bool = False


def _f(name: str, *headers: str, required: bool = False) -> FieldSpec:
    return FieldSpec(name, tuple(headers), required)


FIELDS: dict[str, list[FieldSpec]] = {
    "staff": [
        _f(
            "employee_no",
            "工号",
            "员工编号",
            "员工号",
            "编号",
            "employee no",
            "employee number",
            "no",
            "员工工号",
            "职工编号",
            "人员编号",
            required=True,
        ),
        _f("name", "姓名", "员工姓名", "名字", "员工名称", "name", required=True),
        _f(
            "phone",
            "电话",
            "手机",
            "手机号",
            "手机号码",
            "联系电话",
            "联系手机",
            "移动电话",
            "电话号码",
            "联系方式",
            "phone",
            "mobile",
        ),
        _f("email", "邮箱", "电子邮件", "电子邮箱", "e-mail", "email"),
        _f(
            "id_number", "身份证号", "身份证", "身份证号码", "证件号码", "证件号", "id number", "id"
        ),
        _f("branch", "分公司", "网点", "机构", "所属分公司", "所属网点", "所属机构", "branch"),
        _f("department", "部门", "所属部门", "部门名称", "department"),
        _f("position", "岗位", "职位", "职务", "岗位名称", "position", "title"),
        _f("manager", "上级", "直属上级", "直接上级", "上级领导", "主管", "manager"),
        _f("hire_date", "入职日期", "入职时间", "到岗日期", "入司日期", "hire date", "hired"),
        _f("probation_end", "试用期结束", "转正日期", "转正时间", "试用期到期", "probation end"),
        _f("status", "状态", "在职状态", "员工状态", "status"),
        _f("is_sales", "是否销售", "销售岗", "sales", "is sales"),
    ],
    "customers": [
        _f(
            "code",
            "客户编码",
            "客户编号",
            "客户代码",
            "编码",
            "客户号",
            "code",
            "customer code",
            required=True,
        ),
        _f(
            "name",
            "客户名称",
            "客户",
            "客户全称",
            "公司名称",
            "名称",
            "单位名称",
            "企业名称",
            "name",
            "customer",
            required=True,
        ),
        _f(
            "credit_code",
            "统一社会信用代码",
            "信用代码",
            "社会信用代码",
            "税号",
            "credit code",
            "uscc",
        ),
        _f("industry", "行业", "所属行业", "industry"),
        _f(
            "region",
            "地区",
            "区域",
            "城市",
            "省份",
            "所在地",
            "所在城市",
            "所在地区",
            "region",
            "city",
        ),
        _f("address", "地址", "公司地址", "详细地址", "联系地址", "address"),
        _f(
            "payment_terms_days",
            "账期",
            "账期天数",
            "付款期限",
            "结算周期",
            "结算账期",
            "信用期",
            "payment terms",
        ),
        _f("credit_limit", "信用额度", "额度", "授信额度", "credit limit"),
        _f("tier", "等级", "客户等级", "级别", "tier", "grade"),
        _f(
            "owner",
            "业务员",
            "销售",
            "销售员",
            "负责人",
            "归属销售",
            "所属业务员",
            "客户经理",
            "owner",
            "salesperson",
        ),
        _f("owner_since", "分配日期", "分配时间", "归属日期", "开始日期", "owner since"),
        _f("contact_name", "联系人", "联系人姓名", "contact", "contact name"),
        _f(
            "contact_phone",
            "联系电话",
            "联系人电话",
            "联系手机",
            "联系人手机",
            "手机",
            "手机号",
            "手机号码",
            "电话",
            "contact phone",
            "phone",
        ),
    ],
    "assignments": [
        _f("customer", "客户", "客户名称", "客户编码", "customer", required=True),
        _f("owner", "业务员", "销售", "负责人", "owner", "salesperson", required=True),
        _f(
            "valid_from",
            "开始日期",
            "生效日期",
            "起始日期",
            "分配日期",
            "分配时间",
            "from",
            "valid from",
            required=True,
        ),
        _f("reason", "原因", "变更原因", "reason"),
        _f("note", "备注", "note"),
    ],
    "orders": [
        _f(
            "number",
            "运单号",
            "单号",
            "运单编号",
            "运单号码",
            "waybill",
            "waybill no",
            "number",
            required=True,
        ),
        _f("customer", "客户", "客户名称", "客户编码", "customer", required=True),
        _f(
            "order_date",
            "日期",
            "下单日期",
            "发货日期",
            "开单日期",
            "开单时间",
            "发货时间",
            "业务日期",
            "date",
            "order date",
            required=True,
        ),
        _f("salesperson", "业务员", "销售", "销售员", "salesperson", "sales"),
        _f("origin", "始发地", "发货地", "起运地", "出发地", "origin", "from"),
        _f("destination", "目的地", "到达地", "收货地", "destination", "to"),
        _f("service_type", "业务类型", "运输方式", "服务类型", "service", "service type"),
        _f(
            "revenue",
            "金额",
            "运费",
            "收入",
            "运费金额",
            "应收运费",
            "总运费",
            "运费合计",
            "revenue",
            "amount",
            "freight",
            required=True,
        ),
        _f("cost", "成本", "承运成本", "运输成本", "成本金额", "cost"),
        _f("status", "状态", "status"),
    ],
    "receivables": [
        _f(
            "number",
            "发票号",
            "发票号码",
            "单据号",
            "账单号",
            "invoice",
            "invoice no",
            "number",
            required=True,
        ),
        _f("customer", "客户", "客户名称", "客户编码", "customer", required=True),
        _f(
            "issued_on",
            "开票日期",
            "日期",
            "账单日期",
            "开票时间",
            "issued",
            "issue date",
            required=True,
        ),
        _f("due_on", "到期日", "到期日期", "应收日期", "到期时间", "due", "due date"),
        _f("amount", "金额", "应收金额", "发票金额", "amount", required=True),
        _f("salesperson", "业务员", "销售", "salesperson"),
        _f("orders", "运单号", "关联运单", "orders", "waybills"),
    ],
    "payments": [
        _f("customer", "客户", "客户名称", "客户编码", "customer", required=True),
        _f(
            "received_on",
            "回款日期",
            "收款日期",
            "到账日期",
            "回款时间",
            "到账时间",
            "日期",
            "date",
            "received",
            required=True,
        ),
        _f("amount", "回款金额", "收款金额", "金额", "amount", required=True),
        _f("reference", "流水号", "凭证号", "银行流水", "reference"),
        _f("invoice", "发票号", "核销发票", "invoice"),
        _f("method", "方式", "收款方式", "method"),
        _f("collector", "收款人", "经办人", "collector"),
    ],
    "followups": [
        _f("customer", "客户", "客户名称", "客户编码", "customer", required=True),
        _f("followed_on", "日期", "跟进日期", "跟进时间", "date", required=True),
        _f("employee", "业务员", "跟进人", "销售", "employee", "salesperson"),
        _f("channel", "方式", "渠道", "跟进方式", "channel"),
        _f("content", "内容", "跟进内容", "记录", "content", required=True),
        _f("next_step", "下一步", "下一步计划", "next step"),
    ],
}


#: Columns that only number the rows (序号): read as nothing, in every kind.
ROW_NUMBER_HEADERS = ("序号", "行号", "编号序号", "no.", "#")

#: A row whose first cells say it is a total, not a record (skipped and reported).
TOTAL_MARKS = ("合计", "小计", "总计", "总合计", "合计金额", "total", "subtotal", "grand total")


def field_names(kind: str) -> list[str]:
    return [f.name for f in FIELDS[kind]]
