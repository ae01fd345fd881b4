"""The roster import's preview shows values whole: every column was 100 pixels wide, so a title
like "Senior Contract Administrator" read "Senior Contrac…" beside half a dialog of empty space."""
from __future__ import annotations

from pathlib import Path

from gui.files.import_dialog import ImportDialog

CAP = 260  # pixels: a longer value may be cut (gui.widgets.fit_columns)

ROSTER = (
    "First Name,Last Name,Job Title,Dept,Work Email\n"
    "Tom,Becker,Senior Contract Administrator,Contract administration,tom.becker@halvorsen-pumps.example\n"
    "Ana,Lind,Buyer,Procurement,ana@halvorsen-pumps.example\n"
)


def test_the_preview_shows_each_value_whole(qtbot, tmp_path: Path):
    path = tmp_path / "hr.csv"
    path.write_text(ROSTER, encoding="utf-8")
    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 740)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.preview
    metrics = table.fontMetrics()
    for column in range(table.columnCount() - 1):  # the last column stretches over what is left
        text = table.item(0, column).text()
        wanted = min(metrics.horizontalAdvance(text), CAP - 20)
        assert table.columnWidth(column) >= wanted, text
    used = sum(table.columnWidth(c) for c in range(table.columnCount()))
    assert used >= table.viewport().width() - 2  # no empty strip to the right
