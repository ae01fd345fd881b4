"""The insights' analysis in a process of its own (issue 19): the same report and rows as the
analysis in this process, a killed process replaced, the thread where no process can start, and
no process left behind by an app that quits or is killed."""
from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.mapgen import make_big_map
from gui.insights_panel import InsightsPanel
from gui.jobs import analysis_child, analysis_process, insights_work
from gui.jobs.analysis_process import AnalysisExecutor
from model.analysis.finding_rows import tree_rows
from model.analysis.insights import analyse
from model.example import load_example
from model.storage import store

TODAY = dt.date(2026, 11, 23)
DRIVER = Path(__file__).with_name("insights_process_driver.py")


@pytest.fixture
def own_process(monkeypatch):
    """A process of the test's own (it is killed here), not the one the other tests share."""
    executor = AnalysisExecutor()
    monkeypatch.setattr(insights_work, "executor", lambda: executor)
    yield executor
    executor.shutdown(wait=False)


def make_panel(qtbot) -> InsightsPanel:
    panel = InsightsPanel(today=TODAY)
    qtbot.addWidget(panel)
    panel.resize(420, 600)
    return panel


def analysed(panel, qtbot, doc) -> None:
    with qtbot.waitSignal(panel.reportReady, timeout=60000):
        panel.set_document(doc)


def renamed(panel, qtbot, doc, name: str) -> None:
    with qtbot.waitSignal(panel.reportReady, timeout=60000):
        doc.update("person", next(iter(doc.people)), name=name)
        panel.refresh_now()


