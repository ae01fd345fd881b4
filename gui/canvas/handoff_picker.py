"""Drawing a hand-off without the mouse: "Hands off to…" (Ctrl+Shift+H, the card's context
menu, the inspector) opens a short searchable list of the people in the walk; Enter draws
the arrow from the chosen card to the person picked, as one undo step."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.canvas.items.card import clean_text
from model.document import Document

PID_ROLE = Qt.ItemDataRole.UserRole
MAX_WIDTH = 760  # pixels: a longer line (a 200-character title) is cut rather than the dialog


class HandoffPicker(QDialog):
    """Pick who `source` hands off to: type to filter, arrows to choose, Enter to draw."""

    def __init__(self, doc: Document, source: str, chosen: Callable[[str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoffPicker")
        giver = clean_text(doc.people[source].name, 60) or "(unnamed)"
        self.setWindowTitle(f"{giver} hands off to…")
        self._chosen = chosen
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Type a name, title or department")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Find the person who receives the hand-off")
        self.list = QListWidget()
        self.list.setAccessibleName("People in the walk")
        already = {h.target for h in doc.handoffs.values() if h.source == source}
        for p in sorted(doc.people.values(), key=lambda p: p.name.casefold()):
            if p.id == source or not p.placed:
                continue
            dept = doc.departments.get(p.department_id or "")
            parts = [clean_text(p.name, 80) or "(unnamed)", clean_text(p.title, 60),
                     "customer" if p.is_customer else (clean_text(dept.name, 40) if dept else "")]
            text = " — ".join(x for x in parts if x)
            if p.id in already:
                text += "  (already receives a hand-off)"
            item = QListWidgetItem(text)
            item.setData(PID_ROLE, p.id)
            self.list.addItem(item)
        SB = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(SB.Ok | SB.Cancel)
        ok = buttons.button(SB.Ok)
        ok.setText("Draw hand-off")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        hint = QLabel("↑/↓ choose · Enter draws the arrow · Esc cancels")
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._refilter)
        self.filter.installEventFilter(self)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self._refilter("")
        # wide enough for its longest line, "(already receives a hand-off)" at the end included:
        # at a fixed 420 pixels that note was cut off behind a sideways scroll bar
        scroll = self.list.verticalScrollBar().sizeHint().width()
        wanted = self.list.sizeHintForColumn(0) + 2 * self.list.frameWidth() + scroll + 32
        self.resize(max(420, min(wanted, MAX_WIDTH)), 360)

    def _refilter(self, text: str) -> None:
        words = text.casefold().split()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hide = not all(w in item.text().casefold() for w in words)
            item.setHidden(hide)
            if not hide and first is None:
                first = item
        if first is None:
            self.list.setCurrentRow(-1)
        else:
            self.list.setCurrentItem(first)

    def eventFilter(self, obj: object, event: object) -> bool:
        """Up/Down in the filter field move through the list, so the hands stay on the keys."""
        moves = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
        if (obj is self.filter and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress
                and event.key() in moves):
            self.list.keyPressEvent(event)
            return True
        return super().eventFilter(obj, event)  # type: ignore[arg-type]

    def chosen_pid(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None or item.isHidden() else item.data(PID_ROLE)

    def accept(self) -> None:
        pid = self.chosen_pid()
        if pid is None:
            return  # nobody matches: keep the dialog open
        super().accept()
        self._chosen(pid)
