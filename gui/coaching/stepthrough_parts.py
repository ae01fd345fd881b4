"""The pieces of the step-through presentation: the walk strip (where you are
in the walk, the current step centred and the rest dimmed), a large person
card, the hand-off arrow with what is handed over, and a story column.

Everything user-typed is shown as plain text (never parsed as HTML).
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from gui.coaching.shared import one_line, plain_label
from model import coaching
from model.document import Document
from model.entities import CUSTOMER_COLOR, Handoff, Person, Story
from model.layout import UNASSIGNED_COLOR
from model.naming import department_name
from model.stages import stage_label


def scaled(font: QFont, factor: float, bold: bool = False) -> QFont:
    f = QFont(font)
    size = f.pointSizeF() if f.pointSizeF() > 0 else 10.0
    f.setPointSizeF(size * factor)
    f.setBold(bold)
    return f


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """a blended towards b by t (0..1)."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def person_colour(doc: Document, person: Person | None) -> QColor:
    if person is None:
        return QColor(UNASSIGNED_COLOR)
    if person.is_customer:
        return QColor(CUSTOMER_COLOR)
    dept = doc.departments.get(person.department_id or "")
    return QColor(dept.color if dept else UNASSIGNED_COLOR)


class WalkStrip(QWidget):
    """Every step as a numbered chip; the current one large and centred, the
    others fading with distance. Click a chip to jump there."""

    stepClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: list[tuple[str, QColor]] = []  # (stage label, colour)
        self.current = 0
        self.setMinimumHeight(64)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._hits: list[tuple[QRectF, int]] = []

    def sizeHint(self) -> QSize:
        return QSize(800, 64)

    def set_steps(self, labels: list[tuple[str, QColor]], current: int) -> None:
        self.labels, self.current = labels, current
        self.update()

    def paintEvent(self, _e: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        bg = pal.color(QPalette.ColorRole.Window)
        self._hits = []
        if not self.labels:
            p.end()
            return
        gap, small, big = 14.0, 30.0, 46.0
        cy = self.height() / 2
        cx = self.width() / 2
        p.setPen(QPen(text, 1.2, Qt.PenStyle.DotLine))
        p.drawLine(QPointF(0, cy), QPointF(self.width(), cy))
        font = scaled(self.font(), 0.95, True)
        p.setFont(font)
        for i, (_label, colour) in enumerate(self.labels):
            offset = i - self.current
            if offset == 0:
                x = cx
            else:
                side = 1 if offset > 0 else -1
                x = cx + (big / 2 + gap + small / 2) * side + (offset - side) * (small + gap)
            size = big if offset == 0 else small
            if x + size / 2 < 0 or x - size / 2 > self.width():
                continue
            # fade towards the background with distance; numbers stay readable on any colour
            t = 1.0 if offset == 0 else max(0.25, 0.8 - 0.1 * abs(offset))
            fill = _mix(bg, QColor(colour), t)
            rect = QRectF(x - size / 2, cy - size / 2, size, size)
            p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 3) if offset == 0 else Qt.PenStyle.NoPen)
            p.setBrush(fill)
            p.drawEllipse(rect)
            ink = QColor("#111111") if fill.lightness() > 150 else QColor("#ffffff")
            if offset != 0:
                ink = _mix(fill, ink, 0.75)
            p.setPen(ink)
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(i + 1))
            self._hits.append((rect, i))
        p.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        for rect, i in self._hits:
            if rect.adjusted(-4, -4, 4, 4).contains(event.position()):
                self.stepClicked.emit(i)
                return
        super().mousePressEvent(event)


class PersonCard(QFrame):
    """A large card, like the canvas card: rounded, a department-colour strip,
    name in bold, title, department and badges (customers get a thicker outline)."""

    STRIP = 12.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colour = QColor(UNASSIGNED_COLOR)
        self.customer = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.name = plain_label("")
        self.name.setFont(scaled(self.font(), 2.2, True))
        self.title = plain_label("")
        self.title.setFont(scaled(self.font(), 1.4))
        self.department = plain_label("")
        self.department.setFont(scaled(self.font(), 1.2))
        self.badges = plain_label("")
        self.badges.setFont(scaled(self.font(), 1.05))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(26, 18, 18, 18)
        for w in (self.name, self.title, self.department, self.badges):
            layout.addWidget(w)
        layout.setSpacing(6)

    def paintEvent(self, _e: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        rect = QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5)
        outline = QColor(self.colour) if self.customer else pal.color(QPalette.ColorRole.Mid)
        p.setPen(QPen(outline, 3 if self.customer else 1))
        p.setBrush(pal.color(QPalette.ColorRole.Base))
        p.drawRoundedRect(rect, 12, 12)
        path = QPainterPath()
        path.addRoundedRect(rect, 12, 12)
        p.setClipPath(path)
        p.fillRect(QRectF(rect.left(), rect.top(), self.STRIP, rect.height()), self.colour)
        p.end()

    def show_person(self, doc: Document, person: Person | None) -> None:
        self.colour = person_colour(doc, person)
        self.customer = bool(person and person.is_customer)
        self.update()
        if person is None:
            for w in (self.name, self.title, self.department, self.badges):
                w.setText("")
            return
        self.name.setText(one_line(person.name, 80) or "(unnamed)")
        self.title.setText(one_line(person.title, 100))
        self.title.setVisible(bool(person.title.strip()))
        self.department.setText(one_line(department_name(doc, person), 80) or "No department")
        badges = []
        if person.is_customer:
            badges.append("Customer")
        if doc.meta.you_id == person.id:
            badges.append("★ You")
        if person.sourcing == "outsourced":
            badges.append(f"Outsourced{': ' + one_line(person.vendor, 40) if person.vendor.strip() else ''}")
        if person.story.sweet_spot:
            badges.append("Sweet spot")
        if not person.is_customer and doc.meta.you_id != person.id:
            badges.append(f"Last contact: {coaching.describe_age(coaching.contact_age_days(person))}")
        self.badges.setText("  ·  ".join(badges))


