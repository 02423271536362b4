"""The names users read for the core's internal codes: audit operations and record kinds,
alert rules and the figures they report, case states used inside messages.

The core knows no Qt, so every name is an English source marked with ``QT_TRANSLATE_NOOP``
in its context; the window translates it where it shows it (``QCoreApplication.translate``)
and the CLI through the same catalog. A code without a name is shown as it is.
"""

from __future__ import annotations

import re

from desktop.errors import QT_TRANSLATE_NOOP, Term, Translate

AUDIT = "AuditTerms"
ALERTS = "AlertTerms"
STATES = "CaseLabels"

#: Audit operations: the three row events of the hook and the named events of the services.
AUDIT_ACTIONS: dict[str, str] = {
    "insert": QT_TRANSLATE_NOOP("AuditTerms", "created"),
    "update": QT_TRANSLATE_NOOP("AuditTerms", "changed"),
    "delete": QT_TRANSLATE_NOOP("AuditTerms", "deleted"),
    "alerts.sweep": QT_TRANSLATE_NOOP("AuditTerms", "alert check"),
    "backup.created": QT_TRANSLATE_NOOP("AuditTerms", "backup made"),
    "backup.restored": QT_TRANSLATE_NOOP("AuditTerms", "backup restored"),
    "commissions.computed": QT_TRANSLATE_NOOP("AuditTerms", "commissions computed"),
    "commissions.settlement.viewed": QT_TRANSLATE_NOOP("AuditTerms", "final settlement viewed"),
    "commissions.statement.reprinted": QT_TRANSLATE_NOOP("AuditTerms", "statement reprinted"),
    "confirmation.differs": QT_TRANSLATE_NOOP("AuditTerms", "confirmation differs"),
    "customer.viewed_in_notice": QT_TRANSLATE_NOOP("AuditTerms", "customer viewed during notice"),
    "demo.generated": QT_TRANSLATE_NOOP("AuditTerms", "demo data generated"),
    "demo.alert_plants": QT_TRANSLATE_NOOP("AuditTerms", "demo alert patterns planted"),
    "document.issued": QT_TRANSLATE_NOOP("AuditTerms", "document issued"),
    "document.scan_read": QT_TRANSLATE_NOOP("AuditTerms", "scan opened"),
    "document.snapshot_frozen": QT_TRANSLATE_NOOP("AuditTerms", "document content frozen"),
    "document.verified": QT_TRANSLATE_NOOP("AuditTerms", "document checked"),
    "document.print": QT_TRANSLATE_NOOP("AuditTerms", "document printed"),
    "document.save": QT_TRANSLATE_NOOP("AuditTerms", "document saved to a file"),
    "document.open": QT_TRANSLATE_NOOP("AuditTerms", "document opened outside Baton"),
    "evidence.read": QT_TRANSLATE_NOOP("AuditTerms", "evidence opened"),
    "evidence_pack.built": QT_TRANSLATE_NOOP("AuditTerms", "evidence pack built"),
    "evidence_pack.verified": QT_TRANSLATE_NOOP("AuditTerms", "evidence pack checked"),
    "export": QT_TRANSLATE_NOOP("AuditTerms", "export"),
    "export.refused": QT_TRANSLATE_NOOP("AuditTerms", "export refused"),
    "handover.generated": QT_TRANSLATE_NOOP("AuditTerms", "handover list generated"),
    "import": QT_TRANSLATE_NOOP("AuditTerms", "import"),
    "key.rotated": QT_TRANSLATE_NOOP("AuditTerms", "key rotated"),
    "order_lock.late_entry": QT_TRANSLATE_NOOP("AuditTerms", "late order entry"),
    "password.reset": QT_TRANSLATE_NOOP("AuditTerms", "password reset"),
    "personal_data.exported": QT_TRANSLATE_NOOP("AuditTerms", "personal data exported"),
    "personal_data.purged": QT_TRANSLATE_NOOP("AuditTerms", "personal data erased"),
    "recovery.renewed": QT_TRANSLATE_NOOP("AuditTerms", "recovery key renewed"),
    "recovery.used": QT_TRANSLATE_NOOP("AuditTerms", "recovery key used"),
    "release_to_pool": QT_TRANSLATE_NOOP("AuditTerms", "released to the pool"),
    "templates.seeded": QT_TRANSLATE_NOOP("AuditTerms", "templates added"),
    "vault.created": QT_TRANSLATE_NOOP("AuditTerms", "vault created"),
    "vault.migrated_in": QT_TRANSLATE_NOOP("AuditTerms", "moved in from a vault"),
    "vault.migrated_out": QT_TRANSLATE_NOOP("AuditTerms", "moved to the server"),
    "verify": QT_TRANSLATE_NOOP("AuditTerms", "integrity check"),
    "view_personal_data": QT_TRANSLATE_NOOP("AuditTerms", "personal data viewed"),
    "write_off": QT_TRANSLATE_NOOP("AuditTerms", "written off"),
}

