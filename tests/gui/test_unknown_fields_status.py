"""Opening a map with fields this version does not know says so in the status bar, and saving from
the app keeps them (model/storage/unknown.py)."""
from __future__ import annotations

import json
from pathlib import Path

from canvas_fixtures import sample_map

from model.storage.store import save


def test_the_status_bar_says_the_unknown_fields_are_kept_and_save_keeps_them(window, tmp_path: Path) -> None:
    path = tmp_path / "newer.cwalk"
    save(sample_map(), path)
    tables = json.loads(path.read_text("utf-8"))
    tables["people"]["1"]["pronouns"] = "they/them"
    path.write_text(json.dumps(tables), "utf-8")
    assert window.open_path(path, ask=False)
    message = window.statusBar().currentMessage()
    assert "does not know ('pronouns')" in message and "kept as they are" in message
    assert window.save()
    assert json.loads(path.read_text("utf-8"))["people"]["1"]["pronouns"] == "they/them"
