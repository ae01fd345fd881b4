"""The insights dock: where the walk may lose the customer, the figures, and what the map says to "you".

The analysis (model/analysis/insights.py, networkx) runs in a process of its own (gui/jobs/
analysis_process.py: on a thread it held the interpreter the GUI thread needs), a moment after the
last edit, so typing never waits for it; the map goes over and the report comes back in slices
between events (gui/jobs/insights_work.py), only the items edited since the last run pickled again.
Where no process can run, it runs on a snapshot of the map (model/storage/snapshot.py) on a worker
thread, as before. A result older than the latest edit is dropped. Expanded groups, the selected
finding and the scroll position survive every refresh.
"""
from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTabWidget,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.jobs import insights_work, main_thread_gc
from gui.jobs.analysis_child import Shown
from gui.jobs.background import Job, Jobs
from gui.jobs.snapshot_warmer import SnapshotWarmer
from gui.lists.findings_tree import (  # noqa: F401  (finding_key and the roles were defined here before)
    HANDOFFS_ROLE,
    KEY_ROLE,
    PEOPLE_ROLE,
    SEVERITY_COLOURS,
    SEVERITY_WORDS,
    FindingsTree,
    GroupRow,
    WrappingDelegate,
    finding_key,
    tree_rows,
)
from gui.widgets import colour_icon, heading_label, hint_label
from model.analysis.insights import STAT_LABELS, Report
from model.analysis.you import contact_tip, reach_out_summary
from model.document import Document
from model.events import Event
from model.storage import snapshot

log = logging.getLogger(__name__)
SIDE_BY_SIDE_W = 640  # from this width 'For you' puts the reach-out list beside the summary

DEBOUNCE_MS = 500
MAX_DEBOUNCE_MS = 2000
FIRST_FRAME_WAIT_MS = 3000
NO_WALK = ("There is no walk yet: add the customer and your colleagues from the palette, "
           "then draw the hand-offs between them.")


