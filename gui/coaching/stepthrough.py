"""Step-through (presentation) mode: the walk one hand-off at a time, for a
coach and a client in the same room.

Keys: Right/Down/Space/PageDown = next, Left/Up/Backspace/PageUp = previous,
Home/End = first/last, N = type a note, Esc = leave (or leave the note field).
A note typed here goes into today's session (created if there is none) as
one undo step. The window follows the map: if a hand-off is undone away
meanwhile, the walk is recomputed and stays on the same hand-off if it can.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent, QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gui.coaching.shared import DocWatcher, one_line, plain_label
from gui.coaching.stepthrough_parts import (
    HandoffArrow,
    PersonCard,
    StoryColumn,
    WalkStrip,
    person_colour,
    scaled,
)
from gui.commands import AddCommand, UpdateCommand
from gui.widgets import dialog_size, follow_direction
from model import coaching
from model.document import Document
from model.entities import Handoff, Session
from model.naming import display_name
from model.stages import stage_label

NEXT_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Space, Qt.Key.Key_PageDown}
PREV_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Backspace, Qt.Key.Key_PageUp}
WALK_SESSION_TITLE = "Walk-through"


def _scroll(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(widget)
    return area


class StepThrough(QWidget):
    """The presentation window. `stepChanged(person_ids, handoff_ids)` lets the
    main window select the step on the canvas behind it."""

    stepChanged = Signal(list, list)
    closed = Signal()

    def __init__(self, doc: Document, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowTitle(f"Step through: {one_line(doc.meta.title, 80)}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.doc, self.stack = doc, stack
        self.steps: list[Handoff] = []
        self.index = 0
        self.notes_added: dict[str, list[str]] = {}  # hand-off id -> notes typed this walk

        self.header = plain_label("", wrap=False)
        self.header.setFont(scaled(self.font(), 1.25, True))
        # a long title gives way (cut with "…", whole in its tooltip): on a 1024-wide screen it
        # pushed the Leave button and the notes off the edge
        self.header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.position = plain_label("", wrap=False)
        self.position.setFont(scaled(self.font(), 1.25))
        self.help = plain_label("→ next   ← previous   Home / End   N note   Esc leave", wrap=False)
        self.help.setStyleSheet("color: palette(placeholder-text)")
        leave = QPushButton("Leave")
        leave.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        leave.clicked.connect(self.close)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.position)
        top.addSpacing(24)
        top.addWidget(self.help)
        top.addWidget(leave)

        self.strip = WalkStrip()
        self.strip.stepClicked.connect(self.go_to)

        self.source_card = PersonCard()
        self.target_card = PersonCard()
        self.arrow = HandoffArrow()
        cards = QHBoxLayout()
        cards.addWidget(self.source_card, 3, Qt.AlignmentFlag.AlignVCenter)
        cards.addWidget(self.arrow, 2)
        cards.addWidget(self.target_card, 3, Qt.AlignmentFlag.AlignVCenter)

        self.why = plain_label("")
        self.why.setFont(scaled(self.font(), 1.3, True))
        self.source_story = StoryColumn()
        self.target_story = StoryColumn()
        stories = QWidget()
        sl = QHBoxLayout(stories)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.setSpacing(40)
        sl.addWidget(self.source_story, 1)
        sl.addWidget(self.target_story, 1)
        story_scroll = _scroll(stories)

        self.prompts = plain_label("")
        self.prompts.setFont(scaled(self.font(), 1.2))
        self.prompts.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        prompts_title = plain_label("Ask")
        prompts_title.setFont(scaled(self.font(), 1.35, True))
        self.note_edit = QLineEdit()
        follow_direction(self.note_edit)  # Arabic sits at the right
        self.note_edit.setPlaceholderText("Note for this step (Enter adds it to today's session)")
        self.note_edit.setFont(scaled(self.font(), 1.1))
        self.note_edit.returnPressed.connect(self.add_note)
        self.note_edit.installEventFilter(self)
        self.note_list = QListWidget()
        self.note_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.note_list.setWordWrap(True)
        self.note_list.setMaximumHeight(160)
        side = QWidget()
        side.setMinimumWidth(340)
        side.setMaximumWidth(480)
        sv = QVBoxLayout(side)
        sv.setContentsMargins(0, 0, 0, 0)
        sv.addWidget(prompts_title)
        sv.addWidget(_scroll(self.prompts), 1)
        notes_title = plain_label("Notes")
        notes_title.setFont(scaled(self.font(), 1.35, True))
        sv.addWidget(notes_title)
        sv.addWidget(self.note_edit)
        sv.addWidget(self.note_list)

        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        middle = QVBoxLayout()
        middle.setSpacing(14)
        middle.addLayout(cards, 2)
        middle.addWidget(self.why)
        middle.addWidget(rule)
        middle.addWidget(story_scroll, 4)
        body = QHBoxLayout()
        body.addLayout(middle, 1)
        body.addSpacing(28)
        body.addWidget(side)

        self.empty = plain_label(
            "There are no hand-offs to walk through yet.\n"
            "Draw hand-offs between people on the map, then come back (Esc leaves)."
        )
        self.empty.setFont(scaled(self.font(), 1.6))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.content = QWidget()
        self.content.setLayout(body)
        self.content.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 24, 36, 24)
        layout.setSpacing(16)
        layout.addLayout(top)
        layout.addWidget(self.strip)
        layout.addWidget(self.content, 1)
        layout.addWidget(self.empty, 1)

        self.watcher = DocWatcher(self, self._document_changed, ("handoff", "person", "department", "meta"))
        self.watcher.watch(doc)
        self.reload()
        # shown full screen, where a window manager decides; without one (a kiosk, a bare X
        # session) this size stays: never wider than the screen, or Ask and Notes were cut off
        self.resize(dialog_size(self, 1280, 800).expandedTo(self.minimumSizeHint()))

    # ----- the walk ----------------------------------------------------------
    def reload(self, keep: str = "") -> None:
        """Recompute the walk; stay on hand-off `keep` if it is still there."""
        self.steps = coaching.walk_handoffs(self.doc)
        ids = [h.id for h in self.steps]
        if keep in ids:
            self.index = ids.index(keep)
        self.index = max(0, min(self.index, len(self.steps) - 1))
        self.show_step()

    def _document_changed(self) -> None:
        current = self.current()
        self.reload(current.id if current is not None else "")

    def current(self) -> Handoff | None:
        return self.steps[self.index] if self.steps else None

    def go_to(self, index: int) -> None:
        if not self.steps:
            return
        index = max(0, min(index, len(self.steps) - 1))
        if index != self.index:
            self.index = index
            self.show_step()

    def next(self) -> None:
        self.go_to(self.index + 1)

    def previous(self) -> None:
        self.go_to(self.index - 1)

    def show_step(self) -> None:
        h = self.current()
        self.content.setVisible(h is not None)
        self.empty.setVisible(h is None)
        self._fit_header()
        if h is None:
            self.position.setText("")
            self.strip.set_steps([], 0)
            return
        doc = self.doc
        src, dst = doc.people.get(h.source), doc.people.get(h.target)
        self.position.setText(f"Step {self.index + 1} of {len(self.steps)}  ·  {stage_label(h.stage)}")
        steps = [(stage_label(s.stage), person_colour(doc, doc.people.get(s.source))) for s in self.steps]
        self.strip.set_steps(steps, self.index)
        self.source_card.show_person(doc, src)
        self.target_card.show_person(doc, dst)
        self.arrow.show_handoff(h, person_colour(doc, src))
        why = h.why_order.strip() or (src.why_this_order.strip() if src else "")
        self.why.setText(f"Why in this order: {why}" if why else "Why in this order? (not written yet: ask)")
        self.source_story.show_story(display_name(doc, src) if src else "", src)
        self.target_story.show_story(display_name(doc, dst) if dst else "", dst)
        self.target_story.setVisible(dst is not None and not dst.is_customer)
        prompts = coaching.step_prompts(doc, h)
        self.prompts.setText("\n\n".join(f"{i}. {q}" for i, q in enumerate(prompts, 1)))
        self.note_list.clear()
        self.note_list.addItems(self.notes_added.get(h.id, []))
        self.stepChanged.emit([pid for pid in (h.source, h.target) if pid in doc.people], [h.id])

    def _fit_header(self) -> None:
        title = one_line(self.doc.meta.title, 400)
        self.header.setToolTip(title)
        room = max(self.header.width(), 40)
        self.header.setText(self.header.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight, room))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_header()

    # ----- notes -------------------------------------------------------------
    def add_note(self) -> bool:
        """Append the typed note, labelled with this step, to today's session (one undo step)."""
        h = self.current()
        text = " ".join(self.note_edit.text().split())
        if h is None or not text:
            self.setFocus()
            return False
        src, dst = self.doc.people.get(h.source), self.doc.people.get(h.target)
        who = f"{display_name(self.doc, src) if src else '?'} → {display_name(self.doc, dst) if dst else '?'}"
        line = f"Step {self.index + 1} ({stage_label(h.stage)}), {who}: {text}"
        session = coaching.session_on(self.doc, dt.date.today())
        if session is None:
            new = Session(date=dt.date.today().isoformat(), title=WALK_SESSION_TITLE, notes=line)
            self.stack.push(AddCommand(self.doc, "session", new, "Note during the walk"))
        else:
            notes = f"{session.notes.rstrip()}\n{line}" if session.notes.strip() else line
            self.stack.push(
                UpdateCommand(self.doc, "session", session.id, {"notes": notes}, "Note during the walk")
            )
        self.notes_added.setdefault(h.id, []).append(text)
        self.note_list.addItem(text)
        self.note_edit.clear()
        self.setFocus()
        return True

    # ----- keys ----------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            obj is self.note_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            self.note_edit.clear()
            self.setFocus()
            return True
        return super().eventFilter(obj, event)

    def event(self, event: QEvent) -> bool:
        """Claim the walk's keys before any shortcut of the window behind us
        (the canvas nudges cards with the arrow keys)."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            keys = NEXT_KEYS | PREV_KEYS | {Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Escape}
            if event.key() in keys and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                                             Qt.KeyboardModifier.KeypadModifier):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in NEXT_KEYS:
            self.next()
        elif key in PREV_KEYS:
            self.previous()
        elif key == Qt.Key.Key_Home:
            self.go_to(0)
        elif key == Qt.Key.Key_End:
            self.go_to(len(self.steps) - 1)
        elif key == Qt.Key.Key_Escape:
            self.close()
        elif key == Qt.Key.Key_N and self.steps:
            self.note_edit.setFocus()
        else:
            super().keyPressEvent(event)

    def focusNextPrevChild(self, next_: bool) -> bool:
        """Tab goes to the note field and back, never into the scroll areas."""
        if self.note_edit.hasFocus():
            self.setFocus()
        elif self.steps:
            self.note_edit.setFocus()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        self.watcher.watch(None)
        self.closed.emit()
        super().closeEvent(event)
