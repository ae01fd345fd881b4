"""Collecting stories without a shared file: a fillable PDF asks one person the four
line-of-sight prompts (prefilled with what the map holds), and the filled forms merge back.

The form carries the person's id and the answers it was prefilled with, so reading it back is
a three-way merge (model/merging/three_way.py): an answer the colleague changed comes in; an answer changed
both in the map and in the form since the form was made is a conflict, kept for review.
reportlab writes the fields (its own field appearances take Latin-1 only, so the values go in
with pypdf, and PDF readers draw them); pypdf reads them back.
"""
from __future__ import annotations

import contextlib
import copy
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from model.document import Document
from model.document.checks import shown
from model.entities import Person, Story

log = logging.getLogger(__name__)

ID_FIELD = "cw_person_id"
MAP_FIELD = "cw_map_title"
BASE_PREFIX = "cw_base_"
ANSWER_PREFIX = "story_"
MAX_ANSWER = 30_000
MARGIN = 51  # ~18 mm


class FormError(ValueError):
    """Forms that cannot be written or read; one sentence per problem."""

    def __init__(self, *problems: str) -> None:
        super().__init__(problems[0] if problems else "")
        self.problems = list(problems)


def find_person(doc: Document, name_or_id: str) -> Person:
    """The one person called that (or with that id); a clear error for none or several."""
    if name_or_id in doc.people:
        return doc.people[name_or_id]
    found = doc.find_people(name_or_id)
    if not found and name_or_id.strip():  # "Priya" for Priya Raman, when only one name fits
        key = name_or_id.strip().casefold()
        found = [p for p in doc.people.values() if key in p.name.casefold()]
    if len(found) == 1:
        return found[0]
    if not found:
        raise FormError(f"nobody in the map is called {shown(name_or_id.strip())}")
    # one readable line, however long the names: each cut, and at most ten of them
    listed = "; ".join(f"{shown(p.name)} ({p.id})" for p in found[:10]) + ("; …" if len(found) > 10 else "")
    raise FormError(f"{len(found)} people match {shown(name_or_id.strip())}: give the full name, "
                    f"or the id of one of them: {listed}")


def _department_lines(doc: Document, person: Person) -> tuple[str, list[str], str]:
    dept = doc.departments.get(person.department_id or "")
    if dept is None:
        return "", [], ""
    return dept.name, [k for k in dept.kpis if k.strip()], dept.serving_definition


def write_story_form(doc: Document, pid: str, target: Path | str) -> None:
    """Write the fillable form for one person, atomically; raises OSError."""
    from pypdf import PdfReader, PdfWriter
    from reportlab.lib.colors import Color
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from export import fonts
    from export.textline import draw_string, fit_text, text_width
    from model.storage.atomic import atomic_writer

    fonts.register_fonts()
    person = doc.person(pid)
    dept, kpis, serving = _department_lines(doc, person)
    width, height = A4
    usable = width - 2 * MARGIN
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setTitle(f"Story form: {fonts.clean_text(person.name)}")
    c.setSubject(f"Contract Walk story form; person {person.id}")
    y = height - MARGIN - 14

    def line(text: str, size: float, bold: bool = False, gap: float = 4, most: int = 1) -> None:
        """Words wrapped to the page, at most `most` lines (the last one cut with an ellipsis)."""
        nonlocal y
        rows: list[str] = []
        for word in fonts.clean_text(text).split():
            if rows and text_width(f"{rows[-1]} {word}", size, bold) <= usable:
                rows[-1] += f" {word}"
            else:
                rows.append(word)
        if len(rows) > most:
            rows = [*rows[: most - 1], " ".join(rows[most - 1:])]
        for n, row in enumerate(rows or [""]):
            draw_string(c, MARGIN, y, fit_text(row, size, usable, bold), size, bold)
            y -= size + (gap if n == len(rows) - 1 else 3)

    line("Your line-of-sight story", 20, True, 10)
    who = " — ".join(x for x in (person.name.strip(), person.title.strip(), dept) if x)
    line(who or "(no name)", 12, True)
    line(f"for the map “{doc.meta.title.strip() or 'Untitled map'}”", 10, gap=10)
    line("How your work reaches the customer, in your own words. Fill in the four boxes, save the "
         "form and send it back; it is read straight into the map.", 10, gap=10, most=3)
    if kpis or serving:
        line(f"What {dept} measures (its KPIs)", 11, True)
        for kpi in kpis[:8]:
            line(f"• {kpi}", 10, gap=3)
        if serving.strip():
            line(f"Serving the customer, for {dept}: {serving}", 10, gap=3, most=3)
        y -= 8
    box = max(60.0, (y - MARGIN - 4 * 24) / 4)
    values = {}
    for key, prompt in Story.PROMPTS:
        line(prompt, 11, True, 4)
        y -= box
        c.acroForm.textfield(
            name=f"{ANSWER_PREFIX}{key}", tooltip=prompt, x=MARGIN, y=y, width=usable, height=box,
            # reportlab's fields take only the 14 standard fonts (no Cyrillic, CJK or Arabic, never
            # embedded): _use_map_font gives them one of ours afterwards
            fieldFlags="multiline", fontName="Helvetica", fontSize=10, borderWidth=1,
            borderColor=Color(0.6, 0.6, 0.6), fillColor=Color(0.97, 0.97, 0.99), value="",
        )
        values[f"{ANSWER_PREFIX}{key}"] = getattr(person.story, key)
        values[f"{BASE_PREFIX}{key}"] = getattr(person.story, key)
        y -= 12
    for name in [ID_FIELD, MAP_FIELD, *(f"{BASE_PREFIX}{k}" for k, _ in Story.PROMPTS)]:
        c.acroForm.textfield(name=name, x=0, y=0, width=1, height=1, value="", borderWidth=0,
                             fieldFlags="readOnly", annotationFlags="hidden")
    values[ID_FIELD] = person.id
    values[MAP_FIELD] = doc.meta.title
    c.showPage()
    c.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buf.getvalue())))
    _use_map_font(writer, doc, person, dept)
    with _quiet_pypdf():  # "characters not supported by font encoding": PDF readers redraw them
        writer.update_page_form_field_values(writer.pages[0], values, auto_regenerate=False)
    writer.set_need_appearances_writer(True)
    with atomic_writer(target) as handle:
        writer.write(handle)


