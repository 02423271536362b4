"""A signature pad for a simple electronic signature (简单电子签名): mouse, pen and touch.

Only the drawn image is kept — the points of each stroke while drawing, and the PNG made from
them. No pressure, tilt, speed or timing is read or stored: those would make the signature
biometric data (PIPL: sensitive personal information).
"""

from __future__ import annotations

import itertools
import math

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

#: Least ink (total stroke length, in pixels) a signature needs; the service checks again.
MIN_INK_LENGTH = 120.0
PEN_WIDTH = 3.0


class SignaturePad(QWidget):
    """Draw with the left mouse button, a pen or a finger; ``to_png`` gives the image."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strokes: list[list[QPointF]] = []
        self._drawing = False
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setMinimumSize(480, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName(self.tr("Signature pad"))
        self.setToolTip(self.tr("Sign here with the mouse, a pen or a finger"))

    # -- state -------------------------------------------------------------------------

    def clear(self) -> None:
        self.strokes.clear()
        self._drawing = False
        self.update()
        self.changed.emit()

    def is_empty(self) -> bool:
        return not any(self.strokes)

    def ink_length(self) -> float:
        """Total length of the strokes, in pixels (a dot counts as the pen's width)."""
        total = 0.0
        for stroke in self.strokes:
            if len(stroke) == 1:
                total += PEN_WIDTH
            for a, b in itertools.pairwise(stroke):
                total += math.hypot(b.x() - a.x(), b.y() - a.y())
        return total

    def ink_bounds(self) -> QRectF:
        points = [p for stroke in self.strokes for p in stroke]
        if not points:
            return QRectF()
        xs = [p.x() for p in points]
        ys = [p.y() for p in points]
        return QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))

    def has_enough_ink(self) -> bool:
        """Refuse a near-empty signature: enough ink, spread wide or tall enough."""
        box = self.ink_bounds()
        wide = box.width() >= self.width() * 0.12 or box.height() >= self.height() * 0.3
        return self.ink_length() >= MIN_INK_LENGTH and wide

    def to_png(self) -> bytes:
        """The strokes in black on a transparent background, at the pad's size."""
        image = QImage(self.size(), QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        self._paint_strokes(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())

    # -- input ---------------------------------------------------------------------------

    def _begin(self, point: QPointF) -> None:
        self._drawing = True
        self.strokes.append([point])
        self.update()

    def _extend(self, point: QPointF) -> None:
        if not self._drawing or not self.strokes:
            return
        last = self.strokes[-1][-1]
        if math.hypot(point.x() - last.x(), point.y() - last.y()) >= 0.8:
            self.strokes[-1].append(point)
            self.update()

    def _end(self, point: QPointF) -> None:
        if self._drawing:
            self._extend(point)
            self._drawing = False
            self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())
            event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._end(event.position())
            event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:
        # The pen's position only: pressure, tilt and timing are never read.
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._end(event.position())
        event.accept()

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            points = event.points()
            if points:
                where = points[0].position()
                if kind == QEvent.Type.TouchBegin:
                    self._begin(where)
                elif kind == QEvent.Type.TouchUpdate:
                    self._extend(where)
                else:
                    self._end(where)
            event.accept()
            return True
        if kind == QEvent.Type.TouchCancel:
            self._drawing = False
            event.accept()
            return True
        return super().event(event)

    # -- painting ------------------------------------------------------------------------

    def _paint_strokes(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pen = QPen(QColor(0, 0, 0), PEN_WIDTH)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for stroke in self.strokes:
            if len(stroke) == 1:
                painter.drawPoint(stroke[0])
            else:
                painter.drawPolyline(stroke)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(255, 255, 255))
        guide = QPen(QColor(170, 170, 170), 1, Qt.PenStyle.DashLine)
        painter.setPen(guide)
        baseline = int(self.height() * 0.72)
        painter.drawLine(16, baseline, self.width() - 16, baseline)
        painter.drawText(18, baseline - 6, "×")
        painter.setPen(QPen(QColor(200, 200, 200), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        self._paint_strokes(painter)
        painter.end()
