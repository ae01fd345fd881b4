"""The musical-chairs drill in the app: select people, "What If They Leave?" (Map menu,
the card's right-click menu, Ctrl+Shift+X).

The canvas greys the leavers out and marks what breaks (scene.set_ghosted), and a
dock lists the effects and who could cover (model/analysis/whatif.py). The map is not
changed by the drill; "Make This a Plan" turns the cover suggestions into action
items in today's session (made if there is none) as ONE undo step. Ending the
drill (the button, Escape, closing the dock, opening another map) restores the canvas.
"""
from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoCommand
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gui.coaching.shared import DocWatcher, one_line, plain_label
from gui.commands import AddActionItemCommand, AddCommand
from model import coaching
from model.analysis.whatif import TITLES, WhatIf, cut_off_phrase, plan_items, what_if
from model.document import Document
from model.entities import Session

SHORTCUT = "Ctrl+Shift+X"


class WhatIfPanel(QWidget):
    """The drill's findings, grouped, with "Make This a Plan" and "End the Drill"."""

    planRequested = Signal()
    endRequested = Signal()
    peopleActivated = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = plain_label("")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.summary = plain_label("")
        self.text = QTextBrowser()  # wraps long sentences; a finding's "select" link selects its people
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._activate)
        self.plan_button = QPushButton("Make This a &Plan")
        self.plan_button.setToolTip("Add the cover suggestions to today's session as action items (undoable)")
        self.end_button = QPushButton("&End the Drill")
        self.end_button.setToolTip("Put the map back as it was (Escape)")
        self.plan_button.clicked.connect(self.planRequested)
        self.end_button.clicked.connect(self.endRequested)
        escape = QAction(self)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.triggered.connect(self.endRequested)
        self.addAction(escape)
        row = QHBoxLayout()
        row.addWidget(self.plan_button)
        row.addStretch(1)
        row.addWidget(self.end_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)

    def show_result(self, result: WhatIf) -> None:
        names = [one_line(result.names.get(p, "(unknown)"), 60) for p in result.leavers]
        self.heading.setText(f"What if {' and '.join(names)} left?")
        if result.breaks:
            bits = []
            if result.broken_handoffs:
                n = len(result.broken_handoffs)
                bits.append(f"{n} hand-off{'s' if n != 1 else ''} break")
            if result.cut_off:
                bits.append(cut_off_phrase(len(result.cut_off)))
            if result.customers_lost:
                n = len(result.customers_lost)
                bits.append(f"{n} customer{'s' if n != 1 else ''} no longer reached")
            self.summary.setText("; ".join(bits) + ". Red dashes on the map show where.")
        else:
            self.summary.setText("Nothing breaks on the way to the customer.")
        parts: list[str] = []
        kind = ""
        for f in result.findings:
            if f.kind != kind:
                if kind:
                    parts.append("</ul>")
                kind = f.kind
                parts.append(f"<p><b>{escape(TITLES.get(f.kind, f.kind))}</b></p><ul>")
            link = f' <a href="select:{",".join(f.people)}">select</a>' if f.people else ""
            parts.append(f"<li>{escape(one_line(f.message, 2000))}{link}</li>")
        if kind:
            parts.append("</ul>")
        self.text.setHtml("".join(parts))
        self.plan_button.setEnabled(bool(result.leavers))

    def _activate(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("select:"):
            self.peopleActivated.emit([p for p in text[len("select:"):].split(",") if p])


class DrillDock(QDockWidget):
    """The drill's dock; closing it (its X) ends the drill, hiding it behind another tab does not."""

    closed = Signal()

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()


class WhatIfDrill(QObject):
    """One window's drill: the action, the dock, the canvas marks and the plan."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.w = window
        self.leavers: list[str] = []
        self.result: WhatIf | None = None
        self.panel = WhatIfPanel()
        self.panel.planRequested.connect(lambda: window.guarded(self.make_plan))
        self.panel.endRequested.connect(lambda: window.guarded(self.end))
        self.panel.peopleActivated.connect(lambda ids: window.scene.select_ids(ids))
        self.dock = DrillDock("What If They Leave?", window)
        self.dock.setObjectName("whatif")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        inspector = getattr(window, "inspector_dock", None)
        if isinstance(inspector, QDockWidget):
            window.tabifyDockWidget(inspector, self.dock)  # the whole height, beside the inspector
        self.dock.hide()
        self.dock.closed.connect(lambda: window.guarded(self.end))
        self.watcher = DocWatcher(self, self._recompute, ("person", "handoff", "department"), delay_ms=150)
        window.documentReplaced.connect(self.end)

    @property
    def doc(self) -> Document:
        return self.w.document  # type: ignore[no-any-return]

    @property
    def active(self) -> bool:
        return bool(self.leavers)

    def start(self, ids: list[str] | None = None) -> bool:
        """Begin the drill for these people (default: the selected ones)."""
        chosen = [p for p in (ids if ids is not None else self.w.scene.selected_person_ids())
                  if p in self.doc.people]
        if not chosen:
            self.w.show_status("Select one or more people first, then What If They Leave?")
            return False
        self.leavers = chosen
        self.watcher.watch(self.doc)
        self._recompute()
        self.dock.show()
        self.dock.raise_()
        return True

    def _recompute(self) -> None:
        if not self.leavers:
            return
        self.leavers = [p for p in self.leavers if p in self.doc.people]
        if not self.leavers:
            self.end()
            return
        self.result = what_if(self.doc, self.leavers)
        self.panel.show_result(self.result)
        self.w.scene.set_ghosted(self.result.leavers, self.result.broken_handoffs, self.result.cut_off)

    def end(self) -> None:
        """Leave the drill: the canvas as it was, the dock closed; the map was never changed."""
        if not self.leavers and self.result is None:
            return
        self.leavers, self.result = [], None
        self.watcher.watch(None)
        self.w.scene.set_ghosted()
        self.dock.hide()

    def plan_commands(self, today: dt.date | None = None) -> tuple[list[QUndoCommand], int]:
        """The undo commands that add the plan (and today's session if there is none)."""
        assert self.result is not None
        day = today or dt.date.today()
        items = plan_items(self.doc, self.result, day)
        session = coaching.session_on(self.doc, day)
        if session is None:
            names = " and ".join(self.result.names.get(p, "") for p in self.result.leavers)
            new = Session(day.isoformat(), one_line(f"What if {names} left", 120), action_items=items)
            return [AddCommand(self.doc, "session", new, "New session")], len(items)
        return [AddActionItemCommand(self.doc, session.id, item) for item in items], len(items)

    def make_plan(self) -> None:
        if self.result is None:
            return
        commands, count = self.plan_commands()
        if not commands:
            return
        text = f"Make a plan: what if {len(self.result.leavers)} left" if len(self.result.leavers) > 1 else (
            f"Make a plan: what if {one_line(self.result.names.get(self.result.leavers[0], ''), 40)} left")
        if len(commands) == 1:
            commands[0].setText(text)
        if self.w.scene.push(commands, text):
            self.end()
            self.w.show_status(
                f"Added {count} action item{'s' if count != 1 else ''} to today's session (Ctrl+Z takes "
                f"{'them' if count != 1 else 'it'} back)")


def drill_for(window: Any) -> WhatIfDrill:
    """The window's drill, made on first use."""
    drill: WhatIfDrill | None = getattr(window, "whatif_drill", None)
    if drill is None:
        drill = window.whatif_drill = WhatIfDrill(window)
    return drill
