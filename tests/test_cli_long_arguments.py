"""A 30,000-character argument (a story pasted where a name belongs) and names of that length in a
map: every refusal stays one readable `error:` line, never a traceback. Found by the CLI fuzz walk:
a long first word crashed the start ("File name too long"), and the option checks, --department,
--sections, what-if and story-form printed the whole value, and every long name on the map, back."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_harness import EXAMPLE, errors, run

LONG = "Ä<&>\x1b" * 6000  # 30,000 characters, markup and an escape among them
LIMIT = 400


@pytest.mark.parametrize("args, said", [
    ([LONG], "unknown verb 'Ä<&>"),
    (["export", EXAMPLE, "--pdf", "OUT", "--department", LONG], "no department 'Ä<&>"),
    (["export", EXAMPLE, "--pdf", "OUT", "--sections", LONG], "unknown section 'ä<&>"),
    (["export", EXAMPLE, "--pdf", "OUT", "--page-size", LONG], "argument --page-size: invalid choice"),
    (["new", "-o", "OUT", "--template", LONG], "(choose from 'order-to-cash', 'services', 'blank')"),
    (["check", EXAMPLE, "--stale-days", LONG], "argument --stale-days: invalid int value"),
    (["what-if", EXAMPLE, "--leaves", LONG], "nobody called 'Ä<&>"),
    (["story-form", EXAMPLE, "--person", LONG, "-o", "OUT"], "nobody in the map is called 'Ä<&>"),
])
def test_a_huge_argument_is_refused_in_one_short_line(
    args: list[str | Path], said: str, tmp_path: Path
) -> None:
    out = tmp_path / "out.pdf"
    proc = run(*[out if a == "OUT" else a for a in args], cwd=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and len(lines[0]) <= LIMIT, [len(line) for line in lines]
    assert said in lines[0] and "\x1b" not in lines[0]
    assert not out.exists()


def test_names_of_30000_characters_on_the_map_are_cut_in_an_error(tmp_path: Path) -> None:
    data = json.loads(EXAMPLE.read_text("utf-8"))
    for record in data["departments"].values():
        record["name"] = f"{record['name']} {LONG}"
    for record in list(data["people"].values())[:3]:
        record["name"] = "Same " + LONG
    path = tmp_path / "long.cwalk"
    path.write_text(json.dumps(data), "utf-8")
    for args in (["export", path, "--pdf", tmp_path / "d.pdf", "--department", "Nowhere"],
                 ["what-if", path, "--leaves", "Same " + LONG],
                 ["story-form", path, "--person", "Same", "-o", tmp_path / "f.pdf"]):
        proc = run(*args, cwd=tmp_path)
        assert proc.returncode == 2, proc.stderr
        assert all(len(line) <= 2 * LIMIT for line in errors(proc)), [len(x) for x in errors(proc)]
