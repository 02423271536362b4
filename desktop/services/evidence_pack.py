"""The evidence pack of a departure case: what a lawyer or an arbitration committee is handed
in a dispute, in one ZIP that proves itself.

It holds every document issued for the case (the PDFs as issued), the signed scans, the case's
audit events with their chain hashes, the departing employee's commission lines, and a
manifest listing every file with its SHA-256, signed by the vault's document key (Ed25519, made
once and kept in the encrypted database). ``verify_pack`` checks the signature against the key
the vault holds and every file against the manifest, naming what is missing, altered or extra.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.models import audit
from desktop.models.audit import AuditEvent
from desktop.models.commissions import CommissionLine, CommissionPeriod
from desktop.models.departures import CaseDuty, HandoverItem
from desktop.models.documents import DocumentScan, IssuedDocument
from desktop.models.paperwork import ConfirmationLetter, DocumentKey
from desktop.models.staff import Employee
from desktop.services.context import ServiceContext
from desktop.services.handover import case_in_scope
from desktop.services.permissions import Action

FORMAT = "baton-evidence-pack/1"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
#: Fixed file times: the same content gives the same ZIP bytes.
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
SUFFIX = {b"%PDF-": ".pdf", b"PK\x03\x04": ".xlsx"}
#: What reading a damaged ZIP raises: a changed byte in a deflated member is a zlib error, a
#: cut one an EOFError — each is "altered", never a crash of the check.
UNREADABLE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    ValueError,
    EOFError,
    NotImplementedError,
    zlib.error,
)


@dataclass(frozen=True)
class PackSummary:
    case_number: str
    files: int
    documents: int
    scans: int
    events: int
    lines: int
    key_id: str
    manifest_sha256: str


@dataclass(frozen=True)
class PackVerification:
    """``intact``: the signature holds and every file matches; else ``problems`` name each
    file that is missing, altered or not in the manifest (or what is wrong with the pack)."""

    intact: bool
    case_number: str | None
    files: int
    key_id: str | None
    problems: tuple[str, ...] = field(default_factory=tuple)


def _key_id(public: bytes) -> str:
    return hashlib.sha256(public).hexdigest()[:16]


def _document_key(s: Session, now: datetime) -> tuple[str, Ed25519PrivateKey, bytes]:
    """The vault's document key, made on first use (inside the caller's unit of work)."""
    row = s.scalar(select(DocumentKey).order_by(DocumentKey.id).limit(1))
    if row is None:
        private = Ed25519PrivateKey.generate()
        seed = private.private_bytes_raw()
        public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        row = DocumentKey(
            key_id=_key_id(public), public_key=public, private_seed=seed, created_at=now
        )
        s.add(row)
        s.flush()
    return row.key_id, Ed25519PrivateKey.from_private_bytes(row.private_seed), row.public_key


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:80] or "file"


def _events(s: Session, case_id: int, employee_id: int) -> list[dict[str, str | int | None]]:
    """The audit events about the case and what hangs from it, with their chain hashes."""
    ids: dict[str, set[str]] = {
        "departure_case": {str(case_id)},
        "employee": {str(employee_id)},
        "issued_document": {
            str(i)
            for i in s.scalars(select(IssuedDocument.id).where(IssuedDocument.case_id == case_id))
        },
        "document_scan": {
            str(i)
            for i in s.scalars(select(DocumentScan.id).where(DocumentScan.case_id == case_id))
        },
        "handover_item": {
            str(i)
            for i in s.scalars(select(HandoverItem.id).where(HandoverItem.case_id == case_id))
        },
        "case_duty": {
            str(i) for i in s.scalars(select(CaseDuty.id).where(CaseDuty.case_id == case_id))
        },
        "confirmation_letter": {
            str(i)
            for i in s.scalars(
                select(ConfirmationLetter.id).where(ConfirmationLetter.case_id == case_id)
            )
        },
    }
    conditions = [
        (AuditEvent.entity == entity) & AuditEvent.entity_id.in_(sorted(values))
        for entity, values in ids.items()
        if values
    ]
    rows = s.scalars(select(AuditEvent).where(or_(*conditions)).order_by(AuditEvent.seq)).all()
    return [
        {
            "seq": e.seq,
            "at": e.at.isoformat(),
            "actor": e.actor,
            "action": e.action,
            "entity": e.entity,
            "entity_id": e.entity_id,
            "before": e.before,
            "after": e.after,
            "prev_hash": e.prev_hash,
            "hash": e.hash,
        }
        for e in rows
    ]


def _lines_csv(s: Session, employee_id: int) -> tuple[bytes, int]:
    found = s.execute(
        select(CommissionLine, CommissionPeriod.month)
        .join(CommissionPeriod, CommissionPeriod.id == CommissionLine.period_id)
        .where(CommissionLine.employee_id == employee_id)
        .order_by(CommissionPeriod.month, CommissionLine.id)
    ).all()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    columns = [c.name for c in CommissionLine.__table__.columns]
    writer.writerow(["month", *columns])
    for line, month in found:
        writer.writerow([month, *(getattr(line, c) for c in columns)])
    return buffer.getvalue().encode("utf-8-sig"), len(found)


def build_pack(ctx: ServiceContext, case_id: int) -> tuple[bytes, PackSummary]:
    """The evidence pack of a case as ZIP bytes, and what it holds. Building it is audited
    (the files leave the vault) in the same unit of work that may make the document key."""
    ctx.require(Action.DEPARTURES_VIEW)
    ctx.require(Action.DEPARTURES_EDIT)
    now = ctx.now()
    files: list[tuple[str, bytes]] = []
    with ctx.transaction() as s:
        case = case_in_scope(ctx, s, case_id)
        employee = s.get(Employee, case.employee_id)
        assert employee is not None
        docs = s.scalars(
            select(IssuedDocument)
            .where(IssuedDocument.case_id == case_id)
            .order_by(IssuedDocument.created_at, IssuedDocument.id)
        ).all()
        for d in docs:
            suffix = SUFFIX.get(d.pdf[:5], SUFFIX.get(d.pdf[:4], ".bin"))
            files.append((f"documents/{d.number}-{d.kind}{suffix}", d.pdf))
        scans = s.scalars(
            select(DocumentScan).where(DocumentScan.case_id == case_id).order_by(DocumentScan.id)
        ).all()
        for scan in scans:
            files.append((f"scans/{scan.id}-{_safe(scan.file_name)}", scan.content))
        events = _events(s, case_id, employee.id)
        files.append(
            (
                "audit/events.json",
                json.dumps(events, ensure_ascii=False, indent=1, sort_keys=True).encode(),
            )
        )
        lines, line_count = _lines_csv(s, employee.id)
        files.append(("commissions/lines.csv", lines))
        key_id, private, public = _document_key(s, now)
        manifest = {
            "format": FORMAT,
            "case": case.number,
            "employee": {"no": employee.employee_no, "name": employee.name},
            "created_at": now.isoformat(),
            "created_by": ctx.actor.username,
            "key_id": key_id,
            "public_key": public.hex(),
            "files": [
                {"path": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                for name, data in files
            ],
        }
        manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
        signature = private.sign(manifest_bytes)
        manifest_sha = hashlib.sha256(manifest_bytes).hexdigest()
        audit.record(
            s,
            "evidence_pack.built",
            "departure_case",
            case.id,
            {"files": len(files), "manifest_sha256": manifest_sha, "key_id": key_id},
        )
        number = case.number
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [
            (MANIFEST, manifest_bytes),
            (SIGNATURE, signature.hex().encode()),
            *files,
        ]:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    summary = PackSummary(
        number, len(files), len(docs), len(scans), len(events), line_count, key_id, manifest_sha
    )
    return buffer.getvalue(), summary


def verify_pack(ctx: ServiceContext, data: bytes) -> PackVerification:
    """Check a pack: its manifest signed by this vault's document key, every file present and
    unchanged, nothing added. The check is audited."""
    ctx.require(Action.DEPARTURES_VIEW)
    problems: list[str] = []
    case_number: str | None = None
    key_id: str | None = None
    count = 0
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        names = set(z.namelist())
    except UNREADABLE:
        return _audited(ctx, data, PackVerification(False, None, 0, None, ("not a ZIP file",)))
    with z:
        if MANIFEST not in names or SIGNATURE not in names:
            missing = MANIFEST if MANIFEST not in names else SIGNATURE
            return _audited(
                ctx, data, PackVerification(False, None, 0, None, (f"{missing}: missing",))
            )
        try:
            manifest_bytes = z.read(MANIFEST)
            signature = bytes.fromhex(z.read(SIGNATURE).decode("ascii").strip())
            manifest = json.loads(manifest_bytes)
            entries = manifest["files"]
            key_id = str(manifest["key_id"])
            case_number = str(manifest.get("case"))
        except (KeyError, TypeError, AttributeError, *UNREADABLE):
            return _audited(
                ctx, data, PackVerification(False, None, 0, None, (f"{MANIFEST}: unreadable",))
            )
        with ctx.read() as s:
            public = s.scalar(select(DocumentKey.public_key).where(DocumentKey.key_id == key_id))
        if public is None:
            problems.append(f"{MANIFEST}: signed by key {key_id}, which is not this vault's")
        else:
            try:
                Ed25519PublicKey.from_public_bytes(public).verify(signature, manifest_bytes)
            except InvalidSignature:
                problems.append(f"{MANIFEST}: the signature does not match (altered)")
        listed = set()
        for entry in entries:
            name = str(entry.get("path"))
            listed.add(name)
            count += 1
            if name not in names:
                problems.append(f"{name}: missing")
                continue
            try:
                content = z.read(name)
            except UNREADABLE:
                problems.append(f"{name}: altered (unreadable)")
                continue
            if hashlib.sha256(content).hexdigest() != entry.get("sha256"):
                problems.append(f"{name}: altered (SHA-256 differs)")
        for extra in sorted(names - listed - {MANIFEST, SIGNATURE}):
            problems.append(f"{extra}: not in the manifest")
    return _audited(
        ctx, data, PackVerification(not problems, case_number, count, key_id, tuple(problems))
    )


def _audited(ctx: ServiceContext, data: bytes, result: PackVerification) -> PackVerification:
    with ctx.transaction() as s:
        audit.record(
            s,
            "evidence_pack.verified",
            "departure_case",
            "",
            {
                "file_sha256": hashlib.sha256(data).hexdigest(),
                "case": result.case_number,
                "intact": result.intact,
                "problems": list(result.problems[:20]),
            },
        )
    return result
