"""File > Export in the background: progress, cancel (the old file kept), one export at a
time, the window ticking meanwhile, and the collector pinned to the GUI thread while a worker
runs (released even when the runner is deleted mid-export)."""
from __future__ import annotations

import time

from canvas_fixtures import sample_map
from PySide6.QtCore import QTimer
from test_export_dialog import LEFT, SB, boxes, make_window, open_dialog, opened, type_target

from bench.mapgen import make_big_map
from gui.commands import UpdateCommand
from gui.files.export_runner import CANCELLED, ExportJob
from gui.files.export_status import controller_for

__all__ = ["boxes", "opened"]  # fixtures, used by name


def held_until_cancelled(monkeypatch) -> None:
    """The real playbook, held after its first progress report until the user cancels (at most
    60 s): a fast machine could otherwise finish the whole PDF before the test's click."""
    import export.playbook as playbook

    real = playbook.write_playbook

    def write(doc, path, *, progress=None, cancel=None, **options):
        def report_then_wait(value):
            progress(value)
            deadline = time.monotonic() + 60
            while cancel is not None and not cancel() and time.monotonic() < deadline:
                time.sleep(0.01)

        return real(doc, path, progress=report_then_wait, cancel=cancel, **options)

    monkeypatch.setattr(playbook, "write_playbook", write)


def test_cancel_keeps_the_old_file_and_the_window_ticks(qtbot, tmp_path, monkeypatch, boxes, opened):
    w = make_window(qtbot, tmp_path, monkeypatch, make_big_map(600, 1))
    held_until_cancelled(monkeypatch)
    controller = controller_for(w)
    target = tmp_path / "maps" / "big.pdf"
    target.write_bytes(b"%PDF-1.4 the playbook printed last week\n")
    before = target.read_bytes()
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(controller.runner.is_running()))
    timer.start(10)
    progress: list[tuple[float, str]] = []
    controller.runner.progressed.connect(lambda f, m: progress.append((f, m)))

    dialog = open_dialog(qtbot, w, "pdf")
    type_target(qtbot, dialog, target)
    assert "already exists" in dialog.problem_label.text()
    boxes["state"]["answer"] = SB.Yes
    qtbot.mouseClick(dialog.export_button, LEFT)
    assert boxes["question"] and "big.pdf" in boxes["question"][0]  # a typed, existing file: asked first
    assert not dialog.isVisible() and controller.is_running()
    assert controller.progress.isVisible()
    # the GUI thread is free: timers tick and the map can be edited while the PDF is made
    qtbot.waitUntil(lambda: sum(ticks) >= 5 and bool(progress), timeout=30_000)
    person = next(iter(w.document.people))
    w.undo_stack.push(UpdateCommand(w.document, "person", person, {"title": "Edited during the export"}))
    assert controller.is_running()
    # only one export at a time
    second = open_dialog(qtbot, w, "csv")
    qtbot.mouseClick(second.export_button, LEFT)
    assert boxes["information"] and "big.pdf" in boxes["information"][-1]
    assert second.isVisible() and not (tmp_path / "maps" / "acme.csv").exists()
    second.reject()

    with qtbot.waitSignal(controller.exportFinished, timeout=60_000) as blocker:
        qtbot.mouseClick(controller.progress.cancel_button, LEFT)
    timer.stop()
    assert blocker.args[0].status == CANCELLED
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["acme.cwalk", "big.pdf"]  # no temp file left
    assert not controller.progress.isVisible() and "cancelled" in w.statusBar().currentMessage()
    assert not opened and not boxes["critical"]
    assert w.document.people[person].title == "Edited during the export"


def test_collector_is_pinned_to_the_gui_thread_while_exporting(qtbot):
    """Workers must not run the cyclic collector (it could free Qt objects on the wrong thread)."""
    import gc

    from gui.jobs import main_thread_gc

    qtbot.waitUntil(lambda: main_thread_gc.holders() == 0, timeout=10000)  # earlier windows' workers done
    assert gc.isenabled()
    main_thread_gc.hold()
    main_thread_gc.hold()
    assert not gc.isenabled()
    main_thread_gc.release()
    assert not gc.isenabled()  # still held once
    main_thread_gc.release()
    assert gc.isenabled() and main_thread_gc.holders() == 0


def test_a_runner_destroyed_mid_export_cancels_it_and_unpins_the_collector(qtbot, tmp_path, monkeypatch):
    """A window deleted with an export under way: the export stops, its target is untouched and
    the collector is not left pinned for good."""
    import gc

    import shiboken6

    from gui.files.export_runner import ExportRunner
    from gui.jobs import main_thread_gc

    qtbot.waitUntil(lambda: main_thread_gc.holders() == 0, timeout=10000)
    held_until_cancelled(monkeypatch)
    target = tmp_path / "book.pdf"
    target.write_bytes(b"%PDF-1.4 last week's\n")
    runner = ExportRunner()
    progress: list[float] = []
    runner.progressed.connect(lambda f, _m: progress.append(f))
    assert runner.start(sample_map(), ExportJob("pdf", target))
    qtbot.waitUntil(lambda: bool(progress), timeout=30_000)
    assert main_thread_gc.holders() == 1
    shiboken6.delete(runner)
    assert main_thread_gc.holders() == 0 and gc.isenabled()
    assert target.read_bytes() == b"%PDF-1.4 last week's\n"
    assert [p.name for p in tmp_path.iterdir()] == ["book.pdf"]  # no temp file left
