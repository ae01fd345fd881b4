"""The palette: tiles to drag new things onto the map, and a searchable roster
of everyone in it. People on the roster who are not yet in the walk are listed
first, in bold, so a coach sees who still has to be placed.

The roster is a QListView over a small model so a map of thousands of people stays
fluid: an edit of one person (typing their name) moves just their row, at once; other
changes rebuild the rows (gui/lists/roster_rows.py) after a short pause in document events.
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
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDrag,
    QFont,
    QFontMetrics,
    QIcon,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QListView,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.canvas.mime import NEW_COLLEAGUE, NEW_CUSTOMER, NEW_DEPARTMENT, TILE_MIME, person_payload
from gui.lists.roster_rows import RosterRow, matches, person_row, roster_rows, row_key
from gui.widgets import counted, heading_label, hint_label
from model.document import Document
from model.entities import CUSTOMER_COLOR, DEPARTMENT_COLORS
from model.events import Event
from model.layout import UNASSIGNED_COLOR

ID_ROLE = Qt.ItemDataRole.UserRole + 1
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2
COLOUR_ROLE = Qt.ItemDataRole.UserRole + 3
UNPLACED_ROLE = Qt.ItemDataRole.UserRole + 4
HEADER_ROLE = Qt.ItemDataRole.UserRole + 5

REFRESH_MS = 150  # pause after the last document event before the roster is rebuilt
# document changes that can alter what the roster shows
_PERSON_FIELDS = {"name", "title", "department_id", "kind", "placed", "vendor", "email"}

TILES: tuple[tuple[str, str, str, str], ...] = (
    (NEW_COLLEAGUE, "New colleague", "Someone who touches the contract", DEPARTMENT_COLORS[0]),
    (NEW_DEPARTMENT, "New department", "A lane the people sit in", DEPARTMENT_COLORS[2]),
    (NEW_CUSTOMER, "Customer contact", "Who receives the deliverables", CUSTOMER_COLOR),
)


def tile_mime_data(payload: str) -> QMimeData:
    """What a drag from the palette carries: one TILE_MIME payload (gui/canvas/mime.py)."""
    mime = QMimeData()
    mime.setData(TILE_MIME, payload.encode("utf-8"))
    return mime


def tile_icon(colour: str, customer: bool = False, lane: bool = False, size: int = 28) -> QIcon:
    """A tiny picture of what the tile makes: a card (colleague), an outlined
    card (customer) or a tinted lane (department)."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    accent = QColor(colour)
    if lane:
        tint = QColor(accent)
        tint.setAlpha(70)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(tint)
        p.drawRoundedRect(1, 6, size - 2, size - 12, 3, 3)
        p.setBrush(accent)
        p.drawRect(1, 6, 4, size - 12)
    else:
        p.setPen(QPen(accent.darker(120), 2 if customer else 1))
        p.setBrush(QColor("#ffffff"))
        p.drawRoundedRect(2, 6, size - 4, size - 12, 4, 4)
        if not customer:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(accent)
            p.drawRect(2, 6, 4, size - 12)
        p.setBrush(QColor("#888888"))
        p.drawRect(9, 11, size - 16, 2)
        p.drawRect(9, 16, size - 20, 2)
    p.end()
    return QIcon(pix)


