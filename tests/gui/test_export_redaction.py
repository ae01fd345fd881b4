"""File > Export with "Redact names": the dialog says what redaction may miss BEFORE
exporting, offers to redact organisation names too, and the file names nobody."""
from __future__ import annotations

import re
from pathlib import Path

from test_export_dialog import boxes, make_window, open_dialog, opened, press_export, tick, type_target

from gui.files.export_runner import DONE
from model.example import build_example

__all__ = ["boxes", "opened"]  # fixtures, used by name


def test_redaction_warning_before_export_and_organisations(qtbot, tmp_path, monkeypatch, boxes, opened):
    doc = build_example()
    w = make_window(qtbot, tmp_path, monkeypatch, doc)
    dialog = open_dialog(qtbot, w, "csv")
    panel = dialog.redaction.warning_frame
    assert not panel.isVisible() and not dialog.orgs_box.isEnabled()
    tick(qtbot, dialog.redact_box)
    qtbot.waitUntil(panel.isVisible)  # shown as soon as Redact names is ticked, before Export
    said = dialog.redaction.warning_label.text()
    assert "Jordan Ellis" in said and "\u201cGrace\u201d" in said and "Organisation" not in said
    assert dialog.orgs_box.isEnabled()
    tick(qtbot, dialog.orgs_box)
    assert "Organisation names are replaced" in dialog.redaction.warning_label.text()
    target = tmp_path / "out" / "roster.csv"
    target.parent.mkdir()
    type_target(qtbot, dialog, target)
    outcome = press_export(qtbot, w, dialog)
    assert outcome.status == DONE, outcome.message
    assert outcome.job.redact and outcome.job.redact_orgs
    text = Path(target).read_text("utf-8-sig")
    words = {x for p in doc.people.values() for x in re.findall(r"\w+", p.name)}
    for word in [*words, "Halvorsen", "Riverside", "FreightLine", "ProInstall"]:
        assert not re.search(rf"(?<!\w){word}(?!\w)", text, re.IGNORECASE), word
    assert "Customer A" in text
    again = open_dialog(qtbot, w, None)  # the choices are remembered for this map
    assert again.redact_box.isChecked() and again.orgs_box.isChecked()
    assert again.redaction.warning_frame.isVisible()
    tick(qtbot, again.redact_box)
    assert not again.orgs_box.isEnabled() and not again.redaction.warning_frame.isVisible()
    again.reject()
