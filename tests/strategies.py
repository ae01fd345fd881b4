"""Hypothesis strategies for whole documents and for sequences of edits."""
from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from model.document import Document
from model.entities import (
    DEPARTMENT_COLORS,
    KINDS,
    SOURCINGS,
    THREE_AREAS,
    ActionItem,
    Checkup,
    Department,
    Handoff,
    MapInfo,
    OutreachEntry,
    Person,
    Session,
    Statement,
    Story,
)
from model.stages import STAGE_IDS

# any Unicode a user could type or paste, including control characters, RTL marks and emoji
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)).map(dt.date.isoformat)
stage = st.none() | st.sampled_from(STAGE_IDS)
finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
score = st.integers(1, 5)

stories = st.builds(
    Story, hand_on=text, reaches_customer=text, why_good=text, moment=text, sweet_spot=st.booleans()
)
outreach = st.builds(OutreachEntry, date=dates, channel=text, note=text)
actions = st.builds(ActionItem, text=text, owner=text, due=st.just("") | dates, done=st.booleans())


@st.composite
def documents(draw: st.DrawFn) -> Document:
    meta = MapInfo(title=draw(text), organisation=draw(text), prepared_for=draw(text),
                   prepared_by=draw(text), description=draw(text), stale_days=draw(st.integers(1, 3650)))
    doc = Document.with_standard_statements(meta)
    for _ in range(draw(st.integers(0, 4))):
        doc.add("department", Department(name=draw(text), color=draw(st.sampled_from(DEPARTMENT_COLORS)),
                                         serving_definition=draw(text), kpis=draw(st.lists(text, max_size=3)),
                                         lane_height=draw(st.floats(0, 2000))))
    dept_ids = [None, *doc.departments]
    for _ in range(draw(st.integers(0, 6))):
        doc.add("person", Person(
            name=draw(text), title=draw(text), department_id=draw(st.sampled_from(dept_ids)),
            kind=draw(st.sampled_from(KINDS)), sourcing=draw(st.sampled_from(SOURCINGS)), vendor=draw(text),
            email=draw(text), what_they_do=draw(text), stage=draw(stage), placed=draw(st.booleans()),
            pos=(draw(finite), draw(finite)), story=draw(stories), outreach=draw(
                st.lists(outreach, max_size=2)
            ),
            extra=draw(st.dictionaries(text, text, max_size=2)),
        ))
    people = list(doc.people)
    if len(people) >= 2:
        for _ in range(draw(st.integers(0, 6))):
            a, b = draw(st.permutations(people))[:2]
            doc.add("handoff", Handoff(a, b, what=draw(text), stage=draw(stage), why_order=draw(text),
                                       two_way=draw(st.booleans())))
        boss = draw(st.sampled_from(people))
        doc.update("person", people[0], reports_to=boss if boss != people[0] else None)
    if people and draw(st.booleans()):
        doc.set_you(draw(st.sampled_from(people)))
    if draw(st.booleans()):
        doc.add("statement", Statement(text=draw(text)))
    for _ in range(draw(st.integers(0, 2))):
        answers = {sid: draw(score) for sid in doc.statements if draw(st.booleans())}
        areas = {key: draw(score) for key, _ in THREE_AREAS if draw(st.booleans())}
        doc.add("checkup", Checkup(date=draw(dates), answers=answers, areas=areas, note=draw(text)))
    for _ in range(draw(st.integers(0, 2))):
        doc.add("session", Session(date=draw(dates), title=draw(text), notes=draw(text),
                                   action_items=draw(st.lists(actions, max_size=2))))
    return doc
