"""Small pieces the coaching widgets share: a document watcher that is safe
when its widget is gone, date conversions, and plain-text labels.

Why a watcher: a Document keeps plain Python callbacks; a callback bound to a
deleted Qt widget would raise on the next edit. The watcher unsubscribes
itself as soon as its owner is gone, and can debounce bursts of events.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable

import shiboken6
from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QPalette, QResizeEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QSplitter, QTableView, QTreeView, QWidget

from gui import theme
from gui.widgets import one_line  # noqa: F401  (coaching modules import it from here)
from model.document import Document
from model.events import Event

log = logging.getLogger(__name__)


class DocWatcher(QObject):
    """Calls `callback()` after document events on `entities` (all if None),
    debounced by `delay_ms` (0: on the next turn of the event loop)."""

    def __init__(
        self,
        owner: QObject,
        callback: Callable[[], None],
        entities: Iterable[str] | None = None,
        delay_ms: int = 0,
    ) -> None:
        super().__init__(owner)
        self._callback = callback
        self._entities = set(entities) if entities is not None else None
        self._doc: Document | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._fire)

    def watch(self, doc: Document | None) -> None:
        if self._doc is not None:
            self._doc.unsubscribe(self._listen)
        self._doc = doc
        if doc is not None:
            doc.subscribe(self._listen)

    def _listen(self, event: Event) -> None:
        if not shiboken6.isValid(self):
            if self._doc is not None:
                self._doc.unsubscribe(self._listen)
            return
        if self._entities is None or any(part.entity in self._entities for part in event.each()):
            self._timer.start()

    def flush(self) -> None:
        """Run a pending refresh now (tests, and before reading the widget)."""
        if self._timer.isActive():
            self._timer.stop()
            self._fire()

    def _fire(self) -> None:
        try:
            self._callback()
        except Exception:  # a refresh must never take the app down
            log.exception("refresh after a document change failed")


def today() -> dt.date:
    return dt.date.today()


def to_qdate(iso: str) -> QDate:
    try:
        d = dt.date.fromisoformat(iso)
    except (TypeError, ValueError):
        return QDate.currentDate()
    return QDate(d.year, d.month, d.day)


def from_qdate(qd: QDate) -> str:
    return dt.date(qd.year(), qd.month(), qd.day()).isoformat()


def plain_label(text: str = "", parent: QWidget | None = None, wrap: bool = True) -> QLabel:
    """A label that shows user text as typed (never as HTML)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setText(text)
    return label


def warning_color(widget: QWidget) -> QColor:
    """A red that reads on the current background (light or dark)."""
    base = widget.palette().color(QPalette.ColorRole.Base)
    return QColor("#ff6b6b") if base.lightness() < 128 else QColor("#c62828")


def is_dark(widget: QWidget) -> bool:
    return theme.is_dark(widget.palette())


class SideBySide(QSplitter):
    """Two panes side by side in a wide, short place (a dock below the map) and one above the
    other in a tall, narrow one (a dock beside it), switching as the user moves the dock."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = self.width() > 1.6 * self.height()
        want = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.orientation() != want:
            self.setOrientation(want)


class FittedColumns(QObject):
    """Keeps a table's (or tree's) columns inside its width, so a narrow dock never scrolls it
    sideways: `to_contents` columns (a tick box, a date) fit their contents, each `capped`
    column is as wide as its contents up to its share of the width those leave, `stretch`
    takes the rest, and text that does not fit is cut with "…" (the cells carry it whole as a
    tooltip)."""

    def __init__(self, view: QTableView | QTreeView, stretch: int, capped: dict[int, float],
                 to_contents: tuple[int, ...] = ()) -> None:
        super().__init__(view)
        self.view, self.capped, self.stretch = view, dict(capped), stretch
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        for col in to_contents:  # short fixed things: a tick box, a date
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        for col in self.capped:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.viewport().installEventFilter(self)

    def header(self) -> QHeaderView:
        view = self.view
        return view.horizontalHeader() if isinstance(view, QTableView) else view.header()

    def fit(self) -> None:
        """Size the capped columns for the rows shown now and the width there is now."""
        header = self.header()
        fixed = (c for c in range(header.count()) if c != self.stretch and c not in self.capped)
        room = self.view.viewport().width() - sum(header.sectionSize(c) for c in fixed)  # what may flex
        for col, share in self.capped.items():
            want = max(self.view.sizeHintForColumn(col), header.sectionSizeHint(col))
            header.resizeSection(col, max(24, min(want, int(room * share))))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False
