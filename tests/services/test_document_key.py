"""The document key (it signs an evidence pack's manifest) works for every seat: on PostgreSQL
a seat role reads it, makes it on first use and verifies a pack with it (``--db=postgresql
--pg-role=seat``)."""

from __future__ import annotations

from desktop.services import evidence_pack
from tests.services.commission_support import D, build_firm


def test_a_seat_builds_and_verifies_an_evidence_pack(admin, login_as):
    from desktop.models.accounts import Role

    firm = build_firm(admin)
    firm.order("a", "WB-A", "jia", D(2030, 3, 5), "1000.00", salesperson="zhang")
    firm.depart()
    data, summary = evidence_pack.build_pack(admin, firm["case"])
    assert summary.files >= 2 and len(summary.key_id) == 16
    checked = evidence_pack.verify_pack(admin, data)
    assert checked.intact, checked.problems
    again, second = evidence_pack.build_pack(admin, firm["case"])
    assert second.key_id == summary.key_id, "one key for the vault, made once"
    hr = login_as(Role.HR)
    assert evidence_pack.verify_pack(hr, again).intact, "another seat login reads the key"
    # One changed byte anywhere (a deflated member, a header, the directory) is named, never
    # a crash of the check (a changed byte in a deflated member raised zlib.error); a pack
    # still "intact" holds exactly the signed files (the byte was ZIP bookkeeping, e.g. a
    # local header's time, that no file's content depends on).
    original = _members(again)
    step = max(len(again) // 97, 1)
    altered = 0
    for at in range(0, len(again), step):
        flipped = bytearray(again)
        flipped[at] ^= 0x01
        result = evidence_pack.verify_pack(hr, bytes(flipped))
        if result.intact:
            assert _members(bytes(flipped)) == original, at
        else:
            altered += 1
            assert result.problems, at
    assert altered > 80


def _members(data: bytes) -> dict[str, bytes]:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}
