"""What the GUI benchmarks stand on: one QApplication set up as the app's, frames that
are waited for, a heartbeat that finds GUI-thread stalls, and the floor: a bare
QGraphicsScene with the same number of things at the same places."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QLineF, QObject, QPointF, QRectF, QSettings, QSize, QSizeF, Qt, QTimer
from PySide6.QtGui import QFont, QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QMessageBox,
)

from model import layout
from model.document import Document
from model.storage.store import save

WINDOW = (1400, 900)
_app: QApplication | None = None
_tmp: Path | None = None


def temp_dir() -> Path:
    """The run's scratch folder (settings, autosaves, map files)."""
    app()
    assert _tmp is not None
    return _tmp


# ----- set-up ---------------------------------------------------------------------
def app() -> QApplication:
    """One QApplication set up as run_app does (names, fonts, the collector on the GUI thread),
    with its settings and autosaves in a temp folder; message boxes never block."""
    global _app, _tmp
    if _app is None:
        _tmp = Path(tempfile.mkdtemp(prefix="cwalk-bench-gui-"))
        os.environ["CONTRACTWALK_DATA_DIR"] = str(_tmp / "data")
        from gui.app import APP, ORG, load_fonts
        from gui.jobs import main_thread_gc

        QApplication.setOrganizationName(ORG)
        QApplication.setApplicationName(APP)
        existing = QApplication.instance()
        application = existing if isinstance(existing, QApplication) else QApplication([])
        _app = application
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(_tmp / "settings"))
        main_thread_gc.hold()  # as run_app does: the collector stays on the GUI thread for the app's life
        family = load_fonts()  # the bundled fonts, as run_app sets them
        if family:
            font = QFont(family)
            font.setPointSizeF(max(9.0, application.font().pointSizeF()))
            application.setFont(font)
        for kind in ("information", "warning", "critical", "question"):
            setattr(QMessageBox, kind, _no_box(kind))
    return _app


