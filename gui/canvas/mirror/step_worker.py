"""The arrows' step numbers, worked out again a moment after an edit that changes the walk's
order. On a big map the walk graph takes seconds (4-5 s at 10,000 people on a busy machine),
so there it is built on a worker thread from a read-only snapshot of the map and the numbers
are put on the arrows when it is done: the GUI never waits for it. Small maps number at once."""
from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from gui.canvas.step_numbers import handoff_steps
from model.storage.snapshot import snapshot_of

if TYPE_CHECKING:
    from gui.canvas.scene import MapScene
    from model.document import Document

log = logging.getLogger(__name__)

STEP_DELAY_MS = 150  # step numbers are recomputed this long after the last change
ON_A_WORKER_FROM = 1500  # hand-offs: from this many, the walk is numbered off the GUI thread
POLL_MS = 40  # how often the GUI looks whether the worker is done


def _numbered(doc: Document) -> dict[str, int]:
    try:
        return handoff_steps(doc)
    except Exception:
        log.exception("could not number the walk")
        return {}


class StepNumbering:
    """Debounced step numbers: `later()` after an edit, `now()` when they are needed at once."""

    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self.timer = QTimer(scene)
        self.timer.setSingleShot(True)
        self.timer.setInterval(STEP_DELAY_MS)
        self.timer.timeout.connect(self._due)
        self._poll = QTimer(scene)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._collect)
        self._job: tuple[threading.Thread, dict[str, dict[str, int]], Document] | None = None
        self._again = False  # an edit came while the worker ran: number once more after it
        self.last: dict[str, int] = {}  # the numbers last put on the arrows (for arrows made since)

    def later(self) -> None:
        self.timer.start()

    def busy(self) -> bool:
        """Numbers are due or being worked out."""
        return self.timer.isActive() or self._job is not None

    def now(self) -> None:
        """Number the arrows on this thread, at once (and forget a worker's older answer)."""
        self.timer.stop()
        self._job, self._again = None, False
        self._poll.stop()
        if self.scene.doc is not None:
            self._apply(_numbered(self.scene.doc))

    def _due(self) -> None:
        doc = self.scene.doc
        if doc is None:
            return
        if len(doc.handoffs) < ON_A_WORKER_FROM:
            self.now()
        elif self._job is not None:
            self._again = True
        else:
            self._start(doc)

    def _start(self, doc: Document) -> None:
        answer: dict[str, dict[str, int]] = {}
        snapshot = snapshot_of(doc)  # read-only: the worker never touches the live map

        def work() -> None:
            answer["steps"] = _numbered(snapshot)

        thread = threading.Thread(target=work, name="step-numbers", daemon=True)
        self._job = (thread, answer, doc)
        thread.start()
        self._poll.start()

    def _collect(self) -> None:
        job = self._job
        if job is None:
            self._poll.stop()
            return
        thread, answer, doc = job
        if thread.is_alive():
            return
        self._job = None
        self._poll.stop()
        if doc is not self.scene.doc:
            return  # another map was opened meanwhile
        if self._again:
            self._again = False
            self._start(doc)  # the map changed while it ran: these numbers are already old
            return
        self._apply(answer.get("steps", {}))

    def _apply(self, steps: dict[str, int]) -> None:
        self.last = steps
        for hid, item in self.scene.registry.handoff_items.items():
            item.set_step(steps.get(hid))
        self.scene.stepsChanged.emit()
