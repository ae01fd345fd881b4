"""The obstacle grid that keeps badges and labels off cards holds boxes of any size: a map whose
cards sit a million pixels apart (the largest positions a file may hold) has arrows whose
boxes cover millions of grid cells, which must neither hang nor be missed."""
from __future__ import annotations

from model.boxes import Obstacles


def test_a_huge_box_is_found_and_a_small_one_beside_it_is_not_confused() -> None:
    obstacles = Obstacles()
    obstacles.add((-1_000_000.0, -1_000_000.0, 1_000_000.0, 1_000_000.0), owner="arrow")
    obstacles.add((10.0, 10.0, 20.0, 20.0), owner="card")
    assert obstacles.hits((500_000.0, 500_000.0, 500_010.0, 500_010.0))
    assert not obstacles.hits((500_000.0, 500_000.0, 500_010.0, 500_010.0), ignore="arrow")
    assert obstacles.hits((15.0, 15.0, 16.0, 16.0), ignore="arrow")
    assert not obstacles.hits((2_000_000.0, 0.0, 2_000_001.0, 1.0))


def test_a_huge_query_sees_small_boxes_anywhere_inside_it() -> None:
    obstacles = Obstacles([(900_000.0, -900_000.0, 900_005.0, -899_995.0)])
    assert obstacles.hits((-1_000_000.0, -1_000_000.0, 1_000_000.0, 1_000_000.0))
    assert not obstacles.hits((-1_000_000.0, 0.0, 1_000_000.0, 1_000_000.0))
