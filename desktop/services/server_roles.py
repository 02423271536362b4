"""The PostgreSQL role a seat logs in as (``baton server-roles``): the grants that let it read
and write business rows and append to the audit log, and nothing more. Separate so the command
line sets it up through a service and knows nothing of storage."""

from __future__ import annotations

from desktop.storage.server import SeatRoleResult, set_up_seat_role


def seat_role(url: str, role: str, *, apply: bool) -> SeatRoleResult:
    """The grant script for ``role`` on the server at ``url``; with ``apply`` the schema is
    brought up to date, the grants are run and the role's resulting rights are read back."""
    return set_up_seat_role(url, role, apply=apply)


__all__ = ["SeatRoleResult", "seat_role"]
