"""A blank map has no walk: the insights panel says what to do first, not that the walk is sound."""
from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from model.analysis.insights import analyse
from model.templates.catalog import build_template

sys.path.insert(0, str(Path(__file__).parent))
from panels_fixtures import TODAY, insights_panel, small_map


@pytest.fixture
def panel(qtbot):
    return insights_panel(qtbot)


def test_a_blank_map_says_there_is_no_walk_yet(panel, qtbot):
    with qtbot.waitSignal(panel.reportReady, timeout=10000):
        panel.set_document(build_template("blank"))
    text = panel.status.text()
    assert "looks sound" not in text
    assert "no walk yet" in text and "hand-offs" in text
    assert panel.status.isVisible()


def test_a_real_walk_without_findings_still_looks_sound(panel, qtbot):
    doc = small_map()
    with qtbot.waitSignal(panel.reportReady, timeout=10000):
        panel.set_document(doc)
    assert panel.report is not None and panel.report.walk  # a real walk ...
    clean = dataclasses.replace(analyse(doc, today=TODAY), findings=[])  # ... with nothing wrong in it
    panel._show(clean)
    assert panel.status.text() == "Nothing found: the walk looks sound."
