"""The canvas and window as a person meets them in a real window with a real mouse (session 10,
found driving the app under Xvfb with xdotool at 1366x768 and 1024x640): the name editor on a
card stays on the card when the map is zoomed; a customer contact dropped anywhere on the map is
brought into sight in the customers lane, and its name opens for typing; a tile dragged in
across the canvas's edge does not scroll the map under the pointer; the start page shows each
template's whole description on a 1024x640 screen; another map's roster starts at its top; the
export dialog fits a short laptop screen; a blank map's first colleague is added, not refused;
a roster person dropped in another department's lane is told of the change; a recent map's
details fit the start page's column."""
from __future__ import annotations

import pytest
from canvas_fixtures import double_click, drop_on_view, open_window, sample_map, tile_mime
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from gui.canvas.mime import NEW_COLLEAGUE, NEW_CUSTOMER
from model import layout
from model.document import Document
from model.entities import Person

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, boxes):
    w = open_window(qtbot, tmp_path, monkeypatch, size=(1366, 768))
    yield w
    w.undo_stack.setClean()


def wheel(view, at: QPointF, notches: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    event = QWheelEvent(at, QPointF(view.viewport().mapToGlobal(at.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton, modifiers,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)


def name_spot(w, pid: str) -> QPoint:
    """Where the card's name line is on the viewport now."""
    rect = w.scene.whole.card(pid).scene_card_rect()
    return w.view.mapFromScene(QPointF(rect.left() + 8, rect.top() + 4))


def test_the_name_editor_stays_on_its_card_when_the_map_is_zoomed_or_scrolled(window, qtbot):
    """Double-click a card, then Ctrl+wheel: the editor sat where the card had been (over a
    stage header, nowhere near the card), so the name typed next looked like nobody's."""
    w = window
    w.view.reset_zoom()
    card = w.scene.whole.card("luc").scene_card_rect()
    double_click(w.view, card.center())
    qtbot.waitUntil(lambda: w.view._editor is not None and w.view._editor.isVisible())
    editor = w.view._editor
    assert (editor.geometry().topLeft() - name_spot(w, "luc")).manhattanLength() <= 2
    wheel(w.view, QPointF(w.view.mapFromScene(card.center())), 2, CTRL)  # zoom in two notches, on the card
    assert w.view.zoom() > 1.3
    assert w.view._editor is editor, "zooming is not leaving the editor"
    assert (editor.geometry().topLeft() - name_spot(w, "luc")).manhattanLength() <= 2, \
        "the editor stayed where the card was before the zoom"
    assert editor.width() >= w.view.mapFromScene(card).boundingRect().width() - 20, \
        "the editor keeps the width of the card's name line at the new zoom"
    wheel(w.view, QPointF(w.view.viewport().rect().center()), -1)  # a plain wheel scrolls down
    assert (editor.geometry().topLeft() - name_spot(w, "luc")).manhattanLength() <= 2
    editor.selectAll()
    editor.insert("Lucie <Avocate> & 李")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert w.document.people["luc"].name == "Lucie <Avocate> & 李"


def in_sight(w, pid: str) -> bool:
    view = w.view
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    card = w.scene.whole.card(pid).scene_card_rect()
    return seen.adjusted(layout.LABEL_W, layout.HEADER_H, 0, 0).contains(card)


def test_a_customer_contact_dropped_on_a_department_lane_is_brought_into_sight(window, qtbot):
    """Customer contacts always go to the customers lane. Dropped on the Sales lane with that
    lane out of sight (a small screen, zoomed in), the new card landed below the view: nothing
    appeared where it was dropped, nothing scrolled to it, and its name did not open."""
    w = window
    w.view.set_zoom(2.0)
    w.view.verticalScrollBar().setValue(0)
    sales = w.scene.lane("sales")
    target = QPointF(w.view.mapToScene(w.view.viewport().rect().center()).x(), sales.top + sales.height / 2)
    customers = QPointF(target.x(), w.scene.lane(layout.CUSTOMER_LANE).top + 30)
    assert not w.view.mapToScene(w.view.viewport().rect()).boundingRect().contains(customers), \
        "the customers lane starts out of sight"
    before = set(w.document.people)
    assert drop_on_view(w.view, tile_mime(NEW_CUSTOMER), target)
    (pid,) = set(w.document.people) - before
    assert w.document.people[pid].is_customer
    qtbot.waitUntil(lambda: w.view._editor is not None)
    assert in_sight(w, pid), "the new customer card is in sight"
    assert (w.view._editor.geometry().topLeft() - name_spot(w, pid)).manhattanLength() <= 2
    w.view._editor.selectAll()
    w.view._editor.insert("Acme buyer ☕")
    qtbot.keyClick(w.view._editor, Qt.Key.Key_Return)
    assert w.document.people[pid].name == "Acme buyer ☕"


def test_a_colleague_dropped_half_at_the_edge_does_not_scroll_the_map(window, qtbot):
    """The rule kept: a card dropped where it is partly in sight is not scrolled to (the map
    would jump under the pointer), and its name does not open out of sight."""
    w = window
    w.view.set_zoom(1.5)
    w.view.verticalScrollBar().setValue(0)
    w.view.horizontalScrollBar().setValue(0)
    port = w.view.viewport().rect()
    spot = w.view.mapToScene(QPoint(port.right() - 10, port.top() + layout.HEADER_H + 60))
    h = w.view.horizontalScrollBar().value()
    before = set(w.document.people)
    assert drop_on_view(w.view, tile_mime(NEW_COLLEAGUE), spot)
    (pid,) = set(w.document.people) - before
    qtbot.wait(50)
    assert w.view.horizontalScrollBar().value() == h
    assert w.view._editor is None


def test_a_tile_dragged_in_across_the_canvas_edge_does_not_scroll_the_map(qtbot, tmp_path, monkeypatch,
                                                                          boxes):
    """On a 1024x640 screen the palette is a tab at the right of the canvas: a tile dragged from
    it crosses the canvas's right edge, and the map scrolled a step or two under the pointer on
    the way in (the card then landed a column off from where the drag had been aimed). Resting
    at the edge still scrolls (test_live_polish)."""
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    from gui.canvas import view_drops

    monkeypatch.setattr(view_drops, "EDGE_DWELL_MS", 1500, raising=False)  # ample on a loaded machine
    w = open_window(qtbot, tmp_path, monkeypatch, size=(1024, 640))
    qtbot.wait(10)  # the window's opening view (show_home, one turn of the loop later) first
    w.view.reset_zoom()
    bar = w.view.horizontalScrollBar()
    bar.setValue(bar.maximum() // 2)
    start = bar.value()
    port = w.view.viewport()
    data = tile_mime(NEW_COLLEAGUE)
    action, buttons = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton
    mods = Qt.KeyboardModifier.NoModifier
    y = w.view.mapFromScene(QPointF(0, w.scene.lane("legal").top + 30)).y()
    path = [QPoint(port.width() - 3 - 12 * i, y) for i in range(12)]  # in from the right edge, leftwards
    QApplication.sendEvent(port, QDragEnterEvent(path[0], action, data, buttons, mods))
    for point in path:
        QApplication.sendEvent(port, QDragMoveEvent(point, action, data, buttons, mods))
        qtbot.wait(60)  # the old scroll stepped every 30 ms from the first move near the edge
    assert bar.value() == start, "the map scrolled while the tile was being dragged in"
    drop = QDropEvent(QPointF(path[-1]), action, data, buttons, mods)
    QApplication.sendEvent(port, drop)
    assert drop.isAccepted()
    new = max(w.document.people.values(), key=lambda p: p.name == "New colleague")
    assert new.name == "New colleague"
    assert new.stage == layout.stage_at(w.view.mapToScene(path[-1]).x(), w.scene.widths)
    w.undo_stack.setClean()


def test_the_start_page_shows_every_template_whole_on_a_1024x640_screen(qtbot, tmp_path, monkeypatch,
                                                                        boxes):
    """At 1024x640 the start page (944x560 over the window) squeezed the template descriptions
    to two or three lines each: "... installation, support," and the rest cut off."""
    from PySide6.QtWidgets import QLabel, QPushButton

    from model.templates.catalog import TEMPLATES

    w = open_window(qtbot, tmp_path, monkeypatch, size=(1024, 640))
    page = w.coaching.show_start_page()
    qtbot.waitExposed(page)
    assert page.height() <= 640 - 40, "the page fits over the window"
    blurbs = {label.text(): label for label in page.findChildren(QLabel)}
    for _label, blurb in TEMPLATES.values():
        label = blurbs[blurb]
        assert label.height() >= label.heightForWidth(label.width()), f"cut short: {blurb[:40]}"
    for button in page.findChildren(QPushButton):  # every button can be reached and read whole
        assert button.height() >= button.minimumSizeHint().height(), button.text()
    page.close()


def crowd(n: int) -> Document:
    doc = sample_map()
    for i in range(n):
        doc.add("person", Person(f"Person {i:02d}", "Planner", "legal", stage="build",
                                 pos=(975.0, 14.0 + 70 * i)))
    return doc


def test_another_maps_roster_starts_at_its_top(qtbot, tmp_path, monkeypatch, boxes):
    """Scrolled down the roster of one map, then File > Open another: its roster opened as far
    down, so the people not yet in the walk (listed first) were out of sight; a search typed in
    the roster stayed, and the other map's roster said "Nobody matches" (the toolbar's find box
    is emptied for another map)."""
    from model.storage.store import save

    other = tmp_path / "client-b.cwalk"
    save(crowd(30), other)
    w = open_window(qtbot, tmp_path, monkeypatch, doc=crowd(40), size=(1366, 768))
    roster = w.palette_panel.view
    bar = roster.verticalScrollBar()
    assert bar.maximum() > 0
    for _ in range(30):  # a person scrolls to the end
        wheel(roster, QPointF(roster.viewport().rect().center()), -1)
    assert bar.value() == bar.maximum()
    qtbot.keyClicks(w.palette_panel.search, "Person 3")  # and narrowed it to a few people
    assert w.palette_panel.count.text() == "10 of 45 people match"
    assert w.file.open_recent(str(other))
    assert w.path == other
    assert w.palette_panel.search.text() == "", "the last map's search was left on the roster"
    assert w.palette_panel.count.text() == "35 people"
    assert bar.value() == 0, "the other map's roster opened scrolled down"
    first = w.palette_panel.model.rows[0]
    assert first.is_header and roster.visualRect(w.palette_panel.model.index(0)).top() >= 0
    assert "Zed Roster" in roster.model().index(1).data()


def test_the_export_dialog_fits_a_short_laptop_screen(qtbot, tmp_path, monkeypatch, boxes):
    """At 1024x640 the export dialog could not be shorter than every section's row plus the
    rest (635 px with the app's style: with a title bar and a panel, Export and Cancel were
    below the screen's edge). The sections' list now scrolls when the dialog is short."""
    from PySide6.QtWidgets import QPushButton

    from gui.files.export_status import open_export_dialog
    from model.templates.catalog import build_template

    w = open_window(qtbot, tmp_path, monkeypatch, doc=build_template("order-to-cash", people=True),
                    size=(1024, 640))
    dialog = open_export_dialog(w, "pdf")
    qtbot.waitExposed(dialog)
    full = dialog.height()
    dialog.resize(dialog.width(), full - 120)
    qtbot.waitUntil(lambda: dialog.height() == full - 120)
    inside = dialog.rect()
    for button in dialog.findChildren(QPushButton):
        if button.isVisible():
            spot = button.mapTo(dialog, button.rect().bottomRight())
            assert inside.contains(spot), f"{button.text()} is cut off"
    sections = dialog.section_list
    assert sections.height() >= 4 * sections.sizeHintForRow(0), "a few sections still show"
    last = sections.item(sections.count() - 1)
    sections.scrollToItem(last)
    assert sections.viewport().rect().contains(sections.visualItemRect(last)), "the last one scrolls in"
    dialog.reject()
    w.undo_stack.setClean()


def test_the_first_colleague_on_a_blank_map_is_added_not_refused(qtbot, tmp_path, monkeypatch, boxes):
    """A blank map has only the customers lane. Its first colleague, dragged onto the map or the
    tile clicked, was refused with a warning ("Colleagues go in a department lane; the last lane
    is for customers") that did not say what to do: the insights' own advice ("add ... your
    colleagues from the palette") failed at the first step. The colleague now goes to the
    "No department" lane, and a department can be given later."""
    from model.templates.catalog import build_template

    w = open_window(qtbot, tmp_path, monkeypatch, doc=build_template("blank"), size=(1366, 768))
    assert not w.document.departments
    spot = QPointF(layout.column_x(2) + 60, w.scene.lanes[-1].top + 30)  # on the customers lane
    assert drop_on_view(w.view, tile_mime(NEW_COLLEAGUE), spot)
    (first,) = w.document.people.values()
    assert first.kind == "colleague" and first.department_id is None and first.placed
    assert first.stage == "specify"
    assert boxes["warning"] == []
    qtbot.waitUntil(lambda: w.view._editor is not None)
    w.view._editor.selectAll()
    w.view._editor.insert("Ada")
    qtbot.keyClick(w.view._editor, Qt.Key.Key_Return)
    assert first.name == "Ada"
    assert [lane.key for lane in w.scene.lanes] == [layout.UNASSIGNED_LANE, layout.CUSTOMER_LANE]
    qtbot.mouseClick(w.palette_panel.tiles[NEW_COLLEAGUE], Qt.MouseButton.LeftButton)  # the tile clicked
    assert len(w.document.people) == 2 and boxes["warning"] == []
    w.view.close_editor()
    from gui.canvas.context_menu import build_menu

    for lane in (w.scene.lane(layout.UNASSIGNED_LANE), w.scene.lane(layout.CUSTOMER_LANE)):
        spot = QPointF(layout.column_x(6) + 60, lane.top + 20)  # a right-click there offers it too
        menu = build_menu(w, w.view.mapFromScene(spot))
        (here,) = [a for a in menu.actions() if a.text() == "Add &Colleague Here"]
        assert here.isEnabled(), lane.key
        menu.close()
    here.trigger()
    assert len(w.document.people) == 3
    assert all(p.department_id is None for p in w.document.people.values())
    w.view.close_editor()
    for _ in range(3):
        w.undo_stack.undo()
    assert len(w.document.people) == 1  # each add is one undo step (the rename another)
    w.undo_stack.setClean()


def test_a_roster_person_dropped_in_another_departments_lane_is_told(window, qtbot):
    """Dragged from the roster into the lane of another department, the person joins that
    department (the lane decides, as for a card moved between lanes), but the status bar only
    named them: a card moved between lanes says so and that Ctrl+Z takes it back."""
    from canvas_fixtures import drop_on
    from PySide6.QtCore import QMimeData

    w = window
    zed = w.document.people["zed"]
    assert zed.department_id == "legal" and not zed.placed
    roster = w.palette_panel
    index = roster.model.index(roster.model.row_of("zed"))
    data: QMimeData = roster.model.mimeData([index])
    eng = w.scene.lane("eng")
    spot = QPointF(layout.column_x(4) + 40, eng.top + 30)
    assert drop_on(w.view.viewport(), data, w.view.mapFromScene(spot))
    assert zed.placed and zed.department_id == "eng"
    said = w.statusBar().currentMessage()
    assert "Zed Roster now in Engineering" in said and "Ctrl+Z" in said, said
    w.undo_stack.undo()
    assert not zed.placed and zed.department_id == "legal"
    spot = QPointF(layout.column_x(4) + 40, w.scene.lane("legal").top + 30)  # their own lane: nothing to tell
    assert drop_on(w.view.viewport(), roster.model.mimeData([roster.model.index(roster.model.row_of("zed"))]),
                   w.view.mapFromScene(spot))
    assert zed.placed and "now in" not in w.statusBar().currentMessage()


def test_a_recent_maps_details_fit_the_start_pages_column(qtbot, tmp_path, monkeypatch, boxes):
    """At 1024x640 a recent map's details ("organisation · prepared for · 17 people · 3 open
    action items") ran past the list's edge, cut mid-word behind a horizontal scroll bar. Each
    line now fits the column, shortened with "…" where it must, and the row says all of it in
    its tooltip."""
    from PySide6.QtWidgets import QLabel

    from model.storage.store import save
    from model.templates.catalog import build_template

    doc = build_template("order-to-cash", people=True)
    doc.meta.organisation = "Halvorsen Pumps <&> Söhne, a made-up manufacturer of pumps for water"
    doc.meta.prepared_for = "Jonas Weber, Applications Engineer (李)"
    path = tmp_path / "a client with a long name" / "acme.cwalk"
    path.parent.mkdir()
    save(doc, path)
    w = open_window(qtbot, tmp_path, monkeypatch, size=(1024, 640))
    from gui.files.file_actions import remember_recent

    remember_recent(path)
    page = w.coaching.show_start_page()
    qtbot.waitExposed(page)
    recent = page.list
    assert recent.horizontalScrollBar().maximum() == 0, "the list scrolls sideways"
    row = recent.itemWidget(recent.item(0))
    lines = row.findChildren(QLabel)
    assert len(lines) == 3
    for label in lines:
        assert label.geometry().right() <= recent.viewport().width(), label.text()
    assert any(label.fontMetrics().horizontalAdvance(label.text()) > label.width() for label in lines)
    said = row.toolTip()  # the whole of what is shortened
    for part in (doc.meta.organisation, doc.meta.prepared_for, "15 people", str(path)):
        assert part in said, part
    page.close()
