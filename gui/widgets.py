"""Small shared widgets and the field bindings the inspector forms are built from.

A binding ties one editor widget to one value of the document: the user's edit
is written through a callback (which pushes an undo command) and document
events pull the value back in *only if it differs*, keeping the cursor where
it was, so an undo/redo never fights the field being typed in.
"""
from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QPixmap,
    QUndoStack,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QToolButton,
    QWidget,
)

from model.document import DocumentError
from model.naming import counted  # noqa: F401  (gui modules import it from here)

log = logging.getLogger(__name__)

TextWidget = QLineEdit | QPlainTextEdit


def colour_icon(colour: str, size: int = 12) -> QIcon:
    """A small filled circle, e.g. a department's colour in a combo."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(colour).darker(130))
    painter.setBrush(QColor(colour))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pix)


def rows_height(view: QTableView, rows: int) -> int:
    """The height a table needs to show its header and `rows` whole rows (and a horizontal
    scroll bar, should the columns not fit): a floor so a squeezed panel still shows a list."""
    header = view.horizontalHeader()
    header_h = 0 if header.isHidden() else header.sizeHint().height()
    bar = view.horizontalScrollBar().sizeHint().height()
    return header_h + rows * view.verticalHeader().defaultSectionSize() + 2 * view.frameWidth() + bar


def lines_height(edit: QPlainTextEdit, lines: int) -> int:
    """The height a text box needs to show `lines` lines of its font."""
    margins = edit.contentsMargins()
    document_margin = 2 * int(edit.document().documentMargin())
    return (edit.fontMetrics().lineSpacing() * lines + document_margin + margins.top() + margins.bottom()
            + 2 * edit.frameWidth())


def right_to_left(text: str) -> bool:
    """Whether text starts (its first strong character) in a right-to-left script."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def follow_direction(edit: TextWidget) -> None:
    """Arabic or Hebrew typed into a free-text field sits at the right, as it is read, from the
    first strong character on (QPlainTextEdit otherwise sets every paragraph at the left).

    The right is absolute: Qt mirrors a plain AlignRight for right-to-left text, back to the left."""
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute

    def align(*_args: object) -> None:
        text = edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()
        side = right if right_to_left(text) else Qt.AlignmentFlag.AlignLeft
        if isinstance(edit, QLineEdit):
            if edit.alignment() & ~Qt.AlignmentFlag.AlignVertical_Mask != side:
                edit.setAlignment(side | Qt.AlignmentFlag.AlignVCenter)
            return
        option = edit.document().defaultTextOption()
        if option.alignment() != side:
            option.setAlignment(side)
            edit.document().setDefaultTextOption(option)

    if edit.property("followsDirection"):
        return
    edit.setProperty("followsDirection", True)
    edit.textChanged.connect(align)
    align()


def muted(widget: QWidget) -> QColor:
    """The palette's colour for secondary text (follows light and dark themes)."""
    return widget.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText)


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A short, smaller, muted line of guidance under a field."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names a user typed are never read as markup
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    font = label.font()
    font.setPointSizeF(max(font.pointSizeF() * 0.9, 7.0))
    label.setFont(font)
    return label


def heading_label(text: str, parent: QWidget | None = None, scale: float = 1.25) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


class GrowingTextEdit(QPlainTextEdit):
    """A multi-line field that grows with its text between `min_lines` and
    `max_lines` (then scrolls), so short answers stay compact and a long story
    does not hide in a tiny box; the surrounding form scrolls instead."""

    def __init__(self, min_lines: int = 3, max_lines: int = 16, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.min_lines, self.max_lines = min_lines, max(max_lines, min_lines)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(lambda _size: self._fit())
        self._fit()

    def _fit(self) -> None:
        lines = int(self.document().size().height())  # a plain-text layout measures in lines
        shown = max(self.min_lines, min(self.max_lines, lines))
        height = lines_height(self, shown)
        if height != self.height():
            self.setFixedHeight(height)


def text_area(
    placeholder: str = "", lines: int = 4, parent: QWidget | None = None, max_lines: int = 14
) -> QPlainTextEdit:
    """A multi-line field at least `lines` tall, where Tab moves on instead of typing a tab, and
    Arabic sits at the right."""
    edit = GrowingTextEdit(lines, max_lines, parent)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    follow_direction(edit)
    return edit


class FormComboBox(QComboBox):
    """A combo in a scrolling form: the mouse wheel scrolls the form unless the
    combo has focus, so scrolling past it never changes a person's department."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class FormSpinBox(QSpinBox):
    """A spin box in a scrolling form (see FormComboBox)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


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


class SwatchRow(QWidget):
    """The department palette as a row of round buttons, plus "Other…" for any colour."""

    colourChosen = Signal(str)
    otherRequested = Signal()

    def __init__(self, colours: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        per_row = (len(colours) + 1) // 2  # two rows keep a narrow inspector narrow
        self.buttons: dict[str, QToolButton] = {}
        for i, colour in enumerate(colours):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setIcon(colour_icon(colour, 16))
            button.setIconSize(QSize(16, 16))
            button.setToolTip(colour)
            button.setAccessibleName(f"Colour {colour}")
            button.clicked.connect(lambda _=False, c=colour: self.colourChosen.emit(c))
            layout.addWidget(button, i // per_row, i % per_row)
            self.buttons[colour.upper()] = button
        self.other = QToolButton(self)
        self.other.setText("Other…")
        self.other.setToolTip("Choose any colour")
        self.other.clicked.connect(self.otherRequested)
        layout.addWidget(self.other, 0, per_row, 2, 1)
        layout.setColumnStretch(per_row + 1, 1)

    def show_colour(self, colour: str) -> None:
        key = colour.upper()
        for name, button in self.buttons.items():
            button.setChecked(name == key)
        self.other.setIcon(QIcon() if key in self.buttons else colour_icon(colour, 16))