def alive(pid: int) -> bool:
    """Running, not a zombie (os.kill(pid, 0) succeeds on a zombie)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("doc", [lambda: load_example(today=TODAY), lambda: make_big_map(500, seed=7)],
                         ids=["example", "generated"])
def test_the_process_gives_the_report_and_rows_of_an_analysis_here(qtbot, doc):
    doc = doc()
    doc.meta.you_id = next(iter(doc.people))
    panel = make_panel(qtbot)
    analysed(panel, qtbot, doc)
    assert panel.executor.process_ok and panel.executor.pids()  # it came from the process
    fresh = analyse(doc, today=TODAY)
    assert panel.report == fresh
    assert panel.findings.shown == tree_rows(fresh)
    renamed(panel, qtbot, doc, "Renamed <&> 契約 🙂 " + "x" * 30000)
    assert panel.report == analyse(doc, today=TODAY)
    assert any("Renamed <&> 契約" in child[1] for group in panel.findings.shown for child in group[5])
    panel.set_document(None)
    panel.wait_for_idle()


def test_the_process_never_imports_qt():
    pid, qt = analysis_process.shared().submit(analysis_child.ping).result(60)
    assert pid != os.getpid() and qt is False


def test_a_report_unpickled_in_the_smallest_slices_is_the_whole_report():
    doc = make_big_map(300, seed=3)
    doc.meta.you_id = next(iter(doc.people))
    from model.storage import snapshot

    cache = snapshot.cache_of(doc)
    tables = cache.collections()
    cache.pickle(tables, cache.unpickled(tables)[:100])  # some kept, the rest pickled when packed
    pieces = analysis_child.analyse_packed(analysis_child.pack(doc.meta, cache.pickled(tables)), TODAY)
    assembler = analysis_child.ReportAssembler(pieces)
    steps = 1
    while not assembler.step(0):
        steps += 1
    report, (rows, counts) = assembler.result()
    fresh = analyse(doc, today=TODAY)
    assert steps > 10  # one piece or CHUNK rows per step
    assert report == fresh and rows == tree_rows(fresh) and counts == fresh.severity_counts()


@pytest.mark.parametrize("on", [False, True])
def test_the_analysis_leaves_the_collector_as_it_found_it(on):
    """Run in the app's own process, the analysis must not switch automatic collection on: the
    app keeps it off while background work runs (a collection on a worker thread frees Qt
    objects there), and on again only where it was on."""
    import gc

    doc = make_big_map(40, seed=4)
    from model.storage import snapshot

    cache = snapshot.cache_of(doc)
    tables = cache.collections()
    was = gc.isenabled()
    (gc.enable if on else gc.disable)()
    try:
        analysis_child.analyse_packed(analysis_child.pack(doc.meta, cache.pickled(tables)), TODAY)
        assert gc.isenabled() is on
    finally:
        (gc.enable if was else gc.disable)()


def test_a_killed_process_is_replaced_and_the_insights_go_on(qtbot, own_process):
    doc = make_big_map(200, seed=4)
    panel = make_panel(qtbot)
    analysed(panel, qtbot, doc)
    [first] = own_process.pids()
    os.kill(first, signal.SIGKILL)  # between two analyses
    qtbot.waitUntil(lambda: not alive(first), timeout=10000)
    renamed(panel, qtbot, doc, "After the kill")
    assert panel.report == analyse(doc, today=TODAY)
    [second] = own_process.pids()
    assert second != first and own_process.process_ok
    panel.set_document(None)


def test_a_process_killed_during_an_analysis_is_replaced_once(qtbot, own_process):
    doc = make_big_map(3000, seed=5)  # an analysis long enough to be killed under
    panel = make_panel(qtbot)
    analysed(panel, qtbot, doc)
    [first] = own_process.pids()
    with qtbot.waitSignal(panel.reportReady, timeout=90000):
        doc.update("person", next(iter(doc.people)), name="Killed under")
        panel.refresh_now()
        qtbot.waitUntil(lambda: panel.jobs.busy, timeout=30000)  # handed over to the process
        os.kill(first, signal.SIGKILL)
    assert panel.report == analyse(doc, today=TODAY)
    assert own_process.pids() and own_process.pids() != [first] and own_process.process_ok
    panel.set_document(None)


def test_where_no_process_can_start_the_analysis_runs_on_a_thread(qtbot, own_process, monkeypatch):
    def refused() -> None:
        raise OSError("no processes in this sandbox")

    own_process.stop()
    monkeypatch.setattr(own_process, "_new_pool", refused)
    doc = make_big_map(100, seed=6)
    panel = make_panel(qtbot)
    analysed(panel, qtbot, doc)
    assert not own_process.process_ok and not own_process.pids()
    assert panel.report == analyse(doc, today=TODAY)
    renamed(panel, qtbot, doc, "On the thread")
    assert panel.report == analyse(doc, today=TODAY)
    panel.set_document(None)


def _driven(tmp_path: Path, *args: str) -> tuple[subprocess.Popen[str], int]:
    path = tmp_path / "map.cwalk"
    store.save(make_big_map(300, seed=8), path, backups=0)
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "c"),
           "XDG_DATA_HOME": str(tmp_path / "d"), "XDG_RUNTIME_DIR": str(tmp_path),
           "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen([sys.executable, str(DRIVER), str(path), *args], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    assert app.stdout is not None
    line = app.stdout.readline()
    assert line.startswith("analysis process "), (line, app.stderr.read() if app.poll() is not None else "")
    return app, int(line.split()[-1])


def _gone_soon(pid: int) -> bool:
    deadline = time.monotonic() + 10
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not alive(pid)


def test_an_app_that_quits_leaves_no_analysis_process(tmp_path):
    app, child = _driven(tmp_path)
    assert app.wait(30) == 0
    assert _gone_soon(child)
    assert "Traceback" not in app.stderr.read()  # app and process ended quietly


def test_an_app_that_is_killed_leaves_no_analysis_process(tmp_path):
    app, child = _driven(tmp_path, "--stay")
    assert alive(child)
    app.kill()
    app.wait(30)
    assert _gone_soon(child)  # it saw the app go


def test_a_setting_keeps_the_analysis_on_a_thread(monkeypatch):
    monkeypatch.setenv(insights_work.ENV, "thread")
    monkeypatch.setattr(analysis_process, "_SHARED", None)
    monkeypatch.setattr(insights_work, "_hooked", False)
    executor = insights_work.executor()
    try:
        assert not executor.process_ok and not executor.pids()  # none was started
    finally:
        executor.shutdown(wait=False)
