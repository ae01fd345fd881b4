"""Progress between sessions: what changed from an earlier version of a map
(a snapshot, or an earlier file) to now, as plain data and plain lines.

Items are matched by id (a snapshot is a copy, so ids are stable); people a
roster re-import gave new ids are matched by name. The GUI shows `lines()`;
the PDF can print `sections()`.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from model.document import Document
from model.entities import THREE_AREAS, Handoff, Person
from model.naming import names
from model.stages import stage_label

log = logging.getLogger(__name__)

SNAPSHOT_SUFFIX = ".cwalk"


@dataclass(frozen=True)
class ScoreMove:
    """One check-up statement or area, latest score then and now (None: not answered)."""

    label: str
    old: int | None
    new: int | None

    @property
    def delta(self) -> int | None:
        return None if self.old is None or self.new is None else self.new - self.old


@dataclass
class Comparison:
    old_label: str = "earlier"
    new_label: str = "now"
    people_added: list[str] = field(default_factory=list)
    people_removed: list[str] = field(default_factory=list)
    people_changed: list[str] = field(default_factory=list)
    handoffs_added: list[str] = field(default_factory=list)
    handoffs_removed: list[str] = field(default_factory=list)
    handoffs_changed: list[str] = field(default_factory=list)
    stories_written: list[str] = field(default_factory=list)  # had none, now have one
    stories_updated: list[str] = field(default_factory=list)
    contacts_logged: list[str] = field(default_factory=list)  # "Ana: 2 contacts"
    old_checkup: str | None = None  # date of the latest check-up then
    new_checkup: str | None = None
    scores: list[ScoreMove] = field(default_factory=list)  # only those that moved or are new
    sessions_added: list[str] = field(default_factory=list)
    actions_done: list[str] = field(default_factory=list)
    actions_added: list[str] = field(default_factory=list)

    def sections(self) -> list[tuple[str, list[str]]]:
        """(heading, lines) for every part that has something in it."""
        score_lines = []
        for m in self.scores:
            if m.old is None:
                score_lines.append(f"{m.label}: first scored {m.new}")
            elif m.new is None:
                score_lines.append(f"{m.label}: was {m.old}, not answered in the latest check-up")
            else:
                d = m.delta or 0
                score_lines.append(f"{m.label}: {m.old} → {m.new} ({'+' if d > 0 else ''}{d})")
        if score_lines and (self.old_checkup or self.new_checkup):
            score_lines.insert(
                0, f"latest check-up then: {self.old_checkup or 'none'}; now: {self.new_checkup or 'none'}"
            )
        parts = [
            ("People added", self.people_added),
            ("People removed", self.people_removed),
            ("People changed", self.people_changed),
            ("Hand-offs added", self.handoffs_added),
            ("Hand-offs removed", self.handoffs_removed),
            ("Hand-offs changed", self.handoffs_changed),
            ("Stories written", self.stories_written),
            ("Stories updated", self.stories_updated),
            ("Contacts logged", self.contacts_logged),
            ("Check-up scores", score_lines),
            ("Sessions held", self.sessions_added),
            ("Action items done", self.actions_done),
            ("Action items added", self.actions_added),
        ]
        return [(title, list(items)) for title, items in parts if items]

    def is_empty(self) -> bool:
        return not self.sections()

    def lines(self) -> list[str]:
        """A plain-text rendering: a heading per part, its items indented."""
        out = [f"Changes from {self.old_label} to {self.new_label}"]
        sections = self.sections()
        if not sections:
            out.append("  No changes.")
        for title, items in sections:
            out.append(f"{title} ({len(items)})")
            out.extend(f"  • {line}" for line in items)
        return out

    def text(self) -> str:
        return "\n".join(self.lines())


def _match_people(old: Document, new: Document) -> dict[str, str]:
    """old person id -> new person id: by id, then by unique name."""
    pairs = {pid: pid for pid in old.people if pid in new.people}
    left_old = [p for pid, p in old.people.items() if pid not in pairs]
    taken = set(pairs.values())
    by_name: dict[str, list[Person]] = {}
    for pid, p in new.people.items():
        if pid not in taken:
            by_name.setdefault(p.name.strip().casefold(), []).append(p)
    for p in left_old:
        candidates = by_name.get(p.name.strip().casefold(), [])
        if len(candidates) == 1 and p.name.strip():
            pairs[p.id] = candidates.pop().id
    return pairs


def _dept(doc: Document, person: Person) -> str:
    d = doc.departments.get(person.department_id or "")
    return d.name if d else "no department"


def _handoff_label(doc: Document, h: Handoff, who: dict[str, str]) -> str:
    what = f": {h.what.strip()}" if h.what.strip() else ""
    stage = f" ({stage_label(h.stage)})" if h.stage else ""
    return f"{who.get(h.source, '?')} → {who.get(h.target, '?')}{what}{stage}"


def _story_text(p: Person) -> tuple[str, ...]:
    return tuple(getattr(p.story, key).strip() for key, _ in p.story.PROMPTS)


def _latest_scores(doc: Document) -> tuple[str | None, dict[str, int]]:
    """Date and scores of the latest check-up, keyed 'stmt:<id>' / 'area:<key>'."""
    if not doc.checkups:
        return None, {}
    latest = max(doc.checkups.values(), key=lambda c: c.date)  # last added on the newest date
    scores = {f"stmt:{k}": v for k, v in latest.answers.items()}
    scores.update({f"area:{k}": v for k, v in latest.areas.items()})
    return latest.date, scores


def compare(
    old: Document, new: Document, old_label: str = "earlier", new_label: str = "now", redact: bool = False
) -> Comparison:
    """What changed from `old` to `new`; neither document is modified."""
    out = Comparison(old_label=old_label, new_label=new_label)
    old_names, new_names = names(old, redact), names(new, redact)
    pairs = _match_people(old, new)
    matched_new = set(pairs.values())

    for pid, p in new.people.items():
        if pid not in matched_new:
            out.people_added.append(f"{new_names[pid]} ({_dept(new, p)})")
    for pid, p in old.people.items():
        if pid not in pairs:
            out.people_removed.append(f"{old_names[pid]} ({_dept(old, p)})")
    for oid, nid in pairs.items():
        a, b = old.people[oid], new.people[nid]
        changes = []
        if _dept(old, a) != _dept(new, b):
            changes.append(f"moved from {_dept(old, a)} to {_dept(new, b)}")
        if a.title.strip() != b.title.strip():
            changes.append(f"title now {b.title.strip() or '(none)'}")
        if a.sourcing != b.sourcing:
            changes.append(f"now {b.sourcing}")
        if changes:
            out.people_changed.append(f"{new_names[nid]}: {', '.join(changes)}")
        if _story_text(a) != _story_text(b) and b.story.is_written():
            (out.stories_updated if a.story.is_written() else out.stories_written).append(new_names[nid])
        logged = len({e.id for e in b.outreach} - {e.id for e in a.outreach})
        if logged:
            out.contacts_logged.append(f"{new_names[nid]}: {logged} contact{'s' if logged > 1 else ''}")

    # hand-offs: by id, else by the same two (matched) people
    old_by_ends = {(pairs.get(h.source), pairs.get(h.target)): h for h in old.handoffs.values()}
    seen_old: set[str] = set()
    for hid, h in new.handoffs.items():
        before = old.handoffs.get(hid) or old_by_ends.get((h.source, h.target))
        if before is None:
            out.handoffs_added.append(_handoff_label(new, h, new_names))
            continue
        seen_old.add(before.id)
        changes = []
        if before.what.strip() != h.what.strip():
            changes.append(f"what: {before.what.strip() or '(nothing)'} → {h.what.strip() or '(nothing)'}")
        if before.stage != h.stage:
            changes.append(f"stage: {stage_label(before.stage)} → {stage_label(h.stage)}")
        if (pairs.get(before.source), pairs.get(before.target)) != (h.source, h.target):
            changes.append(f"was {old_names.get(before.source, '?')} → {old_names.get(before.target, '?')}")
        if before.two_way != h.two_way:
            changes.append("now two-way" if h.two_way else "now one-way")
        if changes:
            out.handoffs_changed.append(
                f"{new_names.get(h.source, '?')} → {new_names.get(h.target, '?')}: {'; '.join(changes)}"
            )
    for hid, h in old.handoffs.items():
        if hid not in seen_old:
            out.handoffs_removed.append(_handoff_label(old, h, old_names))

    # check-up scores, latest then vs latest now
    out.old_checkup, old_scores = _latest_scores(old)
    out.new_checkup, new_scores = _latest_scores(new)
    labels = {f"stmt:{sid}": s.text for sid, s in old.statements.items()}
    labels.update({f"stmt:{sid}": s.text for sid, s in new.statements.items()})
    labels.update({f"area:{k}": text for k, text in THREE_AREAS})
    for key in list(dict.fromkeys([*new_scores, *old_scores])):
        then, now = old_scores.get(key), new_scores.get(key)
        if then != now:
            out.scores.append(ScoreMove(labels.get(key, key), then, now))

    # sessions and action items
    old_items = {item.id: item for s in old.sessions.values() for item in s.action_items}
    for sid, session in new.sessions.items():
        if sid not in old.sessions:
            out.sessions_added.append(f"{session.date} {session.title.strip()}".strip())
        for item in session.action_items:
            before_item = old_items.get(item.id)
            if before_item is None:
                out.actions_added.append(item.text.strip() or "(no text)")
            if item.done and (before_item is None or not before_item.done):
                out.actions_done.append(item.text.strip() or "(no text)")
    return out


# ----- snapshots -------------------------------------------------------------
def snapshot_folder() -> Path:
    """Where snapshots live: the user's data folder for Contract Walk (CONTRACTWALK_DATA_DIR moves it)."""
    from model.storage.recovery import data_dir

    return data_dir() / "snapshots"


