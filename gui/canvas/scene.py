"""The canvas scene: mirrors a Document (never owns it) with one item per person,
hand-off and lane, kept in id -> item maps and updated from document events.

Every edit made here goes through undo commands (gui.commands); one card
drag is one undo step, pushed when the mouse is released.
"""
from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsSceneMouseEvent

from gui import theme, undo_push
from gui.canvas.items import Z_CARD, Z_CARD_DRAGGED
from gui.canvas.items.card import CardFace, PersonCard
from gui.canvas.items.handoff import HandoffItem
from gui.canvas.items.lane import (
    CornerItem,
    LaneHeaderItem,
    LaneItem,
    LaneResizeGrip,
    StageHeaderItem,
    is_department,
)
from gui.canvas.landing import clear_spot
from gui.canvas.step_numbers import handoff_steps
from gui.commands import MoveCommand, UpdateCommand
from model import layout as map_layout
from model.document import Document, DocumentError
from model.entities import Person
from model.events import Event
from model.stages import STAGE_IDS

log = logging.getLogger(__name__)

STEP_DELAY_MS = 150  # step numbers are recomputed this long after the last change
MARGIN_RIGHT, MARGIN_BOTTOM = 120.0, 200.0
LAYOUT_FIELDS = {"department_id", "kind", "placed", "pos"}
STEP_FIELDS = {"kind", "placed", "stage"}  # the person fields the walk's order (step numbers) depends on
FAST_DRAG_HANDOFFS = 400  # above this many arrows, a drag paints them without antialiasing


