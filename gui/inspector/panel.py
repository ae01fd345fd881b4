"""The inspector: edits whatever is selected on the map.

One page per kind of thing (person, department, hand-off, the map itself).
Every edit is an undo command on the window's stack; document events (undo,
redo, edits elsewhere) flow back into the fields without disturbing the one
being typed in. Typed text is written on every change, so nothing typed is
lost when the selection changes or the map is saved.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import QLineEdit, QStackedWidget, QVBoxLayout, QWidget

from gui.inspector.base import EntityForm
from gui.inspector.department import DepartmentForm
from gui.inspector.handoff import HandoffForm
from gui.inspector.map_page import MapForm
from gui.inspector.person import PersonForm
from model.document import Document, DocumentError
from model.events import Event

log = logging.getLogger(__name__)


class Inspector(QWidget):
    back_to_map = Signal()  # Enter in a one-line field or Escape: done here, the keys go to the map

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspector")
        self.doc: Document | None = None
        self.stack: QUndoStack | None = None
        self.entity = ""
        self.ids: list[str] = []
        self.parts: dict[str, list[str]] = {}  # several things selected, by kind
        # what the canvas has selected, by kind (the window sets it): a mixed selection is
        # told as ("", []) like nothing selected, and must not show the map's details
        self.selection_source: Callable[[], dict[str, list[str]]] | None = None
        self.person_form = PersonForm()
        self.department_form = DepartmentForm()
        self.handoff_form = HandoffForm()
        self.map_form = MapForm()
        self.pages = QStackedWidget(self)
        for page in (self.map_form, self.person_form, self.department_form, self.handoff_form):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.setMinimumWidth(300)
        self.setEnabled(False)

    # ----- public API --------------------------------------------------------
    def set_document(self, doc: Document | None, stack: QUndoStack | None) -> None:
        """Edit this document (None: nothing), pushing edits on this stack."""
        if self.doc is not None:
            self.doc.unsubscribe(self._on_event)
        self.doc, self.stack = doc, stack
        self.map_form.tally.forget()
        if doc is not None:
            doc.subscribe(self._on_event)
        self.setEnabled(doc is not None)
        self.show_selection("", [])

    def show_selection(self, entity: str, ids: list[str]) -> None:
        """Show the form for what the map has selected: "person" | "department" |
        "handoff" with their ids, or "" for nothing or a mixed selection."""
        ids = list(ids)
        if self.doc is not None:
            try:
                ids = [i for i in ids if i in self.doc.collection(entity)] if entity else ids
            except DocumentError:
                entity, ids = "", []
        parts = {entity: ids} if entity and len(ids) > 1 else {}
        if not entity and not ids and self.selection_source is not None:
            parts = self.selection_source()
        page = self._page_for(entity, ids)
        same = ((entity, set(ids), _as_sets(parts)) == (self.entity, set(self.ids), _as_sets(self.parts))
                and len(ids) == len(self.ids))
        if same and page is self.pages.currentWidget() and page.doc is self.doc:
            page.pull()  # the same selection again: leave the field being typed in alone
            return
        self.entity, self.ids, self.parts = entity, ids, parts
        self.map_form.parts = {kind: list(found) for kind, found in parts.items()}
        page.load(self.doc, self.stack, ids if entity else parts.get("person", []))
        self.pages.setCurrentWidget(page)
        page.verticalScrollBar().setValue(0)  # another item: its name first, not the last one's story

    def recheck_mixed(self) -> None:
        """The canvas's selection settled: a mix that became another mix is told by no signal."""
        if not self.entity and self.selection_source is not None and self.doc is not None:
            self.show_selection("", [])

    def focus_first_field(self) -> bool:
        """Put the cursor in the shown item's main field, its text selected, ready to be typed over."""
        field = self.current_form().first_field()
        if field is None or not field.isEnabled():
            return False
        form = self.current_form()
        form.ensureWidgetVisible(field, 10, 30)  # never type into a field scrolled out of sight
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(field, QLineEdit):
            field.selectAll()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in a one-line field (the name typed after Enter on a card) or Escape anywhere: the
        typing is done (every change is already written), so the arrow keys and Delete work on the
        map again. A story box keeps its Enter for new lines; what a field uses never gets here."""
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape)
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.NoModifier
        if event.key() in keys and plain:
            event.accept()
            self.back_to_map.emit()
            return
        super().keyPressEvent(event)

    def current_form(self) -> EntityForm:
        return self.pages.currentWidget()  # type: ignore[return-value]

    # ----- internals -----------------------------------------------------------
    def _page_for(self, entity: str, ids: list[str]) -> EntityForm:
        if self.doc is None or not ids:
            return self.map_form
        if entity == "person" and len(ids) == 1:
            return self.person_form
        if entity == "department" and len(ids) == 1:
            return self.department_form
        if entity == "handoff" and len(ids) == 1:
            return self.handoff_form
        return self.map_form

    def _on_event(self, event: Event) -> None:
        """Follow a change: a removal's parts, a batch's items (model/events.py) are counted
        one by one, but the shown form is refreshed once per event (a "change all" of 10,000
        people is one refresh, not 10,000)."""
        if self.doc is None:
            return
        parts = event.each()
        for part in parts:
            self.map_form.tally.on_event(part)  # the summary's counts follow even while hidden
        gone = {p.id for p in parts if p.action == "removed" and p.entity == self.entity}
        if gone & set(self.ids):
            remaining = [i for i in self.ids if i not in gone]
            self.show_selection(self.entity if remaining else "", remaining)
            return
        try:
            self.current_form().follow(parts)
        except Exception:  # a refresh must never break an edit in progress
            log.exception("inspector refresh failed on %s", event)


def _as_sets(parts: dict[str, list[str]]) -> dict[str, set[str]]:
    """A selection compared regardless of order (the scene lists selected items in no fixed
    order: a relayout that moved cards must not count as another selection)."""
    return {kind: set(ids) for kind, ids in parts.items()}
