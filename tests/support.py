"""Helpers shared by the storage, service and CLI tests: file hashes, damage, child processes.

Everything works on real files in ``tmp_path``; nothing here replaces our database.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from desktop.config import Paths
from desktop.services.setup import initialize

REPO = Path(__file__).resolve().parent.parent
CHILD = Path(__file__).resolve().parent / "storage" / "child.py"
PAGE = 4096
ADMIN_PASSWORD = "admin-pass-1"


def sha256_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def vault_hashes(paths: Paths) -> dict[str, str | None]:
    """SHA-256 of the files a failed unlock must never change (None where absent)."""
    db = paths.database
    files = [db, db.with_name(db.name + "-wal"), *paths.keyslots]
    return {f.name: sha256_of(f) for f in files}


def make_vault(
    paths: Paths, company: str = "测试物流有限公司", branches: tuple[str, ...] = ()
) -> str:
    """Create a vault, close it (no connection left), return its recovery key."""
    result = initialize(
        paths, company, list(branches) or ["上海", "广州"], "admin", "管理员", ADMIN_PASSWORD
    )
    result.ctx.close()
    return result.recovery_key


def flip_bytes(path: Path, offsets: list[int], count: int = 8) -> None:
    """Invert ``count`` bytes at each offset, in place (same size, same name)."""
    data = bytearray(path.read_bytes())
    for off in offsets:
        data[off : off + count] = bytes(b ^ 0xFF for b in data[off : off + count])
    path.write_bytes(bytes(data))


def flip_pages(path: Path, pages: list[int]) -> None:
    """Damage the encrypted body of each 1-based page (not the file header on page 1)."""
    flip_bytes(path, [(p - 1) * PAGE + 1000 for p in pages])


def truncate_to(path: Path, size: int) -> None:
    with open(path, "r+b") as handle:
        handle.truncate(size)


def zip_member_offset(path: Path, member: str) -> tuple[int, int]:
    """(offset, size) of a stored member's data inside a zip file."""
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(member)
    with open(path, "rb") as handle:
        handle.seek(info.header_offset + 26)
        name_len = int.from_bytes(handle.read(2), "little")
        extra_len = int.from_bytes(handle.read(2), "little")
    return info.header_offset + 30 + name_len + extra_len, info.compress_size


def rezip_with(path: Path, member: str, data: bytes) -> None:
    """Rewrite a zip with one member replaced: a tampered file with valid CRCs."""
    with zipfile.ZipFile(path) as z:
        members = [(i, z.read(i.filename)) for i in z.infolist()]
    tmp = path.with_name(path.name + ".new")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as z:
        for info, content in members:
            z.writestr(info.filename, data if info.filename == member else content)
    os.replace(tmp, path)


# --------------------------------------------------------------------------- processes


def child_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("BATON_") and k not in {"PYTEST_XDIST_WORKER"}
    }
    env.update(
        {
            "BATON_KDF_PROFILE": "fast",
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": str(REPO),
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


def run_baton(
    data_dir: Path,
    *args: str,
    password: str | None = None,
    new_password: str | None = None,
    recovery_key: str | None = None,
    user: str | None = "admin",
    timeout: float = 120,
    extra_env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m desktop --data-dir DIR [--user U] ARGS`` and capture its output."""
    env = child_env(**(extra_env or {}))
    if password is not None:
        env["BATON_PASSWORD"] = password
    if new_password is not None:
        env["BATON_NEW_PASSWORD"] = new_password
    if recovery_key is not None:
        env["BATON_RECOVERY_KEY"] = recovery_key
    cmd = [sys.executable, "-m", "desktop", "--data-dir", str(data_dir)]
    if user is not None:
        cmd += ["--user", user]
    return subprocess.run(
        [*cmd, *args],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def assert_one_line_error(proc: subprocess.CompletedProcess[str], code: int, *needles: str) -> str:
    """The CLI failed with ``code`` and said so in one line on stderr, without a traceback."""
    err = proc.stderr.strip()
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout, proc.stderr
    assert len(err.splitlines()) == 1, f"expected one line on stderr, got:\n{proc.stderr}"
    assert err.startswith("baton: "), err
    assert "unexpected error" not in err, err
    for needle in needles:
        assert needle in err, (needle, err)
    return err


def start_child(*args: str, **env: str) -> subprocess.Popen[str]:
    """Start ``tests/storage/child.py`` with the venv's python; it talks on stdout."""
    return subprocess.Popen(
        [sys.executable, str(CHILD), *args],
        cwd=REPO,
        env=child_env(**env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
    )


def wait_for_line(proc: subprocess.Popen[str], expected: str, timeout: float = 60) -> str:
    """Read the child's stdout until a line starting with ``expected``; fail if it dies first."""
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            err = proc.stderr.read() if proc.stderr else ""
            raise AssertionError(f"child ended before {expected!r}: rc={proc.wait()} {err}")
        if line.startswith(expected):
            return line.strip()
    raise AssertionError(f"child did not say {expected!r} in {timeout} s")


@contextlib.contextmanager
def reaped(proc: subprocess.Popen[str]) -> Iterator[subprocess.Popen[str]]:
    """Make sure a child started by a test is gone when the test ends, however it ends."""
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def submitted_by_baton(ctx: Any) -> Any:
    """``ctx``'s vault acting as Baton itself. A fixture that submits a case this way leaves the
    approval to ``ctx``: nobody approves a case they submitted (four eyes)."""
    return ctx.as_baton()


def move_case(ctx: Any, case_id: int, *moves: str) -> None:
    """Make ``moves`` on a case as ``ctx``, the submission made by Baton (see above), so that a
    fixture's single administrator may approve what it prepared."""
    from desktop.services import departures

    for move in moves:
        departures.transition(submitted_by_baton(ctx) if move == "submit" else ctx, case_id, move)
