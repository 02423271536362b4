"""Encrypted backups: written atomically, verified, rotated, restorable.

A backup is one file (``*.batonbak``, a stored zip) holding an encrypted copy of the database
made with ``VACUUM INTO`` (never a copy of the live file, whose WAL may hold committed data),
the key file of the moment, a plain header (date, kind, ids) and a manifest of row counts and
per-table checksums encrypted with a key derived from the data key.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import uuid
import zipfile
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop import __version__
from desktop.errors import (
    QT_TRANSLATE_NOOP,
    NewerSchema,
    StorageError,
    ValidationError,
    VaultDamaged,
)
from desktop.storage.atomic import fsync_dir, fsync_file
from desktop.storage.database import SCAN_CACHE_KIB, connect, integrity_report, storage_error
from desktop.storage.private import make_private, private_dir
from desktop.storage.vault import key_id_of

SUFFIX = ".batonbak"
FORMAT = "baton-backup"
KINDS = ("manual", "daily", "pre-migration", "pre-restore", "pre-rotation")


@dataclass(frozen=True)
class BackupHeader:
    """What a backup says about itself without a key."""

    path: Path
    created_at: datetime
    kind: str
    app_version: str
    schema_revision: str | None
    db_id: str
    key_id: str
    size: int


@dataclass(frozen=True)
class BackupManifest:
    """Row counts and checksums per table, readable only with the data key."""

    counts: dict[str, int] = field(default_factory=dict)
    checksums: dict[str, str] = field(default_factory=dict)
    #: {"count": n, "head": hash} of the audit chain in the copy (absent in older backups).
    audit_anchor: dict[str, Any] | None = None

    @property
    def total_rows(self) -> int:
        return sum(self.counts.values())


def _manifest_key(data_key: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=None, info=b"baton-backup-manifest-v1").derive(data_key)


def _encrypt_manifest(data_key: bytes, manifest: BackupManifest, aad: bytes) -> bytes:
    data: dict[str, Any] = {"counts": manifest.counts, "checksums": manifest.checksums}
    if manifest.audit_anchor is not None:
        data["audit_anchor"] = manifest.audit_anchor
    body = json.dumps(data).encode()
    nonce = secrets.token_bytes(12)
    return nonce + AESGCM(_manifest_key(data_key)).encrypt(nonce, body, aad)


def _decrypt_manifest(data_key: bytes, blob: bytes, aad: bytes) -> BackupManifest:
    body = AESGCM(_manifest_key(data_key)).decrypt(blob[:12], blob[12:], aad)
    data = json.loads(body)
    return BackupManifest(
        counts=data["counts"], checksums=data["checksums"], audit_anchor=data.get("audit_anchor")
    )


def user_tables(conn: sqlcipher.Connection) -> list[str]:
    """The tables a backup's manifest fingerprints: not an FTS5 vocabulary (a view of the
    search index's terms, whose shadow tables are fingerprinted; reading it walks the whole
    index: most of a second on a large firm)."""
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND coalesce(sql, '') NOT LIKE '%USING fts5vocab%' ORDER BY name"
    )
    return [r[0] for r in rows]


def table_fingerprint(conn: sqlcipher.Connection, table: str) -> tuple[int, str]:
    """Count and SHA-256 of a table's rows in rowid order (the restore drill compares these)."""
    digest = hashlib.sha256()
    count = 0
    quoted = '"' + table.replace('"', '""') + '"'
    try:
        cursor = conn.execute(f"SELECT * FROM {quoted} ORDER BY rowid")
    except sqlcipher.OperationalError:
        cursor = conn.execute(f"SELECT * FROM {quoted} ORDER BY 1")
    for row in cursor:
        count += 1
        digest.update(repr(tuple(row)).encode("utf-8"))
        digest.update(b"\n")
    return count, digest.hexdigest()


def fingerprint(conn: sqlcipher.Connection) -> BackupManifest:
    counts: dict[str, int] = {}
    checksums: dict[str, str] = {}
    for table in user_tables(conn):
        counts[table], checksums[table] = table_fingerprint(conn, table)
    return BackupManifest(counts, checksums)


def audit_tail(conn: sqlcipher.Connection) -> dict[str, Any] | None:
    """The audit chain's anchor in a copy: {"count": last seq, "head": its hash}."""
    try:
        row = conn.execute("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1").fetchone()
    except sqlcipher.OperationalError:
        return None
    return {"count": int(row[0]), "head": str(row[1])} if row else {"count": 0, "head": ""}


