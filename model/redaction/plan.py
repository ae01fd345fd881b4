"""What redaction looks for in one map: each person's name parts, the organisations,
and what it cannot find with confidence (said before exporting, see model.redaction.apply)."""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from model.document import Document
from model.entities import OUTSOURCED
from model.naming import redacted_names
from model.redaction.family import family_forms
from model.redaction.scrub import WORD, Scrubber, Term, fold, unspaced, words_of
from model.redaction.words import COMMON_WORDS, PARTICLES
from model.stages import STAGES

OUR_ORGANISATION = "our organisation"
_LEGAL = re.compile(
    r"[\s,]+(?:gmbh|ag|kg|inc|ltd|llc|plc|corp|co|bv|nv|sa|sas|srl|spa|oy|ab|as|pty|limited|"
    r"incorporated|corporation|company|group)\.?$",
    re.IGNORECASE,
)


@dataclass
class Plan:
    terms: list[Term] = field(default_factory=list)
    phrases: list[tuple[str, str]] = field(default_factory=list)  # organisation names -> stand-ins
    warnings: list[str] = field(default_factory=list)
    shared: list[str] = field(default_factory=list)  # name parts several people have (said last)
    vocabulary: set[str] = field(default_factory=set)  # folded ordinary words of this map
    roles: set[str] = field(default_factory=set)  # folded titles and department names
    labels: dict[str, str] = field(default_factory=dict)  # person id -> role label
    short: dict[tuple[str, bool], list[str]] = field(default_factory=dict)  # (part, in a longer name) -> who
    ordinary: dict[str, list[str]] = field(default_factory=dict)  # name part that is a word -> names
    known: set[str] = field(default_factory=set)  # folded words of names, titles, departments, orgs
    orgs: bool = False
    _clean: Callable[[str], str] = str

    def clean(self, text: str) -> str:
        """A title, department or organisation name with names in it taken out (neutrally:
        the role labels are made from these)."""
        return self._clean(text)

    def org_name(self, name: str, scrub: Callable[[str], str]) -> str:
        if self.orgs and name.strip():
            return OUR_ORGANISATION[0].upper() + OUR_ORGANISATION[1:]
        return scrub(name)


def make_plan(doc: Document, orgs: bool = False) -> Plan:
    plan = Plan(orgs=orgs)
    structural: set[str] = set()
    for d in doc.departments.values():
        structural.update(fold(w) for w in words_of(d.name))
        plan.roles.add(fold(" ".join(d.name.split())))
    for p in doc.people.values():
        structural.update(fold(w) for w in words_of(p.title))
        structural.update(fold(w) for w in words_of(p.vendor))
        plan.roles.add(fold(" ".join(p.title.split())))
    plan.roles.discard("")
    # only words no one types as a name: the map's own texts may hold names themselves
    plan.vocabulary = set(COMMON_WORDS) | {fold(w) for s in STAGES for w in words_of(s.label)}
    if orgs:
        _org_phrases(doc, plan)
    parts = {pid: _name_parts(p.name, plan) for pid, p in doc.people.items()}
    odd = {pid: " ".join(p.name.split()) for pid, p in doc.people.items() if _odd(p.name)}
    # titles and department names lose names too (neutrally: the labels are made of them); an
    # ordinary word ("Cook", "Will") is left there, where it is far likelier a title than a name
    neutral = [Term(words, "someone") for found in parts.values() for words, exact in found if not exact]
    plan.known = structural | {fold(w) for found in parts.values() for words, _e in found for w in words}
    plan.known |= {fold(w) for org, _s in plan.phrases for w in words_of(org)}
    plan.known |= {fold(w) for w in words_of(doc.meta.organisation)}
    plan._clean = Scrubber(neutral, phrases=plan.phrases)
    plan.labels = _labels(doc, plan.clean)
    plan.phrases += [(name, plan.labels[pid]) for pid, name in odd.items()]  # after the organisations
    shared: dict[str, set[str]] = {}
    for pid, found in parts.items():
        generic = "a customer contact" if doc.people[pid].is_customer else "a colleague"
        for words, exact in found:
            plan.terms.append(Term(words, plan.labels[pid], exact=exact, generic=generic))
            if len(words) == 1:
                shared.setdefault(fold(words[0]), set()).add(pid)
    for (w, part), names in plan.short.items():
        where = "only as part of the full name" if part else "nowhere in free text"
        plan.warnings.append(f"\u201c{w}\u201d in {_names(names)} is too short to find in text safely: "
                             f"it is replaced {where}.")
    for w, names in plan.ordinary.items():
        plan.warnings.append(
            f"\u201c{w}\u201d (in {_names(names)}) is also an ordinary word: it is replaced only where it is "
            f"written \u201c{w}\u201d, and not in titles or department names."
        )
    for key, pids in shared.items():
        if len(pids) > 1:
            plan.shared.append(
                f"\u201c{_shown(key, doc, pids)}\u201d is part of {len(pids)} people's names: "
                "where it stands alone it is printed as \u201ca colleague\u201d."
            )
    return plan


def _odd(name: str) -> bool:
    """A full name with more than spaces, dots and hyphens between its words ('Zoë & "Sons"'):
    found as a phrase, so it becomes one label, not one per word."""
    words = words_of(name)
    return len(words) > 1 and bool(re.search(r"[^\w\s.'\u2019\u02bc\u2010-]", name))


