"""The one background-job helper (gui/jobs/background.py) and the one collector switch
(model/collector.py) that autosave, insights and exports share."""
from __future__ import annotations

import gc
import threading

import pytest

from gui.jobs import main_thread_gc
from gui.jobs.background import Job, Jobs
from model import collector


@pytest.fixture
def idle(qtbot):
    """No earlier test's worker still holds the collector."""
    qtbot.waitUntil(lambda: main_thread_gc.holders() == 0, timeout=10000)
    assert gc.isenabled()


def test_jobs_run_off_the_gui_thread_in_order_and_end_once_on_it(qtbot, idle) -> None:
    jobs = Jobs(name="test")
    gate = threading.Event()
    ran: list[tuple[str, str]] = []
    ended: list[tuple[str, object, str]] = []

    def work(name: str) -> str:
        gate.wait(5)
        ran.append((name, threading.current_thread().name))
        return name.upper()

    def done(job: Job) -> None:
        ended.append((job.tag, job.result(), threading.current_thread().name))

    for name in ("a", "b", "c"):
        jobs.submit(work, name, on_done=done, tag=name)
    assert jobs.busy and main_thread_gc.holders() == 3 and not gc.isenabled()  # pinned while they run
    gate.set()
    qtbot.waitUntil(lambda: len(ended) == 3, timeout=5000)
    qtbot.wait(50)
    assert [name for name, _thread in ran] == ["a", "b", "c"]
    assert all(thread != threading.main_thread().name for _name, thread in ran)
    assert ended == [(n, n.upper(), threading.main_thread().name) for n in ("a", "b", "c")]  # once each
    assert not jobs.busy and main_thread_gc.holders() == 0 and gc.isenabled()


def test_a_job_not_started_can_be_withdrawn_and_finish_hands_the_rest_over_now(qtbot, idle) -> None:
    jobs = Jobs(name="test")
    gate, started = threading.Event(), threading.Event()
    ran: list[int] = []
    late: list[int] = []

    def work(n: int) -> int:
        started.set()
        gate.wait(5)
        ran.append(n)
        return n

    first = jobs.submit(work, 1, on_done=lambda job: late.append(job.tag), tag=1)
    assert started.wait(5)
    jobs.submit(work, 2, on_done=lambda job: late.append(job.tag), tag=2)
    withdrawn = jobs.cancel_pending()
    assert [job.tag for job in withdrawn] == [2] and withdrawn[0].cancelled
    assert main_thread_gc.holders() == 1  # only the one under way still pins the collector
    gate.set()
    finished = jobs.finish()
    assert finished == [first] and first.result() == 1 and ran == [1]
    qtbot.wait(50)
    assert late == []  # handed over by finish(): nothing of theirs arrives later
    assert main_thread_gc.holders() == 0


def test_what_a_job_raises_is_raised_on_the_gui_thread(qtbot, idle) -> None:
    jobs = Jobs(name="test")
    seen: list[str] = []

    def fail() -> None:
        raise ValueError("broken on the worker")

    def done(job: Job) -> None:
        with pytest.raises(ValueError, match="broken on the worker"):
            job.result()
        seen.append(threading.current_thread().name)

    jobs.submit(fail, on_done=done)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [threading.main_thread().name] and main_thread_gc.holders() == 0


def test_an_owner_destroyed_with_work_under_way_waits_for_it_and_unpins_the_collector(qtbot, idle) -> None:
    import shiboken6

    jobs = Jobs(name="test")
    gate = threading.Event()
    ended: list[bool] = []
    jobs.submit(gate.wait, 5, on_done=lambda _job: ended.append(True))
    jobs.submit(gate.wait, 5, on_done=lambda _job: ended.append(True))
    assert main_thread_gc.holders() == 2
    threading.Timer(0.1, gate.set).start()
    shiboken6.delete(jobs)  # its done slot will never run
    assert main_thread_gc.holders() == 0 and gc.isenabled()
    qtbot.wait(50)
    assert ended == []


def test_the_collector_comes_back_after_the_last_pause_from_any_thread(idle) -> None:
    assert collector.pauses() == 0
    main_thread_gc.hold()  # the app's pin
    worker_saw: list[bool] = []

    def build() -> None:  # a playbook built on a worker thread pauses it too
        with collector.paused():
            worker_saw.append(gc.isenabled())

    thread = threading.Thread(target=build)
    thread.start()
    thread.join()
    assert worker_saw == [False] and not gc.isenabled()  # the playbook's end did not switch it back on
    main_thread_gc.release()
    assert gc.isenabled() and collector.pauses() == 0
    with collector.paused():
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_playbook_build_pauses_the_collector_through_the_one_switch(tmp_path, monkeypatch, idle) -> None:
    from canvas_fixtures import sample_map

    from export.playbook import write_playbook

    seen: list[int] = []
    real = collector.pause
    monkeypatch.setattr(collector, "pause", lambda: (seen.append(collector.pauses()), real())[-1])
    write_playbook(sample_map(), tmp_path / "book.pdf", sections=["cover"])
    assert seen == [0] and collector.pauses() == 0 and gc.isenabled()


def test_an_owner_that_need_not_wait_lets_go_at_once(qtbot, idle) -> None:
    """An analysis of a private snapshot writes nothing: a closing window does not wait for it."""
    import shiboken6

    jobs = Jobs(name="test", abandon_wait_s=0)
    gate = threading.Event()
    job = jobs.submit(gate.wait, 5)
    shiboken6.delete(jobs)
    assert main_thread_gc.holders() == 0 and not job.future.done()  # let go while it still runs
    gate.set()
    qtbot.waitUntil(job.future.done, timeout=5000)
