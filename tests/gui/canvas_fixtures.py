"""Shared set-up for the canvas and main-window tests: a small map, isolated
settings, and mouse/drop helpers that drive the view the way a person does."""
from __future__ import annotations

import csv
import time
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QImage, QMouseEvent
from PySide6.QtWidgets import QApplication

from gui.canvas import mime
from model.document import Document
from model.entities import CUSTOMER, Department, Handoff, Person, Story

LEFT = Qt.MouseButton.LeftButton


def sample_map() -> Document:
    """Three lanes, four placed people with two hand-offs, a customer and one roster person."""
    doc = Document.with_standard_statements()
    doc.meta.title = "Test walk"
    doc.add("department", Department("Sales", "#4E79A7", id="sales"))
    doc.add("department", Department("Legal", "#F28E2B", id="legal"))
    doc.add("department", Department("Engineering", "#59A14F", id="eng"))
    doc.add("person", Person("Ana Seller", "Account executive", "sales", stage="sell", pos=(175.0, 14.0),
                             id="ana", story=Story(hand_on="the signed deal")))
    doc.add("person", Person("Luc Lawyer", "Legal manager", "legal", stage="contract", pos=(375.0, 14.0),
                             id="luc"))
    doc.add("person", Person("Eli Engineer", "Designer", "eng", stage="specify", pos=(575.0, 14.0), id="eli"))
    doc.add(
        "person", Person("Cara Client", "Buyer", kind=CUSTOMER, stage="renew", pos=(1975.0, 14.0), id="cara")
    )
    doc.add("person", Person("Zed Roster", "Planner", "legal", placed=False, id="zed"))
    doc.add("handoff", Handoff("ana", "luc", "signed order", "sell", id="h1"))
    doc.add("handoff", Handoff("luc", "eli", "contract terms", "contract", id="h2"))
    return doc


def open_window(qtbot, tmp_path: Path, monkeypatch, doc: Document | None = None,
                size: tuple[int, int] | None = None):
    """A main window on `doc` (default: sample_map()), shown (at `size` if given); its settings
    and autosaves stay in tmp_path (the one set-up every window test starts from)."""
    from PySide6.QtCore import QSettings

    from gui.main_window import MainWindow

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("CONTRACTWALK_DATA_DIR", str(tmp_path / "data"))
    w = MainWindow(sample_map() if doc is None else doc, None)
    qtbot.addWidget(w)
    if size is not None:
        w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    return w


def vp(view, scene_point: QPointF) -> QPointF:
    return QPointF(view.mapFromScene(scene_point))


