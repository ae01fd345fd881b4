"""Maps for the export tests: a small hostile one, a large one, and drawing inspectors."""

from __future__ import annotations

from typing import Any

from model.document import Document
from model.entities import CUSTOMER, OUTSOURCED, Department, Handoff, MapInfo, Person, Story
from model.layout import auto_layout

HOSTILE_NAMES = (
    'Zoë <b>O\'Brien</b> & "Co"',
    "王小明",
    "김민준",
    "أحمد الراشد",
    "Ирина Петрова",
    "Emoji 😀 Person",
    "Nul\x00Byte\x07Name",
)


def small_map() -> Document:
    """Three departments, hostile names, an outsourced vendor, a customer, an unplaced person."""
    doc = Document(MapInfo(title="Test <walk> & co"))
    sales = doc.add("department", Department(name="Sales & <Marketing>", color="#4E79A7"))
    legal = doc.add("department", Department(name="قانوني Legal", color="#F28E2B"))
    ops = doc.add("department", Department(name="Operations", color="#59A14F"))
    people = [
        Person(
            name=HOSTILE_NAMES[0],
            title="Account executive",
            department_id=sales.id,
            stage="sell",
            story=Story(hand_on="The signed quote", sweet_spot=True),
        ),
        Person(name=HOSTILE_NAMES[1], title="契約管理者", department_id=legal.id, stage="contract"),
        Person(
            name=HOSTILE_NAMES[2],
            title="Engineer",
            department_id=ops.id,
            stage="specify",
            sourcing=OUTSOURCED,
            vendor="Vendor <GmbH>",
        ),
        Person(name=HOSTILE_NAMES[3], title="مدير العمليات", department_id=ops.id, stage="build"),
        Person(name=HOSTILE_NAMES[4], title="Billing", department_id=sales.id, stage="invoice"),
        Person(
            name=HOSTILE_NAMES[5], title="Plant manager", kind=CUSTOMER, vendor="Customer AG", stage="renew"
        ),
        Person(name=HOSTILE_NAMES[6], title="Control chars", department_id=ops.id, stage="deliver"),
        Person(name="Nobody Placed", title="Roster only", department_id=ops.id, placed=False),
    ]
    for p in people:
        doc.add("person", p)
    ids = [p.id for p in people]
    chain = [
        (0, 1, "contract"),
        (1, 2, "specify"),
        (2, 3, "build"),
        (3, 6, "deliver"),
        (6, 4, "invoice"),
        (4, 5, "invoice"),
    ]
    for s, t, stage in chain:
        doc.add("handoff", Handoff(source=ids[s], target=ids[t], what=f"<what> & {stage}", stage=stage))
    doc.add("handoff", Handoff(source=ids[0], target=ids[5], what="Relationship", two_way=True, stage="sell"))
    doc.move_people(auto_layout(doc))
    doc.set_you(ids[1])
    return doc


def large_map(n_people: int = 2000, n_departments: int = 20) -> Document:
    """A big chain of colleagues across departments and stages, ending at one customer."""
    doc = Document(MapInfo(title="Large"))
    depts = [doc.add("department", Department(name=f"Department {i}")) for i in range(n_departments)]
    stages = ("sell", "contract", "specify", "procure", "build", "deliver", "implement", "invoice", "collect")
    ids: list[str] = []
    for i in range(n_people):
        p = Person(
            name=f"Person {i} with a fairly long name",
            title=f"Role {i}",
            department_id=depts[i % n_departments].id,
            stage=stages[i * len(stages) // n_people],
        )
        ids.append(doc.add("person", p).id)
    customer = doc.add("person", Person(name="The customer", kind=CUSTOMER, stage="renew"))
    for a, b in zip(ids, ids[1:] + [customer.id], strict=True):
        doc.add("handoff", Handoff(source=a, target=b, what="work"))
    doc.move_people(auto_layout(doc))
    return doc


def drawn_strings(node: Any) -> list[Any]:
    """Every String in a drawing, depth first."""
    from reportlab.graphics.shapes import Group, String

    out: list[Any] = []
    for child in getattr(node, "contents", []):
        if isinstance(child, String):
            out.append(child)
        elif isinstance(child, Group):
            out.extend(drawn_strings(child))
    return out


def drawn_lines(node: Any) -> list[str]:
    """Each drawn line of text (the runs of one `draw_text` call joined, in drawing order)."""
    from reportlab.graphics.shapes import Group, String

    out: list[str] = []
    for child in getattr(node, "contents", []):
        if isinstance(child, Group):
            kids = child.contents
            if kids and all(isinstance(k, String) and hasattr(k, "logical") for k in kids):
                out.append("".join(k.logical for k in kids))
            else:
                out.extend(drawn_lines(child))
        elif isinstance(child, String):
            out.append(getattr(child, "logical", child.text))
    return out


def drawn_text(node: Any) -> str:
    """All text of a drawing, one drawn line per line."""
    return "\n".join(drawn_lines(node))


def printed(text: str) -> str:
    """What the fonts module prints for a text: controls removed, unknown glyphs as U+FFFD."""
    from export.fonts import split_runs

    return "".join(run for run, _font, _rtl in split_runs(text)).strip()