#: Record kinds (table names) as a user names them.
RECORD_KINDS: dict[str, str] = {
    "acknowledgement": QT_TRANSLATE_NOOP("AuditTerms", "acknowledgement"),
    "alert": QT_TRANSLATE_NOOP("AuditTerms", "alert"),
    "alert_rule": QT_TRANSLATE_NOOP("AuditTerms", "alert rule"),
    "app_user": QT_TRANSLATE_NOOP("AuditTerms", "user"),
    "backup": QT_TRANSLATE_NOOP("AuditTerms", "backup"),
    "branch": QT_TRANSLATE_NOOP("AuditTerms", "branch"),
    "business_setting": QT_TRANSLATE_NOOP("AuditTerms", "setting"),
    "case_duty": QT_TRANSLATE_NOOP("AuditTerms", "case duty"),
    "case_event": QT_TRANSLATE_NOOP("AuditTerms", "case history"),
    "checklist_template": QT_TRANSLATE_NOOP("AuditTerms", "checklist template"),
    "checklist_template_item": QT_TRANSLATE_NOOP("AuditTerms", "checklist template item"),
    "clause_acknowledgement": QT_TRANSLATE_NOOP("AuditTerms", "clause acknowledgement"),
    "clause_template": QT_TRANSLATE_NOOP("AuditTerms", "clause"),
    "commission_line": QT_TRANSLATE_NOOP("AuditTerms", "commission line"),
    "commission_period": QT_TRANSLATE_NOOP("AuditTerms", "commission period"),
    "commission_plan": QT_TRANSLATE_NOOP("AuditTerms", "commission plan"),
    "commission_plan_assignment": QT_TRANSLATE_NOOP("AuditTerms", "commission plan assignment"),
    "commission_statement": QT_TRANSLATE_NOOP("AuditTerms", "commission statement"),
    "commission_tier": QT_TRANSLATE_NOOP("AuditTerms", "commission tier"),
    "company": QT_TRANSLATE_NOOP("AuditTerms", "company"),
    "confirmation_letter": QT_TRANSLATE_NOOP("AuditTerms", "confirmation letter"),
    "contact": QT_TRANSLATE_NOOP("AuditTerms", "contact"),
    "contract": QT_TRANSLATE_NOOP("AuditTerms", "contract"),
    "customer": QT_TRANSLATE_NOOP("AuditTerms", "customer"),
    "customer_assignment": QT_TRANSLATE_NOOP("AuditTerms", "customer owner"),
    "department": QT_TRANSLATE_NOOP("AuditTerms", "department"),
    "departure_case": QT_TRANSLATE_NOOP("AuditTerms", "departure case"),
    "departures": QT_TRANSLATE_NOOP("AuditTerms", "departures"),
    "document_key": QT_TRANSLATE_NOOP("AuditTerms", "document key"),
    "document_scan": QT_TRANSLATE_NOOP("AuditTerms", "scan"),
    "document_signature": QT_TRANSLATE_NOOP("AuditTerms", "signature"),
    "document_snapshot": QT_TRANSLATE_NOOP("AuditTerms", "document content"),
    "employee": QT_TRANSLATE_NOOP("AuditTerms", "employee"),
    "export_request": QT_TRANSLATE_NOOP("AuditTerms", "export request"),
    "follow_up": QT_TRANSLATE_NOOP("AuditTerms", "follow-up"),
    "handover_evidence": QT_TRANSLATE_NOOP("AuditTerms", "handover evidence"),
    "handover_item": QT_TRANSLATE_NOOP("AuditTerms", "handover item"),
    "issued_document": QT_TRANSLATE_NOOP("AuditTerms", "issued document"),
    "lock_attempt": QT_TRANSLATE_NOOP("AuditTerms", "refused order attempt"),
    "login_attempt": QT_TRANSLATE_NOOP("AuditTerms", "login attempt"),
    "non_compete_payment": QT_TRANSLATE_NOOP("AuditTerms", "non-compete payment"),
    "payment": QT_TRANSLATE_NOOP("AuditTerms", "payment"),
    "payment_allocation": QT_TRANSLATE_NOOP("AuditTerms", "payment allocation"),
    "pool_claim": QT_TRANSLATE_NOOP("AuditTerms", "pool claim"),
    "position": QT_TRANSLATE_NOOP("AuditTerms", "position"),
    "publication": QT_TRANSLATE_NOOP("AuditTerms", "publication"),
    "receivable": QT_TRANSLATE_NOOP("AuditTerms", "receivable"),
    "vault": QT_TRANSLATE_NOOP("AuditTerms", "vault"),
    "waybill": QT_TRANSLATE_NOOP("AuditTerms", "waybill"),
}

