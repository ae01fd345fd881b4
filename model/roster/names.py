"""People's names as rosters write them, made comparable.

Payroll and HR systems write "Lee, Ann  M" (last name first, a double space
before the middle initial); the map and the people in it say "Ann M Lee".
One place decides how a written name reads and when two names are the same
person's, so the importer, the manager links and the merge agree.
"""
from __future__ import annotations

import unicodedata

# "Ann Lee, Jr." or "Ann Lee, PhD" is a name with a suffix, not "Last, First"
_SUFFIXES = frozenset({
    "jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v", "phd", "ph.d.", "md", "m.d.", "esq", "esq.",
    "mba", "cpa", "dds", "rn", "pe", "msc", "bsc", "ma", "ba",
})


def tidy(text: str) -> str:
    """Runs of spaces and tabs as one space, none at the ends."""
    return " ".join(text.split())


def first_last(name: str) -> str | None:
    """'Lee, Ann  M' -> 'Ann M Lee'; None when the name is not written last name first."""
    if name.count(",") != 1:
        return None
    last, first = (tidy(part) for part in name.split(","))
    if not last or not first or first.casefold() in _SUFFIXES:
        return None
    return f"{first} {last}"


def name_key(name: str) -> str:
    """What two spellings of one person's name have in common: no accents, any case, any
    spacing, either order ('Lee, José' and 'jose  lee' give the same key)."""
    natural = first_last(name) or name
    decomposed = unicodedata.normalize("NFKD", natural)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return tidy(bare).casefold()