def _use_map_font(writer: Any, doc: Document, person: Person, dept: str) -> None:
    """The answer fields name one of the playbook's fonts, embedded whole, instead of reportlab's
    Helvetica (which has no Cyrillic, CJK or Arabic): what the person types in the map's script
    shows as typed (export/pdf/form_font.py)."""
    from pypdf.generic import NameObject, NumberObject, TextStringObject

    from export import fonts
    from export.pdf import form_font

    texts = [doc.meta.title, doc.meta.organisation, person.name, person.title, dept,
             *(getattr(person.story, key) for key, _ in Story.PROMPTS)]
    family = form_font.family_for(texts)
    appearance = TextStringObject(form_font.add_form_font(writer, family))
    for annotation in writer.pages[0].get("/Annots", []):
        field = annotation.get_object()
        if str(field.get("/T", "")).startswith(ANSWER_PREFIX):
            field[NameObject("/DA")] = appearance
            if family in fonts.RTL_FAMILIES:  # Arabic, Hebrew: answers start at the right
                field[NameObject("/Q")] = NumberObject(2)
    writer._root_object["/AcroForm"][NameObject("/DA")] = appearance


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs its warnings to stderr; the user gets our sentence instead."""
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        quiet.setLevel(level)


@dataclass
class FormAnswers:
    path: Path
    person_id: str
    base: dict[str, str]
    answers: dict[str, str]
    map_title: str = ""
    problems: list[str] = field(default_factory=list)


def read_form(path: Path) -> FormAnswers:
    """The answers in one filled form; raises FormError for a file that is not one of ours."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        with _quiet_pypdf():  # a damaged file is reported once, in our words
            fields = PdfReader(path).get_fields() or {}
    except FileNotFoundError:
        raise FormError(f"{path}: no such file") from None
    except OSError as exc:  # a folder, no permission, a name too long: the file is not at fault
        from export.cli import os_error_line

        raise FormError(f"cannot read {os_error_line(exc, path)}") from None
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        log.debug("cannot read %s: %s", path, exc)
        raise FormError(f"{path.name} is damaged or is not a PDF") from None

    def value(name: str) -> str:
        raw = fields.get(name, {}).get("/V", "")
        text = str(raw) if raw is not None else ""
        return text.replace("\r\n", "\n").replace("\r", "\n")[:MAX_ANSWER]

    pid = value(ID_FIELD)
    if not pid:
        raise FormError(f"{path.name} is not a Contract Walk story form (it has no person id)")
    keys = [k for k, _ in Story.PROMPTS]
    return FormAnswers(path, pid, {k: value(BASE_PREFIX + k) for k in keys},
                       {k: value(ANSWER_PREFIX + k) for k in keys}, value(MAP_FIELD))


def form_versions(doc: Document, paths: list[Path]) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """(base, theirs) plain data for merging the forms into `doc` ("ours"), and a report line
    per form. Raises FormError listing every form that cannot be used."""
    from model.storage.serialize import to_data

    ours = to_data(doc)
    base, theirs = copy.deepcopy(ours), copy.deepcopy(ours)
    report: list[str] = []
    problems: list[str] = []
    seen: dict[str, Path] = {}
    for path in paths:
        try:
            form = read_form(path)
        except FormError as exc:
            problems.extend(exc.problems)
            continue
        if form.person_id not in doc.people:
            where = f" (made from the map “{form.map_title}”)" if form.map_title else ""
            problems.append(f"{path.name} is the form of someone who is not in this map{where}")
            continue
        if form.person_id in seen:
            problems.append(f"{path.name} and {seen[form.person_id].name} are forms of the same person; "
                            "import one of them")
            continue
        seen[form.person_id] = path
        for data, story in ((base, form.base), (theirs, form.answers)):
            rec = next(p for p in data["people"] if p["id"] == form.person_id)
            rec["story"] = {**rec["story"], **story}
        name = doc.people[form.person_id].name
        changed = [label[0].lower() + label[1:] for key, label in Story.PROMPTS
                   if form.answers[key] != form.base[key]]
        report.append(f"{path.name}: {name}: " + (f"answered {', '.join(changed)}" if changed
                                                   else "no answers changed"))
    if problems:
        raise FormError(*problems)
    return base, theirs, report


def read_forms(doc: Document, paths: list[Path]) -> tuple[Document | None, list[str], list[str]]:
    """The map with the forms' answers merged in (None: nothing changed), the report, and one line
    per conflict (an answer changed both in the map and in the form since it was made)."""
    from model.merging.text import Names, conflict_line
    from model.merging.three_way import merge_data
    from model.storage.serialize import to_data

    base, theirs, report = form_versions(doc, paths)
    ours = to_data(doc)
    result = merge_data(base, ours, theirs)
    names = Names(result.data, ours)
    conflicts = [conflict_line(c, names) for c in result.unresolved]
    if result.data == ours:
        return None, report, conflicts
    return result.document(), report, conflicts