class Tile(QToolButton):
    """A button that starts a drag with its payload (a click asks for the same thing)."""

    def __init__(
        self, payload: str, label: str, hint: str, icon: QIcon, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.payload = payload
        self.setText(f"{label}")
        self.setToolTip(f"{hint}. Drag onto the map.")
        self.setAccessibleName(label)
        self.setIcon(icon)
        self.setIconSize(QSize(28, 28))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self._press: QPoint | None = None

    def mime_data(self) -> QMimeData:
        return tile_mime_data(self.payload)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if (
            self._press is not None
            and event.buttons() & Qt.MouseButton.LeftButton
            and (event.position().toPoint() - self._press).manhattanLength()
            >= QApplication.startDragDistance()
        ):
            self._press = None
            self.setDown(False)
            drag = QDrag(self)
            drag.setMimeData(self.mime_data())
            drag.setPixmap(self.grab())
            drag.setHotSpot(QPoint(12, self.height() // 2))
            drag.exec(Qt.DropAction.CopyAction)
            return
        super().mouseMoveEvent(event)


class RosterModel(QAbstractListModel):
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


class Palette(QWidget):
    """Tiles to drag onto the map, and the roster of everyone in it."""

    personActivated = Signal(str)
    tileActivated = Signal(str)
    personChosen = Signal(str)  # a click on a roster row: the canvas selects that card too

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("palette")
        self.doc: Document | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(heading_label("Add to the map", scale=1.05))
        self.tiles: dict[str, Tile] = {}
        for payload, label, hint, colour in TILES:
            icon = tile_icon(colour, customer=payload == NEW_CUSTOMER, lane=payload == NEW_DEPARTMENT)
            tile = Tile(payload, label, hint, icon, self)
            tile.clicked.connect(lambda _=False, p=payload: self.tileActivated.emit(p))
            layout.addWidget(tile)
            self.tiles[payload] = tile
        layout.addWidget(hint_label("Drag a tile onto the map."))
        layout.addSpacing(6)
        layout.addWidget(heading_label("Roster", scale=1.05))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search name, title, department…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the roster")
        layout.addWidget(self.search)
        self.model = RosterModel(self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(RosterDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragEnabled(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.view.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.view.setMouseTracking(True)
        self.view.setAccessibleName("Roster")
        layout.addWidget(self.view, 1)
        self.count = hint_label("")
        layout.addWidget(self.count)
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._clicked)
        self.search.textChanged.connect(lambda _text: self.refresh())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.setEnabled(False)

    # ----- public API ----------------------------------------------------------
    def set_document(self, doc: Document | None) -> None:
        if self.doc is not None:
            self.doc.unsubscribe(self._on_event)
        self.doc = doc
        if doc is not None:
            doc.subscribe(self._on_event)
        self.setEnabled(doc is not None)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the roster now (keeps the selected person and the scroll position)."""
        self._timer.stop()
        selected = self.selected_id()
        scroll = self.view.verticalScrollBar().value()
        rows = roster_rows(self.doc, self.search.text())
        self.model.set_rows(rows)
        if selected:
            row = self.model.row_of(selected)
            if row >= 0:
                self.view.setCurrentIndex(self.model.index(row))
        self.view.verticalScrollBar().setValue(scroll)
        people = sum(1 for r in rows if not r.is_header)
        total = len(self.doc.people) if self.doc is not None else 0
        if self.search.text().strip():
            self.count.setText(
                f"{people} of {total} people match" if people else "Nobody matches the search."
            )
        else:
            self.count.setText(counted(total, 'person', 'people'))

    def show_selection(self, entity: str, ids: list) -> None:
        """The canvas selected one person: their roster row is selected and scrolled to as well."""
        if entity != "person" or len(ids) != 1 or ids[0] == self.selected_id():
            return
        row = self.model.row_of(ids[0])
        if row >= 0:
            index = self.model.index(row)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def selected_id(self) -> str:
        index = self.view.currentIndex()
        return index.data(ID_ROLE) or "" if index.isValid() else ""

    def person_ids(self) -> list[str]:
        """The people listed, top to bottom (what the filter leaves)."""
        return [r.pid for r in self.model.rows if not r.is_header]

    # ----- internals -------------------------------------------------------------
    def _on_event(self, event: Event) -> None:
        if event.action == "moved":
            return
        person_changed = event.action == "changed" and event.entity == "person"
        if person_changed and not (_PERSON_FIELDS & set(event.fields)):
            return
        incremental = person_changed and "placed" not in event.fields and not self._timer.isActive()
        if incremental and self._update_person(event.id):
            return
        if event.entity in ("person", "department") or event.action == "reset":
            self._timer.start()

    def _clicked(self, index: QModelIndex) -> None:
        pid = index.data(ID_ROLE)
        if pid:
            self.personChosen.emit(pid)

    def _update_person(self, pid: str) -> bool:
        """Show one person's edit at once, in place (typing a name at 10,000 people must
        not rebuild the roster); False when the whole roster must be rebuilt instead
        (the search now lists them or hides them, and the section counts change)."""
        if self.doc is None or pid not in self.doc.people:
            return False
        p = self.doc.people[pid]
        listed = self.model.row_of(pid) >= 0
        if listed != matches(self.doc, p, self.search.text().strip().casefold()):
            return False
        if listed:
            selected = self.selected_id()
            first, last = self.model.replace_row(person_row(self.doc, p))
            self._repaint_rows(first, last)
            if self.selected_id() != selected:  # rows shifted under the selection: keep the person
                self.view.setCurrentIndex(self.model.index(self.model.row_of(selected)))
        return True

    def _repaint_rows(self, first: int, last: int) -> None:
        """Repaint the rows first..last that are on screen (see RosterModel.replace_row)."""
        port = self.view.viewport()
        top = self.view.indexAt(QPoint(1, 1)).row()
        bottom = self.view.indexAt(QPoint(1, port.height() - 2)).row()
        top = 0 if top < 0 else top
        bottom = len(self.model.rows) - 1 if bottom < 0 else bottom
        first, last = max(first, top), min(last, bottom)
        if first <= last:
            rect = self.view.visualRect(self.model.index(first)).united(
                self.view.visualRect(self.model.index(last)))
            port.update(rect.adjusted(0, 0, port.width(), 0))

    def _activated(self, index: QModelIndex) -> None:
        pid = index.data(ID_ROLE)
        if pid:
            self.personActivated.emit(pid)
