"""Signatures on screen, signed scans, the frozen snapshot, and verify-document."""

from __future__ import annotations

import hashlib
import io
import json
import shutil

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ByteStringObject, ContentStream, NameObject
from sqlalchemy import select

from desktop.errors import PermissionDenied, ValidationError
from desktop.models.audit import AuditEvent, verify_chain
from desktop.models.documents import DocumentSignature
from desktop.reports.issue import issue_handover_form
from desktop.services import customers, document_content, documents, handover
from desktop.services.customers import CustomerInput
from desktop.services.demo import DEMO_PASSWORD
from desktop.services.documents import MSG_TOO_LITTLE_INK
from tests.reports.documents_support import page_texts, plain, signature_png
from tests.support import assert_one_line_error, run_baton


def image_pages(pdf: bytes) -> list[int]:
    """Numbers of the pages that draw an image XObject."""
    found = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
        if any(ref.get_object().get("/Subtype") == "/Image" for ref in xobjects.values()):
            found.append(number)
    return found


def test_signed_block_draws_its_image_and_the_others_wait_for_paper(demo_case):
    hr = demo_case.login("hr")
    before = issue_handover_form(hr, demo_case.case_id, "zh")
    assert image_pages(before.data) == []
    documents.sign_block(
        hr, demo_case.case_id, "employee", demo_case.employee_name, signature_png(), before.info.id
    )
    after = issue_handover_form(hr, demo_case.case_id, "zh")
    assert after.info.signed_blocks == ("employee",)
    last = after.info.pages
    assert image_pages(after.data) == [last], "the signature is drawn on the signature page"
    text = plain(page_texts(after.data)[-1])
    assert text.count("简单电子签名2") == 1, "one block carries the electronic signature"
    status = documents.form_status(hr, demo_case.case_id)
    signed = [b.key for b in status.blocks if b.signed]
    waiting = [b.key for b in status.blocks if not b.signed]
    assert signed == ["employee"]
    assert {"manager", "hr", "finance"} <= set(waiting)
    # The unsigned blocks keep their blank date line for the pen.
    assert text.count("日期：______年____月____日") == len(waiting)
    with pytest.raises(ValidationError, match="signed already"):
        documents.sign_block(hr, demo_case.case_id, "employee", "x", signature_png())


def test_a_near_empty_signature_is_refused(demo_case):
    hr = demo_case.login("hr")
    with pytest.raises(ValidationError) as caught:
        documents.sign_block(hr, demo_case.case_id, "hr", "人事", signature_png(scribble=False))
    assert caught.value.template == MSG_TOO_LITTLE_INK
    assert not documents.form_status(hr, demo_case.case_id).frozen, "nothing was frozen"
    with pytest.raises(ValidationError):
        documents.sign_block(hr, demo_case.case_id, "hr", "人事", b"not a png")


def test_the_stored_signature_is_only_an_image(demo_case):
    from PIL import Image

    hr = demo_case.login("hr")
    documents.sign_block(hr, demo_case.case_id, "hr", "人事专员", signature_png())
    status = documents.form_status(hr, demo_case.case_id)
    (block,) = [b for b in status.blocks if b.key == "hr"]
    with hr.read() as s:  # what the vault stores for the signature
        png = s.get(DocumentSignature, block.signature_id).png
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        assert not {k for k in image.info if k not in ("dpi", "transparency")}
    assert block.signer_name == "人事专员" and block.recorded_by == "hr"


