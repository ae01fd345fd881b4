"""The canvas scene: mirrors a Document (never owns it) with one item per person,
hand-off and lane, kept in id -> item maps and updated from document events.

Every edit made here goes through undo commands (gui.commands); one card
drag is one undo step, pushed when the mouse is released. The scene's jobs live in
gui/canvas/mirror/: the item maps (registry), laying lanes out again where an edit reached
(relayout), following document events (sync), selection, and mouse and keys (gestures).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Any

from PySide6.QtCore import QPointF, QRect, QRectF, Signal
from PySide6.QtGui import QPainter, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QGraphicsScene

from gui import theme, undo_push
from gui.canvas.items import Z_HANDOFF, Z_HANDOFF_SELECTED
from gui.canvas.items.card import PersonCard
from gui.canvas.items.handoff import HandoffItem
from gui.canvas.items.handoff_lazy import LazyRouting, meets
from gui.canvas.items.lane import CornerItem, LaneHeaderItem, StageHeaderItem, is_department
from gui.canvas.landing import clear_spot
from gui.canvas.mirror import progressive
from gui.canvas.mirror.gestures import SceneGestures
from gui.canvas.mirror.registry import ItemRegistry
from gui.canvas.mirror.relayout import MARGIN_BOTTOM, MARGIN_RIGHT, LaneRelayout
from gui.canvas.mirror.selection import SelectionTracker
from gui.canvas.mirror.sync import DocumentSync
from gui.commands import MoveCommand, UpdateCommand
from model import layout as map_layout
from model.document import Document, DocumentError
from model.entities import Person
from model.stages import STAGE_IDS

ROUTE_SELECTED_UP_TO = 200  # newly selected arrows routed at once, wherever they are


class MapScene(SceneGestures):
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
        self.registry = ItemRegistry(self)
        # the maps other code looks items up in (the registry's own dictionaries)
        self.cards = self.registry.cards
        self.handoff_items = self.registry.handoff_items
        self.lane_items = self.registry.lane_items
        self.lane_headers = self.registry.lane_headers
        self.lane_grips = self.registry.lane_grips
        self.bands = self.registry.bands  # the cards' parents (gui/canvas/layers/bands.py)
        self.lanes: list[map_layout.Lane] = []
        self.widths: list[float] = [map_layout.COL_W] * len(STAGE_IDS)  # each stage column's width
        self.visible = QRectF()  # the part of the scene the view shows (headers pin to its edges)
        self.pending_handoffs: set[HandoffItem] | None = None  # while the relayout moves cards
        self.view_scale = 1.0  # the view's zoom (labels are placed only where they can be read)
        self.lazy_arrows = LazyRouting(self)  # big maps: arrows routed when they come into sight
        self.progressive = progressive.ProgressiveBuild(self)  # big maps: the view's part made first
        self.whole = progressive.WholeMap(self)  # the items of the whole map, the rest made first
        self._raised: set[HandoffItem] = set()  # arrows drawn above the cards (selected)
        self.selection = SelectionTracker(self)
        self.lane_layout = LaneRelayout(self)
        self.sync = DocumentSync(self)
        width = map_layout.map_width()
        self.stage_header = StageHeaderItem(width, map_layout.HEADER_H)
        self.corner = CornerItem(map_layout.LABEL_W, map_layout.HEADER_H)
        self.addItem(self.stage_header)
        self.addItem(self.corner)
        self.selectionChanged.connect(self._selection_changed)  # own slot: Qt drops it with the scene
        self.setSceneRect(0, 0, width + MARGIN_RIGHT, map_layout.HEADER_H + MARGIN_BOTTOM)

    # ----- document -------------------------------------------------------
    def set_document(self, doc: Document | None, stack: QUndoStack | None) -> None:
        """Mirror `doc` (unsubscribing from the previous one) and edit through `stack`."""
        if self.interaction is not None:
            self.cancel_interaction()
        if self.doc is not None:
            self.doc.unsubscribe(self.sync.on_event)
        self.doc, self.stack = doc, stack
        self.sync.rebuild(self._home_zone())
        if doc is not None:
            doc.subscribe(self.sync.on_event)

    def _home_zone(self) -> progressive.Zone | None:
        """What a new map's first frame shows: its top-left corner at the opening zoom
        (view.show_home), in a viewport at least FIRST_VIEW in size; None without a view
        (an export, a bench: every item at once)."""
        views = self.views()
        if not views:
            return None
        size = views[0].viewport().size()
        w = max(size.width(), progressive.FIRST_VIEW[0]) / progressive.HOME_ZOOM
        h = max(size.height(), progressive.FIRST_VIEW[1]) / progressive.HOME_ZOOM
        return progressive.around(0.0, 0.0, w, h)

    # ----- the whole map: `cards` and `handoff_items` hold the items made so far (right after a big
    # map opens, only those near the view); code outside the build asks through `whole`
    # (progressive.WholeMap), select_ids, select_all and set_ghosted, which make the rest first.
    def finish_build(self) -> None:
        """Make every card and arrow a big map's open left for later."""
        self.progressive.finish()

    def select_all(self) -> None:
        """Every card and arrow selected (one selection signal), the view left where it is."""
        self.select_ids(list(self.whole.cards()), list(self.whole.arrows()), centre=False)

    def card_count(self) -> int:
        """Cards on the map, counting those a big map's open has not made yet."""
        return len(self.cards) + self.progressive.count()

    def holding(self) -> AbstractContextManager[None]:
        """Many edits in a row (a paste, an undo of a macro): lay out once, at the end."""
        return self.lane_layout.holding()

    def relayout(self, pids: Iterable[str] | None = None) -> None:
        """Put these people's cards (None: every card and lane, measured afresh) where the document says."""
        self.lane_layout.request(None if pids is None else list(pids))

    def refresh_faces(self, pids: Iterable[str]) -> None:
        if self.doc is not None:
            self.registry.refresh_faces(self.doc, pids)

    def refresh_steps(self) -> None:
        """Put the walk's step numbers on the arrows (debounced after edits)."""
        self.sync.steps.now()

    # ----- layout ---------------------------------------------------------
    def pin_headers(self, visible: QRectF) -> None:
        """Keep lane names at the left edge and stage names at the top of what is visible."""
        self.visible = QRectF(visible)
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
        self.progressive.view_moved(self.visible)  # a big map's cards coming into sight are made
        self.lazy_arrows.view_moved()  # the arrows coming into sight are routed before the frame

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
    def _selection_changed(self) -> None:
        self.raise_selected()
        self.selection.settle()

    def raise_selected(self) -> None:
        """Selected arrows above the cards, the others back under them; a selected arrow
        that waited to be routed (handoff_lazy.py) is routed, to be centred where it is."""
        chosen = {item for item in self.selectedItems() if isinstance(item, HandoffItem)}
        for item in self._raised - chosen:
            item.setZValue(Z_HANDOFF)
        fresh = chosen - self._raised
        # many at once (select all): only those in or near the view now; the others are routed
        # as any parked arrow is, when the view comes near (15,000 routes held select-all ~5 s)
        zone = self.lazy_arrows.zone() if len(fresh) > ROUTE_SELECTED_UP_TO else None
        for item in fresh:
            if zone is None or not item.parked or (not item.stale and meets(item.safe, zone)):
                item.settle()
            item.setZValue(Z_HANDOFF_SELECTED)
        self._raised = chosen

    def selected_person_ids(self) -> list[str]:
        return [i.pid for i in self.selectedItems() if isinstance(i, PersonCard)]

    def selected_handoff_ids(self) -> list[str]:
        return [i.hid for i in self.selectedItems() if isinstance(i, HandoffItem)]

    def selected_department_ids(self) -> list[str]:
        return [i.key for i in self.selectedItems() if isinstance(i, LaneHeaderItem)]

    def select_ids(self, person_ids: Sequence[str], handoff_ids: Sequence[str] = (), centre: bool = True,
                   department_ids: Sequence[str] = ()) -> None:
        """Select exactly these items (one selection signal) and ask the view to centre them."""
        self.progressive.finish()
        self.selection.select_ids(person_ids, handoff_ids, centre, department_ids)

    def set_ghosted(self, people: Iterable[str] = (), handoffs: Iterable[str] = (),
                    cut: Iterable[str] = ()) -> None:
        """The what-if drill's passing look (gui/canvas/whatif_marks.py): these cards greyed out, these
        hand-offs marked broken, these steps outlined; nothing in the map changes. No ids: back to normal."""
        self.progressive.finish()
        self.selection.set_ghosted(people, handoffs, cut)

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
        members = self.lane_layout.table.members.get(lane.key, set())
        return changes, clear_spot(self.doc, lane.key, rel, moving, members)

    def commit_card_moves(self, starts: dict[str, QPointF]) -> None:
        """The cards in `starts` were dragged: one undo step sets their lane, stage and place."""
        doc = self.doc
        if doc is None:
            return
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
            self.relayout(starts)  # back where they were
            return
        text = "Move card" if len(starts) == 1 else f"Move {len(starts)} cards"
        cmds = updates + ([MoveCommand(doc, new, old, text)] if new else [])
        moved_dept = [(u.item_id, u.changes["department_id"]) for u in updates
                      if isinstance(u, UpdateCommand) and "department_id" in u.changes]
        if not self.push(cmds, text):
            self.relayout(starts)
        else:
            self.note_department_change(moved_dept)

    def note_department_change(self, moved: Sequence[tuple[str, str | None]]) -> None:
        """Say that an edit that went through gave people another department (a card moved to
        another lane, a roster entry dropped in one): (person id, new department id) each."""
        doc = self.doc
        if not moved or doc is None:
            return
        pid, dept = moved[0]
        lane = doc.departments[dept].name if dept in doc.departments else "no department"
        who = doc.people[pid].name if len(moved) == 1 else f"{len(moved)} people"
        self.statusNote.emit(f"{who} now in {lane} (their department changed; Ctrl+Z takes it back)")

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        painter.fillRect(rect, theme.current().base)