def _no_box(kind: str) -> Callable[..., Any]:
    def show(_parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
        print(f"  [message box {kind}] {title}: {text}", flush=True)
        return QMessageBox.StandardButton.Ok
    return show


class PaintCounter(QObject):
    """Counts paint events that reach a widget (the viewport); `began`: when the last one began
    (perf_counter seconds)."""

    def __init__(self, widget: Any) -> None:
        super().__init__()
        self.count = 0
        self.began = 0.0
        widget.installEventFilter(self)

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
            self.began = time.perf_counter()
        return False


def until_painted(counter: PaintCounter, limit_s: float = 30.0, since: int | None = None) -> None:
    """Run the event loop until the viewport has painted once more than `since` (default: now)."""
    app_ = app()
    start, seen = time.perf_counter(), counter.count if since is None else since
    app_.processEvents()
    while counter.count == seen and time.perf_counter() - start < limit_s:
        app_.processEvents()


def new_window() -> Any:
    from gui.main_window import MainWindow

    app()
    window = MainWindow()
    window.resize(*WINDOW)
    window.show()
    app().processEvents()
    return window


WAIT_MS = 180_000


def settle(window: Any) -> None:
    """Let background work of an earlier step end (the insights' analysis, its result shown,
    the cards a big map's open makes in idle slices)."""
    progressive = getattr(window.scene, "progressive", None)
    while progressive is not None and progressive.active():
        app().processEvents()
    longest_stall(0.5)  # a newly set map's first analysis starts after its first frame
    window.insights.wait_for_idle(WAIT_MS)  # at 10,000 people on a loaded machine: over 10 s
    longest_stall(0.2)
    window.insights.wait_for_idle(WAIT_MS)  # what showing the result handed over (freeing the last)
    longest_stall(0.1)


def copies(doc: Document, folder: Path, n: int, count: int) -> list[Path]:
    """`count` files of the same map (each open takes the file's lock, so each run opens its own copy)."""
    first = folder / f"map{n}-0.cwalk"
    save(doc, first, backups=0)
    out = [first]
    for i in range(1, count):
        out.append(folder / f"map{n}-{i}.cwalk")
        shutil.copyfile(first, out[-1])
    return out


# ----- the floor: a bare scene with the same number of things -----------------------
class Floor:
    """A bare QGraphicsScene: per card a rectangle and two texts, per hand-off a line, same places.

    `like`: the canvas view whose size, zoom and scroll the floor's view copies."""

    def __init__(self, doc: Document, like: Any = None) -> None:
        by_key = {lane.key: lane for lane in layout.lanes(doc)}
        placed = [p for p in doc.people.values() if p.placed]
        self.rects = {
            p.id: QRectF(QPointF(*layout.absolute_pos(doc, p, by_key)), QSizeF(layout.CARD_W, layout.CARD_H))
            for p in placed
        }
        self.texts = {p.id: (p.name, p.title) for p in placed}
        self.links = [
            (h.source, h.target)
            for h in doc.handoffs.values()
            if h.source in self.rects and h.target in self.rects
        ]
        self.like = like
        self.scene: QGraphicsScene | None = None
        self.view: QGraphicsView | None = None
        self.counter: PaintCounter | None = None
        self.items: dict[str, QGraphicsRectItem] = {}
        self.lines: dict[str, list[tuple[QGraphicsLineItem, str, str]]] = {}

    def build(self) -> None:
        """Create scene, items and view the way the canvas is shown (size, zoom, scroll)."""
        scene = QGraphicsScene()
        scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.items, self.lines = {}, {}
        for pid, rect in self.rects.items():
            item = QGraphicsRectItem(0, 0, rect.width(), rect.height())
            item.setPos(rect.topLeft())
            scene.addItem(item)
            name, title = self.texts[pid]
            for text, dy in ((name, 6), (title, 24)):
                label = QGraphicsSimpleTextItem(text, item)
                label.setPos(12, dy)
            self.items[pid] = item
        for src, dst in self.links:
            line = QGraphicsLineItem(QLineF(self.rects[src].center(), self.rects[dst].center()))
            scene.addItem(line)
            self.lines.setdefault(src, []).append((line, src, dst))
            self.lines.setdefault(dst, []).append((line, src, dst))
        like = self.like
        scene.setSceneRect(like.scene().sceneRect() if like is not None else scene.itemsBoundingRect())
        view = self.view or QGraphicsView()
        if self.view is None:
            view.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
            view.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)  # as the canvas
            view.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            view.resize(like.viewport().size() if like is not None else QSize(*WINDOW))
            view.show()
            self.counter = PaintCounter(view.viewport())
        view.setScene(scene)
        if like is not None:
            view.setTransform(like.transform())
            view.horizontalScrollBar().setValue(like.horizontalScrollBar().value())
            view.verticalScrollBar().setValue(like.verticalScrollBar().value())
        old, self.scene, self.view = self.scene, scene, view
        if old is not None:
            old.deleteLater()

    def open(self) -> None:
        self.build()
        assert self.counter is not None
        until_painted(self.counter)

    def move(self, pid: str, pos: QPointF) -> None:
        self.items[pid].setPos(pos)
        for line, src, dst in self.lines.get(pid, []):
            line.setLine(
                QLineF(
                    self.items[src].sceneBoundingRect().center(), self.items[dst].sceneBoundingRect().center()
                )
            )

    def close(self) -> None:
        if self.view is not None:
            self.view.close()
            self.view.deleteLater()
        if self.scene is not None:
            self.scene.deleteLater()
        self.view = self.scene = None


def mouse(view: Any, kind: QEvent.Type, local: QPointF, buttons: Qt.MouseButton) -> None:
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
    event = QMouseEvent(
        kind,
        local,
        QPointF(view.viewport().mapToGlobal(local.toPoint())),
        button,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view.viewport(), event)


def longest_stall(seconds: float, tick_ms: int = 2) -> float:
    """Run the event loop for `seconds`; the longest gap between two ticks of a short timer."""
    a = app()
    last = [time.perf_counter()]
    gaps = [0.0]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(tick_ms)
    timer.timeout.connect(tick)
    timer.start()
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        a.processEvents()
        time.sleep(0.0005)
    timer.stop()
    return max(gaps)


def rss_mb() -> tuple[float, float]:
    """Resident set size now and at its peak, in MB (Linux /proc; elsewhere ru_maxrss for both)."""
    try:
        status = Path("/proc/self/status").read_text()
        fields = {
            line.split(":")[0]: line.split()[1]
            for line in status.splitlines()
            if line.startswith(("VmRSS:", "VmHWM:"))
        }
        return int(fields["VmRSS"]) / 1024, int(fields["VmHWM"]) / 1024
    except (OSError, KeyError, ValueError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        peak_mb = peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
        return peak_mb, peak_mb