def _schema_revision(conn: sqlcipher.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlcipher.OperationalError:
        return None
    return row[0] if row else None


MSG_NEWER_BACKUP = QT_TRANSLATE_NOOP(
    "Errors",
    "The backup {file} was written by a newer version of Baton (schema {revision}); this "
    "version cannot open it, so nothing was replaced. Install that version or newer to "
    "restore it.",
)


def refuse_newer_schema(header: BackupHeader, revision: str | None = None) -> None:
    """Refuse a backup whose database this version cannot open, before anything is replaced.

    ``revision`` is the one read from the extracted copy (the header's is checked too)."""
    from desktop.storage.schema import known_revisions

    known = known_revisions()
    for rev in (header.schema_revision, revision):
        if rev is not None and rev not in known:
            raise NewerSchema(MSG_NEWER_BACKUP, file=header.path.name, revision=rev)


def extracted_revision(path: Path, data_key: bytes) -> str | None:
    """The schema revision of an extracted, verified backup copy."""
    with contextlib.closing(connect(path, data_key, cache_kib=SCAN_CACHE_KIB)) as conn:
        return _schema_revision(conn)


def _header_aad(header: dict[str, object]) -> bytes:
    return json.dumps(header, sort_keys=True).encode()


def _final_name(created: datetime, kind: str) -> str:
    return f"baton-{created:%Y%m%d-%H%M%S}-{created:%f}-{kind}{SUFFIX}"


def create_backup(
    db_path: Path,
    data_key: bytes,
    db_id: str,
    keyfile_bytes: bytes,
    folder: Path,
    kind: str = "manual",
    out: Path | None = None,
) -> BackupHeader:
    """Copy, check and seal the live database into a new backup file; return its header.

    Nothing appears under the final name until the copy has passed every check, so a crash
    or a full disk leaves earlier backups intact and no partial file that looks finished.
    """
    if kind not in KINDS:
        raise ValueError(kind)
    target_dir = out.parent if out else folder
    if out is None:
        private_dir(target_dir)
    else:
        target_dir.mkdir(parents=True, exist_ok=True)
    clean_stale_temp(target_dir)
    created = datetime.now(UTC)
    final = out if out else target_dir / _final_name(created.astimezone(), kind)
    work = target_dir / f".tmp-{uuid.uuid4().hex}"
    work.mkdir(mode=0o700)
    try:
        copy = work / "baton.db"
        with contextlib.closing(connect(db_path, data_key, cache_kib=SCAN_CACHE_KIB)) as conn:
            conn.execute("VACUUM INTO ?", (str(copy),))
        fsync_file(copy)
        with contextlib.closing(connect(copy, data_key, cache_kib=SCAN_CACHE_KIB)) as conn:
            problems = integrity_report(conn)
            if problems:
                raise VaultDamaged(
                    QT_TRANSLATE_NOOP(
                        "Errors", "The backup copy failed its checks and was discarded: {problem}"
                    ),
                    problem=problems[0],
                )
            manifest = replace(fingerprint(conn), audit_anchor=audit_tail(conn))
            revision = _schema_revision(conn)
            conn.execute("PRAGMA journal_mode = DELETE")
        header = {
            "format": FORMAT,
            "created_at": created.isoformat(timespec="microseconds"),
            "kind": kind,
            "app_version": __version__,
            "schema_revision": revision,
            "db_id": db_id,
            "key_id": key_id_of(data_key),
        }
        zipped = work / "backup.zip"
        with zipfile.ZipFile(zipped, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as z:
            z.writestr("header.json", json.dumps(header, indent=1, sort_keys=True))
            z.writestr("manifest.enc", _encrypt_manifest(data_key, manifest, _header_aad(header)))
            z.writestr("baton.keys", keyfile_bytes)
            z.write(copy, "baton.db")
        make_private(zipped)  # it holds every key slot: owner-only, wherever it is written
        fsync_file(zipped)
        with zipfile.ZipFile(zipped) as z:
            bad = z.testzip()
        if bad is not None:
            raise StorageError(
                QT_TRANSLATE_NOOP("Errors", "The backup file failed its read-back check ({part})."),
                part=bad,
            )
        os.replace(zipped, final)
        fsync_dir(final.parent)
    except OSError as exc:
        raise storage_error(exc, folder=target_dir) from exc
    except sqlcipher.OperationalError as exc:
        raise storage_error(exc, folder=target_dir) from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return read_header(final)


def clean_stale_temp(folder: Path) -> None:
    """Remove work folders left by a backup that was killed midway."""
    if not folder.exists():
        return
    for entry in folder.iterdir():
        if entry.name.startswith(".tmp-") and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)


def _not_a_backup(path: Path) -> ValidationError:
    return ValidationError(
        QT_TRANSLATE_NOOP("Errors", "{file} is not a Baton backup, or it is damaged."),
        file=str(path),
    )


def read_header(path: Path) -> BackupHeader:
    """Read what a backup says about itself; refuse files that are not backups."""
    try:
        with zipfile.ZipFile(path) as z:
            data = json.loads(z.read("header.json"))
            names = set(z.namelist())
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise _not_a_backup(path) from exc
    if data.get("format") != FORMAT or not {"baton.db", "baton.keys", "manifest.enc"} <= names:
        raise _not_a_backup(path)
    return BackupHeader(
        path=path,
        created_at=datetime.fromisoformat(data["created_at"]),
        kind=str(data["kind"]),
        app_version=str(data["app_version"]),
        schema_revision=data.get("schema_revision"),
        db_id=str(data["db_id"]),
        key_id=str(data["key_id"]),
        size=path.stat().st_size,
    )


def read_keyfile(path: Path) -> bytes:
    """The key file stored in a backup (to unlock it, or to repair a lost key file)."""
    try:
        with zipfile.ZipFile(path) as z:
            return z.read("baton.keys")
    except (OSError, zipfile.BadZipFile, KeyError) as exc:
        raise _not_a_backup(path) from exc


def read_manifest(path: Path, data_key: bytes) -> BackupManifest:
    """Decrypt the manifest; a key that does not fit gives a clear error."""
    header = read_header(path)
    if key_id_of(data_key) != header.key_id:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "This backup was made under another database key (before a key rotation, or "
                "from another vault). Unlock it with a password that was valid when it was made.",
            )
        )
    with zipfile.ZipFile(path) as z:
        blob = z.read("manifest.enc")
        raw_header = json.loads(z.read("header.json"))
    try:
        return _decrypt_manifest(data_key, blob, _header_aad(raw_header))
    except Exception as exc:
        raise _not_a_backup(path) from exc