#: The system's own acts (daily jobs, the audit hook without a user).
SYSTEM_NAME = QT_TRANSLATE_NOOP("AuditTerms", "Baton (automatic)")

#: Alert rules by id.
RULE_TITLES: dict[str, str] = {
    "leaver_order_after_lock": QT_TRANSLATE_NOOP("AlertTerms", "Order naming a locked leaver"),
    "handover_customer_ordering": QT_TRANSLATE_NOOP(
        "AlertTerms", "Leaver's customer ordering during the handover"
    ),
    "followup_outside_book": QT_TRANSLATE_NOOP("AlertTerms", "Follow-ups with customers of others"),
    "order_outlier": QT_TRANSLATE_NOOP("AlertTerms", "Order far above the usual"),
    "incomplete_customer": QT_TRANSLATE_NOOP("AlertTerms", "Orders for an incomplete customer"),
    "close_rate_pattern": QT_TRANSLATE_NOOP("AlertTerms", "New customers that order once only"),
    "followup_keyword": QT_TRANSLATE_NOOP("AlertTerms", "Risk words in a follow-up"),
    "bulk_export": QT_TRANSLATE_NOOP("AlertTerms", "Large exports or prints of customers"),
    "silent_customer": QT_TRANSLATE_NOOP("AlertTerms", "Regular customer gone silent"),
    "former_customer_drop": QT_TRANSLATE_NOOP("AlertTerms", "Former customer's orders falling"),
    "overdue_leaver_receivable": QT_TRANSLATE_NOOP("AlertTerms", "Overdue receivables of a leaver"),
    "backdated_ownership": QT_TRANSLATE_NOOP("AlertTerms", "Back-dated ownership change"),
}

