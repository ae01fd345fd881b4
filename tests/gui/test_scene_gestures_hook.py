"""SceneGestures needs its scene to say what a drag of cards changes: a scene that does not is
refused when built (as an abstract class is), MapScene is accepted and still commits a drag."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from gui.canvas.mirror.gestures import SceneGestures
from gui.canvas.scene import MapScene


class _Forgetful(SceneGestures):
    """A scene that forgot to say what a drag commits."""


class _Recording(SceneGestures):
    def __init__(self) -> None:
        super().__init__()
        self.committed: list[dict[str, QPointF]] = []

    def commit_card_moves(self, starts: dict[str, QPointF]) -> None:
        self.committed.append(starts)


def test_a_scene_without_commit_card_moves_cannot_be_built(qtbot) -> None:
    with pytest.raises(TypeError, match="commit_card_moves"):
        _Forgetful()  # type: ignore[abstract]
    assert _Recording().committed == []
    assert not getattr(MapScene.commit_card_moves, "__isabstractmethod__", False)
    MapScene()  # the real scene defines it
