"""A small builder for hand-made maps in the analysis tests: people by short key,
everything that is not under test set so it raises no finding by itself
(shared KPIs, written stories, a definition of serving the customer)."""
from __future__ import annotations

import datetime as dt

from model.analysis.insights import Finding, Report, analyse
from model.document import Document
from model.entities import CUSTOMER, OUTSOURCED, Department, Handoff, OutreachEntry, Person, Story

TODAY = dt.date(2026, 11, 23)


class MapBuilder:
    def __init__(self) -> None:
        self.doc = Document()
        self.ids: dict[str, str] = {}
        self.depts: dict[str, str] = {}
        self.hids: list[str] = []

    def dept(self, name: str, kpis: tuple[str, ...] = ("Customer satisfaction",),
             serving: str = "Keep the promise the customer was made.") -> str:
        d = self.doc.add("department", Department(name=name, kpis=list(kpis), serving_definition=serving))
        self.depts[name] = d.id
        return d.id

    def person(self, key: str, dept: str | None = None, *, name: str | None = None, stage: str | None = None,
               customer: bool = False, outsourced: bool = False, story: bool = True, placed: bool = True,
               title: str = "", contacts: tuple[str, ...] = (), vendor: str = "") -> str:
        if dept is not None and dept not in self.depts:
            self.dept(dept)
        p = self.doc.add("person", Person(
            name=key if name is None else name,
            title=title,
            department_id=self.depts[dept] if dept else None,
            kind=CUSTOMER if customer else "colleague",
            sourcing=OUTSOURCED if outsourced else "insourced",
            vendor=vendor,
            stage=stage,
            placed=placed,
            story=Story(hand_on="I hand on the order.") if story else Story(),
            outreach=[OutreachEntry(date=d) for d in contacts],
        ))
        self.ids[key] = p.id
        return p.id

    def customer(self, key: str, **kw) -> str:
        return self.person(key, customer=True, story=False, **kw)

    def hand(self, a: str, b: str, stage: str | None = None, what: str = "", two_way: bool = False) -> str:
        h = self.doc.add("handoff", Handoff(source=self.ids[a], target=self.ids[b], stage=stage, what=what,
                                            two_way=two_way))
        self.hids.append(h.id)
        return h.id

    def chain(self, *keys: str) -> None:
        for a, b in zip(keys, keys[1:], strict=False):
            self.hand(a, b)

    def you(self, key: str) -> None:
        self.doc.set_you(self.ids[key])

    def analyse(self, **kw) -> Report:
        kw.setdefault("today", TODAY)
        return analyse(self.doc, **kw)

    def key_of(self, pid: str) -> str:
        return {v: k for k, v in self.ids.items()}[pid]


def of_kind(report: Report, kind: str) -> list[Finding]:
    return [f for f in report.findings if f.kind == kind]


def kinds(report: Report) -> set[str]:
    return {f.kind for f in report.findings}


def keys(m: MapBuilder, ids: list[str]) -> list[str]:
    back = {v: k for k, v in m.ids.items()}
    return [back[i] for i in ids]


def walk_keys(m: MapBuilder, report: Report) -> list[str]:
    return keys(m, [s.person_id for s in report.walk])
