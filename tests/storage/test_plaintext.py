"""Nothing typed into Baton is readable on disk (RELIABILITY 16, SPEC §1).

A marker string goes into the company name, branch names and a renamed branch; then every
file of the data folder — database, WAL, key files, backups, logs, settings — is searched for
it in UTF-8 and UTF-16, and no database file starts with the plain SQLite header.
"""

from __future__ import annotations

import uuid
import zipfile

from desktop.config import Paths
from desktop.services import organisation
from desktop.services.login import login
from desktop.storage.database import SQLITE_HEADER
from tests.support import ADMIN_PASSWORD, run_baton


def encodings(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be")]


def scan(folder, needles: list[bytes]) -> list[str]:
    """Files under ``folder`` that contain any needle, zip members included."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        blobs = [data]
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as z:
                blobs += [z.read(name) for name in z.namelist()]
        if any(n in blob for n in needles for blob in blobs):
            found.append(str(path.relative_to(folder)))
    return found


def test_marker_typed_into_records_never_appears_in_plain_text_in_the_data_folder(tmp_path):
    marker = f"MARKER{uuid.uuid4().hex[:12]}"
    chinese = f"标记{marker[-6:]}物流"
    data = tmp_path / "vault"
    proc = run_baton(
        data,
        "init",
        "--company",
        f"{marker} 公司",
        "--admin",
        "admin",
        "--branch",
        chinese,
        "--branch",
        f"{marker}-branch",
        password=ADMIN_PASSWORD,
        user=None,
    )
    assert proc.returncode == 0, proc.stderr
    paths = Paths(data)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        organisation.rename_company(ctx, f"{marker} renamed {chinese}")
        assert marker in organisation.company_name(ctx)  # it is in there, encrypted
        # While the vault is open the WAL holds the latest pages: scan it too.
        assert paths.database.with_name("baton.db-wal").exists()
        needles = [*encodings(marker), *encodings(chinese)]
        assert scan(data, needles) == []
    finally:
        ctx.close()
    for command in ("backup", "verify"):
        proc = run_baton(data, command, password=ADMIN_PASSWORD)
        assert proc.returncode == 0, proc.stderr
    assert list(paths.backups.glob("*.batonbak"))
    assert scan(data, needles) == []
    assert (paths.logs).exists()
    assert paths.database.read_bytes()[:16] != SQLITE_HEADER
    # The scan does find a marker where there is one (a test that cannot fail proves nothing).
    control = tmp_path / "control"
    control.mkdir()
    (control / "notes.txt").write_text(f"x {chinese} y", encoding="utf-16")
    assert scan(control, needles) == ["notes.txt"]
    for backup in paths.backups.glob("*.batonbak"):
        with zipfile.ZipFile(backup) as z:
            assert z.read("baton.db")[:16] != SQLITE_HEADER
