"""The window's autosave, encoded from what changed since its last write, is byte for byte what
encoding the whole map writes, after typing, moving, deleting and undoing (issue 19)."""
from __future__ import annotations

import json

from PySide6.QtCore import Qt

from model.storage.recovery import RECORD_TABLE
from model.storage.serialize import to_data
from model.storage.store import encode_tables, load, tables_of


def assert_autosave_is_a_full_save(window) -> None:
    guard = window.guard
    assert guard.autosave_now(wait=True)
    raw = guard.snapshot_file.read_bytes()
    record = json.loads(raw)[RECORD_TABLE]
    assert raw == encode_tables({**tables_of(to_data(window.document)), RECORD_TABLE: record})
    assert to_data(load(guard.snapshot_file)) == to_data(window.document)


def test_the_autosave_follows_edits_and_undos_byte_for_byte(window, qtbot):
    doc = window.document
    pid = next(p for p in doc.people if doc.people[p].placed)
    window.scene.select_ids([pid], centre=False)
    field = window.inspector.person_form.name
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "Ann <&> Lee")
    field.insert(" 李 عقد 🧾")  # QTest.keyClicks cannot type these
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert doc.people[pid].name == "Ann <&> Lee 李 عقد 🧾"
    assert_autosave_is_a_full_save(window)

    window.edit.do_nudge(40.0, 0.0)  # the selected card moves
    assert_autosave_is_a_full_save(window)

    window.edit.do_delete()  # the card and its hand-offs go
    assert pid not in doc.people
    assert_autosave_is_a_full_save(window)

    window.undo_stack.undo()  # ... and come back in their places
    assert pid in doc.people
    assert_autosave_is_a_full_save(window)

    while window.undo_stack.canUndo():
        window.undo_stack.undo()
        if window.undo_stack.isClean():
            break
        assert_autosave_is_a_full_save(window)
    window.undo_stack.redo()
    assert_autosave_is_a_full_save(window)