def test_signing_freezes_the_content_against_later_changes(demo_case):
    hr = demo_case.login("hr")
    admin = demo_case.login("admin")
    printed = issue_handover_form(hr, demo_case.case_id, "zh")
    data = documents.prepare_handover(hr, demo_case.case_id, "zh", "x").content
    renamed = data.customers[0]
    documents.sign_block(
        hr, demo_case.case_id, "employee", demo_case.employee_name, signature_png(), printed.info.id
    )
    status = documents.form_status(hr, demo_case.case_id)
    assert status.frozen and status.frozen_reason == "signature"
    assert status.frozen_sha256 == printed.info.content_sha256
    # Live data moves on: a customer is renamed.
    items = [i for i in handover.list_items(admin, demo_case.case_id) if i.kind == "customer"]
    customer = next(i for i in items if i.customer_code == renamed.code)
    detail = customers.get_customer(admin, customer.customer_id)
    customers.update_customer(
        admin,
        customer.customer_id,
        CustomerInput(detail.code, "改名后的客户有限公司", region=detail.region),
        expected_version=detail.version,
    )
    live = document_content.handover_form_data(hr, demo_case.case_id)
    assert any(c.name == "改名后的客户有限公司" for c in live.customers)
    again = issue_handover_form(hr, demo_case.case_id, "zh")
    assert again.info.content_sha256 == printed.info.content_sha256
    assert again.info.snapshot_frozen
    text = plain("".join(page_texts(again.data)))
    assert plain(renamed.name) in text and "改名后的客户有限公司" not in text
    # The frozen content's hash is in the audit chain, which still verifies.
    with admin.transaction() as s:
        frozen = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "document.snapshot_frozen")
        ).all()
        assert len(frozen) == 1
        detail_json = json.loads(frozen[0].after)
        assert detail_json["sha256"] == printed.info.content_sha256
        assert detail_json["customers"] == len(data.customers)
        assert detail_json["receivables"] == len(data.receivables)
        assert verify_chain(s).ok


def test_attaching_the_signed_scan_archives_it_and_freezes(demo_case, tmp_path):
    hr = demo_case.login("hr")
    printed = issue_handover_form(hr, demo_case.case_id, "zh")
    scan = b"%PDF-1.4\n% a scanned, signed and sealed form\n" + bytes(range(256)) * 40
    documents.attach_scan(
        hr, demo_case.case_id, "交接单-签字扫描.pdf", scan, "人事部档案柜 3 号", printed.info.id
    )
    status = documents.form_status(hr, demo_case.case_id)
    assert status.frozen and status.frozen_reason == "scan"
    (info,) = status.scans
    assert info.sha256 == hashlib.sha256(scan).hexdigest()
    assert info.paper_location == "人事部档案柜 3 号"
    assert info.archived_by == "hr" and info.archived_at is not None
    assert info.document_number == printed.info.number
    assert status.signed_copy_archived
    assert documents.read_scan(hr, info.id).data == scan
    with pytest.raises(ValidationError):
        documents.attach_scan(hr, demo_case.case_id, "notes.txt", b"hello", "cabinet")
    with pytest.raises(ValidationError):
        documents.attach_scan(hr, demo_case.case_id, "scan.pdf", scan, "  ")
    from desktop.services import departures

    history = departures.get_case(hr, demo_case.case_id).events
    assert any(e.action == "signed_copy_archived" for e in history)


def test_only_handover_editors_sign_and_attach(demo_case):
    auditor = demo_case.login("auditor")
    with pytest.raises(PermissionDenied):
        documents.sign_block(auditor, demo_case.case_id, "hr", "x", signature_png())
    with pytest.raises(PermissionDenied):
        documents.attach_scan(auditor, demo_case.case_id, "a.pdf", b"%PDF-1.4 x", "cabinet")
    # The auditor reads and verifies, though.
    assert documents.form_status(auditor, demo_case.case_id).blocks


# --------------------------------------------------------------------------- verify-document


