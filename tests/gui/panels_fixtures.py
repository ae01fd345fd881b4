"""A small map shared by the panels' tests (inspector, palette, insights), and the insights
dock on its own."""
from __future__ import annotations

import datetime as dt

from model.document import Document
from model.entities import CUSTOMER, Department, Handoff, Person


def small_map() -> Document:
    doc = Document.with_standard_statements()
    sales = doc.add("department", Department("Sales", "#4E79A7", kpis=["Deals closed"], id="sales"))
    legal = doc.add("department", Department("Legal", "#F28E2B", kpis=["Contract cycle time"], id="legal"))
    doc.add("person", Person("Ana Seller", "Account executive", sales.id, stage="sell", pos=(175.0, 14.0),
                             id="ana"))
    doc.add("person", Person("Luc Lawyer", "Legal manager", legal.id, stage="contract", pos=(375.0, 14.0),
                             id="luc"))
    doc.add(
        "person", Person("Cara Client", "Buyer", kind=CUSTOMER, stage="renew", pos=(1975.0, 14.0), id="cara")
    )
    doc.add("person", Person("Zed Roster", "Planner", legal.id, placed=False, id="zed"))
    doc.add("handoff", Handoff("ana", "luc", "signed order", "contract", id="h1"))
    doc.add("handoff", Handoff("luc", "cara", "contract terms", "contract", id="h2"))
    return doc


TODAY = dt.date(2026, 11, 23)  # the insights tests' today (contacts go stale counted from it)


def insights_panel(qtbot, width: int = 380):
    """The insights dock on its own, shown, its today TODAY; when the test ends it lets go of
    its map and waits for its analysis before it is closed."""
    from gui.insights_panel import InsightsPanel

    def let_go(widget: InsightsPanel) -> None:
        widget.set_document(None)
        widget.wait_for_idle()

    widget = InsightsPanel(today=TODAY)
    qtbot.addWidget(widget, before_close_func=let_go)
    widget.resize(width, 600)
    widget.show()
    return widget
