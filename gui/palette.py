"""The palette: tiles to drag new things onto the map, and a searchable roster
of everyone in it. People on the roster who are not yet in the walk are listed
first, in bold, so a coach sees who still has to be placed.

The roster is a QListView over a small model so a map of thousands of people stays
fluid: an edit of one person (typing their name) moves just their row, at once; other
changes rebuild the rows (gui/lists/roster_rows.py) after a short pause in document events.
"""
from __future__ import annotations

from PySide6.QtCore import (
    QMimeData,
    QModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDrag,
    QIcon,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QListView,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.canvas.mime import NEW_COLLEAGUE, NEW_CUSTOMER, NEW_DEPARTMENT
from gui.lists.roster_model import ID_ROLE, RosterDelegate, RosterModel, tile_mime_data
from gui.lists.roster_rows import matches, person_row, roster_rows
from gui.widgets import counted, heading_label, hint_label
from model.document import Document
from model.entities import CUSTOMER_COLOR, DEPARTMENT_COLORS
from model.events import Event

REFRESH_MS = 150  # pause after the last document event before the roster is rebuilt
# document changes that can alter what the roster shows
_PERSON_FIELDS = {"name", "title", "department_id", "kind", "placed", "vendor", "email"}

TILES: tuple[tuple[str, str, str, str], ...] = (
    (NEW_COLLEAGUE, "New colleague", "Someone who touches the contract", DEPARTMENT_COLORS[0]),
    (NEW_DEPARTMENT, "New department", "A lane the people sit in", DEPARTMENT_COLORS[2]),
    (NEW_CUSTOMER, "Customer contact", "Who receives the deliverables", CUSTOMER_COLOR),
)


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
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.search.textChanged.connect(lambda _text: self.refresh())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.setEnabled(False)

    # ----- public API ----------------------------------------------------------
    def set_document(self, doc: Document | None) -> None:
        """Show `doc`'s roster. Another map's starts at its top, unsearched, with nobody selected:
        it kept the last map's scroll and search, and the people not yet in the walk (listed
        first) were out of sight or filtered out (the toolbar's find box is emptied too)."""
        if self.doc is not None:
            self.doc.unsubscribe(self._on_event)
        another = doc is not self.doc
        self.doc = doc
        if doc is not None:
            doc.subscribe(self._on_event)
        self.setEnabled(doc is not None)
        if another:
            self.view.setCurrentIndex(QModelIndex())
            self.search.blockSignals(True)  # (one rebuild, below)
            self.search.clear()
            self.search.blockSignals(False)
        self.refresh()
        if another:
            self.view.scrollToTop()

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
        """The canvas selected one person: their roster row is selected and scrolled to as well.
        Anything else (nothing, a hand-off, several people) leaves no row selected, so the
        roster never shows a selection the canvas no longer has."""
        one = ids[0] if entity == "person" and len(ids) == 1 else ""
        if one == self.selected_id():
            return
        row = self.model.row_of(one)
        if row < 0:
            self.view.setCurrentIndex(QModelIndex())
            self.view.clearSelection()
            return
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
        if event.entity in ("person", "department"):
            self._timer.start()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Arrow keys in the roster move the canvas's selection too (one selection for both);
        changes made for the canvas or by a rebuild happen without the roster's focus."""
        if self.view.hasFocus():
            self._clicked(current)

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
