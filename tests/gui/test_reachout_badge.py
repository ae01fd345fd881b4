"""The card's "Stale" badge follows each person's keep-in-touch cadence (issue 20: the next
reach-out is the last contact plus the cadence), and "you" is never due nor stale."""
from __future__ import annotations

import datetime as dt

from canvas_fixtures import sample_map

from model.entities import OutreachEntry
from model.reachout import overdue, reach_out_in

TODAY = dt.date.today()


def ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


def test_overdue_is_past_the_persons_own_cadence() -> None:
    doc = sample_map()
    doc.add_outreach("luc", OutreachEntry(ago(21), "call"))
    luc = doc.people["luc"]
    assert overdue(luc, 14, TODAY)  # the map's 14 days: stale
    doc.update("person", "luc", cadence_days=30)  # monthly, three weeks ago: not stale
    assert not overdue(luc, 14, TODAY)
    doc.update("person", "luc", cadence_days=7)  # weekly, even on a map that says 90 days
    assert overdue(luc, 90, TODAY)
    doc.update("person", "luc", cadence_days=0)  # no reminders: never stale
    assert not overdue(luc, 1, TODAY)
    assert not overdue(doc.people["eli"], 1, TODAY)  # never contacted: due, not "stale"


def test_the_card_badge_follows_the_cadence_chosen_in_the_inspector(window, qtbot) -> None:
    w = window
    doc = w.document
    doc.update_meta(stale_days=14)
    doc.add_outreach("luc", OutreachEntry(ago(21), "call"))
    doc.add_outreach("eli", OutreachEntry(ago(10), "call"))
    doc.update_meta(stale_days=90)
    assert not w.scene.cards["eli"].face.stale
    doc.update("person", "eli", cadence_days=7)  # a weekly cadence, typed in the file
    assert w.scene.cards["eli"].face.stale and "Overdue" in w.scene.cards["eli"].face.tooltip()
    doc.update_meta(stale_days=14)
    assert w.scene.cards["luc"].face.stale  # three weeks on a 14-day map
    w.scene.select_ids(["luc"])
    form = w.inspector.person_form
    form.cadence.setFocus()
    form.cadence.setCurrentIndex(form.cadence.findText("Every month"))
    assert doc.people["luc"].cadence_days == 30
    assert not w.scene.cards["luc"].face.stale  # monthly, three weeks ago
    assert "due in 9 days" in form.next_reach.text()
    w.undo_stack.undo()
    assert w.scene.cards["luc"].face.stale


def test_you_are_never_due_nor_stale(window, qtbot) -> None:
    w = window
    doc = w.document
    doc.add_outreach("ana", OutreachEntry(ago(400), "call"))
    w.scene.select_ids(["ana"])
    w.edit.mark_you.trigger()  # Map > Mark as You
    assert doc.meta.you_id == "ana"
    assert not w.scene.cards["ana"].face.stale
    assert reach_out_in(doc, doc.people["ana"]).due is False
    w.scene.select_ids(["luc"])
    w.scene.select_ids(["ana"])
    text = w.inspector.person_form.next_reach.text()
    assert "due" not in text and "overdue" not in text and "you" in text.lower()