#: The figures an alert reports (its summary ``key=value``) and the thresholds of a rule.
FIGURES: dict[str, str] = {
    "orders": QT_TRANSLATE_NOOP("AlertTerms", "orders"),
    "revenue": QT_TRANSLATE_NOOP("AlertTerms", "revenue"),
    "missing": QT_TRANSLATE_NOOP("AlertTerms", "missing"),
    "silent_days": QT_TRANSLATE_NOOP("AlertTerms", "days silent"),
    "months": QT_TRANSLATE_NOOP("AlertTerms", "months with orders"),
    "monthly": QT_TRANSLATE_NOOP("AlertTerms", "monthly"),
    "ended": QT_TRANSLATE_NOOP("AlertTerms", "owner until"),
    "last_order": QT_TRANSLATE_NOOP("AlertTerms", "last order"),
    "effective": QT_TRANSLATE_NOOP("AlertTerms", "effective"),
    "recorded": QT_TRANSLATE_NOOP("AlertTerms", "recorded"),
    "rows": QT_TRANSLATE_NOOP("AlertTerms", "rows"),
    "limit": QT_TRANSLATE_NOOP("AlertTerms", "limit"),
    "days": QT_TRANSLATE_NOOP("AlertTerms", "days"),
    "followups": QT_TRANSLATE_NOOP("AlertTerms", "follow-ups"),
    "keywords": QT_TRANSLATE_NOOP("AlertTerms", "keywords"),
    "refused": QT_TRANSLATE_NOOP("AlertTerms", "refused"),
    "day": QT_TRANSLATE_NOOP("AlertTerms", "day"),
    "average": QT_TRANSLATE_NOOP("AlertTerms", "average"),
    "close": QT_TRANSLATE_NOOP("AlertTerms", "closed"),
    "repeat": QT_TRANSLATE_NOOP("AlertTerms", "ordered again"),
    "new": QT_TRANSLATE_NOOP("AlertTerms", "new customers"),
    "receivables": QT_TRANSLATE_NOOP("AlertTerms", "receivables"),
    "overdue": QT_TRANSLATE_NOOP("AlertTerms", "overdue"),
    # thresholds
    "max_followups": QT_TRANSLATE_NOOP("AlertTerms", "most follow-ups"),
    "multiple": QT_TRANSLATE_NOOP("AlertTerms", "times the average"),
    "min_orders": QT_TRANSLATE_NOOP("AlertTerms", "fewest orders"),
    "close_rate_percent": QT_TRANSLATE_NOOP("AlertTerms", "closing rate %"),
    "repeat_rate_percent": QT_TRANSLATE_NOOP("AlertTerms", "repeat rate %"),
    "min_new_customers": QT_TRANSLATE_NOOP("AlertTerms", "fewest new customers"),
    "max_rows": QT_TRANSLATE_NOOP("AlertTerms", "most rows"),
    "active_months": QT_TRANSLATE_NOOP("AlertTerms", "active months"),
    "drop_percent": QT_TRANSLATE_NOOP("AlertTerms", "drop %"),
    "baseline_days": QT_TRANSLATE_NOOP("AlertTerms", "baseline days"),
    "min_baseline_orders": QT_TRANSLATE_NOOP("AlertTerms", "fewest baseline orders"),
    "min_days_overdue": QT_TRANSLATE_NOOP("AlertTerms", "fewest days overdue"),
    "tolerance_days": QT_TRANSLATE_NOOP("AlertTerms", "tolerance days"),
}

#: Customer fields an incomplete-customer alert names as missing.
MISSING_FIELDS: dict[str, str] = {
    "contact": QT_TRANSLATE_NOOP("AlertTerms", "contact"),
    "phone": QT_TRANSLATE_NOOP("AlertTerms", "phone"),
    "address": QT_TRANSLATE_NOOP("AlertTerms", "address"),
    "credit_code": QT_TRANSLATE_NOOP("AlertTerms", "credit code"),
    "payment_terms": QT_TRANSLATE_NOOP("AlertTerms", "payment terms"),
}

_FIGURE = re.compile(r"\b([a-z_]+)=([^\s]*)")


def figures_text(summary: str, tr: Translate) -> str:
    """An alert's ``key=value`` summary in words: ``receivables=3 overdue=120.00`` →
    "应收款 3 逾期 120.00". ``tr(context, text)`` is the catalog's lookup."""

    def word(key: str) -> str:
        return tr(ALERTS, FIGURES[key]) if key in FIGURES else key

    def one(match: re.Match[str]) -> str:
        key, value = match.group(1), match.group(2)
        if key == "missing":
            value = "、".join(
                tr(ALERTS, MISSING_FIELDS[v]) if v in MISSING_FIELDS else v
                for v in value.split(",")
                if v
            )
        return f"{word(key)} {value}"

    text = _FIGURE.sub(one, summary)
    return re.sub(r"\bmonthly\b", lambda m: word("monthly"), text)


