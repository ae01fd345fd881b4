"""Work held until the view has painted its next frame (gui/canvas/mirror/gestures.py
`after_frame`): the smoothing and the pointer's look-up after a drop must not run before the
drop's own frame (issue 19). A 0 ms timer did: the scene's changes reach the view in a queued
call whose paint comes a turn of the event loop later."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, QTimer
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

from gui.canvas.mirror import gestures


class Log(QObject):
    def __init__(self, order: list[str]) -> None:
        super().__init__()
        self.order = order

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.order.append("paint")
        return False


def _view(qtbot) -> tuple[QGraphicsScene, QGraphicsView]:
    scene = QGraphicsScene()
    scene.setSceneRect(QRectF(0, 0, 400, 300))
    scene.box = scene.addRect(QRectF(10, 10, 50, 50))  # type: ignore[attr-defined]
    view = QGraphicsView(scene)
    qtbot.addWidget(view)
    view.resize(300, 200)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(50)  # its first frames
    return scene, view


def test_the_work_runs_after_the_next_frame_not_before(qtbot) -> None:
    scene, view = _view(qtbot)
    order: list[str] = []
    log = Log(order)
    view.viewport().installEventFilter(log)
    # a change made in a timer of the same turn (as the lazy routing's first slice after a drop):
    # its repaint reaches the view in a queued call, so the paint comes a turn later
    QTimer.singleShot(0, scene, lambda: scene.box.setPos(30, 20))
    gestures.after_frame(scene, lambda: order.append("work"))
    qtbot.waitUntil(lambda: "work" in order, timeout=2000)
    assert order.index("paint") < order.index("work"), order
    assert order.count("work") == 1


def test_with_nothing_to_paint_the_work_still_runs_once(qtbot) -> None:
    scene, _view_ = _view(qtbot)
    done: list[int] = []
    gestures.after_frame(scene, lambda: done.append(1))
    qtbot.wait(gestures.FRAME_WAIT_MS + 200)
    assert done == [1]


def test_a_scene_taken_down_before_the_frame_runs_nothing(qtbot) -> None:
    scene, view = _view(qtbot)
    done: list[int] = []
    gestures.after_frame(scene, lambda: done.append(1))
    view.setScene(None)
    scene.deleteLater()
    qtbot.wait(gestures.FRAME_WAIT_MS + 200)
    assert done == []
