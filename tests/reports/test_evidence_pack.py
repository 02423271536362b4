"""The evidence pack: round trip (every issued document, the audit events with chain hashes,
a signed manifest), and each kind of tampering named — a changed file, a missing file, an added
file, a re-signed manifest; the command's exit codes."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from desktop.reports import issue
from desktop.services import evidence_pack
from tests.support import ADMIN_PASSWORD, run_baton


def _rezip(data: bytes, change) -> bytes:
    """The pack rewritten with ``change(name, bytes) -> bytes | None`` (None drops it)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in src.namelist():
            content = change(name, src.read(name))
            if content is not None:
                z.writestr(name, content)
    return out.getvalue()


@pytest.fixture
def pack(demo_case):
    hr = demo_case.login("hr")
    risk = issue.issue_risk_assessment(hr, demo_case.case_id, "zh")
    issue.issue_handover_form(hr, demo_case.case_id, "zh")
    data, summary = evidence_pack.build_pack(hr, demo_case.case_id)
    return hr, data, summary, risk


def test_round_trip(pack, demo_case):
    hr, data, summary, risk = pack
    z = zipfile.ZipFile(io.BytesIO(data))
    names = z.namelist()
    assert f"documents/{risk.info.number}-risk.pdf" in names
    assert z.read(f"documents/{risk.info.number}-risk.pdf") == risk.data
    events = json.loads(z.read("audit/events.json"))
    assert events and all(len(e["hash"]) == 64 and e["prev_hash"] for e in events)
    assert any(e["entity"] == "departure_case" for e in events)
    manifest = json.loads(z.read("manifest.json"))
    assert manifest["case"] == demo_case.case_number == summary.case_number
    assert {f["path"] for f in manifest["files"]} == set(names) - {"manifest.json", "manifest.sig"}
    result = evidence_pack.verify_pack(hr, data)
    assert result.intact and result.problems == () and result.files == summary.files
    again, _ = evidence_pack.build_pack(hr, demo_case.case_id)
    assert (
        json.loads(zipfile.ZipFile(io.BytesIO(again)).read("manifest.json"))["key_id"]
        == (manifest["key_id"])
    ), "one document key per vault"


def test_tampering_is_named(pack):
    hr, data, _, risk = pack
    name = f"documents/{risk.info.number}-risk.pdf"

    def flip(n, b):
        return b[:100] + bytes([b[100] ^ 1]) + b[101:] if n == name else b

    altered = evidence_pack.verify_pack(hr, _rezip(data, flip))
    assert not altered.intact and any(name in p and "altered" in p for p in altered.problems)
    missing = evidence_pack.verify_pack(hr, _rezip(data, lambda n, b: None if n == name else b))
    assert not missing.intact and f"{name}: missing" in missing.problems
    rewritten = _rezip(data, lambda n, b: b)  # the same files in a new ZIP: still intact
    assert evidence_pack.verify_pack(hr, rewritten).intact
    buf = io.BytesIO(rewritten)
    with zipfile.ZipFile(buf, "a") as z:
        z.writestr("documents/forged.pdf", b"%PDF-1.4 forged")
    assert (
        "documents/forged.pdf: not in the manifest"
        in evidence_pack.verify_pack(hr, buf.getvalue()).problems
    )

    def lie(n, b):  # the manifest edited to match a changed file: the signature breaks
        if n != "manifest.json":
            return b
        m = json.loads(b)
        m["case"] = "D1999-0001"
        return json.dumps(m).encode()

    forged = evidence_pack.verify_pack(hr, _rezip(data, lie))
    assert not forged.intact and any("signature" in p for p in forged.problems)
    assert not evidence_pack.verify_pack(hr, b"not a zip").intact


def test_commands_exit_0_intact_and_1_altered(demo_case, tmp_path):
    target = tmp_path / "pack.zip"
    built = run_baton(
        demo_case.paths.data_dir,
        "evidence-pack",
        demo_case.case_number,
        "--out",
        str(target),
        password=ADMIN_PASSWORD,
    )
    assert built.returncode == 0, built.stderr
    ok = run_baton(demo_case.paths.data_dir, "verify-pack", str(target), password=ADMIN_PASSWORD)
    assert ok.returncode == 0 and "Intact" in ok.stdout, ok.stdout + ok.stderr
    data = target.read_bytes()
    target.write_bytes(_rezip(data, lambda n, b: None if n == "audit/events.json" else b))
    bad = run_baton(demo_case.paths.data_dir, "verify-pack", str(target), password=ADMIN_PASSWORD)
    assert bad.returncode == 1 and "audit/events.json: missing" in bad.stdout
