"""A burst of new objects (a map just opened) is walked by the collector at a quiet moment,
not on the next tick, which could land before the map's first frame (issue 19)."""
from __future__ import annotations

import gc

import pytest

from gui.jobs import main_thread_gc


@pytest.fixture
def held(qtbot):
    qtbot.waitUntil(lambda: main_thread_gc.holders() == 0, timeout=10000)
    main_thread_gc.hold()  # as the app does: automatic collection off, the timer collects
    yield
    main_thread_gc.release()


def test_a_burst_of_new_objects_waits_for_a_quiet_moment(held, monkeypatch):
    monkeypatch.setattr(main_thread_gc._Pin, "last_full", 1e18)  # no full collection due
    burst = [[i] for i in range(main_thread_gc.BULK_OBJECTS + 50_000)]
    assert gc.get_count()[0] > main_thread_gc.BULK_OBJECTS
    main_thread_gc._collect()  # the user may be busy: nothing walked yet
    assert gc.get_count()[0] > main_thread_gc.BULK_OBJECTS
    assert main_thread_gc._Pin.watcher is not None
    main_thread_gc._Pin.watcher.last_input -= main_thread_gc.QUIET_S + 1  # then nobody touches anything
    main_thread_gc._collect()
    assert gc.get_count()[0] < 1000 and len(burst) > 0
    assert main_thread_gc._Pin.watcher is None  # input is watched only while a collection waits


def test_a_few_new_objects_are_walked_at_once(held, monkeypatch):
    monkeypatch.setattr(main_thread_gc._Pin, "last_full", 1e18)
    gc.collect(1)
    few = [[i] for i in range(5000)]
    main_thread_gc._collect()
    assert gc.get_count()[0] < 1000 and few
    assert main_thread_gc._Pin.watcher is None
