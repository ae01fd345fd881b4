"""Small shared widgets: labels, growing text areas, form combos and spin boxes that leave the wheel to
the page, colour swatches, the focus ring round the canvas, and the rules every free-text field
keeps (Arabic at the right, sizes in rows and lines). The inspector's field bindings are in
gui/inspector/bindings.py.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable

import shiboken6
from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QHelpEvent,
    QIcon,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QRegion,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QDockWidget,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QTableView,
    QToolButton,
    QToolTip,
    QWidget,
)

from model.naming import counted  # noqa: F401  (gui modules import it from here)
from model.textdir import base_is_rtl

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


right_to_left = base_is_rtl  # whether a text starts (first strong character) right to left


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
    combo has focus, so scrolling past it never changes a person's department. In a narrow
    dock a long choice ends with "…" (whole in the tooltip) instead of being cut mid-word."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)  # a long department name never widens the dock

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()

    def _label(self) -> tuple[QStyleOptionComboBox, str]:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        room = field.width() - (option.iconSize.width() + 4 if not option.currentIcon.isNull() else 0)
        return option, self.fontMetrics().elidedText(option.currentText, Qt.TextElideMode.ElideRight,
                                                     max(room, 0))

    def shown_text(self) -> str:
        """The current choice as it is drawn (cut with "…" when the combo is too narrow)."""
        return self._label()[1]

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            option, text = self._label()
            if text != option.currentText:  # cut: the whole choice first, then the combo's own tip
                tip = "\n".join(t for t in (option.currentText, self.toolTip()) if t)
                QToolTip.showText(event.globalPos(), tip, self)
                return True
        return super().event(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        option, text = self._label()
        option.currentText = text
        painter = QStylePainter(self)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


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


def enter_presses(button: QPushButton, helpers: Iterable[QPushButton] = ()) -> None:
    """Make Enter in a dialog press `button` (call it once the button is inside the dialog: Qt
    registers a default button with its dialog only then; set earlier, Enter fell to the first
    button in the tab order, such as Browse… or Keep All Ours). `helpers` never take Enter."""
    button.setDefault(False)
    button.setDefault(True)
    for helper in helpers:
        helper.setAutoDefault(False)


def dock_toggle(dock: QDockWidget, text: str) -> QAction:
    """The dock's show/hide action for the View menu, named with an Alt+letter of its own
    (the dock's title has none, and its title bar must not show the '&')."""
    action = dock.toggleViewAction()
    action.setText(text)
    return action


def one_line(text: str, limit: int = 120) -> str:
    """User text for a list cell: control characters and runs of spaces shown as one space, long
    text cut with an ellipsis."""
    flat = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def menu_text(text: str, limit: int = 60) -> str:
    """User text (a name, a file name, an undo step naming someone) inside a menu item: one short
    line, and an '&' shown as itself rather than taken as the item's Alt+letter."""
    return one_line(text, limit).replace("&", "&&")


def fit_columns(table: QTableView, cap: int = 260) -> None:
    """Each column as wide as its values up to `cap` pixels (a longer value is cut; its cell's
    tooltip has it whole), and the last column takes the room left."""
    table.horizontalHeader().setStretchLastSection(True)
    table.resizeColumnsToContents()
    for column in range(table.model().columnCount()):
        table.setColumnWidth(column, min(table.columnWidth(column), cap))


class FocusRing(QObject):
    """A ring of the highlight colour round a scroll area's viewport while the keyboard is in it
    (the canvas has no frame, so without it nothing showed where Tab had put the focus). It is
    painted in margins kept round the viewport, never over it: nothing covers the viewport, so
    scrolling still moves its pixels instead of repainting them."""

    def __init__(self, area: QAbstractScrollArea, width: int = 2,
                 rest: QPalette.ColorRole = QPalette.ColorRole.Window) -> None:
        super().__init__(area)
        self.area, self.width, self.rest = area, width, rest  # rest: the colour without the focus
        area.setViewportMargins(width, width, width, width)
        area.installEventFilter(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)

    def shown(self) -> bool:
        """True while the focus is in the area (its viewport, or an editor open on it)."""
        focus = QApplication.focusWidget()
        return focus is not None and (focus is self.area or self.area.isAncestorOf(focus))

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        if not shiboken6.isValid(self.area):
            return
        if any(w is not None and shiboken6.isValid(w) and (w is self.area or self.area.isAncestorOf(w))
               for w in (old, new)):
            self.area.update(self._ring())

    def _ring(self) -> QRegion:
        inner = self.area.viewport().geometry()
        outer = inner.adjusted(-self.width, -self.width, self.width, self.width)
        return QRegion(outer).subtracted(QRegion(inner))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.area and event.type() == QEvent.Type.Paint:
            painter = QPainter(self.area)
            palette = self.area.palette()
            role = QPalette.ColorRole.Highlight if self.shown() else self.rest
            painter.setClipRegion(self._ring())
            painter.fillRect(self.area.rect(), palette.color(role))
            painter.end()
        return super().eventFilter(obj, event)


def dialog_size(dialog: QWidget, width: int, height: int) -> QSize:
    """A dialog's first size: `width` x `height`, or less on a small screen, so that its buttons
    are never below the screen's edge (a 920x740 import dialog on a 1024x640 laptop hid Next)."""
    owner = dialog.parentWidget()
    screen = (owner.window() if owner is not None else dialog).screen()
    if screen is None:
        return QSize(width, height)
    area = screen.availableGeometry()
    return QSize(min(width, area.width() - 24), min(height, area.height() - 48))  # room for a frame


class FocusFirstRow(QObject):
    """A list given the keys with no current row shows where they are: its first row becomes
    current (drawn with the focus frame, not selected, so nothing is chosen by it). Without
    it, Tab into the findings showed nothing at all."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        view.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.view and event.type() == QEvent.Type.FocusIn:
            model, chosen = self.view.model(), self.view.selectionModel()
            if model is not None and chosen is not None and not chosen.currentIndex().isValid():
                first = model.index(0, 0)
                if first.isValid():
                    chosen.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        return super().eventFilter(obj, event)
