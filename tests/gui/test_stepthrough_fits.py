"""The step-through window never starts wider or taller than the screen: with no window manager
to make it full screen (a kiosk, a bare X session), 1280x800 on a 1024x640 laptop cut off the
questions to ask and the notes."""
from __future__ import annotations

from PySide6.QtGui import QUndoStack

from gui.coaching.stepthrough import StepThrough
from tests.coaching_sample import coaching_doc


def test_the_step_through_starts_within_the_screen(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc, _ids = coaching_doc()
    w = StepThrough(doc, QUndoStack())
    qtbot.addWidget(w)
    area = w.screen().availableGeometry()
    least = w.minimumSizeHint()  # (it cannot be smaller than its least size)
    assert w.width() <= max(area.width(), least.width())
    assert w.height() <= max(area.height(), least.height())
    assert w.width() < 1280 or area.width() >= 1280
