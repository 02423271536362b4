"""The demo with the alert patterns planted: the sweep finds every planted case (issue 13).
Run on the small firm (the medium one plants the same patterns; its figures are in the
closing note, measured with tools/alerts_demo_report.py)."""

from __future__ import annotations

import pytest

from desktop.services import alerts, demo
from desktop.services.demo.alert_plants import PER_RULE, Plants, last_plants, plants_found

pytestmark = pytest.mark.sqlcipher(
    "the demo firm is made in a vault; it reaches a server through migrate-to-server"
)


def test_the_sweep_finds_every_planted_pattern_once(admin):
    summary = demo.generate_demo(admin, "small", plant_alerts=True)
    assert summary.planted_alerts == {rule: PER_RULE for rule in alerts.RULES}
    first = alerts.sweep(admin)
    assert alerts.sweep(admin).total == 0
    # The incremental sweeps missed nothing: a full one adds nothing either.
    assert alerts.sweep(admin, full=True).total == 0
    report = alerts_report(admin)
    # The table of the closing note (pytest -s shows it; tools/alerts_demo_report.py medium
    # prints the medium firm's).
    print("\n" + table(report))
    for rule, figures in report.items():
        assert figures["planted"] == PER_RULE, rule
        assert figures["found"] == PER_RULE, (rule, figures)
    assert first.total >= len(alerts.RULES) * PER_RULE


def table(report: dict[str, dict[str, int]]) -> str:
    lines = ["| rule | planted | found | other alerts raised |", "|---|---:|---:|---:|"]
    for rule, f in report.items():
        lines.append(f"| {rule} | {f['planted']} | {f['found']} | {f['other']} |")
    return "\n".join(lines)


def alerts_report(ctx) -> dict[str, dict[str, int]]:
    with ctx.read() as s:
        return plants_found(s, last_plants(s))


def test_a_demo_without_plants_says_so(admin):
    summary = demo.generate_demo(admin, "small")
    assert summary.planted_alerts == {}
    assert isinstance(Plants(), Plants)