def _altered_text_copy(pdf: bytes) -> bytes:
    """Re-save with pypdf after changing one text run on page 1 (as a forger would)."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    page = writer.pages[0]
    content = ContentStream(page.get_contents(), writer)
    for operands, operator in content.operations:
        if operator == b"Tj" and operands and len(bytes(operands[0].original_bytes)) > 3:
            raw = bytearray(operands[0].original_bytes)
            raw[0], raw[1] = raw[1], raw[0]
            operands[0] = ByteStringObject(bytes(raw))
            break
    else:  # pragma: no cover - reportlab always writes Tj runs
        raise AssertionError("no text run found")
    page[NameObject("/Contents")] = content
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_verify_document(demo_case, tmp_path):
    hr = demo_case.login("hr")
    issued = issue_handover_form(hr, demo_case.case_id, "zh")
    original = tmp_path / "form.pdf"
    original.write_bytes(issued.data)
    copy = tmp_path / "copy.pdf"
    shutil.copy(original, copy)
    result = documents.verify_document(hr, copy.read_bytes())
    assert result.verified and result.document.id == issued.info.id
    assert demo_case.case_number in result.message() and "unchanged" in result.message()

    one_byte = bytearray(issued.data)
    one_byte[len(one_byte) // 2] ^= 0x01
    result = documents.verify_document(hr, bytes(one_byte))
    assert not result.verified and result.status == "altered"
    assert result.number == issued.info.number

    forged = _altered_text_copy(issued.data)
    assert page_texts(forged)[0] != page_texts(issued.data)[0]
    result = documents.verify_document(hr, forged)
    assert not result.verified and result.status == "altered"

    other = documents.verify_document(hr, b"%PDF-1.4\n%%EOF\n")
    assert other.status == "unknown" and not other.verified
    with hr.transaction() as s:
        results = [
            json.loads(e.after)["result"]
            for e in s.scalars(select(AuditEvent).where(AuditEvent.action == "document.verified"))
        ]
    assert results == ["verified", "altered", "altered", "unknown"]


def test_verify_document_cli(demo_case, tmp_path):
    from tests.conftest import ADMIN_PASSWORD
    from tests.support import run_baton

    data_dir = demo_case.paths.data_dir
    out = tmp_path / "handover-en.pdf"
    proc = run_baton(
        data_dir,
        "report",
        "handover",
        demo_case.case_number,
        "--out",
        str(out),
        "--lang",
        "en",
        password=ADMIN_PASSWORD,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Employee Handover Form" in proc.stdout and out.exists()
    proc = run_baton(data_dir, "verify-document", str(out), password=ADMIN_PASSWORD)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "unchanged" in proc.stdout and demo_case.case_number in proc.stdout
    data = bytearray(out.read_bytes())
    data[-100] ^= 0x20
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(bytes(data))
    proc = run_baton(data_dir, "verify-document", str(bad), password=ADMIN_PASSWORD)
    assert proc.returncode == 1 and "Not verified" in proc.stdout
    for kind in ("risk", "tracking"):
        target = tmp_path / f"{kind}.pdf"
        proc = run_baton(
            data_dir,
            "report",
            kind,
            demo_case.case_number,
            "--out",
            str(target),
            password=ADMIN_PASSWORD,
        )
        assert proc.returncode == 0, proc.stderr
        assert target.read_bytes().startswith(b"%PDF")
    proc = run_baton(
        data_dir, "report", "aging", "--out", str(tmp_path / "aging.pdf"), password=ADMIN_PASSWORD
    )
    assert proc.returncode == 0, proc.stderr
    proc = run_baton(
        data_dir,
        "report",
        "post-departure",
        demo_case.case_number,
        "--out",
        str(tmp_path / "post.pdf"),
        password=ADMIN_PASSWORD,
    )
    assert proc.returncode == 2 and "completed case" in proc.stderr


def test_an_archived_scan_is_listed_and_written_back_out_by_the_command_line(demo_case, tmp_path):
    """The archive is not write-only: ``baton departure scans`` lists the attached copies and
    ``--save`` writes one back out, its hash checked."""
    hr = demo_case.login("hr")
    scan = b"%PDF-1.4\n% signed\n" + bytes(range(256)) * 8
    documents.attach_scan(hr, demo_case.case_id, "签字扫描.pdf", scan, "档案柜 3 号")
    (info,) = documents.form_status(hr, demo_case.case_id).scans
    demo_case.close()

    def baton(*args: str):
        return run_baton(
            demo_case.paths.data_dir,
            "departure",
            "scans",
            demo_case.case_number,
            *args,
            user="hr",
            password=DEMO_PASSWORD,
        )

    listed = baton()
    assert listed.returncode == 0, listed.stderr
    assert f"scan {info.id}: 签字扫描.pdf (application/pdf" in listed.stdout
    assert "paper at 档案柜 3 号" in listed.stdout
    out = tmp_path / "back.pdf"
    saved = baton("--save", str(info.id), "--out", str(out))
    assert saved.returncode == 0, saved.stderr
    assert out.read_bytes() == scan
    assert_one_line_error(baton("--save", str(info.id + 99), "--out", str(tmp_path / "x")), 2)
    assert not (tmp_path / "x").exists()
