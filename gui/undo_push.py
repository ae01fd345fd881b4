"""Pushing edits onto the undo stack: each applies once, and a refused one changes nothing.

QUndoStack.push runs the command's redo() inside C++, where an exception cannot be caught. Every
edit is a gui.commands.DocCommand, which catches the Document's refusal itself and marks itself
obsolete, so the stack drops it; `push` then raises DocumentError with the Document's sentence.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtGui import QUndoCommand, QUndoStack

from gui.commands import DocCommand, MacroCommand
from model.document import DocumentError

log = logging.getLogger(__name__)


def push(stack: QUndoStack, commands: QUndoCommand | Sequence[QUndoCommand], text: str = "") -> None:
    """Push one command, or several as one undo step (a MacroCommand named `text`), applying each
    once. A refused edit raises DocumentError with the Document's sentence; the stack and the
    modified flag are left as they were."""
    cmds = [commands] if isinstance(commands, QUndoCommand) else list(commands)
    if not cmds:
        return
    if not all(isinstance(c, DocCommand) for c in cmds):
        _push_tried(stack, cmds, text)
        return
    docs = [c for c in cmds if isinstance(c, DocCommand)]
    cmd = docs[0] if len(docs) == 1 else MacroCommand(docs, text)
    stack.push(cmd)
    if cmd.refusal is not None:
        raise DocumentError(cmd.refusal)


def _push_tried(stack: QUndoStack, cmds: list[QUndoCommand], text: str) -> None:
    """A command that is not a DocCommand cannot refuse safely inside the stack: try it first,
    put it back, and push it only when it is known to apply."""
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
