"""A small demo firm with one approved departure case, for the document tests.

Built once per test process (the demo data takes seconds) and copied for each test, so every
test signs, freezes and attaches on its own vault. The case is the top salesperson's (80
customers in the small demo), started and submitted by the demo HR account and approved by the
demo manager, as people would do it.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from pypdf import PdfReader

from desktop.config import Paths
from desktop.services import demo, departures
from desktop.services.context import ServiceContext
from desktop.services.demo import DEMO_PASSWORD
from desktop.services.login import login
from tests.conftest import ADMIN_PASSWORD, COMPANY
from tests.support import make_vault, submitted_by_baton


@dataclass
class DemoCase:
    paths: Paths
    case_id: int
    case_number: str
    employee_id: int
    employee_name: str
    opened: list[ServiceContext] = field(default_factory=list)

    def login(self, user: str = "admin") -> ServiceContext:
        password = ADMIN_PASSWORD if user == "admin" else DEMO_PASSWORD
        ctx = login(self.paths, user, password)
        self.opened.append(ctx)
        return ctx

    def close(self) -> None:
        for ctx in self.opened:
            ctx.close()
        self.opened.clear()


def build_template(root: Path) -> DemoCase:
    paths = Paths(root / "vault")
    make_vault(paths, company=COMPANY)
    admin = login(paths, "admin", ADMIN_PASSWORD)
    try:
        summary = demo.generate_demo(admin, "small")
    finally:
        admin.close()
    case = DemoCase(paths, 0, "", summary.top_salesperson_id, "")
    try:
        hr = case.login("hr")
        manager = case.login("manager")
        data = departures.CaseInput(summary.top_salesperson_id, hr.today() + timedelta(days=30))
        (case_id,) = departures.start_case(hr, data).ids
        departures.submit(submitted_by_baton(hr), case_id, "resigns to join a relative's firm")
        departures.approve(manager, case_id, "ok")
        row = departures.get_case(hr, case_id).case
    finally:
        case.close()
    return DemoCase(paths, case_id, row.number, row.employee_id, row.employee_name)


def copy_case(template: DemoCase, dest: Path) -> DemoCase:
    """The template's vault copied to ``dest`` (files only; no connection is open)."""
    target = dest / "vault"
    target.mkdir(parents=True)
    for f in template.paths.data_dir.iterdir():
        if f.is_file() and f.suffix != ".lock":
            shutil.copy2(f, target / f.name)
    return DemoCase(
        Paths(target),
        template.case_id,
        template.case_number,
        template.employee_id,
        template.employee_name,
    )


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def plain(text: str) -> str:
    """Text without spaces and line breaks (titles are letter-spaced; cells wrap)."""
    return "".join(text.split())


def signature_png(width: int = 480, height: int = 180, scribble: bool = True) -> bytes:
    """A drawn signature: a few strokes (or, with ``scribble`` False, a single dot)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    if scribble:
        points = [(40 + i * 12, 120 - (i % 5) * 14) for i in range(30)]
        draw.line(points, fill=(0, 0, 0, 255), width=3)
        draw.line([(60, 60), (200, 140), (320, 50)], fill=(0, 0, 0, 255), width=3)
    else:
        draw.ellipse((100, 100, 103, 103), fill=(0, 0, 0, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
