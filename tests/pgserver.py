"""A throwaway PostgreSQL server for the tests: initdb + pg_ctl on loopback, TLS on.

Each pytest process (each xdist worker) starts one server in a temporary folder on a free port
with a self-signed certificate made here with ``cryptography``, so the default
``sslmode=require`` of Baton's server mode is really exercised. ``initdb`` refuses to run as
root, so under root (CI) the server runs as the unprivileged ``nobody`` through ``runuser``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

APP_ROLE = "baton"
UNPRIVILEGED = "nobody"


class ServerUnavailableForTests(RuntimeError):
    """No PostgreSQL binaries here, or the server would not start (the message says why)."""


def find_bin_dir() -> Path | None:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres`` (15 or newer), if any."""
    candidates: list[Path] = []
    if os.environ.get("BATON_PG_BIN"):
        candidates.append(Path(os.environ["BATON_PG_BIN"]))
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
        reverse=True,
    )
    candidates += [Path(p) for p in versions]
    for folder in candidates:
        if all((folder / tool).exists() for tool in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _self_signed(cert: Path, key: Path) -> None:
    private = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(private, hashes.SHA256())
    )
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key.write_bytes(
        private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    key.chmod(0o600)


@dataclass
class PgServer:
    """A running server: ``url(db)`` is an address for Baton (role ``baton``, TLS required)."""

    bin_dir: Path
    base: Path
    port: int
    password: str
    run_as: str | None

    @property
    def data(self) -> Path:
        return self.base / "data"

    def url(self, database: str, *, user: str = APP_ROLE, password: str | None = None) -> str:
        secret = self.password if password is None else password
        return f"postgresql+psycopg://{user}:{secret}@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bin_dir / args[0]), *args[1:]]
        if self.run_as:
            cmd = ["runuser", "-u", self.run_as, "--", *cmd]
        return subprocess.run(
            cmd, capture_output=True, text=True, timeout=120, cwd=self.base, check=False
        )

    def log_tail(self) -> str:
        try:
            return (self.base / "server.log").read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.base, ignore_errors=True)


def start_server() -> PgServer:
    """initdb, TLS certificate, loopback-only config, start; raise with the reason if it fails."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise ServerUnavailableForTests(
            "PostgreSQL server binaries (initdb, pg_ctl) not found; install the Debian "
            "'postgresql' package or set BATON_PG_BIN"
        )
    run_as = UNPRIVILEGED if os.geteuid() == 0 else None
    base = Path(tempfile.mkdtemp(prefix="baton-pg-"))
    server = PgServer(bin_dir, base, free_port(), secrets.token_hex(12), run_as)
    try:
        pwfile = base / "pw"
        pwfile.write_text(server.password)
        if run_as:
            entry = pwd.getpwnam(run_as)
            os.chown(base, entry.pw_uid, entry.pw_gid)
            os.chown(pwfile, entry.pw_uid, entry.pw_gid)
        init = server._run(
            "initdb",
            "-D",
            str(server.data),
            "-U",
            "postgres",
            "--pwfile",
            str(pwfile),
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "--no-sync",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        if init.returncode != 0:
            raise ServerUnavailableForTests(f"initdb failed: {init.stderr.strip()[-500:]}")
        _self_signed(server.data / "server.crt", server.data / "server.key")
        if run_as:
            entry = pwd.getpwnam(run_as)
            for name in ("server.crt", "server.key"):
                os.chown(server.data / name, entry.pw_uid, entry.pw_gid)
        with open(server.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(
                "\n# baton tests\n"
                f"listen_addresses = '127.0.0.1'\nport = {server.port}\n"
                f"unix_socket_directories = '{base}'\n"
                "ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                "max_connections = 200\nshared_buffers = 64MB\n"
            )
        # Only TLS connections over TCP: a client that asks for no encryption is refused.
        (server.data / "pg_hba.conf").write_text(
            "local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n"
        )
        started = server._run(
            "pg_ctl",
            "-D",
            str(server.data),
            "-l",
            str(base / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        if started.returncode != 0:
            raise ServerUnavailableForTests(
                f"pg_ctl start failed: {started.stderr.strip()[-300:]} {server.log_tail()}"
            )
        psql = server._run(
            "psql",
            "-h",
            str(base),
            "-p",
            str(server.port),
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            f"CREATE ROLE {APP_ROLE} LOGIN CREATEDB PASSWORD '{server.password}'",
        )
        if psql.returncode != 0:
            raise ServerUnavailableForTests(f"creating the test role failed: {psql.stderr}")
    except BaseException:
        with contextlib.suppress(Exception):
            server.stop()
        shutil.rmtree(base, ignore_errors=True)
        raise
    return server
