"""A small map with people, hand-offs across departments, a customer, stories,
outreach, a check-up and a session: shared by the coaching tests."""
from __future__ import annotations

from model.document import Document
from model.entities import (
    ActionItem,
    Checkup,
    Department,
    Handoff,
    MapInfo,
    OutreachEntry,
    Person,
    Session,
    Story,
)


def coaching_doc() -> tuple[Document, dict[str, str]]:
    doc = Document.with_standard_statements(MapInfo(title="Acme walk", organisation="Acme <&> Söhne"))
    sales = doc.add("department", Department("Sales", color="#4E79A7"))
    legal = doc.add("department", Department("Legal", color="#F28E2B"))
    ops = doc.add("department", Department("Operations", color="#59A14F"))
    ann = doc.add("person", Person("Ann Lee", title="Account executive", department_id=sales.id, stage="sell",
                                    story=Story(hand_on="the signed deal", why_good="I listen")))
    bob = doc.add("person", Person("Bob 鲍勃", title="Contract manager", department_id=legal.id,
                                    stage="contract",
                                    outreach=[OutreachEntry("2026-01-10", "call", "intro")]))
    cyd = doc.add("person", Person("Cyd", title="Installer", department_id=ops.id, stage="implement",
                                    sourcing="outsourced", vendor="InstallCo"))
    cus = doc.add("person", Person("Dana (customer)", kind="customer", vendor="Globex"))
    h1 = doc.add(
        "handoff", Handoff(ann.id, bob.id, what="signed order", stage="contract", why_order="terms first")
    )
    h2 = doc.add("handoff", Handoff(bob.id, cyd.id, what="checked terms", stage="implement"))
    h3 = doc.add("handoff", Handoff(cyd.id, cus.id, what="working system", stage="implement"))
    doc.add(
        "checkup", Checkup("2026-01-15", answers={"heroes": 2, "voices": 3}, areas={"churn": 2}, note="first")
    )
    doc.add("session", Session("2026-01-15", "Kick-off", "met the team",
                               [ActionItem("Call Bob", owner="Ann", due="2026-02-01"),
                                ActionItem("Draw the map", owner="coach", done=True)]))
    doc.update_meta(you_id=ann.id)
    return doc, {"sales": sales.id, "legal": legal.id, "ops": ops.id, "ann": ann.id, "bob": bob.id,
                 "cyd": cyd.id, "cus": cus.id, "h1": h1.id, "h2": h2.id, "h3": h3.id}
