"""The playbook's page machinery: portrait and landscape page templates, the running
header and footer, the table of contents and "page X of Y" — all in ONE layout pass.

Why one pass: reportlab's usual `multiBuild` lays the whole document out three
times to settle the contents' page numbers. Here the contents' lines are known
before layout (we build the story from the map), so their height is fixed; the
page numbers themselves (and the page total in the footer) are PDF form
XObjects that each page refers to and that are only drawn when the last page is
done. Same pages, a third of the time for big maps.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

# reportlab ships no type hints, so its classes are Any to mypy and `mypy --strict` refuses a subclass of
# one (disallow_subclassing_any): those subclasses say `# type: ignore[misc]`.
from reportlab.lib.pagesizes import landscape
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from export import textline
from export.pdf import bidi
from export.pdf import styles as pdf_styles

PORTRAIT, LANDSCAPE, COVER = "portrait", "landscape", "cover"


@dataclass
class TocEntry:
    level: int  # 0 a section, 1 a role or department inside it
    title: str  # plain text (outline) ...
    title_markup: str  # ... and as Paragraph markup (contents page)
    key: str  # bookmark name
    running: bool = False  # a role or department: pages it runs on to are headed '(cont.)'


@dataclass
class Contents:
    """The contents' entries (known before layout) and the pages they landed on (known after)."""

    entries: list[TocEntry] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)
    _count: int = 0

    def add(self, level: int, title: str, title_markup: str, listed: bool = True) -> TocEntry:
        self._count += 1
        entry = TocEntry(level, title, title_markup, f"cw{self._count}")
        if listed:
            self.entries.append(entry)
        return entry


class PlaybookCanvas(Canvas):  # type: ignore[misc]
    """A canvas that lets the document draw its late forms (page numbers) just before saving."""

    before_save: Callable[[Canvas], None] | None = None

    def save(self) -> None:
        if self.before_save is not None:
            self.before_save(self)
        super().save()

    def endForm(self, **extra: object) -> None:
        """reportlab leaves a form's transparency states (ExtGState) out of its resources,
        so a viewer drew translucent parts of the map wrongly: give the form full resources."""
        from reportlab.pdfbase import pdfdoc

        resources = pdfdoc.PDFResourceDictionary()
        resources.basicFonts()
        resources.allProcs()
        state = self._extgstate.getState()
        if state:
            resources.ExtGState = state
        resources.setColorSpace(self._colorsUsed)
        resources.setShading(self._shadingUsed)
        if self._formsinuse:
            resources.XObject = self._doc.xobjDict(self._formsinuse)
        super().endForm(Resources=resources, **extra)


def number_form(name: str) -> str:
    return f"cwnum-{name}"


def draw_late_number(canv: Canvas, name: str, x: float, y: float) -> None:
    """Refer to a page number that is only known at the end (see `PlaybookDoc._draw_late_forms`)."""
    canv.saveState()
    canv.translate(x, y)
    canv.doForm(number_form(name))
    canv.restoreState()


def mark_here(canv: Canvas, entry: TocEntry | None, section: str | None, top: float = 0.0) -> None:
    """Bookmark, outline entry, contents page and running-header section, where this is drawn."""
    doc = getattr(canv, "_doctemplate", None)
    if entry is not None:
        canv.bookmarkHorizontal(entry.key, 0, top + 4)
        canv.addOutlineEntry(entry.title, entry.key, level=entry.level, closed=entry.level == 0)
        if isinstance(doc, PlaybookDoc):
            doc.contents.pages[entry.key] = canv.getPageNumber()
    if section is not None and isinstance(doc, PlaybookDoc):
        doc.section = section
    if entry is not None and isinstance(doc, PlaybookDoc) and (entry.running or entry.level == 0):
        doc.running = entry.title if entry.running else ""


