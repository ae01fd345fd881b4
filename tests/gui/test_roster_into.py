"""File > Import Roster into This Map: columns, the merge preview, one undo step; the import
preview's size and title; the template's example people as a choice."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from gui.files.import_dialog import ImportDialog
from gui.files.roster_review import MergeDialog
from gui.files.template_dialog import TemplateDialog
from model.roster.merge import JOIN
from model.storage.serialize import to_data
from model.templates.catalog import build_template

ROSTER = (
    "Work Email,Full Name,Job Title,Department\n"
    "MAYA.LINDQVIST@halvorsen-pumps.example,Maya Lindqvist,Head of Sales,Sales\n"  # a mover (by email)
    "tom.becker@halvorsen-pumps.example,Tom Becker,Contract Administrator,Contract administration\n"
    ",Priya Raman,Legal Manager,Legal\n"  # two rows fit Priya: ambiguous
    ",Priya Raman,Paralegal,Legal\n"
    "new@acme.example,Nia Obi,Analyst,Data office\n"  # a joiner in a new department
)


def on_modals(steps: list[Callable[[QWidget], None]]) -> list[BaseException]:
    """Act on each modal dialog as it opens, in turn (what a person does in each). A failed
    step closes its dialog (a test must fail, not hang) and is returned to be raised."""
    failures: list[BaseException] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or getattr(dialog, "_handled", False):
            QTimer.singleShot(20, act)
            return
        dialog._handled = True  # type: ignore[attr-defined]
        try:
            steps.pop(0)(dialog)
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            failures.append(exc)
            steps.clear()
            dialog.reject()
        if steps:
            QTimer.singleShot(20, act)

    QTimer.singleShot(0, act)
    return failures


def test_a_roster_merged_into_the_open_map_is_one_undo_step(window, qtbot, tmp_path: Path) -> None:
    w = window
    w.set_document(build_template("order-to-cash"), None)
    doc = w.document
    before = to_data(doc)
    people = {p.name: p for p in doc.people.values()}
    maya, priya, grace = people["Maya Lindqvist"], people["Priya Raman"], people["Grace Liu"]
    roster = tmp_path / "hr.csv"
    roster.write_text(ROSTER, "utf-8")
    seen: dict[str, object] = {}

    def columns(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportDialog) and dialog.into is doc
        assert not dialog.title_edit.isVisibleTo(dialog) and dialog.ok_button.text() == "&Next…"
        verdict = "5 records with the map's 15 people: 2 match, 1 new, 2 records to decide"
        assert verdict in dialog.verdict.text()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    def preview(dialog: QWidget) -> None:
        assert isinstance(dialog, MergeDialog)
        assert dialog.tabs.currentIndex() == 3  # the ambiguous records come first
        assert dialog.tabs.tabText(0) == "&Joiners (1)" and dialog.tabs.tabText(1) == "&Movers (1)"
        assert dialog.movers.item(0, 1).text() == "title Account Executive → Head of Sales"
        # 13 colleagues (the customers are not in an HR roster) less Maya, Tom, and Priya (undecided)
        assert dialog.tabs.tabText(2) == "&Leavers (10)"
        dialog.set_choice(4, priya.id)  # line 4 is the Priya of the map ...
        dialog.set_choice(5, JOIN)  # ... and line 5 a new Priya
        assert dialog.tabs.tabText(0) == "&Joiners (2)" and dialog.tabs.tabText(2) == "&Leavers (10)"
        dialog.set_removed(grace.id, True)  # Grace really left: remove her; the others stay "Left?"
        assert "10 leavers (9 kept as “Left?”, 1 removed)" in dialog.summary.text()
        seen["preview"] = dialog
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)

    failures = on_modals([columns, preview])
    undo_steps = w.undo_stack.count()
    done = w.file.import_roster_into(roster)
    if failures:
        raise failures[0]
    assert done
    assert w.undo_stack.count() == undo_steps + 1  # one step, named after the roster
    assert w.undo_stack.undoText() == "Import roster hr.csv"
    after = to_data(doc)
    names = sorted(p.name for p in doc.people.values())
    assert "Grace Liu" not in names and names.count("Priya Raman") == 2 and "Nia Obi" in names
    assert maya.title == "Head of Sales" and maya.story.is_written() and maya.placed  # her work kept
    assert people["Daniel Osei"].left and not maya.left and not priya.left
    nia = next(p for p in doc.people.values() if p.name == "Nia Obi")
    assert not nia.placed and doc.departments[nia.department_id].name == "Data office"
    assert w.is_modified()
    daniel = people["Daniel Osei"]
    w.select_person(daniel.id)  # the inspector shows the mark, and the user may take it off
    box = w.inspector.person_form.left
    assert box.isChecked()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert not daniel.left
    w.undo_stack.undo()
    assert daniel.left
    w.undo_stack.undo()
    assert to_data(doc) == before  # all of it, in one undo
    w.undo_stack.redo()
    assert to_data(doc) == after


def test_the_preview_shows_ten_records_and_the_title_is_the_organisation(qtbot, tmp_path: Path) -> None:
    roster = tmp_path / "export_2026-12.csv"
    extra = [f"Field {c}" for c in range(8)]  # a wide HR export: twelve columns to map
    filler = ",".join(["x"] * 8)
    rows = "".join(f"Person {n},Role {n},Team {n % 3},Acme Pumps Ltd,{filler}\n" for n in range(30))
    roster.write_text("Name,Title,Department,Company," + ",".join(extra) + "\n" + rows, "utf-8")
    dialog = ImportDialog(roster)
    qtbot.addWidget(dialog)
    dialog.resize(920, 740)  # the dialog's own size: fits a 1366x768 laptop screen
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.preview
    assert table.rowCount() == 10
    bottom = table.rowViewportPosition(9) + table.rowHeight(9)
    assert table.rowViewportPosition(0) == 0 and bottom <= table.viewport().height()
    assert dialog.title_edit.text() == "Acme Pumps Ltd"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    doc = dialog.document()
    assert doc is not None and doc.meta.title == doc.meta.organisation == "Acme Pumps Ltd"


def test_new_from_a_template_without_its_example_people(qtbot) -> None:
    dialog = TemplateDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.with_people.isChecked() and dialog.with_people.isEnabled()
    qtbot.mouseClick(dialog.with_people, Qt.MouseButton.LeftButton)
    assert dialog.people() is False and dialog.chosen() == "order-to-cash"
    dialog.select("blank")
    assert not dialog.with_people.isEnabled()  # a blank map has no example people to leave out
    dialog.select("services")
    assert dialog.people() is False
    doc = build_template(dialog.chosen() or "", people=dialog.people())
    assert not doc.people and not doc.handoffs and len(doc.departments) == 11
