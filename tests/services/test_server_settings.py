"""Probing and saving this PC's server address: only administrators; a malformed address is
refused before it is written; the probe creates nothing on the server."""

from __future__ import annotations

import pytest

from desktop.config import LocalSettings
from desktop.errors import PermissionDenied, ValidationError
from desktop.models.accounts import Role
from desktop.services import server_settings
from desktop.storage.server import is_empty, make_server_engine, server_url


def test_probe_reports_an_empty_database_and_leaves_it_empty(admin, pg_server, pg_databases):
    name = pg_databases.create()
    try:
        probe = server_settings.probe_server(admin, pg_server.url(name))
        assert probe.firm is None and probe.tls
        assert "not-" not in probe.address
        engine = make_server_engine(server_url(pg_server.url(name)))
        try:
            assert is_empty(engine)
        finally:
            engine.dispose()
    finally:
        pg_databases.drop(name)


def test_only_an_administrator_probes_or_saves(role_users, login_as, tmp_path):
    hr = login_as(Role.HR)
    settings = LocalSettings(tmp_path / "settings.json")
    with pytest.raises(PermissionDenied):
        server_settings.probe_server(hr, "postgresql+psycopg://baton@127.0.0.1/baton")
    with pytest.raises(PermissionDenied):
        server_settings.save_server_address(hr, settings, "")


def test_a_malformed_address_is_refused_and_nothing_saved(admin, tmp_path):
    settings = LocalSettings(tmp_path / "settings.json")
    server_settings.save_server_address(admin, settings, "postgresql+psycopg://baton@db/baton")
    with pytest.raises(ValidationError):
        server_settings.save_server_address(admin, settings, "mysql://db/baton")
    assert LocalSettings(tmp_path / "settings.json").get("database_url") == (
        "postgresql+psycopg://baton@db/baton"
    )
    assert server_settings.save_server_address(admin, settings, "  ") == ""
    assert LocalSettings(tmp_path / "settings.json").get("database_url") == ""


def test_the_address_shown_never_carries_the_password():
    """What the lock screen shows under "Database server:" (it reads it through this service)."""
    shown = server_settings.shown_address("postgresql://baton:s3cret-pw@db.example:5433/baton")
    assert "s3cret-pw" not in shown
    assert "db.example:5433/baton" in shown
    # An address that does not parse is shown as typed: the screen still says where it tried.
    assert server_settings.shown_address("not an address") == "not an address"