def audit_action(action: str) -> str:
    """The English source of an audit operation's name (the code itself when unnamed)."""
    return AUDIT_ACTIONS.get(action, action)


def record_kind(entity: str) -> str:
    """The English source of a record kind's name (the table name when unnamed)."""
    return RECORD_KINDS.get(entity, entity)


#: Departure case states, as the window names them (the sources of ``views/labels.py``).
CASE_STATES: dict[str, str] = {
    "draft": QT_TRANSLATE_NOOP("CaseLabels", "draft"),
    "submitted": QT_TRANSLATE_NOOP("CaseLabels", "submitted"),
    "approved": QT_TRANSLATE_NOOP("CaseLabels", "approved"),
    "in_handover": QT_TRANSLATE_NOOP("CaseLabels", "in handover"),
    "awaiting_confirmation": QT_TRANSLATE_NOOP("CaseLabels", "awaiting confirmation"),
    "completed": QT_TRANSLATE_NOOP("CaseLabels", "completed"),
    "archived": QT_TRANSLATE_NOOP("CaseLabels", "archived"),
    "withdrawn": QT_TRANSLATE_NOOP("CaseLabels", "withdrawn"),
    "cancelled": QT_TRANSLATE_NOOP("CaseLabels", "cancelled"),
}


def case_state(code: str) -> Term:
    """A case state as a message parameter: translated with the message."""
    return Term(STATES, CASE_STATES.get(code, code))


def rule_title(rule_id: str) -> Term:
    """An alert rule as a message parameter: its title, translated with the message."""
    return Term(ALERTS, RULE_TITLES.get(rule_id, rule_id))


def figure(key: str) -> Term:
    """A threshold or figure as a message parameter: its name, translated with the message."""
    return Term(ALERTS, FIGURES.get(key, key))


IMPORTS = "ImportTerms"

#: What an import wrote or will create, by the key of its counts.
IMPORT_COUNTS: dict[str, str] = {
    "employees": QT_TRANSLATE_NOOP("ImportTerms", "employees"),
    "positions": QT_TRANSLATE_NOOP("ImportTerms", "positions"),
    "departments": QT_TRANSLATE_NOOP("ImportTerms", "departments"),
    "branches": QT_TRANSLATE_NOOP("ImportTerms", "branches"),
    "customers": QT_TRANSLATE_NOOP("ImportTerms", "customers"),
    "contacts": QT_TRANSLATE_NOOP("ImportTerms", "contacts"),
    "assignments": QT_TRANSLATE_NOOP("ImportTerms", "ownership periods"),
    "followups": QT_TRANSLATE_NOOP("ImportTerms", "follow-ups"),
    "orders": QT_TRANSLATE_NOOP("ImportTerms", "waybills"),
    "receivables": QT_TRANSLATE_NOOP("ImportTerms", "receivables"),
    "payments": QT_TRANSLATE_NOOP("ImportTerms", "payments"),
    "allocations": QT_TRANSLATE_NOOP("ImportTerms", "payment allocations"),
    "orders_linked": QT_TRANSLATE_NOOP("ImportTerms", "waybills linked"),
    "updated": QT_TRANSLATE_NOOP("ImportTerms", "updated"),
    # records an import creates on the way ("position:调度员")
    "branch": QT_TRANSLATE_NOOP("ImportTerms", "new branch"),
    "position": QT_TRANSLATE_NOOP("ImportTerms", "new position"),
    "department": QT_TRANSLATE_NOOP("ImportTerms", "new department"),
}
#: The separator of a list of counts ("员工 12，岗位 2").
LIST_SEPARATOR = QT_TRANSLATE_NOOP("ImportTerms", ", ")