class Heading(Paragraph):  # type: ignore[misc]
    """A heading that, where it is drawn, becomes a bookmark, an outline entry and a contents page."""

    entry: TocEntry | None = None
    section: str | None = None  # the running header's right-hand text from here on

    def __init__(
        self, text: str | None, style: object, entry: TocEntry | None = None, section: str | None = None,
        **parts: object,
    ) -> None:
        # parts: reportlab's split() makes the pieces of a long paragraph as cls(None, style,
        # bulletText=..., frags=...): without them a heading taller than a page failed the build
        super().__init__(text, style, **parts)
        self.entry = entry
        self.section = section

    def draw(self) -> None:
        mark_here(self.canv, self.entry, self.section, self.height)
        super().draw()

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if parts and isinstance(parts[0], Paragraph) and not isinstance(parts[0], Heading):
            first = Heading.__new__(Heading)
            first.__dict__.update(parts[0].__dict__)
            first.entry, first.section = self.entry, self.section
            parts[0] = first
        return parts


class ContentsLine(Flowable):  # type: ignore[misc]
    """One line of the table of contents: title, dotted leader, late page number, a link."""

    NUMBER_W = 34.0

    def __init__(self, entry: TocEntry, styles: pdf_styles.Styles) -> None:
        super().__init__()
        self.entry = entry
        style = styles.toc0 if entry.level == 0 else styles.toc1
        self.indent = 0.0 if entry.level == 0 else 14.0
        self.para = Paragraph(entry.title_markup, pdf_styles.shaped(style, entry.title))
        if pdf_styles.needs_shaping(entry.title):  # Arabic, Hebrew: in reading order (export.pdf.bidi)
            pdf_styles.separate_font_changes(self.para)
        if bidi.has_rtl_run(entry.title_markup):
            self.para = bidi.bidi_para(entry.title_markup, style, lambda: self.para) or self.para
        self.style = style
        self.gap = 7.0 if entry.level == 0 else 2.5

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        _w, h = self.para.wrap(availWidth - self.indent - self.NUMBER_W - 18, availHeight)
        self.height = h + self.gap
        return availWidth, self.height

    def draw(self) -> None:
        canv = self.canv
        para_h = self.height - self.gap
        self.para.drawOn(canv, self.indent, 0)
        para = self.para
        widths = para.line_widths() if isinstance(para, bidi.BidiPara) else para.getActualLineWidths0()
        baseline = para_h - (max(len(widths), 1) - 1) * self.style.leading - self.style.fontSize
        baseline = max(baseline, 2.0)
        start = self.indent + (widths[-1] if widths else 0.0) + 6
        end = self.width - self.NUMBER_W + 6
        if end > start:
            canv.saveState()
            canv.setStrokeColor(pdf_styles.FAINT)
            canv.setLineWidth(0.6)
            canv.setDash(0.6, 2.6)
            canv.line(start, baseline + 1, end, baseline + 1)
            canv.restoreState()
        draw_late_number(canv, self.entry.key, self.width, baseline)
        canv.linkRect("", self.entry.key, (0, 0, self.width, para_h), relative=1, thickness=0)


class SectionBreak(Flowable):  # type: ignore[misc]
    """Zero-size marker: switches the running header even before the section's heading draws."""

    def __init__(self, section: str) -> None:
        super().__init__()
        self.section = section

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        doc = getattr(self.canv, "_doctemplate", None)
        if isinstance(doc, PlaybookDoc):
            doc.section = self.section
            doc.running = ""


