"""Templates: what each one holds, that it is sound, laid out, and saves and loads."""
from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from model.analysis.insights import analyse
from model.document import DocumentError
from model.entities import STANDARD_STATEMENTS
from model.layout import CARD_H, card_x_for_stage, lane_key
from model.stages import STAGE_IDS, stage_index
from model.storage.serialize import to_data
from model.storage.store import load, save
from model.templates.catalog import TEMPLATE_NAMES, TEMPLATES, build_template

FILLED = ("order-to-cash", "services")


def kpi_set(dept) -> set[str]:
    return {" ".join(k.split()).casefold() for k in dept.kpis}


def neighbour_pairs(doc) -> set[tuple[str, str]]:
    """Department pairs whose people hand work to each other."""
    pairs = set()
    for h in doc.handoffs.values():
        a, b = doc.people[h.source], doc.people[h.target]
        if a.department_id and b.department_id and a.department_id != b.department_id:
            pairs.add(tuple(sorted((a.department_id, b.department_id))))
    return pairs


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_every_template_is_sound_titled_and_has_the_standard_statements(name: str, tmp_path: Path) -> None:
    doc = build_template(name)
    assert doc.problems() == []
    assert doc.meta.template == name and doc.meta.title.strip()
    assert {sid for sid, _ in STANDARD_STATEMENTS} <= set(doc.statements)
    assert all(doc.statements[sid].standard for sid, _ in STANDARD_STATEMENTS)
    save(doc, tmp_path / "t.cwalk")
    assert to_data(load(tmp_path / "t.cwalk")) == to_data(doc)
    assert name in TEMPLATES


def test_blank_is_empty() -> None:
    doc = build_template("blank")
    assert not doc.people and not doc.departments and not doc.handoffs
    assert len(doc.statements) == len(STANDARD_STATEMENTS)
    assert not doc.checkups and not doc.sessions


def test_unknown_template_is_refused() -> None:
    with pytest.raises(DocumentError, match="unknown template 'retail'"):
        build_template("retail")


def test_order_to_cash_covers_the_whole_walk() -> None:
    doc = build_template("order-to-cash")
    colleagues = doc.colleagues()
    assert {p.stage for p in colleagues} == set(STAGE_IDS)
    assert len(colleagues) >= 10 and all(p.name.strip() and p.title.strip() for p in colleagues)
    staffed = {p.department_id for p in colleagues}
    assert len(staffed) >= 8 and None not in staffed
    outsourced = [p for p in colleagues if p.sourcing == "outsourced"]
    assert len(outsourced) >= 2 and all(p.vendor for p in outsourced)
    assert {doc.departments[p.department_id].name for p in outsourced} == {"Logistics", "Installation"}
    customers = doc.customers()
    assert 1 <= len(customers) <= 2 and all(c.vendor for c in customers)
    assert all(any(h.target == c.id for h in doc.handoffs.values()) for c in customers)
    assert 1 <= sum(h.two_way for h in doc.handoffs.values()) <= 2


@pytest.mark.parametrize("name", FILLED)
def test_handoffs_say_what_when_and_why(name: str) -> None:
    doc = build_template(name)
    assert len(doc.handoffs) >= len(doc.colleagues())
    for h in doc.handoffs.values():
        assert h.what.strip() and h.why_order.strip() and h.stage in STAGE_IDS
        # a hand-off starts at its giver's stage, as in an imported roster
        assert h.stage == doc.people[h.source].stage
        target = doc.people[h.target]
        if target.stage:
            assert stage_index(target.stage) >= stage_index(h.stage)
    # every colleague is in the walk: gives or receives something
    involved = {h.source for h in doc.handoffs.values()} | {h.target for h in doc.handoffs.values()}
    assert set(doc.people) == involved


@pytest.mark.parametrize("name", FILLED)
def test_departments_define_serving_and_kpis_with_exactly_one_conflict(name: str) -> None:
    doc = build_template(name)
    for dept in doc.departments.values():
        assert dept.serving_definition.strip() and len(dept.kpis) >= 2
    pairs = neighbour_pairs(doc)
    conflicts = [p for p in pairs if not kpi_set(doc.departments[p[0]]) & kpi_set(doc.departments[p[1]])]
    assert len(conflicts) == 1
    a, b = conflicts[0]
    words_a, words_b = ({w for k in doc.departments[d].kpis for w in k.casefold().split()} for d in (a, b))
    assert not words_a & words_b  # not even a word in common
    found = [f for f in analyse(doc).findings if f.kind == "experience_conflict"]
    assert len(found) == 1
    names = {doc.departments[a].name, doc.departments[b].name}
    assert all(n in found[0].message for n in names)


@pytest.mark.parametrize("name", FILLED)
def test_most_roles_tell_a_whole_story(name: str) -> None:
    doc = build_template(name)
    colleagues = doc.colleagues()
    whole = [p for p in colleagues if all(getattr(p.story, k).strip() for k, _ in p.story.PROMPTS)]
    assert len(whole) >= 0.75 * len(colleagues)
    assert len(whole) < len(colleagues)  # a role or two left to write: the map shows it
    assert any(p.story.sweet_spot for p in colleagues)
    texts = [getattr(p.story, k) for p in whole for k, _ in p.story.PROMPTS]
    assert len(set(texts)) == len(texts)  # written for each role, not copied


def test_services_is_a_software_company() -> None:
    doc = build_template("services")
    names = [d.name for d in doc.departments.values()]
    for wanted in ("Sales", "Solution design", "Onboarding", "Customer success", "Support", "Billing"):
        assert wanted in names
    assert {p.stage for p in doc.colleagues()} == set(STAGE_IDS)
    assert any(p.sourcing == "outsourced" and p.vendor for p in doc.colleagues())
    assert doc.customers()


@pytest.mark.parametrize("name", FILLED)
def test_templates_are_laid_out_in_stage_columns_without_overlaps(name: str) -> None:
    doc = build_template(name)
    cells: dict[tuple[str, float], list[float]] = {}
    for p in doc.people.values():
        assert p.placed
        if p.stage:
            assert p.pos[0] == card_x_for_stage(p.stage)
        cells.setdefault((lane_key(p), p.pos[0]), []).append(p.pos[1])
    for ys in cells.values():
        ys.sort()
        assert all(b - a >= CARD_H for a, b in pairwise(ys))


def test_ids_are_fresh_unless_a_factory_is_given() -> None:
    a, b = build_template("order-to-cash"), build_template("order-to-cash")
    assert not set(a.people) & set(b.people)
    assert not set(a.handoffs) & set(b.handoffs)

    def fixed(kind: str, key: str) -> str:
        return f"{kind}-{key}"

    c, d = build_template("services", fixed), build_template("services", fixed)
    assert to_data(c) == to_data(d)
    assert "person-nina" in c.people
