"""The Documents tab of a case and the signature pad, as HR uses them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt

from desktop.services import documents
from desktop.views.documents import DocumentDialog, DocumentsTab
from desktop.views.widgets.signature_pad import SignaturePad
from tests.reports.documents_support import DemoCase, build_template, copy_case


@pytest.fixture(scope="module")
def gui_case_template(tmp_path_factory) -> DemoCase:
    return build_template(tmp_path_factory.mktemp("documents-gui-template"))


@pytest.fixture
def demo_case(gui_case_template: DemoCase, tmp_path) -> Iterator[DemoCase]:
    case = copy_case(gui_case_template, tmp_path)
    yield case
    case.close()


@pytest.fixture
def tab(qtbot, demo_case) -> Iterator[DocumentsTab]:
    hr = demo_case.login("hr")
    widget = DocumentsTab(hr, demo_case.case_id)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitUntil(lambda: widget.status is not None, timeout=10000)
    yield widget
    widget.runner.wait(30000)


def draw(qtbot, pad: SignaturePad, points: list[tuple[int, int]]) -> None:
    """Press, drag through ``points`` and release, as a hand with a mouse would."""
    first = QPoint(*points[0])
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=first)
    for x, y in points[1:]:
        qtbot.mouseMove(pad, QPoint(x, y))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def generate(qtbot, tab: DocumentsTab, language: str = "zh") -> None:
    before = tab.current.info.id if tab.current else None
    tab.generate("handover", language)
    qtbot.waitUntil(
        lambda: tab.current is not None and tab.current.info.id != before, timeout=30000
    )


def test_generate_preview_and_list(qtbot, tab, demo_case, tmp_path):
    assert tab.blocks_table.rowCount() >= 5
    assert "Waiting for a signature on paper" in tab.blocks_table.item(0, 2).text()
    generate(qtbot, tab, "en")
    assert tab.current.info.language == "en"
    assert tab.preview.page_count == tab.current.info.pages
    assert not tab.preview.image.pixmap().isNull()
    tab.preview.show_page(1)
    assert tab.preview.page == 1
    qtbot.waitUntil(lambda: tab.documents_table.rowCount() == 1, timeout=10000)
    assert tab.documents_table.item(0, 0).text() == tab.current.info.number
    target = tmp_path / "saved.pdf"
    tab.save_current(target)
    qtbot.waitUntil(lambda: "Saved to" in tab.message.text(), timeout=10000)
    assert target.read_bytes() == tab.current.data
    tab.runner.wait(10000)
    dialog = DocumentDialog(tab.ctx, tab.runner, tab.current, tab)
    qtbot.addWidget(dialog)
    assert dialog.preview.page_count == tab.current.info.pages
    dialog.reject()


def test_sign_on_screen_with_the_mouse(qtbot, tab, demo_case):
    generate(qtbot, tab)
    tab.select_block("employee")
    assert tab.sign_button.isEnabled()
    tab.sign_selected()
    dialog = tab.sign_dialog
    assert dialog is not None and dialog.isVisible()
    assert "简单电子签名" in dialog.windowTitle()
    assert dialog.signer.text() == demo_case.employee_name
    draw(qtbot, dialog.pad, [(40 + i * 14, 120 - (i % 4) * 18) for i in range(25)])
    draw(qtbot, dialog.pad, [(80, 60), (160, 140), (260, 70)])
    assert dialog.pad.has_enough_ink()
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(
        lambda: (
            tab.status is not None
            and any(b.key == "employee" and b.signed for b in tab.status.blocks)
        ),
        timeout=20000,
    )
    # The form is generated again, the signature drawn into its block.
    qtbot.waitUntil(
        lambda: tab.current is not None and "employee" in tab.current.info.signed_blocks,
        timeout=30000,
    )
    qtbot.waitUntil(lambda: tab.status.frozen, timeout=10000)
    row = next(
        r
        for r in range(tab.blocks_table.rowCount())
        if tab.blocks_table.item(r, 0).data(Qt.ItemDataRole.UserRole) == "employee"
    )
    assert "Signed on screen" in tab.blocks_table.item(row, 2).text()
    assert "frozen" in tab.frozen_label.text()
    tab.select_block("employee")
    assert not tab.sign_button.isEnabled() and tab.void_button.isEnabled()


def test_a_near_empty_signature_is_refused(qtbot, tab):
    tab.select_block("hr")
    tab.sign_selected()
    dialog = tab.sign_dialog
    dialog.signer.setText("人事专员")
    draw(qtbot, dialog.pad, [(100, 100), (103, 101)])
    assert not dialog.pad.has_enough_ink()
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible()
    assert dialog.error.isVisible() and "nearly empty" in dialog.error.text()
    assert not any(b.signed for b in documents.form_status(tab.ctx, tab.case_id).blocks)
    dialog.clear_button.click()
    assert dialog.pad.is_empty()
    dialog.reject()


def test_attach_scan_and_verify(qtbot, tab, tmp_path, no_blocking_dialogs):
    generate(qtbot, tab)
    issued = tab.current
    scan = tmp_path / "signed.pdf"
    scan.write_bytes(b"%PDF-1.4\n% scanned and sealed\n" + b"x" * 5000)
    tab.attach_scan_file(scan, "人事部档案柜 3 号")
    qtbot.waitUntil(lambda: tab.status is not None and bool(tab.status.scans), timeout=20000)
    assert "人事部档案柜 3 号" in tab.scans_label.text()
    assert "archived" in tab.scans_label.text()
    assert tab.status.frozen
    qtbot.waitUntil(lambda: tab.documents_table.item(0, 7) is not None, timeout=5000)
    assert tab.documents_table.item(0, 7).text() == "attached"

    good = tmp_path / "form.pdf"
    good.write_bytes(issued.data)
    tab.verify_file(good)
    qtbot.waitUntil(lambda: tab.last_verification is not None, timeout=10000)
    assert tab.last_verification.verified
    assert no_blocking_dialogs[-1][0] == "information"
    assert "unchanged" in no_blocking_dialogs[-1][1]
    bad = tmp_path / "bad.pdf"
    data = bytearray(issued.data)
    data[2000] ^= 0x01
    bad.write_bytes(bytes(data))
    tab.last_verification = None
    tab.verify_file(bad)
    qtbot.waitUntil(lambda: tab.last_verification is not None, timeout=10000)
    assert not tab.last_verification.verified
    assert no_blocking_dialogs[-1][0] == "warning"


def test_signature_pad_keeps_only_the_image(qtbot):
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(480, 180)
    pad.show()
    assert pad.is_empty() and not pad.has_enough_ink()
    draw(qtbot, pad, [(30, 100), (120, 60), (220, 130), (330, 70), (430, 110)])
    assert not pad.is_empty() and pad.ink_length() > 300
    png = pad.to_png()
    assert png.startswith(b"\x89PNG")
    _clean, width, height = documents.check_signature_png(png)
    assert (width, height) == (480, 180)
    pad.clear()
    assert pad.is_empty()


def test_choosing_a_block_with_the_mouse_enables_signing(qtbot, tab):
    generate(qtbot, tab)
    tab.blocks_table.clearSelection()
    assert not tab.sign_button.isEnabled(), "no block chosen yet"
    item = tab.blocks_table.item(0, 0)
    rect = tab.blocks_table.visualItemRect(item)
    qtbot.mouseClick(tab.blocks_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.blocks_table.currentRow() == 0
    assert tab.sign_button.isEnabled(), "an unsigned block chosen: Sign is offered"
