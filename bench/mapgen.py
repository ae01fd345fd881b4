"""Generate big, realistic maps for benchmarks (and for trying the app on a large map).

`make_big_map(n_people, seed)` builds a Document the way a real organisation
looks: departments that own one or two order-to-cash stages, hand-offs that
mostly move forward along the stages (a few two-way, a few going back as
rework), customers who receive the deliverables, outsourced partners, stories
on most roles, an outreach log, a "you", and a few people still on the roster
unplaced. Same seed, same map (ids included), so figures are comparable.
"""
from __future__ import annotations

import datetime as dt
import logging
import random
import sys
import uuid
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model.document import Document
from model.entities import (
    CUSTOMER,
    DEPARTMENT_COLORS,
    OUTSOURCED,
    Department,
    Handoff,
    MapInfo,
    OutreachEntry,
    Person,
    Story,
)
from model.layout import auto_layout
from model.stages import STAGE_IDS

log = logging.getLogger(__name__)

# (department, the stages it owns, titles, KPIs)
DEPARTMENTS: tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    ("Sales", ("sell",), ("Account executive", "Sales engineer", "Sales manager"),
     ("Win rate", "Customer satisfaction", "Forecast accuracy")),
    ("Legal", ("contract",), ("Contract manager", "Counsel", "Paralegal"),
     ("Contract cycle time", "Risk exposure")),
    ("Contract administration", ("contract",), ("Contract administrator", "Order desk lead"),
     ("Order accuracy", "Contract cycle time")),
    ("Engineering", ("specify",), ("Application engineer", "Design engineer", "Solution architect"),
     ("Specification accuracy", "Customer satisfaction")),
    ("Procurement", ("procure",), ("Buyer", "Supplier manager", "Category lead"),
     ("Purchase price variance", "Supplier on-time delivery")),
    ("Production", ("build",), ("Production planner", "Line supervisor", "Assembler"),
     ("Yield", "On-time delivery", "Cost per unit")),
    ("Quality", ("build",), ("Quality inspector", "Quality engineer"),
     ("First pass yield", "Customer complaints")),
    ("Logistics", ("deliver",), ("Dispatcher", "Freight coordinator", "Warehouse lead"),
     ("On-time delivery", "Freight cost")),
    ("Installation", ("implement",), ("Field technician", "Project manager", "Commissioning engineer"),
     ("Installs on first visit", "Customer satisfaction")),
    ("Service", ("implement", "renew"), ("Support engineer", "Service desk agent"),
     ("First-contact resolution", "Average handle time")),
    ("Finance", ("invoice",), ("Billing specialist", "Accountant"),
     ("Invoice accuracy", "Days to invoice")),
    ("Collections", ("collect",), ("Collections specialist", "Credit controller"),
     ("Days sales outstanding", "Bad debt")),
    ("Account management", ("renew",), ("Account manager", "Customer success manager"),
     ("Renewal rate", "Customer satisfaction", "Net revenue retention")),
)
REGIONS = ("North", "South", "East", "West", "Central", "Overseas")
FIRST = ("Dana", "Omar", "Mei", "Lars", "Aisha", "Pedro", "Ingrid", "Kofi", "Yuki", "Sven", "Amara",
         "Ravi", "Chloé", "Tomás", "Fatima", "Jonas", "Noor", "Elena", "Kwame", "Hana", "Luca", "Sofia")
LAST = ("Lee", "Haddad", "Chen", "Berg", "Okafor", "Silva", "Novak", "Mensah", "Tanaka", "Lund",
        "Diallo", "Patel", "Dubois", "García", "Rahman", "Weber", "Khan", "Rossi", "Boateng", "Kim")
VENDORS = ("Nordfreight", "BuildPartners", "ClearLedger", "FieldForce", "Quanta Supply")
CUSTOMER_ORGS = ("Acme Utilities", "Harbor Hospital", "Metro Transit", "Greenfield Foods", "Polar Mining")
WHAT = {
    "sell": "the signed order", "contract": "the agreed terms", "specify": "the specification",
    "procure": "the purchased parts", "build": "the finished unit", "deliver": "the delivery",
    "implement": "the working installation", "invoice": "the invoice", "collect": "the payment record",
    "renew": "the renewal proposal",
}
BASE_DATE = dt.date(2026, 11, 1)


