"""A login in another process while the key is rotated must never cost the vault (issue 11).

Before the fix, ``open_store`` settled an "interrupted" rotation (aborting it, deleting the new
file) without holding the vault lock; a login that ran while ``rotate-key`` or ``user remove``
worked made the vault unopenable while the rotation printed success. Here a real second
process logs in again and again while the real CLI rotates; after every race each remaining
user's password must open the vault and every row written so far must be there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.config import Paths
from desktop.errors import BatonError
from desktop.models.organisation import Branch
from desktop.services import accounts
from desktop.services.login import login
from tests.support import ADMIN_PASSWORD, make_vault, reaped, run_baton, start_child, wait_for_line

RACES = 20
KEEPER_PASSWORD = "keeper-pass-1"
GONE_PASSWORD = "gone-pass-12"


def _rows_and_write(paths: Paths, username: str, password: str, code: str | None) -> int:
    """Log in as ``username``; count the branches; optionally add one; log out."""
    ctx = login(paths, username, password, check="full")
    try:
        with ctx.transaction() as s:
            rows = s.scalar(select(func.count()).select_from(Branch)) or 0
            if code is not None:
                s.add(Branch(code=code, name=f"written after {code}"))
    finally:
        ctx.close()
    return rows


def _race(paths: Paths, stop: Path, args: list[str], login_as: tuple[str, str]) -> tuple:
    """Run one CLI rotation while a child logs in over and over; return both sides' results."""
    child = start_child("logins", str(paths.data_dir), *login_as, str(stop))
    with reaped(child):
        wait_for_line(child, "ready")
        proc = run_baton(paths.data_dir, *args, password=ADMIN_PASSWORD)
        stop.touch()
        out, err = child.communicate(timeout=120)
    stop.unlink()
    outcomes = [line.split(" ", 2)[1:] for line in out.splitlines() if line.startswith("outcome")]
    return proc, outcomes, err


@pytest.mark.slow
def test_logins_in_another_process_during_rotations_lose_nothing(paths, tmp_path):
    make_vault(paths)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        accounts.add_user(ctx, "keeper", "Keeper", "sales", KEEPER_PASSWORD)
        for i in range(RACES // 2):
            accounts.add_user(ctx, f"gone{i}", f"Gone {i}", "sales", GONE_PASSWORD)
    finally:
        ctx.close()
    expected = _rows_and_write(paths, "admin", ADMIN_PASSWORD, None)
    stop = tmp_path / "stop"
    survived = rotated = refused = logins_ok = logins_refused = 0
    broken: list[str] = []
    bad_logins: list[str] = []
    refusals: set[str] = set()
    for race in range(RACES):
        if race % 2:
            gone = f"gone{race // 2}"
            args, login_as = ["user", "remove", gone, "--yes"], (gone, GONE_PASSWORD)
        else:
            args, login_as = ["rotate-key"], ("keeper", KEEPER_PASSWORD)
        proc, outcomes, child_err = _race(paths, stop, args, login_as)
        assert "Traceback" not in proc.stderr + child_err, proc.stderr + child_err
        assert "unexpected error" not in proc.stderr, proc.stderr
        for count, outcome in outcomes:
            if not outcome.startswith(("ok", "refused")) or "damaged" in outcome:
                bad_logins.append(f"race {race}: {count} x {outcome}")
            elif outcome == "ok":
                logins_ok += int(count)
            else:
                logins_refused += int(count)
                refusals.add(outcome)
        if proc.returncode == 0:
            rotated += 1
        else:
            refused += 1
            assert "busy" in proc.stderr or "has this vault open" in proc.stderr, proc.stderr
        try:
            for user, password in (("admin", ADMIN_PASSWORD), ("keeper", KEEPER_PASSWORD)):
                assert _rows_and_write(paths, user, password, None) == expected
            expected += 1
            _rows_and_write(paths, "admin", ADMIN_PASSWORD, f"RACE{race:02d}")
        except BatonError as exc:
            broken.append(f"race {race} ({' '.join(args)}, rc={proc.returncode}): {exc}")
            break
        survived += 1
    print(
        f"\nrotation races: {survived + len(broken)} tried / {survived} survived; "
        f"rotations done {rotated}, refused {refused}; "
        f"logins beside them ok {logins_ok}, refused {logins_refused}: {sorted(refusals)}"
    )
    assert not broken, broken
    assert not bad_logins, bad_logins
    assert survived == RACES
    assert rotated >= RACES // 2, f"only {rotated} of {RACES} rotations ran"
