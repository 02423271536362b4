"""Fixtures of the document tests: a demo firm with an approved case, copied per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.reports.documents_support import DemoCase, build_template, copy_case


@pytest.fixture(scope="session")
def demo_case_template(tmp_path_factory) -> DemoCase:
    return build_template(tmp_path_factory.mktemp("documents-template"))


@pytest.fixture
def demo_case(demo_case_template: DemoCase, tmp_path) -> Iterator[DemoCase]:
    case = copy_case(demo_case_template, tmp_path)
    yield case
    case.close()