def safe_stem(stem: str) -> str:
    """A file-name-safe version of a map's name (no separators, no control characters)."""
    cleaned = re.sub(r'[\x00-\x1f<>:"/\\|?*]+', "_", stem).strip(" ._")
    return cleaned[:80] or "map"


def snapshot_path(stem: str, day: dt.date | None = None, folder: Path | None = None) -> Path:
    """<folder>/<stem>-<date>.cwalk, with -2, -3 ... when that day already has one."""
    base = folder if folder is not None else snapshot_folder()
    name = f"{safe_stem(stem)}-{(day or dt.date.today()).isoformat()}"
    candidate = base / f"{name}{SNAPSHOT_SUFFIX}"
    n = 2
    while candidate.exists():
        candidate = base / f"{name}-{n}{SNAPSHOT_SUFFIX}"
        n += 1
    return candidate


def save_snapshot(doc: Document, stem: str, folder: Path | None = None, day: dt.date | None = None) -> Path:
    """Save a copy of the map as a new snapshot file; raises MapFileError (OSError for the
    folder as MapFileError too)."""
    from model.storage.atomic import describe_os_error
    from model.storage.store import MapFileError, save

    base = folder if folder is not None else snapshot_folder()
    try:
        base.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MapFileError(f"could not make the snapshot folder {describe_os_error(exc, base)}") from None
    path = snapshot_path(stem, day, base)
    save(doc.clone(), path, backups=0)
    log.info("saved snapshot %s", path)
    return path


def snapshots_for(stem: str, folder: Path | None = None) -> list[Path]:
    """This map's snapshots, newest first."""
    base = folder if folder is not None else snapshot_folder()
    prefix = f"{safe_stem(stem)}-"
    found: list[tuple[float, str, Path]] = []
    try:
        for p in base.iterdir():
            if p.name.startswith(prefix) and p.suffix == SNAPSHOT_SUFFIX and p.is_file():
                found.append((p.stat().st_mtime, p.name, p))
    except OSError:
        pass
    return [p for _m, _n, p in sorted(found, reverse=True)]
