"""Finding names, e-mail addresses and phone numbers in free text, and replacing them.

Why a tokeniser and not one big regular expression: a map of 2,000 people has
some 6,000 name parts, and an alternation of that many words is slow over
megabytes of notes. Here the text is cut into words once (`\\w` runs, joined by
apostrophes and hyphens: "O'Brien", "Jean-Pierre", "Jonas's") and every word
(or run of words, for full names) is looked up in a table — whole words only,
case-insensitive, Unicode-aware. Scripts written without spaces (Chinese,
Japanese, Thai, Korean with its attached particles) are searched inside words.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from model.textfold import plain

# starts only where a run of such characters starts: linear on a 30,000-character word
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+")
# +49 170 1234567, (555) 123-4567, 0044 20 7946 0958: 7 to 15 digits in groups
_PHONE = re.compile(
    r"(?<![\w.,/+-])(?:\+|00)?(?:\(\d{1,5}\)[ \t]?)?\d{1,15}(?:[ \t./-]\d{1,15}){0,7}(?![\w/])"
)
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./]\d{1,2}[./]\d{1,2}")


def _marks() -> str:
    """A character class of the combining marks (vowel signs, viramas, points): Python's \\w
    leaves them out, which cut 'प्रिया' into single letters that matched nothing."""
    ranges: list[str] = []
    start = prev = -1
    for cp in [*range(0x0300, 0x20000), *range(0xE0100, 0xE01F1)]:  # ... and the variation selectors
        if unicodedata.category(chr(cp)).startswith("M"):
            if start < 0:
                start = cp
            prev = cp
        elif start >= 0:
            wide = prev >= 0x10000
            ranges.append(f"\\U{start:08x}-\\U{prev:08x}" if wide else f"\\u{start:04x}-\\u{prev:04x}")
            start = -1
    return "".join(ranges)


_LETTER = rf"[\w{_marks()}]"
WORD = re.compile(rf"{_LETTER}+(?:['\u2019\u02bc\u2010-]{_LETTER}+)*")
_SEP = re.compile(r"[ \t.]+|[ \t]*\n[ \t]*")  # between the words of one name (initials have dots)
_JOINED = re.compile(r"(['\u2019\u02bc\u2010_-]|\d+)")  # what joins a name to another word
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2010": "-"})
_POSSESSIVE = ("'s", "\u2019s", "\u02bcs")
_PROCLITICS = "\u0648\u0641\u0628\u0644\u0643"  # Arabic: and, so, with, to, like — written onto the name
EMAIL_LEFT_OUT = "[e-mail left out]"
PHONE_LEFT_OUT = "[phone left out]"
_MARK_EMAIL, _MARK_PHONE, _MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001", "\ue002", "\ue003"


def unspaced(ch: str) -> bool:
    """A letter of a script written without spaces between words (names sit inside words)."""
    o = ord(ch)
    return (
        0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF
        or 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x0E00 <= o <= 0x0EFF
        or 0x1000 <= o <= 0x109F or 0x1780 <= o <= 0x17FF
    )


@functools.lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """The lookup key of a word: same letters, any case, any apostrophe, any accent on a Latin
    letter (a note says "Zoe Odegard" for the roster's "Zoë Ødegård")."""
    return plain(unicodedata.normalize("NFC", word)).translate(_APOSTROPHES).casefold()


def words_of(text: str) -> list[str]:
    return WORD.findall(unicodedata.normalize("NFC", text))


def _phone_digits(match: str) -> int:
    return sum(ch.isdigit() for ch in match)


def _looks_like_phone(found: str) -> bool:
    """Not a date, an amount ("1 000 000") or a plain number; a leading + or ( says phone."""
    if not 7 <= _phone_digits(found) <= 15 or _DATE.fullmatch(found):
        return False
    if found[0] in "+(" or found.startswith("00"):
        return True
    groups = re.split(r"[ \t./-]", found)
    if all(re.fullmatch(r"(?:19|20)\d\d", g) for g in groups):  # 2025 2026: years
        return False
    if len(groups) == 1:
        return found.startswith("0")  # 01701234567; 1234567 is an amount or an id
    return not all(len(g) == 3 for g in groups[1:]) or len(groups[0]) > 3


def hide_contacts(text: str) -> str:
    """E-mail addresses and phone numbers (7-15 digits, not a date) left out of free text."""
    text = EMAIL.sub(_MARK_EMAIL, text)

    def phone(m: re.Match[str]) -> str:
        found = m.group(0)
        return _MARK_PHONE if _looks_like_phone(found) else found

    text = _PHONE.sub(phone, text)
    return text.replace(_MARK_EMAIL, EMAIL_LEFT_OUT).replace(_MARK_PHONE, PHONE_LEFT_OUT)


@dataclass(frozen=True)
class Term:
    """Words to find (one name or name part) and what to print instead.

    exact: an ordinary word too ("Will", "Rose"): replaced only where it is written
    as in the roster. generic: what to print when two people share these words."""

    words: tuple[str, ...]
    replacement: str
    exact: bool = False
    generic: str = "someone"


class Scrubber:
    """Replaces the terms (whole words, longest first) and hides contact details."""

    def __init__(self, terms: Iterable[Term], contacts: bool = True,
                 phrases: Iterable[tuple[str, str]] = ()) -> None:
        """phrases: (text, stand-in) found anywhere as whole words (organisation names,
        which may hold '&' or commas), before the names."""
        self.contacts = contacts
        self.phrases, self.phrase_pattern = _phrase_pattern(phrases)
        folded: dict[tuple[str, ...], set[tuple[str, str]]] = {}
        exact: dict[tuple[str, ...], set[tuple[str, str]]] = {}
        joined: dict[str, set[tuple[str, str]]] = {}
        forms: set[str] = set()  # as typed too: casefold may change a letter's length ('ŉ' -> 'ʼn')
        for t in terms:
            words = tuple(unicodedata.normalize("NFC", w) for w in t.words if w)
            if not words:
                continue
            value = (t.replacement, t.generic)
            syllable = len(words) == 1 and len(words[0]) == 1 and "\uac00" <= words[0] <= "\ud7af"
            if any(unspaced(ch) for ch in "".join(words)) and not syllable:  # 김 alone: a word, not in 김치
                for key in {"".join(words), " ".join(words)}:
                    joined.setdefault(fold(key), set()).add(value)
                    forms.update((key, fold(key)))
                if len(words) == 1:
                    continue
            if t.exact:
                exact.setdefault(tuple(w.translate(_APOSTROPHES) for w in words), set()).add(value)
            else:
                folded.setdefault(tuple(fold(w) for w in words), set()).add(value)
        self.folded = {k: _one(v) for k, v in folded.items()}
        self.exact = {k: _one(v) for k, v in exact.items()}
        self.joined = {k: _one(v) for k, v in joined.items()}
        # the lengths of the names that start with a word, longest first: a text is read in time
        # proportional to it, even beside a 5,000-word name (trying every length took hours)
        starts: dict[str, set[int]] = {}
        exact_starts: dict[str, set[int]] = {}
        for table, found in ((self.folded, starts), (self.exact, exact_starts)):
            for k in table:
                if len(k) > 1:
                    found.setdefault(k[0], set()).add(len(k))
        self.starts = {w: sorted(n, reverse=True) for w, n in starts.items()}
        self.exact_starts = {w: sorted(n, reverse=True) for w, n in exact_starts.items()}
        self.inside = None
        if self.joined:
            keys = sorted(forms, key=len, reverse=True)
            self.inside = re.compile("|".join(re.escape(k) for k in keys), re.IGNORECASE)

    def __call__(self, text: str) -> str:
        if not text:
            return text
        text = unicodedata.normalize("NFC", text)
        if self.contacts:
            text = hide_contacts(text)
        marks: list[str] = []
        if self.phrase_pattern is not None:
            def protect(m: re.Match[str]) -> str:
                marks.append(self.phrases.get(fold(" ".join(m.group(0).split())), m.group(0)))
                return f"{_MARK_OPEN}{len(marks) - 1}{_MARK_CLOSE}"

            text = self.phrase_pattern.sub(protect, text)
        if self.folded or self.exact or self.joined:
            text = self._names(text)
        if marks:
            text = re.sub(f"{_MARK_OPEN}(\\d+){_MARK_CLOSE}", lambda m: marks[int(m.group(1))], text)
        return text

    def _names(self, text: str) -> str:
        tokens = list(WORD.finditer(text))
        out: list[str] = []
        last = 0
        i = 0
        while i < len(tokens):
            n, replacement = self._run(text, tokens, i)
            if n:
                out.append(text[last:tokens[i].start()])
                out.append(replacement)
                last = tokens[i + n - 1].end()
                i += n
                continue
            word = tokens[i].group(0)
            changed = self._word(word)
            if changed is not None:
                out.append(text[last:tokens[i].start()])
                out.append(changed)
                last = tokens[i].end()
            i += 1
        out.append(text[last:])
        return "".join(out)

    # ----- a run of words: a full name ----------------------------------------
    def _run(self, text: str, tokens: list[re.Match[str]], i: int) -> tuple[int, str]:
        first = tokens[i].group(0)
        lengths = sorted({*self.starts.get(fold(first), ()),
                          *self.exact_starts.get(first.translate(_APOSTROPHES), ())}, reverse=True)
        for n in lengths:
            if n > len(tokens) - i:
                continue
            gaps = (text[tokens[j].end():tokens[j + 1].start()] for j in range(i, i + n - 1))
            if not all(_SEP.fullmatch(gap) for gap in gaps):
                continue
            words = [t.group(0) for t in tokens[i:i + n]]
            base, suffix = _split_possessive(words[-1])
            for last_word, tail in ((words[-1], ""), (base, suffix)):
                key = (*words[:-1], last_word)
                found = self.folded.get(tuple(fold(w) for w in key))
                if found is None:
                    found = self.exact.get(tuple(w.translate(_APOSTROPHES) for w in key))
                if found is not None:
                    return n, found + tail
        return 0, ""

    # ----- one word --------------------------------------------------------
    def _lookup(self, word: str) -> str | None:
        found = self.folded.get((fold(word),))
        if found is None:
            found = self.exact.get((word.translate(_APOSTROPHES),))
        return found

    def _word(self, word: str) -> str | None:
        found = self._lookup(word)
        if found is not None:
            return found
        base, suffix = _split_possessive(word)
        if suffix:
            found = self._lookup(base)
            if found is not None:
                return found + suffix
        if len(word) > 2 and word[0] in _PROCLITICS:
            found = self._lookup(word[1:])
            if found is not None:
                return word[0] + found
        if suffix == "" and len(word) > 3 and word[-1] == "s" and word[0].isupper():
            found = self.folded.get((fold(word[:-1]),))  # "Webers Team", "the Ødegårds"
            if found is not None:
                return found
        if _JOINED.search(word):  # "Jonas-style", "l'Anna", "Jonas_Weber", "jonas2": the parts
            parts = _JOINED.split(word)
            changed = [self._lookup(p) if p and p[0].isalnum() or p[:1] == "_" else None for p in parts]
            if any(c is not None for c in changed):
                return "".join(c if c is not None else p for c, p in zip(changed, parts, strict=True))
        if self.inside is not None and any(unspaced(ch) for ch in word):
            inside = self.inside

            def swap(m: re.Match[str]) -> str:
                return self.joined.get(fold(m.group(0)), m.group(0))

            changed_word = inside.sub(swap, word)
            return changed_word if changed_word != word else None
        return None


def _phrase_pattern(phrases: Iterable[tuple[str, str]]) -> tuple[dict[str, str], re.Pattern[str] | None]:
    table: dict[str, str] = {}
    typed: set[str] = set()  # the regex is made of the phrases as typed (a folded key may lack accents)
    for text, stand_in in phrases:
        key = fold(" ".join(text.split()))
        if key:
            table.setdefault(key, stand_in)
            typed.add(unicodedata.normalize("NFC", " ".join(text.split())).casefold())
    if not table:
        return table, None
    parts = []
    for key in sorted(typed, key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in key.split())
        wide = unspaced(key[0]) or unspaced(key[-1])
        parts.append(body if wide else rf"(?<!\w){body}(?!\w)")
    return table, re.compile("|".join(parts), re.IGNORECASE)


def _split_possessive(word: str) -> tuple[str, str]:
    for suffix in _POSSESSIVE:
        if len(word) > len(suffix) and word.endswith(suffix):
            return word[: -len(suffix)], word[-len(suffix):]
    return word, ""


def _one(values: set[tuple[str, str]]) -> str:
    """One replacement; words that two people share get a neutral one."""
    replacements = {r for r, _g in values}
    if len(replacements) == 1:
        return next(iter(replacements))
    generics = {g for _r, g in values}
    return next(iter(generics)) if len(generics) == 1 else "someone"
