"""Pushing edits onto the undo stack safely.

QUndoStack.push runs the command's redo() inside C++: if the Document
refuses the edit there, the exception cannot be caught and the broken
command would stay on the stack. So an edit is tried first, put back, and
only pushed when it is known to apply; a refused edit raises DocumentError
with the Document's sentence and changes nothing.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtGui import QUndoCommand, QUndoStack

from model.document import DocumentError

log = logging.getLogger(__name__)


def push(stack: QUndoStack, commands: QUndoCommand | Sequence[QUndoCommand], text: str = "") -> None:
    """Push one command, or several as one undo step (a macro named `text`)."""
    cmds = [commands] if isinstance(commands, QUndoCommand) else list(commands)
    if not cmds:
        return
    done: list[QUndoCommand] = []
    try:
        for cmd in cmds:
            cmd.redo()
            done.append(cmd)
    except DocumentError:
        for cmd in reversed(done):
            cmd.undo()
        raise
    except Exception:
        log.exception("an edit failed while being tried")
        for cmd in reversed(done):
            try:
                cmd.undo()
            except Exception:  # pragma: no cover - best effort to leave the map as it was
                log.exception("could not put back a failed edit")
        raise
    for cmd in reversed(done):
        cmd.undo()
    if len(cmds) == 1:
        stack.push(cmds[0])
        return
    stack.beginMacro(text or cmds[0].text())
    try:
        for cmd in cmds:
            stack.push(cmd)
    finally:
        stack.endMacro()
