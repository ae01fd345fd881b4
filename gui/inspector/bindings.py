"""The field bindings the inspector forms are built from.

A binding ties one editor widget to one value of the document: the user's edit
is written through a callback (which pushes an undo command) and document
events pull the value back in *only if it differs*, keeping the cursor where
it was, so an undo/redo never fights the field being typed in. `UndoRouter`
sends Ctrl+Z in a field to the document's one history.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QIcon, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox

from gui.widgets import TextWidget
from model.document import DocumentError

log = logging.getLogger(__name__)


class UndoRouter(QObject):
    """Sends Ctrl+Z / Ctrl+Shift+Z in a text field to the document's undo stack,
    so there is one history: a field's own undo would bypass the document."""

    def __init__(self, stack_of: Callable[[], QUndoStack | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stack_of = stack_of

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(event, QKeyEvent):
            undo = event.matches(QKeySequence.StandardKey.Undo)
            redo = event.matches(QKeySequence.StandardKey.Redo)
            if undo or redo:
                event.accept()
                if kind == QEvent.Type.KeyPress:
                    stack = self._stack_of()
                    if stack is not None:
                        (stack.undo if undo else stack.redo)()
                return True
        return False


class TextBinding:
    """A QLineEdit or QPlainTextEdit bound to one text value of the document.

    `parse` turns the widget's text into the model value and `fmt` back, so
    fields like "KPIs, one per line" compare by meaning: typing a new line
    that does not change the list yet is never undone by a refresh.
    """

    def __init__(
        self,
        widget: TextWidget,
        read: Callable[[], Any],
        write: Callable[[Any], None],
        parse: Callable[[str], Any] | None = None,
        fmt: Callable[[Any], str] | None = None,
    ) -> None:
        self.widget = widget
        self._read, self._write = read, write
        self._parse = parse or (lambda text: text)
        self._fmt = fmt or (lambda value: "" if value is None else str(value))
        self._pulling = False
        widget.textChanged.connect(self._changed)

    def text(self) -> str:
        w = self.widget
        return w.text() if isinstance(w, QLineEdit) else w.toPlainText()

    def _changed(self, *_: Any) -> None:
        if self._pulling:
            return
        value = self._parse(self.text())
        try:
            current = self._read()
        except Exception:  # the item went away under us; nothing to write to
            log.debug("binding has nothing to write to", exc_info=True)
            return
        if value != current:
            self._write(value)

    def pull(self, force: bool = False) -> None:
        """Show the document's value; leave the field alone if it already says that."""
        try:
            value = self._read()
        except Exception:
            log.debug("binding has nothing to read", exc_info=True)
            return
        if not force and self._parse(self.text()) == value:
            return
        text = self._fmt(value)
        self._pulling = True
        try:
            w = self.widget
            if isinstance(w, QLineEdit):
                pos = w.cursorPosition()
                w.setText(text)
                w.setCursorPosition(min(pos, len(text)) if w.hasFocus() else 0)
            else:
                cursor_pos = w.textCursor().position()
                scroll = w.verticalScrollBar().value()
                w.setPlainText(text)
                if w.hasFocus():
                    cursor = w.textCursor()
                    cursor.setPosition(min(cursor_pos, len(text)))
                    w.setTextCursor(cursor)
                    w.verticalScrollBar().setValue(scroll)
        finally:
            self._pulling = False


class ComboBinding:
    """A QComboBox whose item data is the model value."""

    def __init__(self, combo: QComboBox, read: Callable[[], Any], write: Callable[[Any], None]) -> None:
        self.widget = combo
        self._read, self._write = read, write
        self._pulling = False
        combo.currentIndexChanged.connect(self._changed)

    def _changed(self, index: int) -> None:
        if self._pulling or index < 0:
            return
        value = self.widget.itemData(index)
        try:
            if value != self._read():
                self._write(value)
        except Exception:
            log.debug("combo binding has nothing to write to", exc_info=True)

    def pull(self, force: bool = False) -> None:
        try:
            value = self._read()
        except DocumentError:
            return
        index = self.widget.findData(value)
        if index != self.widget.currentIndex() or force:
            self._pulling = True
            try:
                self.widget.setCurrentIndex(index)
            finally:
                self._pulling = False

    def set_items(self, items: list[tuple[str, Any, QIcon | None]]) -> None:
        """Replace the choices (e.g. departments changed) without writing anything."""
        self._pulling = True
        try:
            self.widget.clear()
            for label, data, icon in items:
                if icon is None:
                    self.widget.addItem(label, data)
                else:
                    self.widget.addItem(icon, label, data)
        finally:
            self._pulling = False
        self.pull(force=True)


class _ValueBinding:
    """A widget holding one plain value (a tick, a number) kept in step with the document."""

    convert: Callable[[Any], Any] = staticmethod(lambda v: v)

    def __init__(self, widget: Any, signal: Any, show: Callable[[Any], None], current: Callable[[], Any],
                 read: Callable[[], Any], write: Callable[[Any], None]) -> None:
        self.widget = widget
        self._show, self._current = show, current
        self._read, self._write = read, write
        self._pulling = False
        signal.connect(self._changed)

    def _changed(self, value: Any) -> None:
        if self._pulling:
            return
        try:
            if self.convert(value) != self.convert(self._read()):
                self._write(self.convert(value))
        except Exception:
            log.debug("%s has nothing to write to", type(self).__name__, exc_info=True)

    def pull(self, force: bool = False) -> None:
        try:
            value = self.convert(self._read())
        except DocumentError:
            return
        if force or self.convert(self._current()) != value:
            self._pulling = True
            try:
                self._show(value)
            finally:
                self._pulling = False


class CheckBinding(_ValueBinding):
    convert = staticmethod(bool)

    def __init__(self, box: QCheckBox, read: Callable[[], bool], write: Callable[[bool], None]) -> None:
        super().__init__(box, box.toggled, box.setChecked, box.isChecked, read, write)


class SpinBinding(_ValueBinding):
    convert = staticmethod(int)

    def __init__(self, spin: QSpinBox, read: Callable[[], int], write: Callable[[int], None]) -> None:
        super().__init__(spin, spin.valueChanged, spin.setValue, spin.value, read, write)


Binding = TextBinding | ComboBinding | CheckBinding | SpinBinding
