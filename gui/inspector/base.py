"""The base of every inspector form: a scrolling page of bound fields that
writes through undo commands and pulls document changes back in."""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gui.commands import UpdateCommand
from gui.inspector.bindings import Binding, UndoRouter
from gui.undo_push import push as push_edit
from gui.widgets import follow_direction
from model.document import Document, DocumentError
from model.events import Event

log = logging.getLogger(__name__)


class EntityForm(QScrollArea):
    """One page of the inspector. Subclasses build their fields in `build()`,
    register bindings with `bind()` and say which events concern them."""

    entity = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self.stack: QUndoStack | None = None
        self.ids: list[str] = []
        self.bindings: list[Binding] = []
        self.router = UndoRouter(lambda: self.stack, self)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field, not to the page
        self.body = QWidget()
        self.body.setObjectName("inspectorBody")
        self.column = QVBoxLayout(self.body)
        self.column.setContentsMargins(10, 10, 10, 10)
        self.column.setSpacing(8)
        self.setWidget(self.body)

    # ----- building ------------------------------------------------------
    def form_layout(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        return form

    def bind(self, binding: Binding) -> Binding:
        self.bindings.append(binding)
        widget = binding.widget
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            widget.installEventFilter(self.router)
            follow_direction(widget)
        return binding

    # ----- showing -------------------------------------------------------
    def load(self, doc: Document | None, stack: QUndoStack | None, ids: list[str]) -> None:
        """Show these items; every field is filled afresh."""
        self.doc, self.stack, self.ids = doc, stack, list(ids)
        self.rebuild_choices()
        self.pull(force=True)

    def rebuild_choices(self) -> None:
        """Refill combos whose choices come from the document (departments ...)."""

    def pull(self, force: bool = False) -> None:
        if self.doc is None:
            return
        for binding in self.bindings:
            binding.pull(force)
        self.refresh_extras()

    def refresh_extras(self) -> None:
        """Labels and enabled states that are not bindings."""

    def first_field(self) -> QWidget | None:
        """The field a person most likely wants to type in first (a name, what is handed over)."""
        for name in ("name", "what", "title"):
            widget = getattr(self, name, None)
            if isinstance(widget, QLineEdit):
                return widget
        return None

    def concerns(self, event: Event) -> bool:
        """Does this event change anything this form shows?"""
        return event.entity == self.entity and event.id in self.ids

    def on_event(self, event: Event) -> None:
        self.follow((event,))

    def follow(self, events: Sequence[Event]) -> None:
        """Show what these changes (one edit, item by item) did: choices rebuilt and fields
        pulled at most once, however many items the edit touched."""
        if self.doc is None:
            return
        rebuild = any(self.choices_affected(e) for e in events)
        if rebuild:
            self.rebuild_choices()
        if rebuild or any(self.concerns(e) for e in events):
            self.pull()

    def choices_affected(self, event: Event) -> bool:
        return False

    # ----- writing -------------------------------------------------------
    def push(self, command: QUndoCommand) -> None:
        """Push an edit once; a refused one changes nothing and is said in the status bar (not in
        a box: a refusal while typing must not steal the keyboard)."""
        if self.stack is None:
            log.warning("inspector has no undo stack; edit ignored")
            return
        try:
            push_edit(self.stack, command)
        except DocumentError as exc:
            window = self.window()
            if isinstance(window, QMainWindow):
                text = str(exc)
                window.statusBar().showMessage(text[:1].upper() + text[1:], 8000)

    def item(self) -> Any:
        """The one item shown (raises DocumentError if it is gone)."""
        if self.doc is None or not self.ids:
            raise DocumentError("nothing is shown")
        return self.doc.get(self.entity, self.ids[0])

    def field(self, name: str) -> Any:
        return getattr(self.item(), name)

    def push_update(self, changes: dict[str, Any], text: str = "", merge: bool = False) -> None:
        """Push an UpdateCommand for the shown item."""
        if self.doc is None or not self.ids:
            return
        self.push(UpdateCommand(self.doc, self.entity, self.ids[0], changes, text, merge=merge))

    def getter(self, name: str) -> Callable[[], Any]:
        """A read callback for a binding: one field of the shown item."""

        def read() -> Any:
            return self.field(name)

        return read

    def setter(self, name: str, text: str, merge: bool = True) -> Callable[[Any], None]:
        """A write callback for a binding: one field of the shown item."""

        def write(value: Any) -> None:
            self.push_update({name: value}, text, merge=merge)

        return write