class MapScene(QGraphicsScene):
    selectionChangedTo = Signal(str, list)  # entity ("person" | "department" | "handoff" | ""), ids
    personActivated = Signal(str)  # double-click on a card
    renameLaneRequested = Signal(str)  # double-click on a lane's name
    centreRequested = Signal(QRectF)  # the view should bring this scene rect into sight
    messageRaised = Signal(str)  # a refused edit, in one sentence for the user
    statusNote = Signal(str)  # something the user should know about an edit that went through
    stepsChanged = Signal()
    selectionSettled = Signal()  # the selection may have changed (also mixed or emptied by a removal)
    laidOut = Signal()  # cards and lanes were placed afresh (the overview map redraws)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)  # items move: no BSP index
        self.doc: Document | None = None
        self.stack: QUndoStack | None = None
        self.cards: dict[str, PersonCard] = {}
        self.handoff_items: dict[str, HandoffItem] = {}
        self.lane_items: dict[str, LaneItem] = {}
        self.lane_headers: dict[str, LaneHeaderItem] = {}
        self.lane_grips: dict[str, LaneResizeGrip] = {}
        self.lanes: list[map_layout.Lane] = []
        self.interaction: Any = None
        self._drag_start: dict[str, QPointF] = {}
        self._visible = QRectF()
        self._quiet_selection = False
        self._last_selection: tuple[str, list[str]] = ("", [])
        self._width = map_layout.map_width()
        self.widths: list[float] = [map_layout.COL_W] * len(STAGE_IDS)  # each stage column's width
        self.pending_handoffs: set[HandoffItem] | None = None  # while relayout moves cards
        self._hold = 0  # > 0: many edits in a row; lay out once at the end
        self._dirty = False
        self.stage_header = StageHeaderItem(self._width, map_layout.HEADER_H)
        self.corner = CornerItem(map_layout.LABEL_W, map_layout.HEADER_H)
        self.addItem(self.stage_header)
        self.addItem(self.corner)
        self._steps_timer = QTimer(self)
        self._steps_timer.setSingleShot(True)
        self._steps_timer.setInterval(STEP_DELAY_MS)
        self._steps_timer.timeout.connect(self.refresh_steps)
        self.selectionChanged.connect(self._on_selection_changed)
        self.setSceneRect(0, 0, self._width + MARGIN_RIGHT, map_layout.HEADER_H + MARGIN_BOTTOM)

    # ----- document -------------------------------------------------------
    def set_document(self, doc: Document | None, stack: QUndoStack | None) -> None:
        """Mirror `doc` (unsubscribing from the previous one) and edit through `stack`."""
        if self.interaction is not None:
            self.cancel_interaction()
        if self.doc is not None:
            self.doc.unsubscribe(self._on_event)
        self.doc, self.stack = doc, stack
        self._rebuild()
        if doc is not None:
            doc.subscribe(self._on_event)

    def _rebuild(self) -> None:
        self._quiet_selection = True
        try:
            for item in list(self.handoff_items.values()):
                item.detach()
                self.removeItem(item)
            for group in (self.cards, self.lane_items, self.lane_headers, self.lane_grips):
                for other in list(group.values()):
                    self.removeItem(other)
                group.clear()
            self.handoff_items.clear()
            self.lanes = []
            if self.doc is not None:
                self.relayout()
                for h in self.doc.handoffs.values():
                    self._add_handoff(h.id)
                # numbers follow the first frame (the walk graph takes ~0.15 s at 2,000 people)
                self._steps_timer.start()
        finally:
            self._quiet_selection = False
        self._on_selection_changed()

    def _on_event(self, event: Event) -> None:
        try:
            for part in event.each():  # a removal also changes what it took along (model/events.py)
                self._apply_event(part)
        except Exception:  # a mirror bug must not break the edit that caused it
            log.exception("canvas could not follow %s; rebuilding", event)
            self._rebuild()

    def _apply_event(self, event: Event) -> None:
        doc = self.doc
        assert doc is not None
        if event.action == "reset":
            self._rebuild()
            return
        if event.entity == "person":
            if event.action == "changed" and event.id in self.cards and event.id in doc.people:
                self.cards[event.id].set_face(CardFace.of(doc, doc.people[event.id]))
            if event.action != "changed" or LAYOUT_FIELDS & set(event.fields):
                self._request_relayout()
            if event.action != "moved" and (event.action != "changed" or STEP_FIELDS & set(event.fields)):
                self._steps_timer.start()  # the walk's order; moves and renames leave it as it is
        elif event.entity == "department":
            self._request_relayout()
            if event.action == "changed" and {"color", "name"} & set(event.fields):
                self.refresh_faces(p.id for p in doc.people.values() if p.department_id == event.id)
        elif event.entity == "handoff":
            if event.action == "added":
                self._add_handoff(event.id)
            elif event.action == "removed":
                self._remove_handoff(event.id)
            elif event.id in doc.handoffs:
                h = doc.handoffs[event.id]
                item = self.handoff_items.get(event.id)
                if item is None:
                    self._add_handoff(event.id)
                elif h.source in self.cards and h.target in self.cards:
                    item.set_ends(self.cards[h.source], self.cards[h.target])
                    item.set_content(h.what, h.two_way)
                else:
                    self._remove_handoff(event.id)
            self._steps_timer.start()
        elif event.entity == "meta" and {"you_id", "stale_days"} & set(event.fields):
            self.refresh_faces(self.cards)

    def _request_relayout(self) -> None:
        if self._hold:
            self._dirty = True
        else:
            self.relayout()

    @contextlib.contextmanager
    def holding(self) -> Iterator[None]:
        """Many edits in a row (a paste, an undo of a macro): lay out once, at the end."""
        self._hold += 1
        try:
            yield
        finally:
            self._hold -= 1
            if not self._hold and self._dirty:
                self._dirty = False
                self.relayout()

    def refresh_faces(self, pids: Iterable[str]) -> None:
        assert self.doc is not None
        for pid in list(pids):
            card = self.cards.get(pid)
            person = self.doc.people.get(pid)
            if card is not None and person is not None:
                card.set_face(CardFace.of(self.doc, person))

    # ----- layout ---------------------------------------------------------
    def relayout(self) -> None:
        """Lanes from the document, every card at its lane-relative place. Only
        items whose geometry really changed are touched."""
        doc = self.doc
        if doc is None:
            return
        self.lanes = map_layout.lanes(doc)
        by_key = {lane.key: lane for lane in self.lanes}
        self.widths = map_layout.stage_widths(doc)
        width, height = map_layout.map_size(doc)
        self._width = width
        counts: dict[str, int] = {}
        for p in doc.people.values():
            if p.placed:
                key = map_layout.lane_key(p)
                counts[key] = counts.get(key, 0) + 1
        for key in [k for k in self.lane_items if k not in by_key]:
            self.removeItem(self.lane_items.pop(key))
            self.removeItem(self.lane_headers.pop(key))
            if key in self.lane_grips:
                self.removeItem(self.lane_grips.pop(key))
        for lane in self.lanes:
            if lane.key not in self.lane_items:
                self.lane_items[lane.key] = LaneItem(lane, width, self.widths)
                self.addItem(self.lane_items[lane.key])
                header = LaneHeaderItem(lane, counts.get(lane.key, 0))
                self.lane_headers[lane.key] = header
                self.addItem(header)
                if is_department(lane.key):
                    grip = LaneResizeGrip(lane.key, width)
                    self.lane_grips[lane.key] = grip
                    self.addItem(grip)
            self.lane_items[lane.key].set_lane(lane, width, self.widths)
            self.lane_headers[lane.key].set_lane(lane, counts.get(lane.key, 0))
            if lane.key in self.lane_grips:
                self.lane_grips[lane.key].set_width(width)
                self.lane_grips[lane.key].setPos(0, lane.bottom)
        for pid in [pid for pid in self.cards if pid not in doc.people or not doc.people[pid].placed]:
            self._remove_card(pid)
        fresh: set[str] = set()
        moved: set[HandoffItem] = set()
        self.pending_handoffs = moved  # arrows whose cards moved: adjusted once each, below
        try:
            for p in doc.people.values():
                if not p.placed:
                    continue
                card = self.cards.get(p.id)
                if card is None:
                    card = self._add_card(p)
                    fresh.add(p.id)
                x, y = map_layout.absolute_pos(doc, p, by_key)
                if card.pos().x() != x or card.pos().y() != y:
                    card.setPos(x, y)
        finally:
            self.pending_handoffs = None
        for item in moved:
            if self.handoff_items.get(item.hid) is item:
                item.adjust()
        if fresh:  # hand-offs of newly shown people, in one pass over the hand-offs
            for h in doc.handoffs.values():
                if (h.source in fresh or h.target in fresh) and h.id not in self.handoff_items:
                    self._add_handoff(h.id)
        self.stage_header.set_width(width, self.widths)
        self.setSceneRect(0, 0, width + MARGIN_RIGHT, height + MARGIN_BOTTOM)
        self.pin_headers(self._visible)
        self.laidOut.emit()
        if not self._quiet_selection:  # removed cards no longer count as selected
            self._on_selection_changed()

    def _add_card(self, person: Person) -> PersonCard:
        assert self.doc is not None
        card = PersonCard(person.id, CardFace.of(self.doc, person))
        self.cards[person.id] = card
        self.addItem(card)
        return card

    def _remove_card(self, pid: str) -> None:
        card = self.cards.pop(pid)
        for item in list(card.handoffs):
            self._remove_handoff(item.hid)
        self.removeItem(card)

    def _add_handoff(self, hid: str) -> None:
        assert self.doc is not None
        h = self.doc.handoffs.get(hid)
        if h is None or hid in self.handoff_items:
            return
        src, dst = self.cards.get(h.source), self.cards.get(h.target)
        if src is None or dst is None:
            return  # an end is not placed in the walk yet
        item = HandoffItem(hid, src, dst, h.what, h.two_way)
        self.handoff_items[hid] = item
        self.addItem(item)

    def _remove_handoff(self, hid: str) -> None:
        item = self.handoff_items.pop(hid, None)
        if item is not None:
            item.detach()
            self.removeItem(item)

    def refresh_steps(self) -> None:
        """Put the walk's step numbers on the arrows (debounced after edits)."""
        self._steps_timer.stop()
        if self.doc is None:
            return
        try:
            steps = handoff_steps(self.doc)
        except Exception:
            log.exception("could not number the walk")
            steps = {}
        for hid, item in self.handoff_items.items():
            item.set_step(steps.get(hid))
        self.stepsChanged.emit()

    def pin_headers(self, visible: QRectF) -> None:
        """Keep lane names at the left edge and stage names at the top of what is visible."""
        self._visible = QRectF(visible)
        left = max(0.0, visible.left()) if not visible.isNull() else 0.0
        top = max(0.0, visible.top()) if not visible.isNull() else 0.0
        band_top = top + map_layout.HEADER_H
        band_bottom = visible.bottom() if not visible.isNull() else band_top + 1e6
        for header in self.lane_headers.values():
            if header.pos().x() != left:
                header.setPos(left, header.pos().y())
            header.set_visible_band(band_top, band_bottom)
        if self.stage_header.pos().y() != top:
            self.stage_header.setPos(0, top)
        if self.corner.pos() != QPointF(left, top):
            self.corner.setPos(left, top)

    def lane(self, key: str) -> map_layout.Lane | None:
        return next((lane for lane in self.lanes if lane.key == key), None)

    def lane_at(self, y: float) -> map_layout.Lane | None:
        return map_layout.lane_at(self.lanes, y)

    def card_at(self, pos: QPointF, exclude: PersonCard | None = None) -> PersonCard | None:
        for item in self.items(pos):
            if isinstance(item, PersonCard) and item is not exclude:
                return item
        return None

    # ----- selection ------------------------------------------------------
    def _on_selection_changed(self) -> None:
        if self._quiet_selection:
            return
        entity, ids = "", []
        kinds: set[str] = set()
        for item in self.selectedItems():
            if isinstance(item, PersonCard):
                kinds.add("person")
                ids.append(item.pid)
            elif isinstance(item, HandoffItem):
                kinds.add("handoff")
                ids.append(item.hid)
            elif isinstance(item, LaneHeaderItem):
                kinds.add("department")
                ids.append(item.key)
        if len(kinds) == 1:
            entity = kinds.pop()
        else:
            ids = []
        if (entity, ids) != self._last_selection:
            self._last_selection = (entity, ids)
            self.selectionChangedTo.emit(entity, list(ids))
        self.selectionSettled.emit()

    def selected_person_ids(self) -> list[str]:
        return [i.pid for i in self.selectedItems() if isinstance(i, PersonCard)]

    def selected_handoff_ids(self) -> list[str]:
        return [i.hid for i in self.selectedItems() if isinstance(i, HandoffItem)]

    def selected_department_ids(self) -> list[str]:
        return [i.key for i in self.selectedItems() if isinstance(i, LaneHeaderItem)]

    def select_ids(self, person_ids: Sequence[str], handoff_ids: Sequence[str] = (), centre: bool = True,
                   department_ids: Sequence[str] = ()) -> None:
        """Select exactly these items (one selection signal) and ask the view to centre them."""
        self._quiet_selection = True
        try:
            self.clearSelection()
            chosen: list[QGraphicsItem] = [self.cards[p] for p in person_ids if p in self.cards]
            chosen += [self.handoff_items[h] for h in handoff_ids if h in self.handoff_items]
            chosen += [self.lane_headers[d] for d in department_ids if d in self.lane_headers]
            for item in chosen:
                item.setSelected(True)
        finally:
            self._quiet_selection = False
        self._on_selection_changed()
        if centre and chosen:
            rect = QRectF()
            for item in chosen:
                rect = rect.united(item.sceneBoundingRect())
            self.centreRequested.emit(rect)

    def set_ghosted(self, people: Iterable[str] = (), handoffs: Iterable[str] = (),
                    cut: Iterable[str] = ()) -> None:
        """The what-if drill's passing look (gui/canvas/whatif_marks.py): these cards greyed out, these
        hand-offs marked broken, these steps outlined; nothing in the map changes. No ids: back to normal."""
        from gui.canvas.whatif_marks import GhostMarks

        marks: GhostMarks | None = getattr(self, "_ghost_marks", None)
        if marks is None:
            marks = self._ghost_marks = GhostMarks(self)
        marks.apply(set(people), set(handoffs), set(cut))

    # ----- edits ----------------------------------------------------------
    def push(self, commands: QUndoCommand | Sequence[QUndoCommand], text: str = "") -> bool:
        """Push an edit; a refused one is reported (messageRaised) and changes nothing."""
        if self.stack is None:
            return False
        try:
            with self.holding():
                undo_push.push(self.stack, commands, text)
        except DocumentError as exc:
            self.messageRaised.emit(str(exc))
            self.relayout()
            return False
        return True

    def placement(self, person: Person, x: float, y: float,
                  moving: Iterable[str] = ()) -> tuple[dict[str, Any], tuple[float, float]] | None:
        """Where a card whose top-left is at scene (x, y) lands: the field changes
        (department, stage) and its lane-relative position, clear of the cards not `moving`;
        None if it cannot go there."""
        cx, cy = x + map_layout.CARD_W / 2, y + map_layout.CARD_H / 2
        lane = self.lane_at(cy) or (self.lanes[0] if self.lanes else None)
        own = self.lane(map_layout.lane_key(person))
        if person.is_customer:
            lane = self.lane(map_layout.CUSTOMER_LANE)
        elif lane is None or lane.key == map_layout.CUSTOMER_LANE:
            lane = own
        if lane is None:
            return None
        changes: dict[str, Any] = {}
        if not person.is_customer:
            dept = lane.key if is_department(lane.key) else None
            if dept != person.department_id:
                changes["department_id"] = dept
        stage = map_layout.stage_at(max(cx, map_layout.LABEL_W), self.widths)
        if stage != person.stage:
            changes["stage"] = stage
        # snapped into the stage column under the card's middle: never straddling two columns
        index = map_layout.stage_column_at(max(cx, map_layout.LABEL_W), self.widths)
        left = map_layout.column_x(index, self.widths)
        x = min(max(x, left + 2), left + self.widths[index] - map_layout.CARD_W - 2)
        rel = (float(max(map_layout.LABEL_W + 4, round(x))), float(max(4.0, round(y - lane.top))))
        assert self.doc is not None
        return changes, clear_spot(self.doc, lane.key, rel, moving)

    def commit_card_moves(self, starts: dict[str, QPointF]) -> None:
        """The cards in `starts` were dragged: one undo step sets their lane, stage and place."""
        doc = self.doc
        assert doc is not None
        updates: list[QUndoCommand] = []
        new, old = {}, {}
        for pid in starts:
            card, person = self.cards.get(pid), doc.people.get(pid)
            if card is None or person is None:
                continue
            where = self.placement(person, card.pos().x(), card.pos().y(), moving=starts)
            if where is None:
                continue
            changes, rel = where
            if changes:
                updates.append(UpdateCommand(doc, "person", pid, changes, "Move to lane"))
            if rel != person.pos or changes:
                new[pid], old[pid] = rel, person.pos
        if not new and not updates:
            self.relayout()
            return
        text = "Move card" if len(starts) == 1 else f"Move {len(starts)} cards"
        cmds = updates + ([MoveCommand(doc, new, old, text)] if new else [])
        moved_dept = [(u.item_id, u.changes["department_id"]) for u in updates
                      if isinstance(u, UpdateCommand) and "department_id" in u.changes]
        if not self.push(cmds, text):
            self.relayout()
        elif moved_dept:
            pid, dept = moved_dept[0]
            lane = doc.departments[dept].name if dept in doc.departments else "no department"
            who = doc.people[pid].name if len(moved_dept) == 1 else f"{len(moved_dept)} people"
            self.statusNote.emit(f"{who} now in {lane} (their department changed; Ctrl+Z takes it back)")

    # ----- mouse: interactions first, then Qt's own item handling ----------
    def begin_interaction(self, interaction: Any) -> None:
        if self.interaction is not None:
            self.interaction.cancel()
        self.interaction = interaction

    def cancel_interaction(self) -> None:
        interaction, self.interaction = self.interaction, None
        if interaction is not None:
            interaction.cancel()

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mousePressEvent(event)
        if self.interaction is None and event.button() == Qt.MouseButton.LeftButton:
            self._drag_start = {
                i.pid: i.pos() for i in self.selectedItems() if isinstance(i, PersonCard)
            }
            for pid in self._drag_start:
                self.cards[pid].setZValue(Z_CARD_DRAGGED)
            HandoffItem.fast = bool(self._drag_start) and len(self.handoff_items) > FAST_DRAG_HANDOFFS

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.interaction is not None:
            self.interaction.move(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.interaction is not None:
            interaction, self.interaction = self.interaction, None
            try:
                interaction.release(event.scenePos())
            finally:
                interaction.cancel()
                grabber = self.mouseGrabberItem()
                if grabber is not None:  # the item that started it no longer needs the mouse
                    grabber.ungrabMouse()
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if HandoffItem.fast:
            HandoffItem.fast = False
            self.update()
        starts, self._drag_start = self._drag_start, {}
        for pid in starts:
            if pid in self.cards:
                self.cards[pid].setZValue(Z_CARD)
        moved = {pid: p for pid, p in starts.items() if pid in self.cards and self.cards[pid].pos() != p}
        if moved and self.doc is not None:
            self.commit_card_moves(moved)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.interaction is not None:
            self.cancel_interaction()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape and self.selectedItems():  # Escape lets go of the selection
            self.clearSelection()
            event.accept()
            return
        super().keyPressEvent(event)

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        painter.fillRect(rect, theme.current().base)
