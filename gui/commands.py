"""Thin undo commands: each calls Document methods only, and never pushes another command.

Every command is a `DocCommand`: it applies once, when pushed. If the Document refuses the edit
(a DocumentError), the command marks itself obsolete, so QUndoStack drops it instead of keeping
a broken step and the modified flag stays as it was; the Document's sentence is kept in
`refusal` for the caller to report (gui/undo_push.py does). Composite edits (drop a person into a
lane and column, delete a selection) are one `MacroCommand` of several commands.
"""
from __future__ import annotations

import copy
from typing import Any

from PySide6.QtGui import QUndoCommand

from model.document import Document, DocumentError, Removal
from model.entities import ActionItem, OutreachEntry

# merge ids for typing into one field (QUndoCommand.id must be an int)
_MERGE_IDS: dict[tuple[str, str, str], int] = {}


def _merge_id(key: tuple[str, str, str]) -> int:
    return _MERGE_IDS.setdefault(key, 1000 + len(_MERGE_IDS))


class DocCommand(QUndoCommand):
    """The base of every edit: `apply()` changes the Document, `revert()` puts it back.

    Why not redo()/undo() directly: QUndoStack.push runs redo() inside C++, where an exception
    cannot be caught; here a refusal is caught, kept in `refusal`, and the command makes itself
    obsolete so that the stack drops it (Qt deletes obsolete commands instead of adding them)."""

    refusal: str | None = None

    def apply(self) -> None:
        """Make the change (every subclass says how); raise DocumentError to refuse it."""

    def revert(self) -> None:
        """Put back what apply() changed (every subclass says how)."""

    def redo(self) -> None:
        try:
            self.apply()
        except DocumentError as exc:
            self.refusal = str(exc)
            self.setObsolete(True)

    def undo(self) -> None:
        self.revert()

    def mergeable(self, other: QUndoCommand) -> bool:
        """Whether `other` (just applied) may merge into this step: never a refused edit."""
        return type(other) is type(self) and not other.isObsolete() and other.id() == self.id()


class MacroCommand(DocCommand):
    """Several commands as one undo step, all or nothing: if one is refused, the ones before it
    are put back and the whole step is refused."""

    def __init__(self, commands: list[DocCommand], text: str = "") -> None:
        super().__init__(text or (commands[0].text() if commands else ""))
        self.commands = list(commands)

    def apply(self) -> None:
        done: list[DocCommand] = []
        try:
            for cmd in self.commands:
                cmd.apply()
                done.append(cmd)
        except BaseException:
            for cmd in reversed(done):
                cmd.revert()
            raise

    def revert(self) -> None:
        for cmd in reversed(self.commands):
            cmd.revert()


class AddCommand(DocCommand):
    """Add one person, department, hand-off, statement, check-up or session."""

    def __init__(
        self, doc: Document, entity: str, item: Any, text: str = "", index: int | None = None
    ) -> None:
        super().__init__(text or f"Add {entity}")
        self.doc, self.entity, self.item, self.index = doc, entity, item, index

    def apply(self) -> None:
        self.doc.add(self.entity, self.item, self.index)

    def revert(self) -> None:
        self.doc.remove(self.entity, self.item.id)


class RemoveCommand(DocCommand):
    """Remove one item; undo puts it back where it was, with what it took along
    (a person's hand-offs, a department's members, 'you')."""

    def __init__(self, doc: Document, entity: str, item_id: str, text: str = "") -> None:
        super().__init__(text or f"Delete {entity}")
        self.doc, self.entity, self.item_id = doc, entity, item_id
        self.removal: Removal | None = None

    def apply(self) -> None:
        if self.item_id in self.doc.collection(self.entity):
            self.removal = self.doc.remove(self.entity, self.item_id)
        else:  # already taken along by an earlier removal in the same macro
            self.removal = None

    def revert(self) -> None:
        if self.removal is not None:
            self.doc.restore(self.removal)


