"""The "For you" summary says why people are due: never contacted is not "overdue"."""
from __future__ import annotations

import datetime as dt

from model.analysis.insights import report_text
from model.analysis.you import reach_out_summary
from tests.analysis_maps import TODAY, MapBuilder


def _walk() -> MapBuilder:
    m = MapBuilder()
    m.person("Me", "Ops")
    m.person("Never1", "Ops")
    m.person("Never2", "Ops")
    m.person("Late", "Ops", contacts=("2025-11-01",))  # a year ago: overdue at 90 days
    today_minus_90 = (TODAY - dt.timedelta(days=90)).isoformat()
    m.person("Today", "Ops", contacts=(today_minus_90,))  # exactly one cadence ago: due today
    m.person("Fresh", "Ops", contacts=("2026-11-20",))  # not due
    m.person("Quiet", "Ops")  # never contacted, but no reminders wanted
    m.person("Stranger", "Ops")  # never contacted, not on my walk
    m.doc.update("person", m.ids["Quiet"], cadence_days=0)
    m.doc.update_meta(stale_days=90)
    m.chain("Me", "Never1", "Never2", "Late", "Today", "Fresh", "Quiet")
    m.you("Me")
    return m


def test_the_summary_counts_never_contacted_apart_from_overdue():
    m = _walk()
    r = m.analyse()
    assert r.you is not None
    assert (r.you.never_contacted, r.you.overdue, r.you.due_today) == (2, 1, 1)
    assert reach_out_summary(r.you) == "4 to reach out to: 2 never contacted, 1 overdue, 1 due today."
    text = report_text(m.doc, r)
    assert "4 to reach out to: 2 never contacted, 1 overdue, 1 due today. Reach out next:" in text


def test_nobody_due_is_said_plainly():
    m = MapBuilder()
    m.person("Me", "Ops")
    m.person("Fresh", "Ops", contacts=("2026-11-20",))
    m.chain("Me", "Fresh")
    m.you("Me")
    r = m.analyse()
    assert r.you is not None and reach_out_summary(r.you) == "Nobody on your walk is due a call."


def test_the_reach_out_panel_counts_by_the_same_words():
    from model import reachout

    m = _walk()
    reaches = reachout.schedule(m.doc, TODAY)
    why = {m.key_of(r.person_id): r.why_due for r in reaches}
    assert why["Never1"] == why["Stranger"] == "never contacted"
    assert (why["Late"], why["Today"], why["Fresh"], why["Quiet"]) == ("overdue", "due today", "", "")
    assert reachout.summary_of(reaches) == "5 to reach out to: 3 never contacted, 1 overdue, 1 due today."
    assert reachout.summary_of([], "Nobody is due a reach-out.") == "Nobody is due a reach-out."
