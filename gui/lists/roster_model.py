"""The roster's list model and its painter: rows as plain data (roster_rows.py) shown two lines
a person, with a department-colour dot and bold names for people not yet in the walk.

Apart from the palette widget (gui/palette.py) so the one-person update in place stays
beside the rows it moves (tests/gui/test_scale_incremental.py).
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from gui.canvas.mime import TILE_MIME, person_payload
from gui.lists.roster_rows import RosterRow, row_key
from model.layout import UNASSIGNED_COLOR

ID_ROLE = Qt.ItemDataRole.UserRole + 1
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2
COLOUR_ROLE = Qt.ItemDataRole.UserRole + 3
UNPLACED_ROLE = Qt.ItemDataRole.UserRole + 4
HEADER_ROLE = Qt.ItemDataRole.UserRole + 5


def tile_mime_data(payload: str) -> QMimeData:
    """What a drag from the palette carries: one TILE_MIME payload (gui/canvas/mime.py)."""
    mime = QMimeData()
    mime.setData(TILE_MIME, payload.encode("utf-8"))
    return mime


class RosterModel(QAbstractListModel):
    """The roster's rows for a QListView; a person's row drags as that person."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[RosterRow] = []
        self._row_of: dict[str, int] = {}  # pid -> row, so one person's update costs no scan
        self._headers: list[int] = []  # the rows of the section headers (two at most)

    def set_rows(self, rows: list[RosterRow]) -> None:
        """Replace the rows; only repaint when the same people are listed in the same order."""
        if rows == self.rows:
            return
        if [r.pid for r in rows] == [r.pid for r in self.rows] and rows:
            self.rows = rows
            self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))
            return
        self.beginResetModel()
        self.rows = rows
        self._row_of = {r.pid: i for i, r in enumerate(rows) if r.pid}
        self._headers = [i for i, r in enumerate(rows) if r.is_header]
        self.endResetModel()

    def row_of(self, pid: str) -> int:
        return self._row_of.get(pid, -1) if pid else -1

    def replace_row(self, row: RosterRow) -> tuple[int, int]:
        """Put one listed person's new row in its place by name within its section (a rename
        while typing); returns the first and last rows that changed, for the caller to repaint.

        Deliberately no signal: after a reset, a move or even one dataChanged, QListView with
        uniform item sizes lays out every row again (20,000 calls back into Python, ~50 ms at
        10,000 people, per keystroke). The rows only shift by one; their sizes do not change."""
        old = self._row_of[row.pid]
        lo = max((h + 1 for h in self._headers if h < old), default=0)
        hi = min((h for h in self._headers if h > old), default=len(self.rows))
        at = bisect.bisect_left(self.rows, row_key(row), lo, hi, key=row_key)
        new = at - 1 if old < at else at  # where it goes once its old row is out
        del self.rows[old]
        self.rows.insert(new, row)
        first, last = min(old, new), max(old, new)
        for i in range(first, last + 1):
            self._row_of[self.rows[i].pid] = i
        return first, last

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return r.name
        if role == Qt.ItemDataRole.ToolTipRole:
            if r.is_header:
                return None
            tip = f"{r.name}\n{r.detail}" if r.detail else r.name
            if r.unplaced:
                return tip + "\nNot in the walk yet: drag onto the map."
            return tip + "\nDouble-click to find on the map."
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{r.name}, {r.detail}" if r.detail else r.name
        if role == ID_ROLE:
            return r.pid
        if role == DETAIL_ROLE:
            return r.detail
        if role == COLOUR_ROLE:
            return r.colour
        if role == UNPLACED_ROLE:
            return r.unplaced
        if role == HEADER_ROLE:
            return r.is_header
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.rows[index.row()].is_header:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:
        return [TILE_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData | None:  # type: ignore[override]
        for index in indexes:
            pid = self.data(index, ID_ROLE)
            if pid:
                return tile_mime_data(person_payload(pid))
        return None

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction


class RosterDelegate(QStyledItemDelegate):
    """Two lines per person (name; title · department) with a department-colour
    dot; section headers in bold on the alternate base colour."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        line = option.fontMetrics.lineSpacing()
        return QSize(160, line * 2 + 10)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        painter.save()
        rect: QRect = option.rect
        pal: QPalette = option.palette
        header = bool(index.data(HEADER_ROLE))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if header:
            painter.fillRect(rect, pal.color(QPalette.ColorRole.AlternateBase))
            font = QFont(option.font)
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(pal.color(QPalette.ColorRole.Text))
            line = option.fontMetrics.lineSpacing()
            width = rect.width() - 14
            title = QFontMetrics(font).elidedText(index.data(), Qt.TextElideMode.ElideRight, width)
            painter.drawText(
                QRect(rect.left() + 8, rect.top() + 4, width, line), Qt.AlignmentFlag.AlignLeft, title
            )
            painter.setFont(option.font)
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            hint = option.fontMetrics.elidedText(
                index.data(DETAIL_ROLE) or "", Qt.TextElideMode.ElideRight, width
            )
            painter.drawText(
                QRect(rect.left() + 8, rect.top() + 4 + line, width, line), Qt.AlignmentFlag.AlignLeft, hint
            )
            painter.restore()
            return
        if selected:
            painter.fillRect(rect, pal.color(QPalette.ColorRole.Highlight))
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, pal.color(QPalette.ColorRole.AlternateBase))
        text_colour = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        detail_colour = QColor(text_colour)
        detail_colour.setAlphaF(0.65)
        colour = QColor(index.data(COLOUR_ROLE) or UNASSIGNED_COLOR)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        outline = QColor(text_colour)
        outline.setAlphaF(0.35)  # keeps a dark dot visible on a dark theme
        painter.setPen(QPen(outline, 1))
        painter.setBrush(colour)
        dot = 10
        painter.drawEllipse(rect.left() + 8, rect.top() + (rect.height() - dot) // 2, dot, dot)
        line = option.fontMetrics.lineSpacing()
        left = rect.left() + 8 + dot + 8
        width = rect.right() - left - 6
        name_font = QFont(option.font)
        name_font.setBold(bool(index.data(UNPLACED_ROLE)))
        painter.setFont(name_font)
        painter.setPen(text_colour)
        name = QFontMetrics(name_font).elidedText(index.data(), Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRect(left, rect.top() + 4, width, line), Qt.AlignmentFlag.AlignLeft, name)
        painter.setFont(option.font)
        painter.setPen(detail_colour)
        detail = option.fontMetrics.elidedText(
            index.data(DETAIL_ROLE) or "", Qt.TextElideMode.ElideRight, width
        )
        painter.drawText(QRect(left, rect.top() + 4 + line, width, line), Qt.AlignmentFlag.AlignLeft, detail)
        painter.restore()
