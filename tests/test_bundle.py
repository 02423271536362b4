"""The PyInstaller bundle (installer/baton.spec) builds, passes its self-test and opens a vault
made by the source app: that last step proves the frozen app finds the Alembic migrations.

About 30 s to build on a 2-core machine; skipped when PyInstaller is not installed.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import __version__
from desktop.cli import main

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "baton.spec"


@pytest.mark.slow
def test_bundle_builds_passes_self_test_and_opens_a_source_vault(tmp_path, monkeypatch, capsys):
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed: pip install -e '.[dev]' (or run make dist)")
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(tmp_path / "dist"),
            "--workpath",
            str(tmp_path / "build"),
            str(SPEC),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-5000:]
    bundle = tmp_path / "dist" / "Baton"
    exe = bundle / ("baton-cli.exe" if sys.platform.startswith("win") else "Baton")
    assert exe.is_file()
    assert (bundle / "_internal" / "desktop" / "storage" / "migrations" / "env.py").is_file()

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BATON_DATA_DIR": str(tmp_path / "none")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(exe), *args], env=env, capture_output=True, text=True, timeout=300
        )

    selftest = run("--self-test")
    assert selftest.returncode == 0, selftest.stdout + selftest.stderr
    assert "self-test passed" in selftest.stdout

    version = run("--version")
    assert version.returncode == 0
    assert version.stdout.strip() == f"baton {__version__}"

    # A vault written by the source app opens in the frozen one.
    vault = tmp_path / "vault"
    monkeypatch.setenv("BATON_PASSWORD", "bundle-test-pw-1")
    assert (
        main(["--data-dir", str(vault), "init", "--company", "打包测试", "--admin", "admin"]) == 0
    )
    capsys.readouterr()
    env["BATON_PASSWORD"] = "bundle-test-pw-1"
    unlock = run("--data-dir", str(vault), "--user", "admin", "unlock-check")
    assert unlock.returncode == 0, unlock.stdout + unlock.stderr
    assert "unlocked as admin" in unlock.stdout
