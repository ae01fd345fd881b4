"""The roster import dialog: detected mapping, corrections, line-numbered problems."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from gui.files.import_dialog import ImportDialog


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


HR_EXPORT = (
    "Employee ID,First Name,Last Name,Job Title,Dept,Work Email,Manager,Unit Name,Favourite Colour\n"
    "1,Dana,Lee,Contract admin,Legal,dana@example.com,,Contracts,green\n"
    "2,Sam,Øster,Engineer,Engineering,sam@example.com,1,Specs,blue\n"
    "3,华,李,Buyer,Procurement,li@example.com,1,Purchasing,\n"
)


def messages(dialog: ImportDialog) -> list[str]:
    return [dialog.messages.item(i).text() for i in range(dialog.messages.count())]


def test_detected_mapping_is_shown_and_imports(qtbot, tmp_path):
    dialog = ImportDialog(write(tmp_path, "acme_roster.csv", HR_EXPORT))
    qtbot.addWidget(dialog)
    dialog.show()
    assert [dialog.combos[i].currentData() for i in range(9)] == [
        "id", "first_name", "last_name", "title", "department", "email", "reports_to", "extra", "extra",
    ]
    assert dialog.combos[1].currentText() == "First name"
    assert dialog.preview.rowCount() == 3
    assert dialog.preview.item(2, 1).text() == "华"
    assert dialog.preview.verticalHeaderItem(0).text() == "2"  # file line of the first record
    assert dialog.ok_button.isEnabled()
    assert any("Unit Name" in m for m in messages(dialog))  # kept as extra: a warning
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    doc = dialog.document()
    assert doc is not None and doc.meta.title == "acme roster"
    assert sorted(p.name for p in doc.people.values()) == ["Dana Lee", "Sam Øster", "李华"]
    assert sorted(d.name for d in doc.departments.values()) == ["Engineering", "Legal", "Procurement"]


def test_correcting_a_column_changes_the_result(qtbot, tmp_path):
    dialog = ImportDialog(write(tmp_path, "acme.csv", HR_EXPORT))
    qtbot.addWidget(dialog)
    # "Unit Name" is the real department here: pick it in its combo
    combo = dialog.combos[7]
    combo.setCurrentIndex(combo.findData("department"))
    assert dialog.combos[4].currentData() == "extra"  # "Dept" gave the field up
    assert "→ Department" in dialog.preview.horizontalHeaderItem(7).text()
    dialog.set_column(8, "ignore")
    qtbot.keyClicks(dialog.title_edit, " & partners")
    dialog.accept()
    doc = dialog.document()
    assert sorted(d.name for d in doc.departments.values()) == ["Contracts", "Purchasing", "Specs"]
    dana = next(p for p in doc.people.values() if p.name == "Dana Lee")
    assert dana.extra == {"Dept": "Legal"}
    assert doc.meta.title == "acme & partners"


def test_a_bad_roster_shows_every_problem_with_its_line(qtbot, tmp_path):
    text = (
        "name,title,stage,hands_off_to\n"
        "Ana,Sales,sell,Luc\n"
        "Luc,Legal,negotiate,\n"
        ",Nameless,,\n"
        "\"Multi\nline\",Ops,build,Nobody Here\n"
    )
    dialog = ImportDialog(write(tmp_path, "bad.csv", text))
    qtbot.addWidget(dialog)
    dialog.show()
    found = messages(dialog)
    assert any(m.startswith("line 3: unknown stage") for m in found)
    assert any(m.startswith("line 4: no name") for m in found)
    assert any(m.startswith("line 5:") and "Nobody Here" in m for m in found)
    lines = [int(m.split(":")[0].split()[1]) for m in found]
    assert lines == sorted(lines)  # listed in file order
    assert not dialog.ok_button.isEnabled()
    assert "problems to fix" in dialog.verdict.text()
    dialog.accept()  # Enter must not slip through either
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.document() is None
    # ignoring the stage column removes that problem only
    dialog.set_column(2, "ignore")
    found = messages(dialog)
    assert not any(m.startswith("line 3:") for m in found)
    assert any(m.startswith("line 4: no name") for m in found)
    assert not dialog.ok_button.isEnabled()


def test_a_file_that_is_no_roster(qtbot, tmp_path):
    path = tmp_path / "picture.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    assert messages(dialog) and "PNG" in messages(dialog)[0]
    assert not dialog.ok_button.isEnabled()
    assert dialog.mapping.rowCount() == 0