def mouse(view, kind: QEvent.Type, scene_point: QPointF, button=LEFT, buttons=LEFT,
          modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    local = vp(view, scene_point)
    event = QMouseEvent(
        kind, local, QPointF(view.viewport().mapToGlobal(local.toPoint())), button, buttons, modifiers
    )
    QApplication.sendEvent(view.viewport(), event)


def drag(
    view, start: QPointF, end: QPointF, steps: int = 5, modifiers=Qt.KeyboardModifier.NoModifier
) -> None:
    """Press at `start`, move in steps, release at `end` (scene coordinates)."""
    mouse(view, QEvent.Type.MouseButtonPress, start, modifiers=modifiers)
    for i in range(1, steps + 1):
        t = i / steps
        mouse(view, QEvent.Type.MouseMove, start + (end - start) * t, button=Qt.MouseButton.NoButton,
              modifiers=modifiers)
    mouse(view, QEvent.Type.MouseButtonRelease, end, buttons=Qt.MouseButton.NoButton, modifiers=modifiers)


def click(view, point: QPointF, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    mouse(view, QEvent.Type.MouseButtonPress, point, modifiers=modifiers)
    mouse(view, QEvent.Type.MouseButtonRelease, point, buttons=Qt.MouseButton.NoButton, modifiers=modifiers)


def double_click(view, point: QPointF) -> None:
    click(view, point)
    mouse(view, QEvent.Type.MouseButtonDblClick, point)
    mouse(view, QEvent.Type.MouseButtonRelease, point, buttons=Qt.MouseButton.NoButton)


def tile_mime(payload: str) -> QMimeData:
    data = QMimeData()
    data.setData(mime.TILE_MIME, payload.encode("utf-8"))
    return data


def file_mime(*paths: Path) -> QMimeData:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return data


def drop_on(widget, data: QMimeData, local: QPoint) -> bool:
    """Enter, move and drop a drag carrying `data` at a widget point; True if the drop was accepted."""
    action = Qt.DropAction.CopyAction
    buttons, mods = LEFT, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(local, action, data, buttons, mods)
    QApplication.sendEvent(widget, enter)
    move = QDragMoveEvent(local, action, data, buttons, mods)
    QApplication.sendEvent(widget, move)
    drop = QDropEvent(QPointF(local), action, data, buttons, mods)
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()


def drop_on_view(view, data: QMimeData, scene_point: QPointF) -> bool:
    return drop_on(view.viewport(), data, view.mapFromScene(scene_point))


def write_roster(path: Path, people: int = 300, departments: int = 8) -> Path:
    """A roster CSV like an HR export, with hand-offs along a chain and stages."""
    stages = ["sell", "contract", "specify", "procure", "build",
              "deliver", "implement", "invoice", "collect", "renew"]
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["name", "title", "department", "stage", "hands_off_to", "hands_off_what"])
        for i in range(people):
            nxt = f"Person {i + 1:03d}" if i + 1 < people and i % 3 != 2 else ""
            out.writerow([f"Person {i:03d}", f"Role {i % 17}", f"Department {i % departments}",
                          stages[(i * 7) % len(stages)], nxt, "work order" if nxt else ""])
    return path


def open_big_map(qtbot, zoom: float | None = 1.0, people: int = 300, seed: int = 4,
                 size: tuple[int, int] = (900, 600)) -> tuple:
    """A generated map (300 people unless told) open in a view (900x600 unless told), as the
    window opens one: from its home corner at `zoom` (None: the view left as the open put it).
    Returns (scene, view, document, undo stack); the caller lets the document go."""
    from PySide6.QtGui import QUndoStack

    from bench.mapgen import make_big_map
    from gui.canvas.scene import MapScene
    from gui.canvas.view import MapView

    doc, stack = make_big_map(people, seed=seed), QUndoStack()
    scene = MapScene()
    view = MapView(scene)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    scene.set_document(doc, stack)
    if zoom is not None:
        view.show_home()
        view.set_zoom(zoom)
    return scene, view, doc, stack


def numbers(value) -> Iterator[float]:
    """Every number in nested tuples and lists, in order (to compare routes and marks)."""
    if isinstance(value, (int, float)):
        yield float(value)
    else:
        for part in value:
            yield from numbers(part)


def calm(qtbot, scene) -> None:
    """Let the view's new part settle: its arrows routed, their marks placed and painted (a test
    comparing screens must wait for the work done in idle slices)."""
    from gui.canvas.items import handoff_labels

    qtbot.waitUntil(lambda: scene.lazy_arrows.pending() == 0, timeout=20000)
    qtbot.waitUntil(lambda: not handoff_labels.runner_of(scene).busy(), timeout=20000)
    qtbot.wait(50)


def idle_work_done(view, everything: bool = True, timeout_s: float = 60.0) -> None:
    """Let the idle work that changes what the view shows end, however slowly this machine runs
    it (the other core busy with another test): the label pass, the arrows routed late and the
    overview's redraw (`everything` False: the label pass alone). A count of event-loop turns is
    not a wait: on a loaded machine a slice does less, and a screen grabbed before the end
    differs from a full repaint."""
    from gui.canvas.items import handoff_labels

    scene = view.scene()
    runner = handoff_labels.runner_of(scene)
    lazy = getattr(scene, "lazy_arrows", None) if everything else None
    overview = getattr(view, "overview", None) if everything else None
    deadline = time.monotonic() + timeout_s
    QApplication.processEvents()
    while (runner.busy() or (lazy is not None and lazy.pending())
           or (overview is not None and overview._redraw.isActive())):
        assert time.monotonic() < deadline, "the view's idle work never ended"
        QApplication.processEvents()
        time.sleep(0.001)
    # the repaint the last slice asked for (a label given its place, or taken away) is queued:
    # a screen grabbed before it shows the slice's work half drawn
    QApplication.processEvents()


def worst_difference(one: QImage, other: QImage) -> int:
    """The largest difference of one colour channel between two same-sized screens (0-255)."""
    assert one.size() == other.size() and not one.isNull()
    worst = 0
    for y in range(one.height()):
        row_a, row_b = one.constScanLine(y).tobytes(), other.constScanLine(y).tobytes()
        if row_a != row_b:
            worst = max(worst, max(abs(p - q) for p, q in zip(row_a, row_b, strict=True)))
    return worst