class InsightsPanel(QWidget):
    """Findings grouped by kind, the figures, and the view for "you"."""

    findingActivated = Signal(list, list)
    reportReady = Signal(object)

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("insights")
        self.doc: Document | None = None
        self.report: Report | None = None
        self.today = today  # fixed in tests; None: the real today at each analysis
        self._generation = 0
        self._running = False
        self._dirty = False
        self._garbage: list[object] = []
        self._untouched = False
        self._expanded: set[str] = set()
        self._seen_kinds: set[str] = set()
        self.executor = insights_work.executor()  # the app's analysis process (started now) or thread
        self.jobs = Jobs(self, "insights", executor=self.executor, abandon_wait_s=0)  # never waited for
        self.packer = insights_work.MapPacker(self.executor, self)
        self.warmer = SnapshotWarmer(self)  # edited items copied ahead of the next snapshot, in slices
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._start)
        self._first_frame: QWidget | None = None  # a map just set waits for this widget to paint
        self._first_frame_timer = QTimer(self)  # ... or this long, if it never does
        self._first_frame_timer.setSingleShot(True)
        self._first_frame_timer.setInterval(FIRST_FRAME_WAIT_MS)
        self._first_frame_timer.timeout.connect(self._first_frame_shown)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        self.status = hint_label("")
        layout.addWidget(self.status)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)

        self.tree = QTreeView()  # its model reads the rows on demand (gui/lists/findings_tree.py)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAccessibleName("Findings")
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        self.findings = FindingsTree(self.tree, self._expanded, self._seen_kinds)
        self.tree.viewport().installEventFilter(self)
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(30)
        self._relayout.timeout.connect(self.tree.doItemsLayout)
        self.tree.clicked.connect(self._item_clicked)
        self.tree.activated.connect(self._item_clicked)
        self.tree.expanded.connect(lambda index: self._expanded.add(index.data(KEY_ROLE)))
        self.tree.collapsed.connect(lambda index: self._expanded.discard(index.data(KEY_ROLE)))
        self.tabs.addTab(self.tree, "Findings")

        # side by side when the dock is wide and short (the list needs the height), stacked when narrow
        you_page = QWidget()
        you_layout = self._you_layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, you_page)
        you_layout.setContentsMargins(6, 6, 6, 6)
        about_you, reach = QVBoxLayout(), QVBoxLayout()
        self.you_title = heading_label("", scale=1.1)
        self.you_summary = QLabel()
        self.you_summary.setWordWrap(True)
        self.you_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.next_title = QLabel("Reach out next", wordWrap=True)  # then why they are due, which wraps
        bold = QFont(self.next_title.font())
        bold.setBold(True)
        self.next_title.setFont(bold)
        self.next_list = QListWidget()
        self.next_list.setWordWrap(True)
        self.next_list.setAccessibleName("Reach out next")
        self.next_list.itemClicked.connect(self._next_clicked)
        self.next_list.itemActivated.connect(self._next_clicked)
        about_you.addWidget(self.you_title)
        about_you.addWidget(self.you_summary)
        about_you.addStretch(1)
        reach.addWidget(self.next_title)
        reach.addWidget(self.next_list, 1)
        you_layout.addLayout(about_you, 2)
        you_layout.addLayout(reach, 3)
        self.tabs.addTab(you_page, "For you")

        self.figures = QTreeWidget()
        self.figures.setColumnCount(2)
        self.figures.setHeaderLabels(["Figure", "Value"])
        self.figures.setRootIsDecorated(False)
        self.figures.setWordWrap(True)
        self.figures.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.figures.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.figures.header().setStretchLastSection(False)
        self.tabs.addTab(self.figures, "Figures")
        self._show_nothing()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = self.width() >= SIDE_BY_SIDE_W
        self._you_layout.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )

    # ----- public API ------------------------------------------------------------
    def set_document(self, doc: Document | None) -> None:
        if self.doc is not None:
            self.doc.unsubscribe(self._on_event)
        self._first_frame_timer.stop()
        self.doc = doc
        self.warmer.set_document(doc)
        if self.packer.set_document(doc):
            self._running = False  # its analysis was never handed over
        self.report = None
        self._generation += 1  # anything still running belongs to the old map
        self._expanded.clear()
        self._seen_kinds.clear()
        if doc is None:
            self._timer.stop()
            self._show_nothing()
            return
        doc.subscribe(self._on_event)
        self._untouched = True  # no edit since the map was set
        self.status.setText("Looking at the map…")
        waiting = self._first_frame
        if waiting is not None and waiting.isVisible():
            waiting.installEventFilter(self)
            self._first_frame_timer.start()
            return
        self._first_frame = None
        self.refresh_now()

    def after_next_paint(self, widget: QWidget) -> None:
        """The next map set here is analysed once `widget` (the canvas) has painted it.

        Why: the map's items are pickled for the analysis process in slices of the GUI thread
        (or, with no process, the analysis shares the interpreter on a thread); started at
        once, that work interleaved with building and painting the canvas and delayed the
        map's first frame. The map shows first, its insights a moment later."""
        self._first_frame = widget

    def _first_frame_shown(self) -> None:
        if self._first_frame is None:
            return
        self._first_frame.removeEventFilter(self)
        self._first_frame = None
        self._first_frame_timer.stop()
        if self.doc is not None and not self._running and not self._timer.isActive():
            self.refresh_now()

    def refresh_now(self) -> None:
        """Analyse as soon as the worker is free (no debounce)."""
        self._timer.stop()
        self._start()

    def wait_for_idle(self, msecs: int = 10000) -> bool:
        """Block until no analysis runs (for shutdown and tests); its slices are done at once."""
        self.packer.finish()
        return self.jobs.wait(msecs / 1000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._first_frame and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._first_frame_shown)  # once this paint is done
            return False
        if watched is self.tree.viewport() and event.type() == QEvent.Type.Resize:
            old, new = event.oldSize(), event.size()  # type: ignore[attr-defined]
            if old.width() != new.width():
                self._relayout.start()  # rows re-measure their wrapped height
        return False

    # ----- running the analysis ------------------------------------------------------
    def _on_event(self, event: Event) -> None:
        self._untouched = False
        if event.action == "moved":
            return  # positions do not change any finding
        self._generation += 1
        # a big map takes a moment to snapshot: wait for a longer pause in the typing
        people = len(self.doc.people) if self.doc is not None else 0
        self._timer.start(min(MAX_DEBOUNCE_MS, max(DEBOUNCE_MS, people)))

    def _start(self) -> None:
        if self.doc is None:
            return
        if self._first_frame is not None:  # an edit came first: no need to wait any longer
            self._first_frame.removeEventFilter(self)
            self._first_frame = None
            self._first_frame_timer.stop()
        if self._running:
            self._dirty = True  # run again with the newest map once this one ends
            return
        self._generation += 1
        generation = self._generation
        self._running = True
        self.status.setText("Updating…")
        self.packer.launch(self.jobs, self.today, generation, self._ended,
                           lambda: self._take(generation, None))

    def _ended(self, job: Job) -> None:
        """An analysis ended: show it, unless the map changed meanwhile (then analyse again)."""
        self._running = False
        if self._dirty:
            self._dirty = False
            QTimer.singleShot(0, self._start)
            return
        if job.tag != self._generation or self.doc is None:
            return
        try:
            result = job.result()
        except BrokenProcessPool:  # the process died (killed, out of memory): a new one, once
            self.packer.process_died()
            QTimer.singleShot(0, self._start)
            return
        except Exception as exc:  # shown in the panel; never a crash
            log.exception("analysis failed")
            self.status.setText(f"The insights could not be computed: {str(exc) or type(exc).__name__}")
            return
        self.packer.receive(result, lambda got: self._take(job.tag, got))

    def _take(self, generation: int, result: tuple[Report, Shown] | None) -> None:
        if generation != self._generation or self.doc is None:
            return
        if result is None:  # not handed over, or not a report that came back
            self.status.setText("The insights could not be computed.")
            self._running = False
            return
        report, shown = result
        old = [self.report, self.findings.shown]
        self.report = report
        self._show(report, shown)
        self.reportReady.emit(report)
        # the previous report and rows (~30 MB at 10,000 people) are freed on the worker now,
        # not when the next edit comes (~80 ms on this thread)
        self._garbage.extend(old)
        del old, report, shown
        main_thread_gc.settle()  # kept until the next report: never walked by a young collection
        if self._untouched and self.doc is not None:
            snapshot.release(self.doc)  # a map only looked at needs no copies kept; an edit makes them again
        self.jobs.submit(insights_work.free, self._garbage)
        self._garbage = []

    # ----- showing ---------------------------------------------------------------------
    def _show_nothing(self) -> None:
        self.findings.clear()
        self.figures.clear()
        self.next_list.clear()
        self.you_title.setText("")
        self.you_summary.setText("")
        self.status.setText("Open a map to see its insights.")
        self.tabs.setTabText(0, "Findings")

    def _show(self, report: Report, shown: Shown | None = None) -> None:
        rows, counts = shown if shown is not None else (tree_rows(report), report.severity_counts())
        total = len(report.findings)
        if total:
            self.status.setText(
                " · ".join(f"{counts[s]} {s}" for s in ("high", "medium", "low") if counts.get(s))
            )
        elif not report.walk:  # an empty map is not a sound walk: say what to do first
            self.status.setText(NO_WALK)
        else:
            self.status.setText("Nothing found: the walk looks sound.")
        self.tabs.setTabText(0, f"Findings ({total})")
        self.findings.fill(rows)
        self._fill_you(report)
        self._fill_figures(report)

    def _fill_you(self, report: Report) -> None:
        self.next_list.clear()
        you = report.you
        if you is None:
            self.you_title.setText("Where are you?")
            self.you_summary.setText(
                "Select your own card and tick “This is me” in the inspector: this page then shows how far"
                " you are from the customer and who to reach out to next."
            )
            self.next_title.hide()
            self.next_list.hide()
            return
        self.next_title.show()
        self.next_list.show()
        self.you_title.setText(f"You: {report.label(you.person_id)}")
        if you.customer_distance is None:
            reach = "Your work does not reach a customer through hand-offs yet."
        else:
            n = you.customer_distance
            nearest = f" ({report.label(you.nearest_customer_id)})" if you.nearest_customer_id else ""
            reach = f"You are {n} hand-off{'s' if n != 1 else ''} from the customer{nearest}."
        connected = sum(1 for pid, d in you.distances.items() if d is not None and pid != you.person_id)
        self.you_summary.setText(
            f"{reach}\n{connected} people in the walk are connected to you by hand-offs."
        )
        self.next_title.setText(reach_out_summary(you))  # why they are due: never contacted apart
        if not you.next_people:
            self.next_list.addItem("Nobody else is on your walk yet: draw who you hand work to.")
            return
        for contact in you.next_people:
            away = f"{contact.distance} hand-off{'s' if contact.distance != 1 else ''} away"
            if contact.last_contact is None:
                when = "never contacted"
            else:
                days = f" ({contact.days_since} days ago)" if contact.days_since is not None else ""
                when = f"last contact {contact.last_contact}{days}"
            item = QListWidgetItem(f"{report.label(contact.person_id)}\n{away} · {when}")
            item.setData(PEOPLE_ROLE, [contact.person_id])
            item.setIcon(colour_icon(SEVERITY_COLOURS["medium"] if contact.due else SEVERITY_COLOURS["low"]))
            item.setToolTip(contact_tip(contact))
            self.next_list.addItem(item)

    def _fill_figures(self, report: Report) -> None:
        self.figures.clear()
        stats: dict[str, Any] = report.stats
        keys = [k for k in STAT_LABELS if k in stats] + [k for k in stats if k not in STAT_LABELS]
        for key in keys:
            item = QTreeWidgetItem([STAT_LABELS.get(key, key), str(stats[key])])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.figures.addTopLevelItem(item)

    # ----- clicks ----------------------------------------------------------------------
    def _item_clicked(self, index: QModelIndex) -> None:
        people = list(index.data(PEOPLE_ROLE) or [])
        handoffs = list(index.data(HANDOFFS_ROLE) or [])
        if people or handoffs:
            self.findingActivated.emit(people, handoffs)

    def _next_clicked(self, item: QListWidgetItem) -> None:
        people = list(item.data(PEOPLE_ROLE) or [])
        if people:
            self.findingActivated.emit(people, [])
