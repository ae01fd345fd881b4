"""The PDF playbook: `write_playbook(doc, path, ...)` is the one entry point (CLI and GUI).

A fresh story is built for every export (reportlab flowables keep layout state),
laid out in one pass (see export/pdf/doc.py) and written through
`model.storage.atomic.atomic_writer`: a failed or cancelled export leaves no half file
and an existing PDF untouched.
"""
from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from export import fonts
from export.pdf import styles
from export.pdf.doc import COVER, LANDSCAPE, PORTRAIT, Contents, PageInfo, PlaybookCanvas, PlaybookDoc
from export.pdf.focus import Focus
from model import collector
from model.document import Document
from model.redaction.apply import redacted, redaction_of
from model.storage.atomic import atomic_writer, describe_os_error

log = logging.getLogger(__name__)

SECTIONS: tuple[str, ...] = (
    "cover",
    "contents",
    "map",
    "walk",
    "insights",
    "roles",
    "departments",
    "checkups",
    "sessions",
    "progress",
    "reach-out",
    "what-if",
)
# Printed only when asked for by name (--sections ... what-if): the default playbook stays as it was.
OPT_IN: tuple[str, ...] = ("what-if",)
PAGE_SIZES: dict[str, tuple[float, float]] = {"a4": A4, "letter": LETTER}

Progress = Callable[[float | str], None]


class PlaybookError(Exception):
    """The playbook could not be made from this map; the message says where (person or section)."""


class ExportCancelled(Exception):
    """The user cancelled the export; nothing was written."""


def _check_options(page_size: str, sections: Iterable[str] | None) -> tuple[tuple[float, float], list[str]]:
    size = PAGE_SIZES.get(str(page_size).strip().lower())
    if size is None:
        raise PlaybookError(f"unknown page size {page_size!r}; choose a4 or letter")
    if sections is None:
        return size, list(SECTIONS)
    if isinstance(sections, str):
        sections = [sections]
    wanted = [str(s).strip().lower() for s in sections]
    unknown = [s for s in wanted if s not in SECTIONS]
    if unknown:
        raise PlaybookError(f"unknown section {unknown[0]!r}; choose from {', '.join(SECTIONS)}")
    if not wanted:
        raise PlaybookError("choose at least one section for the playbook")
    return size, [s for s in SECTIONS if s in wanted]


def write_playbook(
    doc: Document,
    path: Path | str,
    page_size: str = "a4",
    redact: bool = False,
    sections: Iterable[str] | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    today: dt.date | None = None,
    baseline: Document | None = None,
    baseline_label: str = "",
    departments: Iterable[str] | None = None,
) -> Path:
    """Write the playbook of `doc` to `path` (replaced atomically) and return the path.

    page_size: "a4" or "letter"; sections: names from SECTIONS (default all, always
    printed in SECTIONS order); redact: people named by role and department, no contact
    details; progress(fraction or message) and cancel() -> bool: optional callbacks for a
    background export (ExportCancelled is raised when cancel() says so). baseline: an earlier
    version of the map (e.g. a session snapshot, named by baseline_label); with it, the
    "progress" section says what changed since. Without one that section is left out unless
    asked for by name. departments: names (or ids) of departments: a playbook for that team
    only (export.pdf.focus); an unknown name raises PlaybookError listing the map's.
    Raises OSError when the target cannot be written, PlaybookError for anything else.
    """
    # the collector paused while the playbook is made: a big playbook is hundreds of thousands of
    # live objects that every collection walked again, about a third of a 2,000-person build
    with collector.paused():
        return _write_playbook(doc, path, page_size, redact, sections, progress, cancel, today, baseline,
                               baseline_label, departments)


