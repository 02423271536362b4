"""The handover form (离职交接单) as a PDF: what a reader, a printer and a verifier see in it."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zlib
from dataclasses import replace
from decimal import Decimal

import pytest
from pypdf import PdfReader
from reportlab.graphics.barcode.qr import QrCodeWidget

from desktop.models.documents import DocumentSnapshot, IssuedDocument
from desktop.reports import handover_form
from desktop.reports.issue import issue_handover_form
from desktop.reports.recovery_sheet import recovery_sheet_pdf
from desktop.services import document_content, documents
from desktop.services.document_content import FormCustomer, canonical_json, signature_blocks
from tests.reports.documents_support import page_texts, plain


def fonts_of(pdf: bytes) -> list[tuple[str, object]]:
    """(name, font dictionary) of every font any page or form XObject uses."""
    found = []
    reader = PdfReader(io.BytesIO(pdf))

    def walk(resources) -> None:
        resources = resources.get_object() if resources is not None else {}
        for name, ref in (resources.get("/Font") or {}).items():
            found.append((name, ref.get_object()))
        for ref in (resources.get("/XObject") or {}).values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form":
                walk(xobject.get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return found


def assert_fonts_embedded(pdf: bytes) -> None:
    fonts = fonts_of(pdf)
    assert fonts
    for name, font in fonts:
        descriptor = font.get("/FontDescriptor")
        assert descriptor is not None, f"{name} ({font.get('/BaseFont')}) is not embedded"
        assert "/FontFile2" in descriptor.get_object(), f"{name} has no embedded TrueType"
        assert "WenQuanYi" in str(font.get("/BaseFont"))


def test_chinese_form_reads_back_with_its_names_and_headings(demo_case):
    hr = demo_case.login("hr")
    issued = issue_handover_form(hr, demo_case.case_id, "zh")
    data = documents.prepare_handover(hr, demo_case.case_id, "zh", "x").content
    pages = page_texts(issued.data)
    text = plain("".join(pages))
    for heading in (
        "离职交接单",
        "员工信息及离职日期",
        "客户交接明细",
        "合同交接",
        "应收账款及催收责任人",
        "在途订单",
        "资产及文件资料归还",
        "账号及数据权限收回",
        "借款、备用金及报销",
        "条款确认",
        "签字确认",
        "一式三份",
    ):
        assert heading in text, heading
    assert plain(demo_case.employee_name) in text
    assert demo_case.case_number in text and f"JJ-{demo_case.case_number}" in text
    first, last = data.customers[0], data.customers[-1]
    assert plain(first.name) in text and plain(last.name) in text
    assert first.code in text
    assert len(data.customers) == 80
    # Every page says where it belongs: page x of y and the document number.
    for number, page in enumerate(pages, start=1):
        assert f"第{number}页/共{len(pages)}页" in plain(page)
        assert issued.info.number in page
    assert issued.info.pages == len(pages)


def test_english_form_has_the_same_sections(demo_case):
    hr = demo_case.login("hr")
    issued = issue_handover_form(hr, demo_case.case_id, "en")
    text = " ".join(page_texts(issued.data))
    for heading in (
        "Employee Handover Form",
        "Customers transferred",
        "Receivables and who collects them",
        "Assets and documents returned",
        "Accounts and data access revoked",
        "Advances and petty cash owed",
        "Clauses acknowledged",
        "Signatures",
        "triplicate",
    ):
        assert heading in text, heading
    assert re.search(r"Page 1 of \d+", text)


def test_every_font_is_embedded(demo_case):
    hr = demo_case.login("hr")
    for lang in ("zh", "en"):
        assert_fonts_embedded(issue_handover_form(hr, demo_case.case_id, lang).data)


def test_recovery_sheet_embeds_its_font(tmp_path):
    from datetime import UTC, datetime

    pdf = recovery_sheet_pdf(
        "上海迅达物流有限公司",
        tmp_path,
        "0123456789abcdef",
        "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567",
        datetime(2026, 1, 5, tzinfo=UTC),
    )
    assert_fonts_embedded(pdf)


def _with_customers(prepared, count: int):
    """The prepared form with ``count`` customers (copies of the real ones, renumbered)."""
    data = prepared.content
    base = data.customers
    customers = tuple(
        replace(base[i % len(base)], code=f"Z{i:06d}", name=f"{base[i % len(base)].name}{i}")
        for i in range(count)
    )
    return replace(prepared, content=replace(data, customers=customers))


def test_pages_grow_with_rows_and_headers_repeat(demo_case):
    hr = demo_case.login("hr")
    prepared = documents.prepare_handover(hr, demo_case.case_id, "zh", "离职交接单")
    few = handover_form.handover_form_pdf(_with_customers(prepared, 5))
    many = handover_form.handover_form_pdf(_with_customers(prepared, 400))
    assert many.pages > few.pages + 5
    pages = page_texts(many.data)
    # Pages 2 … holding customers only: the column titles again above the rows.
    continued = [p for p in pages[1:] if "Z000100" in p or "Z000200" in p or "Z000300" in p]
    assert len(continued) >= 3
    for page in continued:
        flat = plain(page)
        for title in ("序号", "客户编码", "客户名称", "主要联系人", "接收人", "未收款（元）"):
            assert title in flat


def test_two_thousand_customers_stay_readable(demo_case):
    hr = demo_case.login("hr")
    prepared = documents.prepare_handover(hr, demo_case.case_id, "zh", "离职交接单")
    big = handover_form.handover_form_pdf(_with_customers(prepared, 2000))
    pages = page_texts(big.data)
    rows_per_page = [len(re.findall(r"Z\d{6}", p)) for p in pages]
    full = [n for n in rows_per_page if n]
    # About 40 rows a page at 7.5 pt: 2,000 customers on 40–60 pages, none crammed.
    assert 35 <= max(full) <= 50
    assert 40 <= len(full) <= 60
    assert "Z001999" in "".join(pages)


def test_every_signature_block_is_on_the_form(demo_case):
    hr = demo_case.login("hr")
    issued = issue_handover_form(hr, demo_case.case_id, "zh")
    data = documents.prepare_handover(hr, demo_case.case_id, "zh", "x").content
    blocks = signature_blocks(data)
    text = plain("".join(page_texts(issued.data)))
    for title in ("离职员工（移交人）", "监交人（部门经理）", "人力资源部", "财务部"):
        assert title in text
    successors = [b for b in blocks if b.role == "successor"]
    assert text.count("接收人") >= len(successors)
    assert text.count("（盖章处）") == len(blocks)
    assert text.count("签字：") == len(blocks)
    assert "简单电子签名2" not in text, "nothing is signed on screen yet"


def _qr_cells(pdf: bytes) -> set[tuple[int, int]]:
    """The dark modules of the QR code form XObject of the first page, as (row, col)."""
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    forms = page["/Resources"]["/XObject"]
    (qr,) = [ref.get_object() for name, ref in forms.items() if "baton_qr" in name]
    ops = qr.get_data().decode("latin-1").split()
    rects = [tuple(float(v) for v in ops[i - 4 : i]) for i, op in enumerate(ops) if op == "re"]
    box = min(r[3] for r in rects)
    size = float(qr["/BBox"][3])
    cells = set()
    for x, y, w, _h in rects:
        row = round((size - y) / box) - 1
        for k in range(round(w / box)):
            cells.add((row, round(x / box) + k))
    return cells


def test_hash_and_qr_payload_match_the_issue_record(demo_case):
    hr = demo_case.login("hr")
    issued = issue_handover_form(hr, demo_case.case_id, "zh")
    info = issued.info
    assert info.pdf_sha256 == hashlib.sha256(issued.data).hexdigest()
    with hr.read() as s:  # the stored snapshot behind the record, read back from the vault
        snap = s.get(DocumentSnapshot, s.get(IssuedDocument, info.id).snapshot_id)
        snapshot = json.loads(zlib.decompress(snap.content))
    assert info.content_sha256 == hashlib.sha256(canonical_json(snapshot)).hexdigest()
    text = "".join(page_texts(issued.data))
    assert info.content_sha256 in text.replace(" ", "").replace("\n", "")
    payload = f"BATON1|{info.number}|{demo_case.case_number}|{info.content_sha256}"
    widget = QrCodeWidget(payload, barLevel="M")
    widget.qr.make()
    expected = {
        (r + 2, c + 2)
        for r, row in enumerate(widget.qr.modules)
        for c, dark in enumerate(row)
        if dark
    }
    assert _qr_cells(issued.data) == expected
    meta = PdfReader(io.BytesIO(issued.data)).metadata
    assert f"baton-document:{info.number}" in str(meta.get("/Keywords"))
    stored = documents.read_document(hr, info.id)
    assert stored.data == issued.data


def test_snapshot_round_trips_exactly(demo_case):
    hr = demo_case.login("hr")
    data = document_content.handover_form_data(hr, demo_case.case_id)
    again = document_content.from_jsonable(
        document_content.HandoverFormData, __import__("json").loads(canonical_json(data))
    )
    assert again == data
    assert isinstance(again.customers[0], FormCustomer)
    assert isinstance(again.customers[0].open_amount, Decimal)


def test_issue_is_audited_and_in_the_case_history(demo_case):
    from desktop.services import audit as audit_service
    from desktop.services import departures

    hr = demo_case.login("hr")
    issued = issue_handover_form(hr, demo_case.case_id, "en")
    documents.record_output(hr, issued.info.id, "print")
    admin = demo_case.login("admin")
    events = audit_service.list_events(admin, 0, 50, "document.")
    actions = {e.action for e in events if issued.info.number in (e.after or "")}
    assert {"document.issued", "document.print"} <= actions
    history = departures.get_case(hr, demo_case.case_id).events
    assert any(
        e.action == "form_issued" and issued.info.number in (e.comment or "") for e in history
    )


def test_roles_without_the_case_cannot_issue(demo_case):
    from desktop.errors import PermissionDenied

    sales = demo_case.login("sales")
    with pytest.raises(PermissionDenied):
        issue_handover_form(sales, demo_case.case_id, "zh")
