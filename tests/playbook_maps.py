"""Maps for the playbook tests: a hostile one (every script, markup characters, huge
text) and a small tidy one. Built through Document methods, as the app would."""
from __future__ import annotations

import itertools

from model.document import Document
from model.entities import (
    CUSTOMER,
    DEPARTMENT_COLORS,
    OUTSOURCED,
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
from model.layout import auto_layout

# name -> (title, department index, stage, email)
HOSTILE_PEOPLE: dict[str, tuple[str, int, str, str]] = {
    "Zoë <b>O'Brien</b> & \"Sons\"": ("Account executive <i>", 0, "sell", "zoe@example.com"),
    "Анна Кузнецова": ("Юрист", 1, "contract", "anna@example.ru"),
    "Νίκος Παπαδόπουλος": ("Μηχανικός", 2, "specify", "nikos@example.gr"),
    "王小明": ("采购经理", 3, "procure", "wang@example.cn"),
    "فاطمة الزهراء": ("محاسبة", 4, "invoice", "fatima@example.com"),
    "Renée 😀 Dubois": ("Service lead", 4, "collect", "renee@example.fr"),
}
LONG_WORD = "Supercalifragilistic" * 20  # 400 characters, no break opportunity
HOSTILE_STORIES: dict[str, str] = {
    "Zoë <b>O'Brien</b> & \"Sons\"": "I promise what we can deliver: <not> more & not less.",
    "Анна Кузнецова": "Я пишу простые условия для клиента.",
    "Νίκος Παπαδόπουλος": "Γράφω προδιαγραφές που καταλαβαίνει ο πελάτης.",
    "王小明": "我负责采购客户需要的材料。",
    "فاطمة الزهراء": "أرسل الفاتورة الصحيحة في الوقت المناسب",
}
DEPT_NAMES = ("Sales & <Marketing>", "Юридический отдел", "Μηχανική", "采购部", "المالية")


def hostile_map(long_story: bool = True) -> Document:
    doc = Document.with_standard_statements(
        MapInfo(
            title="Walk <of> the \"Contract\" & more",
            organisation="ACME <GmbH> & Co",
            prepared_for="Team <Nord>",
            prepared_by="Coach & Co",
            description="A map with every script: Latin, Кириллица, Ελληνικά, 中文, العربية.",
        )
    )
    depts = []
    for i, name in enumerate(DEPT_NAMES):
        d = Department(name=name, color=DEPARTMENT_COLORS[i], serving_definition=f"Serving <means> {name}",
                       kpis=[f"KPI & {i}", "On-time <delivery>"])
        doc.add("department", d)
        depts.append(d)
    people: dict[str, Person] = {}
    for name, (title, di, stage, email) in HOSTILE_PEOPLE.items():
        p = Person(name=name, title=title, department_id=depts[di].id, stage=stage, email=email,
                   phone="+1 555 0100", what_they_do=f"{name} does <things> & stuff",
                   story=Story(hand_on=HOSTILE_STORIES.get(name, ""), sweet_spot=stage == "sell"))
        doc.add("person", p)
        people[name] = p
    vendor = Person(name="Olaf Outsourced", title="Freight partner", department_id=depts[3].id,
                    sourcing=OUTSOURCED, vendor="Fast <Freight> Ltd", stage="deliver",
                    email="olaf@freight.example")
    doc.add("person", vendor)
    people[vendor.name] = vendor
    customer = Person(name="Carla Customer", kind=CUSTOMER, vendor="Big Buyer Inc",
                      email="carla@buyer.example")
    doc.add("person", customer)
    people[customer.name] = customer
    if long_story:
        writer = people["Νίκος Παπαδόπουλος"]
        words = [f"sentence{i} about the customer & <the> walk." for i in range(2600)]
        text = " ".join(words)[:30000]
        doc.update("person", writer.id, story=Story(hand_on=text, moment=LONG_WORD, why_good="Long text."))
    order = list(people.values())
    chain = [p for p in order if not p.is_customer]
    for a, b in itertools.pairwise(chain):
        doc.add("handoff", Handoff(source=a.id, target=b.id, what=f"the <order> & notes from {a.name}",
                                   stage=a.stage, why_order="Because <reasons> & \"quotes\"."))
    doc.add("handoff", Handoff(source=chain[-1].id, target=customer.id, what="the invoice", stage="invoice",
                               two_way=True))
    doc.add_outreach(chain[0].id, OutreachEntry(date="2026-01-05", channel="coffee",
                                                note="Talked with Анна Кузнецова about terms"))
    doc.add("checkup", Checkup(date="2026-02-01", answers={"heroes": 2, "core_customers": 3, "voices": 2},
                               areas={"messages": 2, "quality": 3, "churn": 2},
                               note="First check-up <baseline>."))
    doc.add("checkup", Checkup(date="2026-05-01", answers={"heroes": 3, "core_customers": 4, "voices": 3},
                               areas={"messages": 3, "quality": 4, "churn": 3}))
    doc.add("session", Session(date="2026-05-02", title="Second session & review",
                               notes="We walked the map with Zoë <b>O'Brien</b> & \"Sons\".",
                               action_items=[ActionItem(text="Call 王小明 about <specs>",
                                                        owner="Анна Кузнецова", due="2026-06-01"),
                                             ActionItem(text="Done thing", owner="Coach", due="2026-04-01",
                                                        done=True)]))
    doc.set_you(chain[0].id)
    doc.move_people(auto_layout(doc))
    return doc


def names_of(doc: Document) -> list[str]:
    return [p.name for p in doc.people.values()]


# right-to-left stories of several lines, with Latin words inside and Latin stories with
# Arabic inside: the first strong letter decides each paragraph's direction
RTL_STORIES: dict[str, str] = {
    "דנה לוי": ("אני שולחת את ההצעה ללקוח ב-Salesforce ובודקת שכל המחירים נכונים לפני שהיא יוצאת. "
                "אחר כך אני מעבירה את החוזה החתום ל-Legal ומוודאת שהלקוח קיבל אישור. " * 2).strip(),
    "فاطمة الزهراء": ("أرسل الفاتورة الصحيحة في الوقت المناسب إلى العميل عبر SAP Business One "
                      "وأتأكد من أن كل بند مطابق للعقد الموقع قبل أن تخرج الفاتورة من القسم. " * 2).strip(),
    "Omar Haddad": "I check every order against the contract that فاطمة الزهراء signed off, "
                   "then pass it to דנה לוי for the customer.",
}


def rtl_map() -> Document:
    doc = Document.with_standard_statements(MapInfo(title="Right to left", organisation="ACME"))
    dept = Department(name="المالية", color=DEPARTMENT_COLORS[0])
    doc.add("department", dept)
    people = []
    for i, (name, story) in enumerate(RTL_STORIES.items()):
        p = Person(name=name, title="מנהלת" if i == 0 else "Billing", department_id=dept.id,
                   stage=("sell", "invoice", "collect")[i],
                   what_they_do=f"{name} does <things> for the customer",
                   story=Story(hand_on=story))
        doc.add("person", p)
        people.append(p)
    customer = Person(name="Carla Customer", kind=CUSTOMER)
    doc.add("person", customer)
    for a, b in zip(people, [*people[1:], customer], strict=True):
        doc.add("handoff", Handoff(source=a.id, target=b.id, what=f"the order from {a.name}", stage=a.stage))
    doc.move_people(auto_layout(doc))
    return doc