def _write_playbook(
    doc: Document,
    path: Path | str,
    page_size: str,
    redact: bool,
    sections: Iterable[str] | None,
    progress: Progress | None,
    cancel: Callable[[], bool] | None,
    today: dt.date | None,
    baseline: Document | None,
    baseline_label: str,
    departments: Iterable[str] | None = None,
) -> Path:
    size, chosen = _check_options(page_size, sections)
    if redact:  # the one place names are taken out (model.redaction.apply): every section prints the copy
        doc = redacted(doc)
        done = redaction_of(doc)
        baseline = redacted(baseline, orgs=bool(done and done.orgs), alongside=doc) if baseline else None
    focus = _focus(doc, departments)
    if baseline is None and sections is None:
        chosen = [name for name in chosen if name != "progress"]
    if sections is None:
        chosen = [name for name in chosen if name not in OPT_IN]
    target = Path(path)
    started = time.perf_counter()
    report_progress = _progress_reporter(progress)
    is_cancelled = cancel or (lambda: False)

    def check() -> None:
        if is_cancelled():
            raise ExportCancelled("the export was cancelled; nothing was written")

    report_progress("Analysing the map")
    check()
    fonts.register_fonts()
    day = today or dt.date.today()
    try:
        from model.analysis.insights import analyse

        report = analyse(doc, today=day, redact=redact)
    except Exception as exc:
        log.debug("analysis failed", exc_info=True)
        raise PlaybookError(f"could not analyse the map for the playbook: {exc}") from exc

    from export.pdf.context import Ctx

    if focus is not None:
        report = focus.narrow(report)
    ctx = Ctx(doc, report, redact, styles.make_styles(), Contents(), size, day, check, focus=focus)
    ctx.baseline, ctx.baseline_label = baseline, baseline_label  # type: ignore[attr-defined]
    report_progress("Setting the pages")
    try:
        story = _story(ctx, chosen)
    except (ExportCancelled, PlaybookError):
        raise
    except Exception as exc:
        log.debug("preparing %s failed", ctx.where, exc_info=True)
        raise PlaybookError(f"could not prepare {ctx.where} for the playbook: {_short(exc)}") from exc
    check()
    info = _page_info(ctx)
    counter = {"n": 0, "last": -1.0}
    total = max(len(story), 1)

    def after(flowable: Flowable) -> None:
        counter["n"] += 1
        fraction = min(0.99, counter["n"] / total)
        if fraction - counter["last"] >= 0.01:
            counter["last"] = fraction
            report_progress(fraction)
            check()

    meta = doc.meta
    try:
        with atomic_writer(target) as handle:
            pdf = PlaybookDoc(
                handle,
                size,
                info,
                ctx.styles,
                ctx.contents,
                after_flowable=after,
                first_template=(
                    COVER if "cover" in chosen else LANDSCAPE if chosen[0] == "map" else PORTRAIT
                ),
                title=styles.clean(ctx.free(meta.title)) or "Untitled map",
                author=styles.clean(ctx.free(meta.prepared_by)),
                subject=_subject(ctx),
                creator="Contract Walk",
                keywords="contract walk, order to cash, playbook",
                lang="en",  # the app's own sentences; assistive technology reads the title, not the file name
                displayDocTitle=1,
            )
            pdf.build(story, canvasmaker=PlaybookCanvas)
    except (ExportCancelled, PlaybookError):
        raise
    except OSError as exc:
        raise type(exc)(exc.errno, describe_os_error(exc, target)) from exc
    except Exception as exc:  # reportlab's LayoutError (a flowable taller than a page) among others:
        # reported with the part of the playbook it happened in (the flowables are tagged, Ctx.tag)
        where = getattr(locals().get("pdf"), "where", ctx.where)
        log.debug("layout failed in %s", where, exc_info=True)
        raise PlaybookError(f"could not set {where} in the playbook: {_short(exc)}") from exc
    report_progress(1.0)
    log.info("wrote %s (%d pages) in %.2f s", target, pdf.last_page, time.perf_counter() - started)
    return target


def _focus(doc: Document, departments: Iterable[str] | None) -> Focus | None:
    """The team a playbook is for (export.pdf.focus.Focus), None for the whole map."""
    if departments is None:
        return None
    from export.pdf.focus import UnknownDepartment, resolve

    names = [departments] if isinstance(departments, str) else list(departments)
    try:
        return Focus(doc, resolve(doc, names))
    except UnknownDepartment as exc:
        raise PlaybookError(str(exc)) from None


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    first = text[0] if text else type(exc).__name__
    return first[:200]


def _progress_reporter(progress: Progress | None) -> Progress:
    def report(value: float | str) -> None:
        if progress is None:
            return
        try:
            progress(value)
        except Exception:  # a broken progress bar must not break the export
            log.warning("the progress callback failed", exc_info=True)

    return report


