"""The check-up history: a line chart drawn with QPainter (QtCharts is not in
PySide6-Essentials) — one line per statement or area over the check-up dates,
axes, a legend, palette colours so it reads in light and dark mode — and the
"Check-up history" window around it (list of check-ups, new/edit/delete).
"""
from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPalette, QPen, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.coaching.checkup_dialog import AREA_LABELS, AREA_SHORT, CheckupDialog
from gui.coaching.shared import DocWatcher, SideBySide, one_line, plain_label
from gui.commands import RemoveCommand
from gui.widgets import dialog_size
from model import coaching
from model.document import Document
from model.entities import DEPARTMENT_COLORS, SCALE_LABELS, SCALE_MAX, SCALE_MIN, THREE_AREAS

LEGEND_CHARS = 70


class HistoryChart(QWidget):
    """Lines of 1..5 scores over dates. `set_series(series, y_labels)`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series: list[coaching.Series] = []
        self.y_labels: tuple[str, ...] = SCALE_LABELS
        self.empty_text = "No check-ups yet."
        self.setMinimumSize(320, 120)  # fits a dock below the map on a laptop

    def sizeHint(self) -> QSize:
        return QSize(720, 400)

    def set_series(self, series: list[coaching.Series], y_labels: tuple[str, ...] = SCALE_LABELS) -> None:
        self.series = list(series)
        self.y_labels = y_labels
        self.update()

    def dates(self) -> list[dt.date]:
        return sorted({dt.date.fromisoformat(d) for s in self.series for d, _v in s.points})

    def colour(self, index: int) -> QColor:
        return QColor(DEPARTMENT_COLORS[index % len(DEPARTMENT_COLORS)])

    def _legend_rows(self, fm: QFontMetricsF, width: float) -> list[list[tuple[int, str, float]]]:
        """Legend entries (series index, text, width) wrapped into rows that fit `width`."""
        rows: list[list[tuple[int, str, float]]] = [[]]
        used = 0.0
        for i, s in enumerate(self.series):
            text = one_line(s.label, LEGEND_CHARS)
            w = 22 + fm.horizontalAdvance(text) + 18
            if rows[-1] and used + w > width:
                rows.append([])
                used = 0.0
            rows[-1].append((i, text, w))
            used += w
        return [r for r in rows if r]

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text_colour = pal.color(QPalette.ColorRole.WindowText)
        grid_colour = QColor(text_colour)
        grid_colour.setAlpha(45)
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        fm = QFontMetricsF(self.font())
        line_h = fm.height()
        if not self.series:
            p.setPen(text_colour)
            p.drawText(
                QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text
            )
            p.end()
            return

        legend = self._legend_rows(fm, self.width() - 24)
        legend_h = len(legend) * (line_h + 6) + 8
        left = 16 + max(fm.horizontalAdvance(f"{i} {t}") for i, t in enumerate(self.y_labels, start=1))
        # in a short, wide place (a dock below the map) the legend goes beside the plot: below it,
        # it squeezed the five scale lines into a strip where their labels overlapped
        need = (SCALE_MAX - SCALE_MIN + 1) * (line_h + 2) + 24
        side_w = 0.0
        if self.height() - 14 - legend_h - line_h - 16 < need and self.width() > 2 * self.height():
            legend = self._legend_rows(fm, 0.0)  # one entry a row
            side_w = min(self.width() * 0.4, max(w for row in legend for _i, _t, w in row))
            legend_h = 0
        plot_w = max(40.0, self.width() - left - 28 - side_w)
        plot_h = max(40.0, self.height() - 14 - legend_h - line_h - 16)
        plot = QRectF(left, 14, plot_w, plot_h)

        # y axis: one grid line per scale point
        inner = 12.0  # keeps dots on 1 and 5 clear of the axes

        def y_of(value: float) -> float:
            share = (value - SCALE_MIN) / (SCALE_MAX - SCALE_MIN)
            return plot.bottom() - inner - share * (plot.height() - 2 * inner)

        step = (plot.height() - 2 * inner) / (SCALE_MAX - SCALE_MIN)
        for value in range(SCALE_MIN, SCALE_MAX + 1):
            y = y_of(value)
            p.setPen(QPen(grid_colour, 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(text_colour)
            name = self.y_labels[value - 1]
            label = name if name.startswith(str(value)) else f"{value} {name}"
            if step < line_h and value not in (SCALE_MIN, SCALE_MAX):
                label = str(value)  # a short chart: the ends named, the middle numbered
            p.drawText(QRectF(0, y - line_h / 2, left - 8, line_h),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)

        # x axis: dates placed in proportion to time; a single date sits in the middle
        dates = self.dates()
        first, last = dates[0], dates[-1]
        span = max(1, (last - first).days)
        pad = 18.0

        def x_of(day: dt.date) -> float:
            if first == last:
                return plot.center().x()
            return plot.left() + pad + (day - first).days / span * (plot.width() - 2 * pad)

        p.setPen(QPen(text_colour, 1))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        p.drawLine(plot.bottomLeft(), plot.topLeft())
        last_right = -1e9
        for day in dates:
            x = x_of(day)
            p.setPen(QPen(grid_colour, 1))
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom() + 4))
            text = day.isoformat()
            w = fm.horizontalAdvance(text)
            if x - w / 2 > last_right + 8 and x + w / 2 <= self.width():
                p.setPen(text_colour)
                p.drawText(
                    QRectF(x - w / 2, plot.bottom() + 6, w, line_h), Qt.AlignmentFlag.AlignCenter, text
                )
                last_right = x + w / 2

        # the lines; equal scores are nudged apart a little so every line shows
        n = len(self.series)
        for i, s in enumerate(self.series):
            nudge = (i - (n - 1) / 2) * min(3.0, 12.0 / max(1, n))
            colour = self.colour(i)
            pts = [QPointF(x_of(dt.date.fromisoformat(d)), y_of(v) + nudge) for d, v in s.points]
            p.setPen(
                QPen(colour, 2.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
            )
            for a, b in itertools.pairwise(pts):
                p.drawLine(a, b)
            p.setBrush(colour)
            p.setPen(QPen(pal.color(QPalette.ColorRole.Base), 1.5))
            for pt in pts:
                p.drawEllipse(pt, 4.5, 4.5)
            p.setBrush(Qt.BrushStyle.NoBrush)

        # legend: below the plot, or beside it (side_w) with long statements cut short
        y = 14.0 if side_w else self.height() - legend_h + 4
        for row in legend:
            x = plot.right() + 16 if side_w else 12.0
            for i, text, w in row:
                width = side_w - 16 if side_w else w
                p.setPen(QPen(self.colour(i), 3))
                p.drawLine(QPointF(x, y + line_h / 2), QPointF(x + 16, y + line_h / 2))
                p.setPen(text_colour)
                shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, width - 22)
                p.drawText(QRectF(x + 22, y, width - 22, line_h), Qt.AlignmentFlag.AlignVCenter, shown)
                x += w
            y += line_h + 6
        p.end()


class CheckupHistory(QWidget):
    """The history window: chart (statements or three areas) over a list of check-ups."""

    checkupsChanged = Signal()

    def __init__(self, doc: Document | None, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.stack = doc, stack
        self.setWindowTitle("Check-up history")
        self.chart = HistoryChart()
        self.show_statements = QRadioButton("Integrity statements")
        self.show_areas = QRadioButton("Three areas")
        self.show_statements.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.show_statements)
        group.addButton(self.show_areas)
        self.show_statements.toggled.connect(lambda _on: self._update_chart())
        # one short line; a wrapping label would make a scroll area size the panel by its
        # preferred height (height-for-width), taller than a dock below the map
        self.summary = plain_label("", wrap=False)

        self.list = QTreeWidget()
        self.list.setColumnCount(4)
        self.list.setHeaderLabels(["Date", "Statements answered", "Three areas", "Note"])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for col in range(3):
            self.list.header().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.list.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.list.itemDoubleClicked.connect(lambda *_: self.edit_selected())
        self.new_button = QPushButton("New check-up…")
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        self.new_button.clicked.connect(self.new_checkup)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.show_statements)
        top.addWidget(self.show_areas)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        lower = QWidget()
        lv = QVBoxLayout(lower)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.list)
        lv.addLayout(buttons)
        # below the map (wide and short) the chart and the list sit side by side: one above the
        # other, the list and its buttons were out of sight under a 240-pixel dock
        split = SideBySide()
        split.addWidget(self.chart)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split)
        self.watcher = DocWatcher(self, self.refresh, ("checkup", "statement"))
        self.set_document(doc, stack)
        self.resize(dialog_size(self, 860, 640))

    def set_document(self, doc: Document | None, stack: QUndoStack) -> None:
        self.doc, self.stack = doc, stack
        self.watcher.watch(doc)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        checkups = list(reversed(coaching.checkups_by_date(self.doc))) if self.doc else []
        for c in checkups:
            area_text = ", ".join(f"{AREA_SHORT[k]} {c.areas[k]}" for k, _t in THREE_AREAS if k in c.areas)
            row = QTreeWidgetItem([c.date, f"{len(c.answers)} of {len(self.doc.statements)}",  # type: ignore[union-attr]
                                   area_text or "—", one_line(c.note, 120)])
            row.setData(0, Qt.ItemDataRole.UserRole, c.id)
            row.setToolTip(3, c.note[:2000])
            self.list.addTopLevelItem(row)
        first = self.list.topLevelItem(0)
        if first is not None:
            self.list.setCurrentItem(first)
        count = len(checkups)
        self.summary.setText(
            f"{count} check-up{'s' if count != 1 else ''}"
            + (f", from {checkups[-1].date} to {checkups[0].date}" if count > 1 else "")
        )
        self.edit_button.setEnabled(bool(checkups))
        self.delete_button.setEnabled(bool(checkups))
        self.new_button.setEnabled(self.doc is not None)
        self._update_chart()
        self.checkupsChanged.emit()

    def _update_chart(self) -> None:
        if self.doc is None:
            self.chart.empty_text = "No map is open."
            self.chart.set_series([])
            return
        statements, areas = coaching.checkup_series(self.doc)
        self.chart.empty_text = (
            "No check-ups yet: choose New check-up… to record the first one."
            if not self.doc.checkups
            else "No answers of this kind yet."
        )
        if self.show_areas.isChecked():
            self.chart.set_series(areas, AREA_LABELS)
        else:
            self.chart.set_series(statements, SCALE_LABELS)

    def selected_id(self) -> str:
        item = self.list.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else ""

    def new_checkup(self) -> bool:
        if self.doc is None:
            return False
        return CheckupDialog(self.doc, self.stack, self).exec() == CheckupDialog.DialogCode.Accepted

    def edit_selected(self) -> bool:
        cid = self.selected_id()
        if self.doc is None or cid not in self.doc.checkups:
            return False
        return CheckupDialog(self.doc, self.stack, self, cid).exec() == CheckupDialog.DialogCode.Accepted

    def delete_selected(self) -> None:
        cid = self.selected_id()
        if self.doc is not None and cid in self.doc.checkups:
            self.stack.push(RemoveCommand(self.doc, "checkup", cid, "Delete check-up"))