class RunningEnd(Flowable):  # type: ignore[misc]
    """Zero-size marker at the end of a role or department: a page that starts after it is
    not headed '(cont.)'."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        doc = getattr(self.canv, "_doctemplate", None)
        if isinstance(doc, PlaybookDoc):
            doc.running = ""


OUTLINE_FROM = 8  # pages


@dataclass
class PageInfo:
    title: str  # map title, plain text (drawn in any script by export.textline)
    footer: str  # "Prepared for ... by ...", plain text (cut with an ellipsis when long) ...
    colours: list[object] = field(default_factory=list)  # department colours, for the cover's band
    footer_tail: str = ""  # ... then " on 23 Nov 2026", never cut


class PlaybookDoc(BaseDocTemplate):  # type: ignore[misc]
    """Portrait pages with landscape pages in between, a header, a footer, late page numbers."""

    def __init__(
        self,
        target: object,
        pagesize: tuple[float, float],
        info: PageInfo,
        styles: pdf_styles.Styles,
        contents: Contents,
        after_flowable: Callable[[Flowable], None] | None = None,
        first_template: str = COVER,
        **meta: object,
    ) -> None:
        super().__init__(
            target,
            pagesize=pagesize,
            leftMargin=pdf_styles.MARGIN,
            rightMargin=pdf_styles.MARGIN,
            topMargin=pdf_styles.MARGIN + pdf_styles.HEADER_GAP,
            bottomMargin=pdf_styles.MARGIN + pdf_styles.FOOTER_GAP,
            **meta,
        )
        self.info = info
        self.styles = styles
        self.contents = contents
        self.section = ""
        self.running = ""  # the role or department being set (export.pdf.parts.roles), "" between them
        self._running_top = ""  # ... as it was at the top of the page being finished
        self.where = "the playbook"  # what is being laid out, for error messages
        self.last_page = 0
        self._after = after_flowable
        self._fitted: dict[tuple[str, float], tuple[str, float]] = {}
        portrait = pagesize
        wide = landscape(pagesize)
        templates = [
            PageTemplate(
                COVER, [self._frame(portrait, "cover")], pagesize=portrait, onPageEnd=self._cover_end,
                autoNextPageTemplate=PORTRAIT,
            ),
            PageTemplate(
                PORTRAIT, [self._frame(portrait, "body")], pagesize=portrait, onPageEnd=self._page_end
            ),
            PageTemplate(LANDSCAPE, [self._frame(wide, "wide")], pagesize=wide, onPageEnd=self._page_end),
        ]
        templates.sort(key=lambda t: t.id != first_template)  # the first page's template comes first
        self.addPageTemplates(templates)

    @staticmethod
    def _frame(size: tuple[float, float], fid: str) -> Frame:
        w, h = size
        top, bottom = pdf_styles.MARGIN + pdf_styles.HEADER_GAP, pdf_styles.MARGIN + pdf_styles.FOOTER_GAP
        return Frame(
            pdf_styles.MARGIN, bottom, w - 2 * pdf_styles.MARGIN, h - top - bottom, id=fid,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
        )

    @staticmethod
    def frame_size(pagesize: tuple[float, float], wide: bool = False) -> tuple[float, float]:
        w, h = landscape(pagesize) if wide else pagesize
        margin, header, footer = pdf_styles.MARGIN, pdf_styles.HEADER_GAP, pdf_styles.FOOTER_GAP
        return w - 2 * margin, h - 2 * margin - header - footer

    # ----- build hooks ---------------------------------------------------
    def handle_documentBegin(self) -> None:
        super().handle_documentBegin()
        if isinstance(self.canv, PlaybookCanvas):
            self.canv.before_save = self._draw_late_forms

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        if flowables:
            self.where = getattr(flowables[0], "_cw_where", self.where)
        super().handle_flowable(flowables)

    def afterFlowable(self, flowable: Flowable) -> None:
        if self._after is not None:
            self._after(flowable)

    # ----- page decoration -----------------------------------------------
    def _cover_end(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        """The cover's band: one stripe per department colour across the top of the text area,
        inside the margins (a printer cannot print to the paper's edge: a full-bleed band
        came out cut, with a white rim of uneven width)."""
        self.last_page = canv.getPageNumber()
        w, h = canv._pagesize
        band = 12.0
        shades = list(self.info.colours) or [pdf_styles.ACCENT]
        canv.saveState()
        left, width = pdf_styles.MARGIN, w - 2 * pdf_styles.MARGIN
        stripe = width / len(shades)
        top = h - pdf_styles.MARGIN + 14
        for i, colour in enumerate(shades):
            canv.setFillColor(colour)
            canv.rect(left + i * stripe, top - band, stripe + (0.3 if i < len(shades) - 1 else 0), band,
                      stroke=0, fill=1)
        canv.setFillColor(pdf_styles.ACCENT)
        canv.rect(left, pdf_styles.MARGIN - 16, width, 4, stroke=0, fill=1)
        canv.restoreState()

    def _fit(self, text: str, width: float) -> tuple[str, float]:
        """One line of header/footer text cut to `width` with an ellipsis, and its width."""
        key = (text, width)
        hit = self._fitted.get(key)
        if hit is None:
            line = textline.fit_text(text, 8.5, width)
            hit = (line, textline.text_width(line, 8.5))
            self._fitted[key] = hit
        return hit

    def _page_end(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        """Running header (map title left, section right) and footer (page X of Y left,
        prepared for/by right), each one line: long text ends in an ellipsis."""
        self.last_page = canv.getPageNumber()
        if self.last_page == OUTLINE_FROM:  # a long playbook opens with its bookmarks shown
            canv.showOutline()
        w, h = canv._pagesize
        left, right = pdf_styles.MARGIN, w - pdf_styles.MARGIN
        size = 8.5
        canv.saveState()
        canv.setFillColor(pdf_styles.MUTED)
        top = h - pdf_styles.MARGIN
        section = self.section
        if self._running_top:  # a page that goes on with a role begun on an earlier page
            section = f"{section} \u2014 {self._running_top} (cont.)"
        self._running_top = self.running
        section, section_w = self._fit(section, (right - left) * 0.55)
        title, _tw = self._fit(self.info.title, right - left - section_w - 24)
        bidi.draw_row(canv, top - 9, [(left, title, False), (right - section_w, section, False)], size)
        canv.setStrokeColor(pdf_styles.RULE)
        canv.setLineWidth(0.6)
        canv.line(left, top - 14, right, top - 14)
        bottom = pdf_styles.MARGIN
        canv.line(left, bottom + 14, right, bottom + 14)
        label = f"Page {canv.getPageNumber()} of "
        canv.setFont(pdf_styles.REGULAR, size)
        canv.drawString(left, bottom + 2, label)
        draw_late_number(
            canv, "__total__", left + canv.stringWidth(label, pdf_styles.REGULAR, size), bottom + 2
        )
        for line, tail, y in self._footer_lines(right - left - 110):
            tail_w = textline.text_width(tail, size)
            footer, fw = self._fit(line, right - left - 110 - tail_w)
            textline.draw_string(canv, right - tail_w - fw, y, footer, size)
            textline.draw_string(canv, right - tail_w, y, tail, size)
        canv.restoreState()

    def _footer_lines(self, room: float) -> list[tuple[str, str, float]]:
        """The footer "Prepared for ... by ... on date" as (text, tail never cut, baseline): one line, or two
        broken before "by" (line 2 in the margin), or after the last word that fits when for nobody."""
        text, tail, bottom = self.info.footer, self.info.footer_tail, pdf_styles.MARGIN
        if textline.text_width(text + tail, 8.5) <= room or " " not in text:
            return [(text, tail, bottom + 2)]
        cut = text.find(" by ") if text.startswith("Prepared for ") else -1
        if cut < 0:  # "Prepared" stood alone on line 1; a line holds far fewer than 300 characters
            cut = max(i for i, ch in enumerate(text[:300]) if ch == " " and (
                i == text.index(" ") or textline.text_width(text[:i], 8.5) <= room))
        return [(text[:cut], "", bottom + 2), (text[cut + 1:], tail, bottom - 8)]

    def _draw_late_forms(self, canv: Canvas) -> None:
        """Now every page number is known: draw the forms the pages refer to."""
        canv.beginForm(number_form("__total__"), lowerx=-80, lowery=-6, upperx=80, uppery=14)
        canv.setFillColor(pdf_styles.MUTED)
        canv.setFont(pdf_styles.REGULAR, 8.5)
        canv.drawString(0, 0, str(self.last_page))
        canv.endForm()
        for entry in self.contents.entries:
            page = self.contents.pages.get(entry.key)
            canv.beginForm(number_form(entry.key), lowerx=-80, lowery=-6, upperx=80, uppery=14)
            canv.setFillColor(pdf_styles.INK)
            top = entry.level == 0
            canv.setFont(pdf_styles.BOLD if top else pdf_styles.REGULAR, 10 if top else 9.5)
            canv.drawRightString(0, 0, str(page) if page else "")
            canv.endForm()
