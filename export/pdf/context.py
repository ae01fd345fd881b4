"""What every playbook section needs: the map, its analysis, the names to print
(redacted or not), the styles, the page geometry and the contents registry.

Redaction does not live here: a redacted playbook is the playbook of the
redacted copy of the map (model.redaction.apply), so no section can forget a field.
`ctx.name(pid)` is the way a person is named, and `ctx.free(text)` the way
free text (stories, notes, finding messages) reaches a page.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

# reportlab ships no type hints, so its classes are Any to mypy and `mypy --strict` refuses a subclass of
# one (disallow_subclassing_any): those subclasses say `# type: ignore[misc]`.
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from export import fonts
from export.pdf import styles as pdf_styles
from export.pdf.bidi import bidi_para, has_rtl_run
from export.pdf.doc import Contents, PlaybookDoc, TocEntry
from export.pdf.lines import Parsed, fast_para
from model import naming
from model.analysis.results import Report
from model.document import Document
from model.entities import CUSTOMER_COLOR, Handoff, Person
from model.layout import UNASSIGNED_COLOR

CONTENTS_LIMIT = 160  # characters of a contents line, bookmark or outline entry
HEADING_LIMIT = 400  # characters of a heading
MENTION_LIMIT = 160  # characters of a person's name where they are mentioned


def shortened(text: str, limit: int) -> str:
    """One line of `text`, cut at a word near `limit` characters with an ellipsis: any text the
    map accepts prints, and a name as long as a book does not fill pages of headings."""
    text = " ".join(pdf_styles.clean(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "\u2026"


ParseCache = dict[tuple[str, int], tuple[ParagraphStyle, ParagraphStyle, str, list[Any]]]


class Para(Paragraph):  # type: ignore[misc]
    """A Paragraph that remembers its last wrap: panels and frames ask the same width
    several times (wrap, split, wrap again), and breaking lines is the costly part.

    Given a `parsed` cache (one per export), the same markup in the same style is parsed
    once: labels, "No story yet", facts lines and the like come back thousands of times
    in a big map, and reportlab's markup parser costs as much as setting the lines. Each
    paragraph gets its own copies of the parsed fragments (they are changed in place by
    `separate_font_changes`)."""

    _cw_width: float | None = None
    _cw_size: tuple[float, float] = (0.0, 0.0)

    def __init__(self, text: Any, style: Any = None, bulletText: Any = None, frags: Any = None,
                 caseSensitive: int = 1, encoding: str = "utf8", parsed: ParseCache | None = None) -> None:
        self._cw_parsed = parsed
        super().__init__(text, style, bulletText, frags, caseSensitive, encoding)

    def _setup(self, text: Any, style: Any, bulletText: Any, frags: Any, cleaner: Any) -> None:
        cache = self.__dict__.pop("_cw_parsed", None)
        if cache is None or frags is not None or bulletText is not None or not isinstance(text, str):
            super()._setup(text, style, bulletText, frags, cleaner)
            return
        key = (text, id(style))
        hit = cache.get(key)
        if hit is not None and hit[0] is style:
            _given, parsed_style, clean, parsed_frags = hit
            self.text, self.style, self.bulletText, self.debug = clean, parsed_style, None, 0
            self.frags = [f.clone() for f in parsed_frags]
            return
        super()._setup(text, style, bulletText, frags, cleaner)
        if self.bulletText is None:
            cache[key] = (style, self.style, self.text, [f.clone() for f in self.frags])

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._cw_width == availWidth and "blPara" in self.__dict__:  # split() may drop it
            return self._cw_size
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._cw_width, self._cw_size = availWidth, size
        return size


@dataclass
class Ctx:
    doc: Document
    report: Report
    redact: bool
    styles: pdf_styles.Styles
    contents: Contents
    pagesize: tuple[float, float]
    today: dt.date
    check: Callable[[], None]  # raises ExportCancelled when the user cancelled
    names: dict[str, str] = field(default_factory=dict)
    where: str = "the playbook"
    parsed: ParseCache = field(default_factory=dict)  # see Para
    lines: Parsed = field(default_factory=dict)  # see export.pdf.lines.fast_para
    focus: Any = None  # export.pdf.focus.Focus: a playbook for some departments only
    role_links: dict[str, str] = field(default_factory=dict)  # person id -> their role's bookmark

    def __post_init__(self) -> None:
        self.names = naming.names(self.doc, redact=self.redact)
        self.given: dict[str, list[Handoff]] = {}  # person id -> hand-offs they give, and take
        self.taken: dict[str, list[Handoff]] = {}
        for h in self.doc.handoffs.values():
            self.given.setdefault(h.source, []).append(h)
            self.taken.setdefault(h.target, []).append(h)
        self.frame_w, self.frame_h = PlaybookDoc.frame_size(self.pagesize)
        self.wide_w, self.wide_h = PlaybookDoc.frame_size(self.pagesize, wide=True)

    @property
    def map_doc(self) -> Document:
        """The map the map pages draw: the whole map, or the team's part of it."""
        if self.focus is None:
            return self.doc
        shown = self.__dict__.get("_cw_map_doc")
        if shown is None:
            shown = self.__dict__["_cw_map_doc"] = self.focus.map_document(self.doc)
        return shown  # type: ignore[no-any-return]

    def in_focus(self, pid: str) -> bool:
        """Whether a person's role and department belong in this playbook."""
        return self.focus is None or pid in self.focus.people

    # ----- names and colours ---------------------------------------------
    def name(self, pid: str | None, whole: bool = False) -> str:
        """How a person is named; where they are mentioned (a hand-off, a finding, a list), cut
        at a word near MENTION_LIMIT characters: a name pasted as a page of text printed whole
        in every mention filled pages. `whole`: their own role section prints all of it."""
        if not pid:
            return "(nobody)"
        name = self.names.get(pid, "(someone no longer on the map)")
        return name if whole or len(name) <= MENTION_LIMIT else shortened(name, MENTION_LIMIT)

    def dept_name(self, person: Person) -> str:
        return naming.department_name(self.doc, person)

    def color_of(self, person: Person | None) -> colors.Color:
        if person is None:
            return pdf_styles.hex_color(UNASSIGNED_COLOR)
        if person.is_customer:
            return pdf_styles.hex_color(CUSTOMER_COLOR)
        dept = self.doc.departments.get(person.department_id or "")
        return pdf_styles.hex_color(dept.color) if dept else pdf_styles.hex_color(UNASSIGNED_COLOR)

    def dept_color(self, dept_id: str | None) -> colors.Color:
        dept = self.doc.departments.get(dept_id or "")
        return pdf_styles.hex_color(dept.color) if dept else pdf_styles.hex_color(UNASSIGNED_COLOR)

    # ----- text ----------------------------------------------------------
    def free(self, text: object) -> str:
        """Free text as it may be printed (the map is already redacted when redacting)."""
        return pdf_styles.clean(text)

    def p(self, markup: str, style: ParagraphStyle | None = None, src: str = "", rtl_align: bool = False,
          own: bool = False) -> Paragraph:
        """A paragraph of `markup`; `src` is the user text inside it (shaping when it is RTL).
        `own`: the paragraph is just what the user typed, so it reads in the direction of
        its first strong letter (a line composed around user text reads left to right);
        `rtl_align` (free text): that too, and flush right when it reads right to left."""
        chosen = style or self.styles.body
        if chosen.fontName == pdf_styles.BOLD and "<font name=" in markup:  # a bold style: other scripts too
            markup = pdf_styles.bold(markup)
        final = pdf_styles.shaped(chosen, src, rtl_align) if src else chosen
        if has_rtl_run(markup):  # Arabic, Hebrew: set in reading order (export.pdf.bidi)
            shaped = final if getattr(final, "shaping", False) else fonts.shaped_style(chosen)
            para = bidi_para(markup, chosen, lambda: Para(markup, shaped, parsed=self.parsed),
                             own or rtl_align, rtl_align)
            if para is not None:
                para._cw_where = self.where
                return para
        if final is chosen and pdf_styles.has_shaped_ltr_run(markup):  # a name in Devanagari... not in src
            final = fonts.shaped_style(chosen)
        if src and pdf_styles.is_mostly_cjk(markup, src):  # broken between characters, with kinsoku
            final = pdf_styles.cjk_style(final)
        if final is chosen:  # plain text in one font family: the light paragraph (export.pdf.lines)
            fast = fast_para(markup, final, lambda: Para(markup, final, parsed=self.parsed), self.lines)
            if fast is not None:
                fast._cw_where = self.where
                return fast
        para = Para(markup, final, parsed=self.parsed)
        if getattr(final, "shaping", False):  # only shaping draws a word in one font (not CJK wrapping:
            pdf_styles.separate_font_changes(para)  # its spaces printed "エンジニア ( 技術部 )")
        para._cw_where = self.where
        return para

    def text(self, text: object, style: ParagraphStyle | None = None) -> list[Flowable]:
        """User free text as paragraphs (split at blank lines), names scrubbed when redacting."""
        blocks = pdf_styles.blocks(self.free(text))
        return [self.p(markup, style, src, rtl_align=True) for markup, src in blocks]

    def line(self, text: object, style: ParagraphStyle | None = None, bold: bool = False,
             rtl_align: bool = False) -> Paragraph:
        """One piece of user text (a name, a title) as a paragraph; `rtl_align`: set flush
        right when it reads right to left (a heading standing alone, like the cover's title)."""
        value = pdf_styles.clean(text)
        body = pdf_styles.markup(value)
        return self.p(pdf_styles.bold(body) if bold else body, style, value, rtl_align=rtl_align, own=True)

    def labelled(self, label: str, text: object, style: ParagraphStyle | None = None) -> list[Flowable]:
        """A small bold label over the text; nothing when the text is empty."""
        body = self.text(text, style)
        if not body:
            return []
        return [self.p(pdf_styles.plain(label.upper()), self.styles.label), *body]

    def nothing_yet(self, what: str) -> Paragraph:
        return self.p(f"<i>{pdf_styles.plain(what)}</i>", self.styles.small_muted)

    def section(self, title: str, level: int = 0, listed: bool = True) -> TocEntry:
        title = shortened(title, CONTENTS_LIMIT)  # a contents line taller than a page fails the build
        return self.contents.add(level, title, pdf_styles.markup(title), listed=listed)

    def keep_labels(self, flowables: list[Flowable]) -> list[Flowable]:
        """Each small label and the flowable after it as one splittable panel.

        The label style keeps with the next flowable, and reportlab does that by wrapping
        the pair in a KeepTogether that copies the whole frame state at every wrap: at
        2,000 roles that was a noticeable part of the build. A Panel splits the same way
        (never leaving a label alone at a page's foot) without the copies."""
        from export.pdf.flowables import Panel

        out: list[Flowable] = []
        i = 0
        while i < len(flowables):
            f = flowables[i]
            if (
                i + 1 < len(flowables)
                and isinstance(f, Paragraph)
                and f.style is self.styles.label
                and isinstance(flowables[i + 1], Paragraph)
            ):
                pair = flowables[i : i + 2]
                out.append(Panel(pair, space_before=f.getSpaceBefore(), space_after=pair[1].getSpaceAfter()))
                i += 2
                continue
            out.append(f)
            i += 1
        return out

    def tag(self, flowables: Iterable[Flowable]) -> list[Flowable]:
        """Remember which part of the playbook these belong to (for error messages)."""
        out = list(flowables)
        for f in out:
            if not hasattr(f, "_cw_where"):  # the innermost part that tagged it knows best
                f._cw_where = self.where
        return out
