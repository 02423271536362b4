"""Nothing lost, nobody let in: restores that cannot destroy a working vault, outputs that
cannot land on a vault file, owner-only files, and a log without record content.

Every test runs ``baton`` as a subprocess on a real vault in ``tmp_path`` (or the services
on real files) and asserts what a user would notice: the exit code and message, the vault's
files unchanged, the file modes, the log's text.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.config import Paths
from desktop.errors import ValidationError
from desktop.logs import setup_logging
from desktop.models.organisation import Branch
from desktop.services.exports import export_list
from desktop.services.login import login
from desktop.storage import backup as backups
from desktop.storage.backup import list_backups
from desktop.storage.database import connect
from desktop.storage.vault import KeyFile, Vault
from tests.support import (
    ADMIN_PASSWORD,
    REPO,
    assert_one_line_error,
    child_env,
    make_vault,
    run_baton,
    sha256_of,
    truncate_to,
    vault_hashes,
)

POSIX = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")


@pytest.fixture
def vault_dir(paths: Paths) -> Paths:
    """A closed vault with one manual backup."""
    make_vault(paths)
    proc = run_baton(paths.data_dir, "backup", password=ADMIN_PASSWORD)
    assert proc.returncode == 0, proc.stderr
    return paths


def the_backup(paths: Paths, kind: str = "manual") -> Path:
    (found,) = [b.path for b in list_backups(paths.backups) if b.kind == kind]
    return found


def key_hashes(paths: Paths) -> list[tuple[str, str, list[dict]]]:
    """What the key file holds for unlocking, copy by copy (the audit anchor it also carries
    moves on with every login, so it is left out)."""
    copies = [KeyFile.from_bytes(p.read_bytes()) for p in paths.keyslots]
    return [(c.db_id, c.current_key_id, [s.to_json() for s in c.slots]) for c in copies]


def branch_codes(paths: Paths) -> set[str]:
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        with ctx.transaction() as s:
            return set(s.scalars(select(Branch.code)))
    finally:
        ctx.close()


def unlocks(paths: Paths) -> bool:
    proc = run_baton(paths.data_dir, "unlock-check", password=ADMIN_PASSWORD)
    return proc.returncode == 0


# --------------------------------------------------------------------------- item 2: --keys-only


def test_keys_only_with_a_pre_rotation_backup_is_refused_and_the_current_key_survives(vault_dir):
    paths = vault_dir
    proc = run_baton(paths.data_dir, "rotate-key", password=ADMIN_PASSWORD)
    assert proc.returncode == 0, proc.stderr
    before = key_hashes(paths)
    pre = the_backup(paths, "pre-rotation")
    proc = run_baton(
        paths.data_dir, "restore", str(pre), "--keys-only", "--yes", password=ADMIN_PASSWORD
    )
    assert_one_line_error(proc, 2, "does not open this vault's database", "Nothing was changed")
    assert key_hashes(paths) == before
    assert unlocks(paths)


def test_keys_only_with_an_intact_key_file_and_no_password_changes_nothing(vault_dir):
    paths = vault_dir
    before = key_hashes(paths)
    proc = run_baton(
        paths.data_dir, "restore", str(the_backup(paths)), "--keys-only", "--yes", password="nope"
    )
    assert_one_line_error(proc, 3, "Wrong user name or password")
    assert key_hashes(paths) == before


def test_keys_only_with_an_intact_key_file_needs_an_administrator(vault_dir):
    paths = vault_dir
    proc = run_baton(
        paths.data_dir,
        "user",
        "add",
        "sam",
        "--role",
        "finance",  # any role but admin (sales would need --employee, issue 14)
        password=ADMIN_PASSWORD,
        new_password="sales-pass-1",
    )
    assert proc.returncode == 0, proc.stderr
    # A backup that holds sam's slot, so only the role stands in the way.
    assert run_baton(paths.data_dir, "backup", password=ADMIN_PASSWORD).returncode == 0
    newest = list_backups(paths.backups)[0].path
    before = key_hashes(paths)
    proc = run_baton(
        paths.data_dir,
        "restore",
        str(newest),
        "--keys-only",
        "--yes",
        password="sales-pass-1",
        user="sam",
    )
    assert_one_line_error(proc, 2, "does not allow this")
    assert key_hashes(paths) == before


def test_keys_only_from_another_vault_is_refused_when_the_key_file_is_lost(vault_dir, tmp_path):
    paths = vault_dir
    other = Paths(tmp_path / "other")
    make_vault(other, company="别家公司")  # same admin name and password, on purpose
    assert run_baton(other.data_dir, "backup", password=ADMIN_PASSWORD).returncode == 0
    for path in paths.keyslots:
        truncate_to(path, 100)
    before = vault_hashes(paths)
    proc = run_baton(
        paths.data_dir,
        "restore",
        str(the_backup(other)),
        "--keys-only",
        "--yes",
        password=ADMIN_PASSWORD,
    )
    assert_one_line_error(proc, 2, "does not open this vault's database")
    assert vault_hashes(paths) == before
    # The right backup still repairs it.
    proc = run_baton(
        paths.data_dir,
        "restore",
        str(the_backup(paths)),
        "--keys-only",
        "--yes",
        password=ADMIN_PASSWORD,
    )
    assert proc.returncode == 0, proc.stderr
    assert unlocks(paths)


def test_keys_only_keeps_a_copy_of_the_key_file_it_replaces(vault_dir):
    paths = vault_dir
    for path in paths.keyslots:
        truncate_to(path, 100)
    damaged = [p.read_bytes() for p in paths.keyslots]
    proc = run_baton(
        paths.data_dir,
        "restore",
        str(the_backup(paths)),
        "--keys-only",
        "--yes",
        password=ADMIN_PASSWORD,
    )
    assert proc.returncode == 0, proc.stderr
    kept = sorted(paths.data_dir.glob("baton.keys*.replaced-*"))
    assert [k.read_bytes() for k in kept] == damaged
    assert "kept as" in proc.stdout
    assert unlocks(paths)


def test_keys_only_over_an_intact_key_file_by_the_admin_of_the_same_vault_works(vault_dir):
    paths = vault_dir
    proc = run_baton(
        paths.data_dir,
        "restore",
        str(the_backup(paths)),
        "--keys-only",
        "--yes",
        password=ADMIN_PASSWORD,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(list(paths.data_dir.glob("baton.keys*.replaced-*"))) == 2
    assert unlocks(paths)


# --------------------------------------------------------------------------- item 3: newer schema


def _data_key(paths: Paths) -> bytes:
    kf, slot, private = Vault(paths).unlock("admin", ADMIN_PASSWORD)
    return Vault.candidate_keys(kf, slot, private)[0]


def _set_revision(paths: Paths, revision: str) -> str:
    with contextlib.closing(connect(paths.database, _data_key(paths))) as conn:
        old = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    return old


def _newer_backup(paths: Paths, out: Path) -> Path:
    """A genuine backup of this vault made by a 'newer Baton' (schema 9999_from_the_future)."""
    old = _set_revision(paths, "9999_from_the_future")
    kf = Vault(paths).keyfile()
    header = backups.create_backup(
        paths.database, _data_key(paths), kf.db_id, kf.to_bytes(), out.parent, out=out
    )
    _set_revision(paths, old)
    assert header.schema_revision == "9999_from_the_future"
    return out


def test_backup_of_a_newer_schema_is_refused_before_anything_is_replaced(vault_dir, tmp_path):
    paths = vault_dir
    newer = _newer_backup(paths, tmp_path / "newer.batonbak")
    before = vault_hashes(paths)
    proc = run_baton(paths.data_dir, "restore", str(newer), "--yes", password=ADMIN_PASSWORD)
    assert_one_line_error(proc, 1, "newer version of Baton", "nothing was replaced")
    assert vault_hashes(paths) == before
    assert [b.kind for b in list_backups(paths.backups)] == ["manual"]
    assert unlocks(paths)


def test_service_restore_refuses_a_newer_schema_backup_and_the_vault_still_opens(
    vault_dir, tmp_path
):
    from desktop.errors import NewerSchema
    from desktop.services import maintenance

    paths = vault_dir
    newer = _newer_backup(paths, tmp_path / "newer.batonbak")
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        with pytest.raises(NewerSchema, match="nothing was replaced"):
            maintenance.restore(ctx, newer)
    finally:
        ctx.close()
    assert unlocks(paths)


def test_a_live_database_of_a_newer_schema_can_be_restored_from_an_older_backup(vault_dir):
    """The state the old bug left behind: the live file is newer; the pre-restore (or any
    earlier) backup must still bring the vault back."""
    paths = vault_dir
    _set_revision(paths, "9999_from_the_future")
    proc = run_baton(paths.data_dir, "unlock-check", password=ADMIN_PASSWORD)
    assert_one_line_error(proc, 1, "newer version of Baton")
    proc = run_baton(
        paths.data_dir, "restore", str(the_backup(paths)), "--yes", password=ADMIN_PASSWORD
    )
    assert proc.returncode == 0, proc.stderr
    assert unlocks(paths)


# --------------------------------------------------------------------------- item 4: output paths


VAULT_FILES = [
    "baton.db",
    "baton.keys",
    "baton.keys.2",
    "baton.db-wal",
    "baton.db-shm",
    "baton.lock",
]


@pytest.mark.parametrize("name", VAULT_FILES)
def test_backup_out_onto_a_vault_file_is_refused_and_changes_nothing(vault_dir, name):
    paths = vault_dir
    target = paths.data_dir / name
    before = vault_hashes(paths)
    existed = target.exists()
    proc = run_baton(paths.data_dir, "backup", "--out", str(target), password=ADMIN_PASSWORD)
    assert_one_line_error(proc, 2, "one of the vault's own files")
    assert vault_hashes(paths) == before
    assert target.exists() == existed
    assert unlocks(paths)


@POSIX
def test_backup_out_through_a_symlink_or_another_spelling_is_refused(vault_dir, tmp_path):
    paths = vault_dir
    link = tmp_path / "looks-harmless.batonbak"
    link.symlink_to(paths.database)
    roundabout = paths.data_dir / "backups" / ".." / "baton.db"
    before = vault_hashes(paths)
    for target in (link, roundabout):
        proc = run_baton(paths.data_dir, "backup", "--out", str(target), password=ADMIN_PASSWORD)
        assert_one_line_error(proc, 2, "one of the vault's own files")
    assert vault_hashes(paths) == before
    assert unlocks(paths)


@POSIX
def test_backup_out_onto_a_hard_link_of_the_database_is_refused(vault_dir, tmp_path):
    paths = vault_dir
    link = tmp_path / "hard.batonbak"
    os.link(paths.database, link)
    before = vault_hashes(paths)
    proc = run_baton(paths.data_dir, "backup", "--out", str(link), password=ADMIN_PASSWORD)
    assert_one_line_error(proc, 2, "one of the vault's own files")
    assert vault_hashes(paths) == before


@pytest.mark.parametrize("name", ["baton.keys", "baton.db", "baton.keys.2"])
def test_export_out_onto_a_vault_file_is_refused(vault_dir, name):
    paths = vault_dir
    before = vault_hashes(paths)
    target = paths.data_dir / name
    proc = run_baton(
        paths.data_dir, "export", "staff", "--out", str(target), "--format", "csv",
        password=ADMIN_PASSWORD,
    )  # fmt: skip
    assert_one_line_error(proc, 2, "one of the vault's own files")
    assert vault_hashes(paths) == before
    assert unlocks(paths)


def test_report_pdf_onto_the_database_is_refused(vault_dir):
    paths = vault_dir
    before = vault_hashes(paths)
    proc = run_baton(
        paths.data_dir, "report", "aging", "--out", str(paths.database), password=ADMIN_PASSWORD
    )
    assert_one_line_error(proc, 2, "one of the vault's own files")
    assert vault_hashes(paths) == before


def test_export_service_refuses_the_key_file_of_its_own_vault(admin, paths):
    before = sha256_of(paths.keyslots[0])
    with pytest.raises(ValidationError, match="one of the vault's own files"):
        export_list(admin, "staff", paths.keyslots[0], "csv")
    assert sha256_of(paths.keyslots[0]) == before


def test_backup_service_refuses_out_onto_the_database(admin, paths):
    before = vault_hashes(paths)
    with pytest.raises(ValidationError, match="one of the vault's own files"):
        admin.store.backup("manual", out=paths.database)
    assert vault_hashes(paths) == before


# --------------------------------------------------------------------------- item 11: private


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@POSIX
def test_files_made_through_the_services_are_owner_only_even_under_umask_022(paths, tmp_path):
    old = os.umask(0o022)
    try:
        make_vault(paths)
        ctx = login(paths, "admin", ADMIN_PASSWORD)
        try:
            header = ctx.store.backup("manual")
            out = ctx.store.backup("manual", out=tmp_path / "elsewhere" / "b.batonbak")
            exported = export_list(ctx, "staff", tmp_path / "staff.csv").path
        finally:
            ctx.close()
    finally:
        os.umask(old)
    assert mode(paths.data_dir) == 0o700
    assert mode(paths.backups) == 0o700
    for f in (paths.database, *paths.keyslots, paths.data_dir / "baton.lock", header.path):
        assert mode(f) == 0o600, f
    assert mode(out.path) == 0o600
    assert mode(exported) == 0o600


@POSIX
def test_files_made_by_the_command_line_are_owner_only(tmp_path):
    data = tmp_path / "v"
    sheet = tmp_path / "sheet.pdf"
    proc = run_baton(
        data,
        "init",
        "--company",
        "示例物流",
        "--admin",
        "boss",
        "--recovery-out",
        str(sheet),
        password=ADMIN_PASSWORD,
        user=None,
    )
    assert proc.returncode == 0, proc.stderr
    paths = Paths(data)
    for args in (
        ("backup",),
        ("backup", "--out", str(tmp_path / "out.batonbak")),
        ("export", "staff", "--out", str(tmp_path / "staff.xlsx")),
        ("report", "aging", "--out", str(tmp_path / "aging.pdf")),
    ):
        proc = run_baton(data, *args, password=ADMIN_PASSWORD, user="boss")
        assert proc.returncode == 0, proc.stderr
    files = [
        sheet,
        paths.database,
        *paths.keyslots,
        *list_backups(paths.backups)[0:1],
        tmp_path / "out.batonbak",
        tmp_path / "staff.xlsx",
        tmp_path / "aging.pdf",
    ]
    for f in files:
        f = getattr(f, "path", f)
        assert f.exists(), f
        assert mode(f) == 0o600, (f, oct(mode(f)))
    for folder in (paths.data_dir, paths.backups, paths.logs):
        assert mode(folder) == 0o700, folder


MARKER = "张三丰MARKER9731"


def test_a_failing_operation_never_writes_the_record_text_to_the_log(tmp_path):
    """An exception quoting a record (as database errors quote their parameters) is logged as
    its type and location only."""
    from sqlalchemy.exc import IntegrityError

    from desktop.errors import Conflict

    log_path = setup_logging(tmp_path / "logs")
    log = logging.getLogger("baton.test")
    try:
        try:
            raise IntegrityError("INSERT INTO customer", {"name": MARKER}, Exception(MARKER))
        except IntegrityError as exc:
            raise Conflict("Customer {name} exists already.", name=MARKER) from exc
    except Conflict:
        log.exception("saving failed")
    for handler in logging.getLogger("baton").handlers:
        handler.flush()
    text = log_path.read_text(encoding="utf-8")
    assert "saving failed" in text
    assert "IntegrityError" in text and "Conflict" in text
    assert "Customer {name} exists already." in text  # the safe code: the template
    assert MARKER not in text
    if os.name != "nt":
        assert mode(log_path) == 0o600


def test_a_crash_of_the_command_line_logs_no_record_text(vault_dir):
    """``baton`` logs an unexpected error's traceback: with types and lines, not its text
    (the command's handler is replaced by one that fails quoting a customer's name)."""
    paths = vault_dir
    code = (
        "import argparse, sys\n"
        "from desktop import cli\n"
        "def boom(args):\n"
        f"    raise RuntimeError('customer {MARKER} broke it')\n"
        "orig = argparse.ArgumentParser.parse_args\n"
        "def parse(self, *a, **k):\n"
        "    ns = orig(self, *a, **k)\n"
        "    ns.handler = boom\n"
        "    return ns\n"
        "argparse.ArgumentParser.parse_args = parse\n"
        "raise SystemExit(cli.main(['--data-dir', sys.argv[1], 'unlock-check']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(paths.data_dir)],
        cwd=REPO,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "unexpected error" in done.stderr
    text = (paths.logs / "baton.log").read_text(encoding="utf-8")
    assert "RuntimeError" in text and "Traceback" in text
    assert MARKER not in text


@POSIX
def test_a_vault_left_world_readable_by_an_earlier_version_becomes_owner_only(vault_dir):
    paths = vault_dir
    (old_backup,) = list_backups(paths.backups)
    loose = [paths.data_dir, paths.backups, paths.database, *paths.keyslots, old_backup.path]
    for path in loose:
        path.chmod(0o755 if path.is_dir() else 0o644)
    proc = run_baton(paths.data_dir, "backup", password=ADMIN_PASSWORD)
    assert proc.returncode == 0, proc.stderr
    assert mode(paths.data_dir) == 0o700 and mode(paths.backups) == 0o700
    for path in loose[2:]:
        assert mode(path) == 0o600, path