def _dept_count(n_people: int) -> int:
    """About one department per 60 people, at least the 13 functions once a map is big enough."""
    if n_people < 40:
        return min(len(DEPARTMENTS), max(3, n_people // 3))
    return max(len(DEPARTMENTS), min(len(DEPARTMENTS) * len(REGIONS), n_people // 60))


def make_big_map(n_people: int, seed: int = 1) -> Document:
    """A realistic map with `n_people` people (about 1 in 80 a customer), ~1.5 hand-offs each."""
    rng = random.Random(seed)

    def rid() -> str:
        return uuid.UUID(int=rng.getrandbits(128), version=4).hex

    doc = Document.with_standard_statements(
        MapInfo(title=f"Generated map ({n_people} people, seed {seed})", organisation="Example Manufacturing")
    )
    n_depts = _dept_count(n_people)
    dept_stages: dict[str, tuple[str, ...]] = {}
    dept_titles: dict[str, tuple[str, ...]] = {}
    for i in range(n_depts):
        name, stages, titles, kpis = DEPARTMENTS[i % len(DEPARTMENTS)]
        if n_depts > len(DEPARTMENTS):
            name = f"{name} {REGIONS[i // len(DEPARTMENTS)]}"
        served = "" if rng.random() < 0.15 else f"{name} serves the customer by getting its step right."
        kept = [k for k in kpis if rng.random() < 0.8]
        d = doc.add("department", Department(
            name=name, color=DEPARTMENT_COLORS[i % len(DEPARTMENT_COLORS)], serving_definition=served,
            kpis=kept, id=rid(),
        ))
        dept_stages[d.id] = stages
        dept_titles[d.id] = titles
    dept_ids = list(dept_stages)

    n_customers = max(1, n_people // 80) if n_people > 1 else 0
    by_stage: dict[str, list[str]] = {s: [] for s in STAGE_IDS}
    colleagues: list[Person] = []
    for _ in range(n_people - n_customers):
        did = rng.choice(dept_ids)
        stage = rng.choice(dept_stages[did])
        unplaced = rng.random() < 0.02
        outsourced = rng.random() < 0.08
        written = rng.random() < 0.6
        story = Story(
            hand_on=f"I hand on {WHAT[stage]}." if written else "",
            reaches_customer="It decides whether the customer gets what was promised." if written else "",
            sweet_spot=written and rng.random() < 0.1,
        )
        outreach = [
            OutreachEntry(
                date=(BASE_DATE - dt.timedelta(days=rng.randint(0, 400))).isoformat(),
                channel=rng.choice(("call", "email", "coffee", "meeting")),
                id=rid(),
            )
            for _ in range(rng.choice((0, 0, 1, 1, 2, 3)))
        ]
        p = doc.add("person", Person(
            name=f"{rng.choice(FIRST)} {rng.choice(LAST)}", title=rng.choice(dept_titles[did]),
            department_id=did, sourcing=OUTSOURCED if outsourced else "insourced",
            vendor=rng.choice(VENDORS) if outsourced else "", stage=None if unplaced else stage,
            placed=not unplaced, story=story, outreach=outreach, id=rid(),
        ))
        colleagues.append(p)
        if not unplaced:
            by_stage[stage].append(p.id)
    customers = [
        doc.add("person", Person(
            name=f"{rng.choice(FIRST)} {rng.choice(LAST)}", title="Customer contact", kind=CUSTOMER,
            vendor=CUSTOMER_ORGS[i % len(CUSTOMER_ORGS)], stage="deliver", id=rid(),
        )).id
        for i in range(n_customers)
    ]
    _add_handoffs(doc, rng, rid, colleagues, by_stage, customers)
    placed = [p for p in colleagues if p.placed]
    if placed:
        doc.set_you(placed[len(placed) // 3].id)
    doc.move_people(auto_layout(doc))
    log.debug("generated %d people, %d hand-offs", len(doc.people), len(doc.handoffs))
    return doc


def _add_handoffs(doc: Document, rng: random.Random, rid, colleagues: list[Person],
                  by_stage: dict[str, list[str]], customers: list[str]) -> None:
    """Mostly forward along the stages; ~10 % two-way, ~1 % back (rework); the late stages reach customers."""
    seen: set[tuple[str, str]] = set()
    customer_stages = {"deliver", "implement", "invoice", "renew"}
    for p in colleagues:
        if not p.placed or rng.random() < 0.03:  # a few stay isolated
            continue
        index = STAGE_IDS.index(p.stage or "sell")
        for _ in range(rng.choice((1, 2, 2))):
            roll = rng.random()
            if customers and p.stage in customer_stages and roll < 0.3:
                target = rng.choice(customers)
            else:
                if roll < 0.01 and index > 0:
                    step = -1  # rework: back to the previous stage
                elif roll < 0.16:
                    step = 0
                elif roll < 0.8:
                    step = 1
                else:
                    step = 2
                stage = STAGE_IDS[min(max(index + step, 0), len(STAGE_IDS) - 1)]
                pool = by_stage[stage] or by_stage[STAGE_IDS[min(index + 1, len(STAGE_IDS) - 1)]]
                if not pool:
                    continue
                target = rng.choice(pool)
            if target == p.id or (p.id, target) in seen:
                continue
            seen.add((p.id, target))
            doc.add("handoff", Handoff(
                source=p.id, target=target, what=WHAT[p.stage or "sell"], stage=p.stage,
                two_way=rng.random() < 0.1, id=rid(),
            ))


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Write a generated map to a .cwalk file.")
    parser.add_argument("n_people", type=int)
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    from model.storage.store import save

    generated = make_big_map(args.n_people, args.seed)
    save(generated, args.output)
    print(f"wrote {args.output}: {len(generated.people)} people, {len(generated.handoffs)} hand-offs")
