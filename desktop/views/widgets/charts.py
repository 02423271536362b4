"""A small bar chart drawn with QPainter (no chart library needed for a few bars)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


class BarChart(QWidget):
    """Horizontal bars with a label on the left and the value text on the right."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.bars: list[tuple[str, float, str, QColor]] = []
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_bars(
        self, bars: Sequence[tuple[str, float, str, QColor | str]], empty_text: str = ""
    ) -> None:
        self.bars = [
            (label, max(value, 0.0), text, QColor(color)) for label, value, text, color in bars
        ]
        self.empty_text = empty_text
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, 34 + 26 * max(len(self.bars), 2))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        painter.setPen(self.palette().windowText().color())
        bold = painter.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(
            QRectF(0, 0, self.width(), 22),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.title,
        )
        bold.setBold(False)
        painter.setFont(bold)
        if not self.bars or all(v == 0 for _, v, _, _ in self.bars):
            painter.setPen(QColor("#777"))
            painter.drawText(
                QRectF(0, 26, self.width(), 24), Qt.AlignmentFlag.AlignLeft, self.empty_text
            )
            return
        label_w = max(metrics.horizontalAdvance(label) for label, *_ in self.bars) + 10
        value_w = max(metrics.horizontalAdvance(text) for _, _, text, _ in self.bars) + 10
        bar_area = max(self.width() - label_w - value_w, 20)
        top = 28.0
        biggest = max(v for _, v, _, _ in self.bars) or 1.0
        for label, value, text, color in self.bars:
            painter.setPen(self.palette().windowText().color())
            painter.drawText(
                QRectF(0, top, label_w - 6, 20),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            width = bar_area * value / biggest
            painter.fillRect(QRectF(label_w, top + 3, max(width, 1.0), 14), color)
            painter.drawText(
                QRectF(label_w + width + 6, top, value_w + 40, 20),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            top += 26
        painter.end()
