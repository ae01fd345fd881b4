"""Arabic typed into any free-text field of the inspector or the coaching dialogs sits at the
right, as it is read (from the first strong character); Latin text at the left. Measured on the
drawn pixels of every visible field, so a field added later without the rule fails here."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from gui.coaching.checkup_dialog import CheckupDialog
from gui.coaching.outreach import LogContactDialog
from gui.coaching.sessions_panel import SessionsPanel
from gui.widgets import right_to_left
from tests.coaching_sample import coaching_doc

ARABIC = "مرحبا بكم"  # "welcome": short, so it sits well inside one half of a field
LATIN = "Hello there"


def free_text_fields(root: QWidget) -> list[QLineEdit | QPlainTextEdit]:
    """The visible, editable text fields under root (not the line edit inside a combo or a date)."""
    fields: list[QLineEdit | QPlainTextEdit] = []
    for field in root.findChildren(QLineEdit) + root.findChildren(QPlainTextEdit):
        if isinstance(field.parent(), (QComboBox, QAbstractSpinBox)) or not field.isVisible():
            continue
        if field.isReadOnly() or not field.isEnabled() or field.width() < 120:
            continue
        fields.append(field)
    return fields


def ink_span(field: QLineEdit | QPlainTextEdit) -> tuple[float, float]:
    """The left and right ends of the drawn text, as fractions of the field's text area."""
    surface = field.viewport() if isinstance(field, QPlainTextEdit) else field
    image = surface.grab().toImage()
    ratio = surface.devicePixelRatioF()
    rect = surface.contentsRect() if isinstance(field, QLineEdit) else surface.rect()
    left, right = int((rect.left() + 3) * ratio), int((rect.right() - 3) * ratio)
    top, bottom = int((rect.top() + 2) * ratio), int(min(rect.bottom() - 2, rect.top() + 26) * ratio)
    ground = image.pixelColor(left, bottom).lightness()
    xs = [x for x in range(left, right) for y in range(top, bottom)
          if abs(image.pixelColor(x, y).lightness() - ground) > 90]
    assert xs, f"no text drawn in {field.objectName() or type(field).__name__}"
    return (min(xs) - left) / (right - left), (max(xs) - left) / (right - left)


def put(field: QLineEdit | QPlainTextEdit, text: str) -> None:
    if isinstance(field, QLineEdit):
        field.setText(text)
    else:
        field.setPlainText(text)
    QApplication.processEvents()


def assert_follows_direction(fields: list[QLineEdit | QPlainTextEdit], where: str) -> None:
    assert fields, where
    for field in fields:
        name = field.placeholderText() or field.accessibleName() or type(field).__name__
        put(field, ARABIC)
        start, _end = ink_span(field)
        assert start > 0.5, f"{where}: Arabic is left-aligned in '{name}'"
        put(field, LATIN)
        _start, end = ink_span(field)
        assert end < 0.5, f"{where}: Latin is right-aligned in '{name}'"


def test_the_first_strong_character_decides() -> None:
    assert right_to_left("لوك (Luc)") and right_to_left("  42 – שלום") and not right_to_left("Luc لوك")
    assert not right_to_left("") and not right_to_left("123 …")


@pytest.mark.parametrize("entity, ids", [
    ("person", ["luc"]), ("department", ["legal"]), ("handoff", ["h1"]), ("", []),
])
def test_every_inspector_field(window, qtbot, entity, ids) -> None:
    w = window
    w.inspector.show_selection(entity, ids)
    page = w.inspector.current_form()
    page.resize(page.width(), 3000)  # every field on screen (the page scrolls in a real dock)
    page.widget().resize(page.widget().width(), 3000)
    QApplication.processEvents()
    assert_follows_direction(free_text_fields(page), entity or "map")
    w.undo_stack.setClean()


def shown(qtbot, widget, width: int, height: int):
    """The widget on screen at this size, as a person sees it."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_sessions_panel(qtbot) -> None:
    doc, _ids = coaching_doc()
    panel = shown(qtbot, SessionsPanel(doc, QUndoStack()), 900, 900)
    fields = free_text_fields(panel)
    assert {panel.title_edit, panel.notes_edit, panel.new_text, panel.new_owner} <= set(fields)
    assert_follows_direction(fields, "sessions")


def test_the_check_up_dialog_and_renaming_a_statement(qtbot) -> None:
    doc, _ids = coaching_doc()
    dlg = shown(qtbot, CheckupDialog(doc, QUndoStack()), 1000, 800)
    fields = free_text_fields(dlg)
    assert {dlg.new_statement, dlg.note} <= set(fields)
    sid = next(iter(dlg.statement_rows))
    dlg.start_rename(sid)
    QApplication.processEvents()
    assert dlg.editor is not None
    assert_follows_direction([*fields, dlg.editor], "check-up")


def test_the_log_contact_dialog(qtbot) -> None:
    doc, _ids = coaching_doc()
    dlg = shown(qtbot, LogContactDialog(doc, QUndoStack(), next(iter(doc.people))), 500, 200)
    assert_follows_direction(free_text_fields(dlg), "log contact")


def test_the_step_through_note(window, qtbot) -> None:
    panel = window.coaching.open_stepthrough()
    qtbot.waitExposed(panel)
    panel.resize(max(panel.width(), 600), max(panel.height(), 500))
    QApplication.processEvents()
    assert panel.note_edit in free_text_fields(panel)
    assert_follows_direction([panel.note_edit], "step-through")
    window.undo_stack.setClean()
