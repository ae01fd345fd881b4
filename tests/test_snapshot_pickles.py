"""The pickles a snapshot cache keeps for the insights' analysis process (issue 19): made once per
edited item, dropped with the item's copy, and never one of a copy an edit has replaced."""
from __future__ import annotations

from bench.mapgen import make_big_map
from gui.jobs.analysis_child import pack, unpack
from model.storage import snapshot
from model.storage.serialize import to_data


def packed_map(doc):
    cache = snapshot.cache_of(doc)
    tables = cache.collections()
    cache.pickle(tables, cache.unpickled(tables))
    return unpack(pack(doc.meta, cache.pickled(tables)))


def test_the_process_gets_the_map_as_it_is_after_each_edit():
    doc = make_big_map(120, seed=21)
    assert to_data(packed_map(doc)) == to_data(doc)
    people = list(doc.people)
    doc.update("person", people[0], name="Dana <&> 契約 🙂")
    doc.remove("person", people[1])
    doc.move_people(dict.fromkeys(people[2:10], (5.0, 6.0)))
    assert to_data(packed_map(doc)) == to_data(doc)


def test_only_the_edited_items_are_pickled_again():
    doc = make_big_map(120, seed=22)
    packed_map(doc)
    cache = snapshot.cache_of(doc)
    assert cache.unpickled(cache.collections()) == []
    pid = next(iter(doc.people))
    doc.update("person", pid, title="Counsel")
    assert cache.unpickled(cache.collections()) == [("person", pid)]


def test_a_copy_replaced_by_an_edit_meanwhile_is_not_kept_pickled():
    doc = make_big_map(60, seed=23)
    cache = snapshot.cache_of(doc)
    tables = cache.collections()
    due = cache.unpickled(tables)
    pid = next(iter(doc.people))
    doc.update("person", pid, name="Edited while pickling")  # between the tables and the pickles
    cache.pickle(tables, due)
    assert ("person", pid) in cache.unpickled(cache.collections())  # its old copy's pickle was not kept
    assert to_data(packed_map(doc)) == to_data(doc)


def test_released_maps_keep_no_pickles():
    doc = make_big_map(60, seed=24)
    packed_map(doc)
    snapshot.release(doc)
    assert doc not in snapshot._SHARED
    assert to_data(packed_map(doc)) == to_data(doc)  # made again from scratch
