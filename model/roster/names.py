"""People's names as rosters write them, made comparable.

Payroll and HR systems write "Lee, Ann  M" (last name first, a double space
before the middle initial); the map and the people in it say "Ann M Lee".
One place decides how a written name reads and when two names are the same
person's, so the importer, the manager links and the merge agree.

Chinese, Japanese and Korean names are written family name first and without
a space (李娜, 山田太郎, 김민준: Korean orthography, article 48, writes the
family and given name together too), so an HR export's "First Name" 娜 and
"Last Name" 李 read 李娜. The rule applies only when both parts are written in
Han, Kana or Hangul: a Latin, Arabic or Cyrillic name, a mixed one ("Wei" +
王) and a foreign name in Katakana alone (ジョン + スミス) keep "First Last".
"""
from __future__ import annotations

import unicodedata

# "Ann Lee, Jr." or "Ann Lee, PhD" is a name with a suffix, not "Last, First"; "Acme, Inc." a firm's
_SUFFIXES = frozenset({
    "jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v", "phd", "ph.d.", "md", "m.d.", "esq", "esq.",
    "mba", "cpa", "dds", "rn", "pe", "msc", "bsc", "ma", "ba",
    "inc", "inc.", "ltd", "ltd.", "llc", "llp", "plc", "corp", "corp.", "co", "co.", "gmbh", "ag", "sa",
    "s.a.", "bv", "b.v.", "nv", "ab", "as", "oy", "srl", "spa", "pty", "pty ltd",
})
MOST_WORDS = 3  # in each part of 'Last, First': 'de la Cruz, Mary Jo Ann' is the longest kind
_NAME_MARKS = frozenset(" .'’-")  # what a name's part holds besides letters

# Unicode blocks of the scripts whose names are written family name first, without a space
_KATAKANA = ((0x30A0, 0x30FF), (0x31F0, 0x31FF), (0xFF65, 0xFF9F))
_FAMILY_FIRST = (
    (0x3005, 0x3007),  # 々 〆 〇, written inside Japanese names
    (0x3040, 0x309F),  # Hiragana
    *_KATAKANA,
    (0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7AF), (0xD7B0, 0xD7FF),  # Hangul
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF),  # Han
)


def _in(ch: str, blocks: tuple[tuple[int, int], ...]) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in blocks)


def family_name_first(text: str) -> bool:
    """Whether a name (or a part of one) is written in Han, Kana or Hangul only (spaces aside)."""
    letters = [ch for ch in text if not ch.isspace()]
    return bool(letters) and all(_in(ch, _FAMILY_FIRST) for ch in letters)


def _foreign_in_katakana(text: str) -> bool:
    letters = [ch for ch in text if not ch.isspace()]
    return all(_in(ch, _KATAKANA) for ch in letters)


def full_name(first: str, last: str) -> str:
    """A person's name from its given and family parts, in the order their script writes it:
    ('Ann', 'Lee') -> 'Ann Lee', ('娜', '李') -> '李娜', ('민준', '김') -> '김민준'."""
    first, last = tidy(first), tidy(last)
    if (first and last and family_name_first(first) and family_name_first(last)
            and not (_foreign_in_katakana(first) and _foreign_in_katakana(last))):
        return "".join(last.split()) + "".join(first.split())  # no space inside either: 太 郎 is 太郎
    return " ".join(part for part in (first, last) if part)


def given_name_first(first: str, last: str) -> str:
    """The two parts joined 'First Last' whatever their script: how rosters were read before
    family-name-first names were known, so a map made then is still matched."""
    return " ".join(part for part in (tidy(first), tidy(last)) if part)


def tidy(text: str) -> str:
    """Runs of spaces and tabs as one space, none at the ends."""
    return " ".join(text.split())


def first_last(name: str) -> str | None:
    """'Lee, Ann  M' -> 'Ann M Lee' ('李, 娜' -> '李娜'); None when the name is not written
    last name first."""
    if name.count(",") != 1:
        return None
    last, first = (tidy(part) for part in name.split(","))
    if not last or not first or first.casefold() in _SUFFIXES or not (_name_part(last) and _name_part(first)):
        return None  # 'Riverside Water, Plant 2', '=HYPERLINK("x","y")': a comma in something else
    return full_name(first, last)


def _name_part(part: str) -> bool:
    """Whether a part of 'Last, First' reads as names: a few words of letters (any script, with
    their combining marks: शर्मा), with only the dots, apostrophes and hyphens names have."""
    return len(part.split()) <= MOST_WORDS and all(
        ch.isalpha() or ch in _NAME_MARKS or unicodedata.category(ch).startswith("M") for ch in part)


# invisible characters that come along when a name is pasted (a zero-width space, a soft
# hyphen, a byte-order mark, a word joiner, a left-to-right mark): not part of whom it names
_INVISIBLE = str.maketrans(dict.fromkeys("\u00ad\u180e\u200b\u200e\u200f\u2060\ufeff"))


def reference_key(text: str) -> str:
    """How a roster names someone it refers to (a manager, a hand-off), compared: any case and
    spacing, invisible characters left out, and no space at all inside a family-name-first
    name ('李 娜' is '李娜')."""
    text = text.translate(_INVISIBLE)
    if family_name_first(text):
        return "".join(text.split())
    return tidy(text).casefold()


def name_key(name: str) -> str:
    """What two spellings of one person's name have in common: no accents, any case, any
    spacing, either order ('Lee, José' and 'jose  lee' give the same key; '山田 太郎' and
    '山田太郎' too, a family-name-first name having no space to keep)."""
    natural = first_last(name) or name
    if family_name_first(natural):
        return "".join(unicodedata.normalize("NFKC", natural).split())  # half-width Kana as full
    decomposed = unicodedata.normalize("NFKD", natural)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return tidy(bare).casefold()
