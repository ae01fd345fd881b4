"""The what-if drill for the command line: finding the leavers by name, and the report as text."""
from __future__ import annotations

import difflib

from model.analysis.graph import NAME_LIMIT, clean, unique_names
from model.analysis.whatif import TITLES, WhatIf
from model.document import Document
from model.document.checks import shown
from model.naming import department_name
from model.textfold import loose


def resolve(doc: Document, wanted: list[str]) -> tuple[list[str], list[str]]:
    """(person ids, problems) for names as typed; a name may also be the unique label the
    reports print ('Dana Lee (Legal)'). A problem names close matches to choose from."""
    labels, widened = unique_names(doc)
    # as the reports print them ('Dana Lee (Legal)'), so a name copied from a report is found
    printed = {pid: f"{label} ({dept})" for pid, label in labels.items()
               if pid not in widened and (dept := clean(department_name(doc, doc.people[pid]), NAME_LIMIT))}
    ids: list[str] = []
    problems: list[str] = []
    for raw in wanted:
        text = " ".join(str(raw).split())
        key = text.casefold()
        by_label = [pid for pid, label in labels.items() if label.casefold() == key]
        by_label = by_label or [pid for pid, label in printed.items() if loose(label) == loose(text)]
        found = by_label or [p.id for p in doc.find_people(text)]
        if not found:  # as typed in a hurry: 'zoe odegard' for 'Zoë Ødegård', extra spaces
            found = [pid for pid, label in labels.items() if loose(label) == loose(text)]
            found = found or [p.id for p in doc.people.values() if loose(p.name) == loose(text)]
        if len(found) == 1:
            ids.append(found[0])
            continue
        if len(found) > 1:
            options = ", ".join(shown(labels[pid]) for pid in found[:5])
            problems.append(f"{len(found)} people are called {shown(text)}; say which: {options}")
            continue
        everyone = list(dict.fromkeys([*labels.values(), *(p.name.strip() for p in doc.people.values())]))
        close = difflib.get_close_matches(text, everyone, n=3, cutoff=0.5)
        if not close:
            close = [n for n in everyone if key and key in n.casefold()][:3]
        hint = f"; did you mean {' or '.join(shown(c) for c in close)}?" if close else \
            " (check the spelling; 'check MAP' lists everyone in the walk)"
        problems.append(f"nobody called {shown(text)} is on the map{hint}")  # one readable line
    return list(dict.fromkeys(ids)), problems


def report_text(result: WhatIf) -> str:
    names = [result.names.get(p, "(unknown)") for p in result.leavers]
    lines = [f"What if {' and '.join(names)} left?"]
    groups: dict[str, list[str]] = {}
    for f in result.findings:
        groups.setdefault(f.kind, []).append(f"  - [{f.severity}] {f.message}")
    for kind, items in groups.items():
        lines += ["", f"{TITLES.get(kind, kind)} ({len(items)}):", *items]
    return "\n".join(lines)