class UpdateCommand(DocCommand):
    """Change fields of one item. Consecutive edits of the same field merge
    into one undo step (typing a name is one step, not one per key)."""

    def __init__(
        self, doc: Document, entity: str, item_id: str, changes: dict[str, Any], text: str = "",
        merge: bool = False,
    ) -> None:
        super().__init__(text or f"Edit {entity}")
        self.doc, self.entity, self.item_id = doc, entity, item_id
        self.changes = dict(changes)
        self.old: dict[str, Any] = {}
        self._merge = merge and len(changes) == 1

    def id(self) -> int:
        if not self._merge:
            return -1
        return _merge_id((self.entity, self.item_id, next(iter(self.changes))))

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, UpdateCommand) or not self.mergeable(other) or other.item_id != self.item_id:
            return False
        self.changes.update(other.changes)
        return True

    def apply(self) -> None:
        old = self.doc.update(self.entity, self.item_id, **self.changes)
        if not self.old:
            self.old = old

    def revert(self) -> None:
        self.doc.update(self.entity, self.item_id, **self.old)


class BatchUpdateCommand(DocCommand):
    """Change fields of several items as ONE undo step and one document event (the inspector's
    "change all"); undo gives each item back its own old values. Nothing really changed: no step."""

    def __init__(
        self, doc: Document, entity: str, changes: dict[str, dict[str, Any]], text: str = ""
    ) -> None:
        super().__init__(text or f"Change {len(changes)} {entity}s")
        self.doc, self.entity = doc, entity
        self.changes = {item_id: dict(fields) for item_id, fields in changes.items()}
        self.old: dict[str, dict[str, Any]] = {}

    def apply(self) -> None:
        self.old = self.doc.update_many(self.entity, self.changes)
        if self.old == self.changes:
            self.setObsolete(True)

    def revert(self) -> None:
        self.doc.update_many(self.entity, self.old)


class MetaCommand(DocCommand):
    """Change the map's own details (title, 'you', stale days ...)."""

    def __init__(self, doc: Document, changes: dict[str, Any], text: str = "Edit map details") -> None:
        super().__init__(text)
        self.doc, self.changes = doc, dict(changes)
        self.old: dict[str, Any] = {}

    def apply(self) -> None:
        self.old = self.doc.update_meta(**self.changes)
        if self.old == self.changes:  # nothing changed: no undo step, the map is not modified
            self.setObsolete(True)

    def revert(self) -> None:
        self.doc.update_meta(**self.old)


class MoveCommand(DocCommand):
    """Cards moved; pushed once when a drag ends, so one drag is one undo step."""

    def __init__(
        self,
        doc: Document,
        new: dict[str, tuple[float, float]],
        old: dict[str, tuple[float, float]],
        text: str = "",
    ) -> None:
        super().__init__(text or ("Move card" if len(new) == 1 else f"Move {len(new)} cards"))
        self.doc, self.new, self.old = doc, dict(new), dict(old)

    def apply(self) -> None:
        self.doc.move_people(self.new)

    def revert(self) -> None:
        self.doc.move_people(self.old)


class ReorderLanesCommand(DocCommand):
    def __init__(self, doc: Document, order: list[str], text: str = "Reorder lanes") -> None:
        super().__init__(text)
        self.doc, self.order = doc, list(order)
        self.old: list[str] = list(doc.departments)

    def apply(self) -> None:
        self.old = self.doc.reorder_departments(self.order)

    def revert(self) -> None:
        self.doc.reorder_departments(self.old)


class AddOutreachCommand(DocCommand):
    def __init__(self, doc: Document, pid: str, entry: OutreachEntry, text: str = "Log contact") -> None:
        super().__init__(text)
        self.doc, self.pid, self.entry = doc, pid, entry

    def apply(self) -> None:
        self.doc.add_outreach(self.pid, copy.copy(self.entry))

    def revert(self) -> None:
        self.doc.remove_outreach(self.pid, self.entry.id)


class RemoveOutreachCommand(DocCommand):
    def __init__(self, doc: Document, pid: str, entry_id: str, text: str = "Delete contact") -> None:
        super().__init__(text)
        self.doc, self.pid, self.entry_id = doc, pid, entry_id
        self.index = 0
        self.entry: OutreachEntry | None = None

    def apply(self) -> None:
        self.index, self.entry = self.doc.remove_outreach(self.pid, self.entry_id)

    def revert(self) -> None:
        if self.entry is not None:
            self.doc.add_outreach(self.pid, self.entry, self.index)


