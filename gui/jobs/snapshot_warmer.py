"""Copies a map's edited items for the next snapshot in small idle slices on the GUI thread.

Why: the insights and the autosave each take a snapshot of the map (model/storage/snapshot.py)
on the GUI thread a moment after the last edit. A drop on a 10,000-person map moves thousands of
cards (their lanes shift), and copying them all at snapshot time held the GUI thread 20-130 ms
(issue 19). Copied a few hundred at a time between events, they are ready when the snapshot
comes, and no single slice is noticeable. Nothing here changes what a snapshot holds: a copy made
ahead is dropped again by the item's next edit.

Edits that come close together (typing a name: one edit per key) only note what they changed;
the copying waits for a pause of QUIET_MS. Why: a map whose copies were released (only looked
at) has all of its items copied again after its first edit (~25,000 at 10,000 people), and those
slices, and the young garbage they made, ran between the keys of the name being typed (issue 19,
session 8). The snapshot comes after a longer pause (the insights' debounce, the autosave's idle
wait), so the copies are still ready when it is taken.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from gui.jobs import main_thread_gc
from model.document import Document
from model.events import Event
from model.storage import snapshot

SLICE_ITEMS = 300  # items copied per slice (~1-2 ms)
SLICE_GAP_MS = 5  # between slices: input and painting come first
QUIET_MS = 150  # no slice until the edits have paused this long (well inside the snapshots' waits)


class SnapshotWarmer(QObject):
    """Follows one document's edits and copies the edited items ahead, a slice at a time."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._slice)

    def set_document(self, doc: Document | None) -> None:
        if self.doc is not None:
            self.doc.unsubscribe(self._on_event)
        self._timer.stop()
        self.doc = doc
        if doc is not None:
            doc.subscribe(self._on_event)

    def _on_event(self, _event: Event) -> None:
        self._timer.start(QUIET_MS)  # each edit puts the copying off until the edits pause

    def _slice(self) -> None:
        if self.doc is not None and snapshot.warm(self.doc, SLICE_ITEMS) > 0:
            main_thread_gc.brisk()  # its copies are walked by the collector in small steps
            self._timer.start(SLICE_GAP_MS)


__all__ = ["SnapshotWarmer"]