def counts_text(counts: dict[str, int], tr: Translate) -> str:
    """An import's counts in words: ``{"employees": 12, "position:调度员": 3}`` →
    "员工 12，新岗位 调度员 ×3" (a key without a name shown as it is)."""
    parts = []
    for key, count in counts.items():
        kind, _, name = key.partition(":")
        word = tr(IMPORTS, IMPORT_COUNTS[kind]) if kind in IMPORT_COUNTS else kind
        parts.append(f"{word} {name} ×{count}" if name else f"{word} {count}")
    return tr(IMPORTS, LIST_SEPARATOR).join(parts)


#: Issued documents by kind and language (the sources of ``views/documents/labels.py``).
DOCUMENT_KINDS: dict[str, str] = {
    "handover": QT_TRANSLATE_NOOP("Documents", "Handover form"),
    "risk": QT_TRANSLATE_NOOP("Documents", "Departure risk assessment"),
    "tracking": QT_TRANSLATE_NOOP("Documents", "Responsibility tracking table"),
    "post_departure": QT_TRANSLATE_NOOP("Documents", "Post-departure report"),
    "aging": QT_TRANSLATE_NOOP("Documents", "Receivables aging by salesperson"),
    "statement": QT_TRANSLATE_NOOP("Documents", "Commission statement"),
    "settlement": QT_TRANSLATE_NOOP("Documents", "Final commission settlement"),
    "certificate": QT_TRANSLATE_NOOP("Documents", "Termination certificate"),
    "confirmation": QT_TRANSLATE_NOOP("Documents", "Balance confirmation letter"),
}
DOCUMENT_LANGUAGES: dict[str, str] = {
    "zh": QT_TRANSLATE_NOOP("Documents", "Chinese"),
    "en": QT_TRANSLATE_NOOP("Documents", "English"),
}


def document_kind(kind: str) -> Term:
    """A document's kind as a message parameter ("交接单", not "handover")."""
    return Term("Documents", DOCUMENT_KINDS.get(kind, kind))


def document_language(language: str) -> Term:
    """A document's language as a message parameter ("中文", not "zh")."""
    return Term("Documents", DOCUMENT_LANGUAGES.get(language, language))