def _labels(doc: Document, clean: Callable[[str], str]) -> dict[str, str]:
    """The role labels, made from titles and departments with names (and organisations) taken out."""
    view = Document()
    view.departments = {did: dataclasses.replace(d, name=clean(d.name)) for did, d in doc.departments.items()}
    view.people = {
        pid: dataclasses.replace(p, title=clean(p.title), vendor=clean(p.vendor), outreach=[])
        for pid, p in doc.people.items()
    }
    return redacted_names(view)


def _name_parts(name: str, plan: Plan) -> list[tuple[tuple[str, ...], bool]]:
    """The word runs that name this person: (words, exact: only as typed)."""
    words = words_of(name)
    whole = _cut(" ".join(name.split()))
    found: list[tuple[tuple[str, ...], bool]] = []
    if len(words) > 1:
        found.append((tuple(words), False))
        parts = [w for w in words if fold(w) not in PARTICLES]
        if len(parts) >= 2 and (parts[0], parts[-1]) != tuple(words):
            found.append(((parts[0], parts[-1]), False))
    singles: list[str] = []
    for w in words:
        singles.append(w)
        if re.search(r"[-\u2010]", w):
            singles += [x for x in re.split(r"[-\u2010]", w) if x]
    if len(words) == 1:  # 小李, 田中さん, 김 과장 in a note: the family name of 李娜, 田中太郎, 김민준
        singles += family_forms(words[0])
    for w in dict.fromkeys(singles):
        key = fold(w)
        if key in PARTICLES and len(words) > 1:
            continue
        if sum(ch.isalnum() for ch in w) < 2 and not any(unspaced(ch) for ch in w):
            plan.short.setdefault((w, len(words) > 1), []).append(whole)
            continue
        exact = key in plan.vocabulary
        if exact:
            plan.ordinary.setdefault(w, []).append(whole)
        found.append(((w,), exact))
    return found


def _org_phrases(doc: Document, plan: Plan) -> None:
    """Organisation names -> 'our organisation', 'Customer A', 'Partner A' (with --redact-orgs)."""
    named: dict[str, str] = {}

    def add(org: str, stand_in: str) -> None:
        org = " ".join(org.split())
        key = fold(org)
        if not key or key in named:
            return
        named[key] = stand_in
        plan.phrases.append((org, stand_in))
        stripped = _LEGAL.sub("", org).strip()
        if stripped and stripped != org and len(stripped) >= 2:
            plan.phrases.append((stripped, stand_in))

    add(doc.meta.organisation, OUR_ORGANISATION)
    customers = sorted({" ".join(p.vendor.split()) for p in doc.customers() if p.vendor.strip()}, key=fold)
    partners = sorted({" ".join(p.vendor.split()) for p in doc.colleagues()
                       if p.vendor.strip() and p.sourcing == OUTSOURCED}, key=fold)
    for i, org in enumerate(customers):
        add(org, f"Customer {_letter(i)}")
    for i, org in enumerate(partners):
        add(org, f"Partner {_letter(i)}")
    firsts: dict[str, list[tuple[str, str]]] = {}  # "Halvorsen" for "Halvorsen Pumps": how people say it
    for org, stand_in in list(plan.phrases):
        words = words_of(org)
        if len(words) > 1 and len(words[0]) >= 3 and fold(words[0]) not in plan.vocabulary:
            firsts.setdefault(fold(words[0]), []).append((words[0], stand_in))
    for found in firsts.values():
        if len({stand_in for _w, stand_in in found}) == 1:
            plan.phrases.append(found[0])
    if named:
        plan.warnings.append(
            "Organisation names are replaced where they are written in full, without GmbH, Inc, Ltd… "
            "or by their first word; abbreviations and nicknames are not recognised."
        )


def _letter(i: int) -> str:
    return chr(ord("A") + i) if i < 26 else str(i + 1)


def _names(names: list[str]) -> str:
    """'“Will Mark”', '“A”, “B” and 3 more'."""
    quoted = [f"\u201c{n}\u201d" for n in dict.fromkeys(names)]
    if len(quoted) <= 2:
        return " and ".join(quoted)
    return f"{quoted[0]}, {quoted[1]} and {len(quoted) - 2} more"


def _cut(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _shown(key: str, doc: Document, pids: set[str]) -> str:
    for pid in pids:
        for w in words_of(doc.people[pid].name):
            if fold(w) == key:
                return w
    return key


def unknown_names(text: str, plan: Plan, at_start: bool = True) -> list[str]:
    """Runs of two to four capitalised words that are no ordinary word of this map and no
    part of anyone's name on it: 'Jordan Ellis' in "prepared by Jordan Ellis". A hint, not
    a finding: such names are printed as written, and the export dialog says so.
    at_start: also a run that opens the text (a label such as 'Net Promoter Score' does)."""
    found: list[str] = []
    run: list[str] = []  # "" in it: the run opened the text, and is not reported

    def close() -> None:
        if 2 <= len(run) <= 4 and "" not in run:
            found.append(" ".join(run))

    last_end = -1
    for m in WORD.finditer(text):
        word = m.group(0)
        key = fold(word)
        looks = word[0].isupper() and not word.isupper()
        looks = looks and key not in plan.vocabulary and key not in plan.known
        joined = last_end >= 0 and text[last_end:m.start()] == " "
        if looks and joined and run:
            run.append(word)
        else:
            close()
            run = ([word] if at_start or m.start() > 0 else [""]) if looks else []
        last_end = m.end()
    close()
    return found