class AddActionItemCommand(DocCommand):
    def __init__(
        self, doc: Document, session_id: str, item: ActionItem, text: str = "Add action item"
    ) -> None:
        super().__init__(text)
        self.doc, self.session_id, self.item = doc, session_id, item

    def apply(self) -> None:
        self.doc.add_action_item(self.session_id, copy.copy(self.item))

    def revert(self) -> None:
        self.doc.remove_action_item(self.session_id, self.item.id)


class UpdateActionItemCommand(DocCommand):
    def __init__(
        self, doc: Document, session_id: str, item_id: str, changes: dict[str, Any],
        text: str = "Edit action item",
    ) -> None:
        super().__init__(text)
        self.doc, self.session_id, self.item_id, self.changes = doc, session_id, item_id, dict(changes)
        self.old: dict[str, Any] = {}

    def apply(self) -> None:
        self.old = self.doc.update_action_item(self.session_id, self.item_id, **self.changes)

    def revert(self) -> None:
        self.doc.update_action_item(self.session_id, self.item_id, **self.old)


class RemoveActionItemCommand(DocCommand):
    def __init__(
        self, doc: Document, session_id: str, item_id: str, text: str = "Delete action item"
    ) -> None:
        super().__init__(text)
        self.doc, self.session_id, self.item_id = doc, session_id, item_id
        self.index = 0
        self.item: ActionItem | None = None

    def apply(self) -> None:
        self.index, self.item = self.doc.remove_action_item(self.session_id, self.item_id)

    def revert(self) -> None:
        if self.item is not None:
            self.doc.add_action_item(self.session_id, self.item, self.index)


class StoryCommand(DocCommand):
    """Type into one prompt of a person's story. Merges per person and prompt, so
    a typed answer is one undo step and typing in the next prompt is another;
    undo puts back only this prompt (the story's other answers are kept)."""

    def __init__(self, doc: Document, pid: str, key: str, text: str, label: str = "Edit story") -> None:
        super().__init__(label)
        # the typed answer; not `self.text`, which would hide QUndoCommand.text()
        self.doc, self.pid, self.key, self.answer = doc, pid, key, text
        self.old: str | None = None

    def id(self) -> int:
        return _merge_id(("story", self.pid, self.key))

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, StoryCommand) or not self.mergeable(other) \
                or (other.pid, other.key) != (self.pid, self.key):
            return False
        self.answer = other.answer
        return True

    def _set(self, text: str) -> None:
        import dataclasses

        story = self.doc.person(self.pid).story
        changes: dict[str, Any] = {self.key: text}
        self.doc.update("person", self.pid, story=dataclasses.replace(story, **changes))

    def apply(self) -> None:
        if self.old is None:
            self.old = getattr(self.doc.person(self.pid).story, self.key)
        self._set(self.answer)

    def revert(self) -> None:
        self._set(self.old or "")


class MetaFieldCommand(DocCommand):
    """Type into one of the map's details (title, description, stale days ...);
    consecutive edits of the same detail merge into one undo step."""

    def __init__(self, doc: Document, key: str, value: Any, text: str = "Edit map details") -> None:
        super().__init__(text)
        self.doc, self.key, self.value = doc, key, value
        self.old: Any = None
        self._has_old = False

    def id(self) -> int:
        return _merge_id(("meta", "", self.key))

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, MetaFieldCommand) or not self.mergeable(other) or other.key != self.key:
            return False
        self.value = other.value
        if self.value == self.old:  # typed back to what it was: the step goes (and "modified" with it)
            self.setObsolete(True)
        return True

    def apply(self) -> None:
        old = self.doc.update_meta(**{self.key: self.value})
        if not self._has_old:
            self.old, self._has_old = old[self.key], True
            if self.old == self.value:  # nothing changed: no undo step
                self.setObsolete(True)

    def revert(self) -> None:
        self.doc.update_meta(**{self.key: self.old})