class HandoffArrow(QWidget):
    """A big arrow (two heads when two-way) with what is handed over above it
    and the stage below it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what = ""
        self.stage = ""
        self.two_way = False
        self.colour = QColor("#4E79A7")
        self.setMinimumWidth(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(320, 180)

    def show_handoff(self, h: Handoff | None, colour: QColor) -> None:
        self.what = one_line(h.what, 160) if h is not None else ""
        self.stage = stage_label(h.stage) if h is not None and h.stage else ""
        self.two_way = bool(h and h.two_way)
        self.colour = colour
        self.update()

    def paintEvent(self, _e: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        w, h = float(self.width()), float(self.height())
        cy = h / 2
        x0, x1 = 12.0, w - 12.0
        p.setPen(QPen(self.colour, 7, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawLine(QPointF(x0 + (22 if self.two_way else 0), cy), QPointF(x1 - 22, cy))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.colour)
        p.drawPolygon(QPolygonF([QPointF(x1, cy), QPointF(x1 - 30, cy - 17), QPointF(x1 - 30, cy + 17)]))
        if self.two_way:
            p.drawPolygon(QPolygonF([QPointF(x0, cy), QPointF(x0 + 30, cy - 17), QPointF(x0 + 30, cy + 17)]))
        font = scaled(self.font(), 1.9, True)
        p.setFont(font)
        p.setPen(text)
        what = self.what or "(what is handed over is not written yet)"
        fm = QFontMetricsF(font)
        rect = QRectF(8, 0, w - 16, cy - 14)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap
        bound = fm.boundingRect(rect, int(flags), what)
        if bound.height() > rect.height():  # too long for two lines: smaller, still whole
            font = scaled(self.font(), 1.3, True)
            p.setFont(font)
        p.drawText(rect, flags, what)
        if self.stage:
            p.setFont(scaled(self.font(), 1.3))
            chip = QColor(self.colour)
            chip.setAlpha(60)
            sfm = QFontMetricsF(p.font())
            sw = sfm.horizontalAdvance(self.stage) + 28
            chip_rect = QRectF(w / 2 - sw / 2, cy + 18, sw, sfm.height() + 10)
            p.setBrush(chip)
            p.setPen(Qt.PenStyle.NoPen)
            p.drawRoundedRect(chip_rect, chip_rect.height() / 2, chip_rect.height() / 2)
            p.setPen(text)
            p.drawText(chip_rect, Qt.AlignmentFlag.AlignCenter, self.stage)
        p.end()


class StoryColumn(QWidget):
    """A person's line-of-sight story under its four prompts, large enough to read aloud."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = plain_label("")
        self.heading.setFont(scaled(self.font(), 1.35, True))
        self.body = QVBoxLayout()
        self.body.setSpacing(4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(self.body)
        layout.addStretch(1)
        self._labels: list[QLabel] = []

    def show_story(self, name: str, person: Person | None) -> None:
        for label in self._labels:
            self.body.removeWidget(label)
            label.deleteLater()
        self._labels = []
        if person is None:
            self.heading.setText("")
            return
        self.heading.setText(f"{one_line(name, 60)}'s story")
        story: Story = person.story
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        if not story.is_written():
            label = plain_label("No line-of-sight story yet: ask how their work reaches the customer.")
            label.setFont(scaled(self.font(), 1.15))
            label.setStyleSheet(f"color: {muted.name()}")
            self._add(label)
            return
        for key, prompt in Story.PROMPTS:
            text = getattr(story, key).strip()
            if not text:
                continue
            title = plain_label(prompt)
            title.setFont(scaled(self.font(), 1.0, True))
            if self._labels:
                title.setContentsMargins(0, 10, 0, 0)
            title.setStyleSheet(f"color: {muted.name()}")
            self._add(title)
            body = plain_label(text)
            body.setFont(scaled(self.font(), 1.3))
            body.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            self._add(body)

    def _add(self, label: QLabel) -> None:
        self._labels.append(label)
        self.body.addWidget(label)

    def text(self) -> str:
        return "\n".join(label.text() for label in self._labels)