#: Evidence keys of an alert (its detail panel), by name; where absent, FIGURES names them.
EVIDENCE: dict[str, str] = {
    "active_months": QT_TRANSLATE_NOOP("AlertEvidence", "active months"),
    "actor": QT_TRANSLATE_NOOP("AlertEvidence", "done by"),
    "assignment_id": QT_TRANSLATE_NOOP("AlertEvidence", "ownership period"),
    "attempt": QT_TRANSLATE_NOOP("AlertEvidence", "attempt"),
    "audit_events": QT_TRANSLATE_NOOP("AlertEvidence", "audit events"),
    "average": QT_TRANSLATE_NOOP("AlertEvidence", "average"),
    "case": QT_TRANSLATE_NOOP("AlertEvidence", "departure case"),
    "case_id": QT_TRANSLATE_NOOP("AlertEvidence", "departure case"),
    "close_rate_percent": QT_TRANSLATE_NOOP("AlertEvidence", "closing rate %"),
    "closed": QT_TRANSLATE_NOOP("AlertEvidence", "closed"),
    "count": QT_TRANSLATE_NOOP("AlertEvidence", "count"),
    "customer_id": QT_TRANSLATE_NOOP("AlertEvidence", "customer"),
    "customers": QT_TRANSLATE_NOOP("AlertEvidence", "customers"),
    "date": QT_TRANSLATE_NOOP("AlertEvidence", "date"),
    "day": QT_TRANSLATE_NOOP("AlertEvidence", "day"),
    "days_back": QT_TRANSLATE_NOOP("AlertEvidence", "days back-dated"),
    "documents": QT_TRANSLATE_NOOP("AlertEvidence", "documents"),
    "effective_on": QT_TRANSLATE_NOOP("AlertEvidence", "effective"),
    "ended_on": QT_TRANSLATE_NOOP("AlertEvidence", "owner until"),
    "fall_percent": QT_TRANSLATE_NOOP("AlertEvidence", "drop %"),
    "followup_id": QT_TRANSLATE_NOOP("AlertEvidence", "follow-up"),
    "followups": QT_TRANSLATE_NOOP("AlertEvidence", "follow-ups"),
    "from": QT_TRANSLATE_NOOP("AlertEvidence", "previous owner"),
    "keywords": QT_TRANSLATE_NOOP("AlertEvidence", "keywords"),
    "last_day": QT_TRANSLATE_NOOP("AlertEvidence", "last working day"),
    "last_order": QT_TRANSLATE_NOOP("AlertEvidence", "last order"),
    "leaver_id": QT_TRANSLATE_NOOP("AlertEvidence", "leaver"),
    "limit": QT_TRANSLATE_NOOP("AlertEvidence", "limit"),
    "locked_from": QT_TRANSLATE_NOOP("AlertEvidence", "locked from"),
    "missing": QT_TRANSLATE_NOOP("AlertEvidence", "missing"),
    "month": QT_TRANSLATE_NOOP("AlertEvidence", "month"),
    "monthly_after": QT_TRANSLATE_NOOP("AlertEvidence", "monthly after"),
    "monthly_before": QT_TRANSLATE_NOOP("AlertEvidence", "monthly before"),
    "multiple": QT_TRANSLATE_NOOP("AlertEvidence", "times the average"),
    "new_customers": QT_TRANSLATE_NOOP("AlertEvidence", "new customers"),
    "notice_on": QT_TRANSLATE_NOOP("AlertEvidence", "notice given"),
    "order_count": QT_TRANSLATE_NOOP("AlertEvidence", "orders"),
    "order_id": QT_TRANSLATE_NOOP("AlertEvidence", "waybill"),
    "order_number": QT_TRANSLATE_NOOP("AlertEvidence", "waybill no."),
    "orders": QT_TRANSLATE_NOOP("AlertEvidence", "waybills"),
    "orders_after": QT_TRANSLATE_NOOP("AlertEvidence", "orders after"),
    "orders_before": QT_TRANSLATE_NOOP("AlertEvidence", "orders before"),
    "overdue": QT_TRANSLATE_NOOP("AlertEvidence", "overdue"),
    "owner_id": QT_TRANSLATE_NOOP("AlertEvidence", "owner"),
    "ratio": QT_TRANSLATE_NOOP("AlertEvidence", "ratio"),
    "receivables": QT_TRANSLATE_NOOP("AlertEvidence", "receivables"),
    "recorded_on": QT_TRANSLATE_NOOP("AlertEvidence", "recorded"),
    "refused": QT_TRANSLATE_NOOP("AlertEvidence", "refused"),
    "repeat_rate_percent": QT_TRANSLATE_NOOP("AlertEvidence", "repeat rate %"),
    "repeated": QT_TRANSLATE_NOOP("AlertEvidence", "ordered again"),
    "revenue": QT_TRANSLATE_NOOP("AlertEvidence", "revenue"),
    "rows": QT_TRANSLATE_NOOP("AlertEvidence", "rows"),
    "salesperson_id": QT_TRANSLATE_NOOP("AlertEvidence", "salesperson"),
    "silent_days": QT_TRANSLATE_NOOP("AlertEvidence", "days silent"),
    "source": QT_TRANSLATE_NOOP("AlertEvidence", "source"),
    "successor_id": QT_TRANSLATE_NOOP("AlertEvidence", "successor"),
    "to": QT_TRANSLATE_NOOP("AlertEvidence", "new owner"),
    "until": QT_TRANSLATE_NOOP("AlertEvidence", "until"),
    "user": QT_TRANSLATE_NOOP("AlertEvidence", "user"),
    "window_days": QT_TRANSLATE_NOOP("AlertEvidence", "window (days)"),
    "oldest_due": QT_TRANSLATE_NOOP("AlertEvidence", "oldest due date"),
    "number": QT_TRANSLATE_NOOP("AlertEvidence", "number"),
}