def _subject(ctx: object) -> str:
    from export.pdf.context import Ctx

    assert isinstance(ctx, Ctx)
    org = styles.clean(ctx.free(ctx.doc.meta.organisation)).strip()
    return "Contract Walk playbook" + (f" for {org}" if org else "")


def _page_info(ctx: object) -> PageInfo:
    from export.pdf.context import Ctx
    from export.pdf.parts.sections import date_text

    assert isinstance(ctx, Ctx)
    meta = ctx.doc.meta
    title = styles.clean(ctx.free(meta.title)).strip() or "Untitled map"
    prepared_for = styles.clean(ctx.free(meta.prepared_for)).strip()
    prepared_by = styles.clean(ctx.free(meta.prepared_by)).strip()
    footer = "Prepared"
    if prepared_for:
        footer += f" for {prepared_for}"
    if prepared_by:
        footer += f" by {prepared_by}"
    tail = f" on {date_text(ctx.today.isoformat())}" + (" \u00b7 redacted copy" if ctx.redact else "")
    if ctx.focus is not None:
        tail += f" \u00b7 for {styles.clean(ctx.focus.label)}"

    colours = [styles.hex_color(d.color) for d in ctx.doc.departments.values()]
    return PageInfo(title, footer, colours, tail)


def _story(ctx: object, chosen: list[str]) -> list[Flowable]:
    """A fresh list of flowables: the sections in order, each on its own page(s)."""
    from export.pdf.context import Ctx
    from export.pdf.parts import charts as pdf_charts
    from export.pdf.parts import cover as pdf_cover
    from export.pdf.parts import insights as pdf_insights
    from export.pdf.parts import map_pages as pdf_map
    from export.pdf.parts import progress as pdf_progress
    from export.pdf.parts import reach_out as pdf_reach_out
    from export.pdf.parts import roles as pdf_roles
    from export.pdf.parts import sections as pdf_sections
    from export.pdf.parts import whatif as pdf_whatif

    assert isinstance(ctx, Ctx)
    builders: dict[str, tuple[Callable[[Ctx], list[Flowable]], str]] = {
        "cover": (pdf_cover.cover, COVER),
        "map": (pdf_map.map_pages, LANDSCAPE),
        "walk": (pdf_sections.walk, PORTRAIT),
        "insights": (pdf_insights.insights, PORTRAIT),
        "roles": (pdf_roles.roles, PORTRAIT),
        "departments": (pdf_roles.departments, PORTRAIT),
        "checkups": (pdf_charts.checkups, PORTRAIT),
        "sessions": (pdf_charts.sessions, PORTRAIT),
        "progress": (pdf_progress.progress, PORTRAIT),
        "reach-out": (pdf_reach_out.reach_out, PORTRAIT),
        "what-if": (pdf_whatif.what_if, PORTRAIT),
    }
    from export.pdf.parts.still import empty_sections, still_to_do

    empty = empty_sections(ctx, chosen)
    if "roles" in chosen and "roles" not in empty:  # the walk's names link to the role pages
        ctx.role_links = {pid: f"role{i}" for i, pid in enumerate(ctx.doc.people) if ctx.in_focus(pid)}
    parts: list[tuple[str, list[Flowable], str]] = []
    for name in chosen:
        ctx.check()
        if name in empty:
            continue
        if name == "contents":
            parts.append((name, [], PORTRAIT))  # filled in once the others registered their entries
            continue
        build, template = builders[name]
        parts.append((name, build(ctx), template))
    if empty:  # one short page instead of a page per empty section
        parts.append(("still-to-do", still_to_do(ctx, empty), PORTRAIT))
    if empty and all(part[0] in ("cover", "contents", "still-to-do") for part in parts):
        # a blank map: its contents page listed the one page after it, "Still to do"
        parts = [part for part in parts if part[0] != "contents"]
    story: list[Flowable] = []
    for i, (name, flowables, template) in enumerate(parts):
        if name == "contents":
            flowables = pdf_sections.contents(ctx)
        if i > 0:
            story += [NextPageTemplate(template), PageBreak()]
        elif name == "cover" and len(parts) > 1:
            pass
        story += flowables
    return story
