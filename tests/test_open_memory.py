"""What a just-opened map frees or shares (issue 19) changes nothing a user sees or saves:
equal strings made one keep every value, and the map saves to the same bytes."""
from __future__ import annotations

from pathlib import Path

from bench.mapgen import make_big_map
from model.storage import columns, store
from model.storage.serialize import to_data


def _saved(tmp_path: Path, n: int = 300) -> Path:
    path = tmp_path / "big.cwalk"
    doc = make_big_map(n, seed=3)
    doc.people[next(iter(doc.people))].title = "Tarifa <&> 契約 مدير 🚚"  # any text keeps its value
    store.save(doc, path, backups=0)
    return path


def test_shared_strings_keep_every_value_and_save_the_same_bytes(tmp_path):
    path = _saved(tmp_path)
    plain, shared = store.load(path), store.load(path)
    columns.share_strings(shared)
    assert to_data(shared) == to_data(plain)
    store.save(plain, tmp_path / "plain.cwalk", backups=0, stamp=False)
    store.save(shared, tmp_path / "shared.cwalk", backups=0, stamp=False)
    assert (tmp_path / "shared.cwalk").read_bytes() == (tmp_path / "plain.cwalk").read_bytes()


def test_references_become_the_referred_items_own_strings(tmp_path):
    doc = store.load(_saved(tmp_path))
    columns.share_strings(doc)
    ids = {key: key for key in doc.people}
    hand = next(iter(doc.handoffs.values()))
    assert hand.source is ids[hand.source] and hand.target is ids[hand.target]
    members = [p for p in doc.people.values() if p.department_id is not None]
    assert members and all(p.department_id is next(k for k in doc.departments if k == p.department_id)
                           for p in members[:50])
    kinds = {id(p.kind) for p in doc.people.values()}
    assert len(kinds) == len({p.kind for p in doc.people.values()})  # one string per kind
    titles = [p.title for p in doc.people.values()]
    assert len({id(t) for t in titles}) == len(set(titles))


def test_an_edit_after_sharing_changes_only_its_item(tmp_path):
    doc = store.load(_saved(tmp_path))
    columns.share_strings(doc)
    first, second = [p for p in doc.people.values() if p.title][:2]
    title = second.title
    doc.update("person", first.id, title="Renamed role")
    assert second.title == title and first.title == "Renamed role"
