"""Balance-confirmation letters (对账函): one per customer with an open balance of the leaver,
together equal to the leaver's open receivables to the fen; total in figures and capitals; a
reply slip; each verifies; sending and replies tracked; a differing reply opens a follow-up."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from desktop.errors import PermissionDenied, ValidationError
from desktop.models.orders import FollowUp, Receivable
from desktop.reports import issue
from desktop.services import departures, documents
from desktop.services.capitals import rmb_capitals
from desktop.services.handover.generation import leaver_receivables
from tests.reports.documents_support import plain
from tests.support import ADMIN_PASSWORD, run_baton


def _text(pdf: bytes) -> str:
    return plain("".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages))


def _open_by_customer(ctx, case_id: int) -> dict[int, Decimal]:
    """The leaver's open receivables by customer, read straight from the vault."""
    case = departures.get_case(ctx, case_id).case
    with ctx.read() as s:
        rows = s.scalars(
            select(Receivable).where(
                Receivable.id.in_(leaver_receivables(case.employee_id, ctx.today()))
            )
        ).all()
        out: dict[int, Decimal] = {}
        for r in rows:
            left = r.amount - r.paid - r.written_off
            if left > 0:
                out[r.customer_id] = out.get(r.customer_id, Decimal("0")) + left
        return out


def test_letters_equal_the_open_receivables_to_the_fen(demo_case):
    admin = demo_case.login("admin")
    expected = _open_by_customer(admin, demo_case.case_id)
    assert expected, "the demo leaver has open receivables"
    issued = issue.issue_confirmations(admin, demo_case.case_id, "zh")
    rows = documents.list_letters(admin, demo_case.case_id)
    assert len(issued) == len(rows) == len(expected)
    assert sum(r.total for r in rows) == sum(expected.values())
    first = issued[0]
    row = next(r for r in rows if r.document_number == first.info.number)
    text = _text(first.data)
    assert "对账函" in text and "回执" in text and "盖章" in text
    assert rmb_capitals(row.total) in text
    assert f"{row.total:,.2f}" in text
    reader = PdfReader(io.BytesIO(first.data))
    assert len(reader.pages) == first.info.pages
    for item in issued:
        assert documents.verify_document(admin, item.data).verified
    data = bytearray(first.data)
    data[len(data) // 2] ^= 1
    assert not documents.verify_document(admin, bytes(data)).verified


def test_sending_and_a_differing_reply_open_a_follow_up(demo_case):
    admin = demo_case.login("admin")
    issue.issue_confirmations(admin, demo_case.case_id, "zh")
    letter = documents.list_letters(admin, demo_case.case_id)[0]
    with pytest.raises(ValidationError):  # a reply before the letter was sent
        documents.record_letter_reply(admin, letter.id, letter.total - 1)
    with pytest.raises(ValidationError):  # not an amount: nothing changes
        documents.record_letter_sent(admin, letter.id, via="x" * 65)
    assert documents.letter_row(admin, letter.id).sent_on is None
    documents.record_letter_sent(admin, letter.id, via="EMS")
    with pytest.raises(ValidationError):
        documents.record_letter_reply(admin, letter.id, "abc")
    assert documents.letter_row(admin, letter.id).reply is None
    documents.record_letter_reply(admin, letter.id, letter.total - Decimal("100.00"))
    row = documents.letter_row(admin, letter.id)
    assert row.reply == "differs" and row.followup_id is not None
    with admin.read() as s:
        follow = s.get(FollowUp, row.followup_id)
        assert follow is not None and str(letter.total) in follow.content
    other = documents.list_letters(admin, demo_case.case_id)[-1]
    documents.record_letter_sent(admin, other.id)
    documents.record_letter_reply(admin, other.id)
    confirmed = documents.letter_row(admin, other.id)
    assert confirmed.reply == "confirmed" and confirmed.followup_id is None


def test_the_people_on_the_case_issue_and_track_letters_finance_does_not(demo_case):
    """HR runs the case and sees no receivables elsewhere, yet issues the case's letters; the
    manager records what came back; finance (no access to cases) is refused, nothing changes."""
    hr, manager = demo_case.login("hr"), demo_case.login("manager")
    issued = issue.issue_confirmations(hr, demo_case.case_id, "zh")
    assert issued and len(documents.list_letters(hr, demo_case.case_id)) == len(issued)
    letter = documents.list_letters(manager, demo_case.case_id)[0]
    documents.record_letter_sent(hr, letter.id, via="EMS")
    documents.record_letter_reply(manager, letter.id)
    assert documents.letter_row(hr, letter.id).reply == "confirmed"
    finance = demo_case.login("finance")
    with pytest.raises(PermissionDenied):
        documents.list_letters(finance, demo_case.case_id)
    with pytest.raises(PermissionDenied):
        issue.issue_confirmations(finance, demo_case.case_id, "zh")
    assert len(documents.list_letters(hr, demo_case.case_id)) == len(issued)


def test_confirmations_command_writes_one_file_per_letter(demo_case, tmp_path):
    folder = tmp_path / "letters"
    proc = run_baton(
        demo_case.paths.data_dir,
        "report",
        "confirmations",
        demo_case.case_number,
        "--out",
        str(folder),
        password=ADMIN_PASSWORD,
    )
    assert proc.returncode == 0, proc.stderr
    files = sorted(folder.glob("*.pdf"))
    assert files and f"{len(files)} letter(s)" in proc.stdout
    ok = run_baton(
        demo_case.paths.data_dir, "verify-document", str(files[0]), password=ADMIN_PASSWORD
    )
    assert ok.returncode == 0, ok.stdout
    listing = run_baton(
        demo_case.paths.data_dir,
        "confirmation",
        "list",
        demo_case.case_number,
        password=ADMIN_PASSWORD,
    )
    assert listing.returncode == 0 and "no reply" in listing.stdout