def extract_verified(path: Path, data_key: bytes, dest: Path) -> BackupManifest:
    """Extract the backup's database to ``dest`` and prove it matches its manifest.

    Raises :class:`VaultDamaged` when the copy fails SQLCipher's page checks, SQLite's
    integrity check, or any table's count or checksum differs from the manifest.
    """
    manifest = read_manifest(path, data_key)
    try:
        with contextlib.suppress(FileNotFoundError):
            dest.unlink()
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with zipfile.ZipFile(path) as z, z.open("baton.db") as src, open(fd, "wb") as out:
            shutil.copyfileobj(src, out, 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())
    except (zipfile.BadZipFile, OSError) as exc:
        with contextlib.suppress(OSError):
            dest.unlink()
        raise _damaged_backup(path, str(exc)) from exc
    try:
        with contextlib.closing(connect(dest, data_key)) as conn:
            problems = integrity_report(conn)
            actual = fingerprint(conn) if not problems else BackupManifest()
            anchor = audit_tail(conn) if not problems else None
    except sqlcipher.DatabaseError as exc:
        problems = [str(exc)]
        actual = BackupManifest()
    if not problems:
        for table, count in manifest.counts.items():
            if (
                actual.counts.get(table) != count
                or actual.checksums.get(table) != manifest.checksums[table]
            ):
                problems.append(f"table {table} differs from the manifest")
        if manifest.audit_anchor is not None and anchor != manifest.audit_anchor:
            problems.append("the audit chain differs from the manifest's anchor")
    if problems:
        with contextlib.suppress(OSError):
            dest.unlink()
        raise _damaged_backup(path, problems[0])
    return manifest


def _damaged_backup(path: Path, problem: str) -> VaultDamaged:
    return VaultDamaged(
        QT_TRANSLATE_NOOP(
            "Errors",
            "The backup {file} is damaged and was not used ({problem}). Nothing was replaced.",
        ),
        file=path.name,
        problem=problem,
    )


def list_backups(folder: Path) -> list[BackupHeader]:
    """Backups in ``folder``, newest first; unreadable files are skipped."""
    if not folder.exists():
        return []
    found = []
    for entry in folder.glob(f"*{SUFFIX}"):
        with contextlib.suppress(ValidationError, OSError):
            found.append(read_header(entry))
    return sorted(found, key=lambda h: h.created_at, reverse=True)


def backups_to_prune(
    backups: list[BackupHeader], keep_daily: int, keep_weekly: int, keep_special: int = 3
) -> list[BackupHeader]:
    """Choose what rotation deletes among automatic backups.

    Daily backups: the newest per day for ``keep_daily`` days and the newest per ISO week for
    ``keep_weekly`` weeks. Safety copies made before migrations, restores and rotations: the
    newest ``keep_special``. Backups a person asked for are never deleted automatically.
    """
    keep: set[Path] = set()
    days: list[object] = []
    weeks: list[object] = []
    special = 0
    for b in sorted(backups, key=lambda h: h.created_at, reverse=True):
        if b.kind == "manual":
            keep.add(b.path)
        elif b.kind.startswith("pre-"):
            if special < keep_special:
                special += 1
                keep.add(b.path)
        else:
            local = b.created_at.astimezone()
            day, week = local.date(), local.isocalendar()[:2]
            if day not in days and len(days) < keep_daily:
                days.append(day)
                keep.add(b.path)
            if week not in weeks and len(weeks) < keep_weekly:
                weeks.append(week)
                keep.add(b.path)
    return [b for b in backups if b.path not in keep]


def prune(folder: Path, keep_daily: int, keep_weekly: int) -> list[Path]:
    removed = []
    for b in list_backups(folder):
        make_private(b.path)  # backups written by earlier versions were world-readable
    for b in backups_to_prune(list_backups(folder), keep_daily, keep_weekly):
        with contextlib.suppress(OSError):
            b.path.unlink()
            removed.append(b.path)
    return removed


def backup_due(folder: Path, now: datetime | None = None) -> bool:
    """True when no backup was made today (local time): the daily backup should run."""
    now = now or datetime.now(UTC)
    today = now.astimezone().date()
    return not any(b.created_at.astimezone().date() == today for b in list_backups(folder))
