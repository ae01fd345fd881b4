"""The start page: recent maps (with their organisation, when they were last
saved and how many action items are open) and new maps from templates (named and described as
File > New names them: model/templates/catalog.py).

Shown by the main window when no map is open, or from File > Start page.
Recent files are the main window's list (QSettings key "recent", paths,
newest first, see gui/files/file_actions.py); a map that cannot be read is listed
with the reason.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gui.coaching.shared import one_line, plain_label, warning_color
from model import coaching
from model.storage.store import MapFileError, load
from model.templates.catalog import TEMPLATES

log = logging.getLogger(__name__)

RECENT_KEY = "recent"  # gui/files/file_actions.py keeps it
MAX_RECENT = 12
MAX_PREVIEW_BYTES = 32 * 1024 * 1024  # bigger maps are listed without opening them here
RIGHT_MIN_W = 380  # the new-map column (px)

@dataclass(frozen=True)
class RecentMap:
    path: Path
    title: str = ""
    organisation: str = ""
    prepared_for: str = ""
    saved: str = ""  # the file's modification time, 'yyyy-mm-dd hh:mm'
    open_actions: int = 0
    people: int = 0
    error: str = ""  # why it cannot be opened


def recent_paths(settings: QSettings | None = None) -> list[Path]:
    """The recent-files list from QSettings (tolerates a single string or junk)."""
    if settings is None:
        from gui.files.file_actions import settings as app_settings

        settings = app_settings()
    s = settings
    value = s.value(RECENT_KEY, [])
    if isinstance(value, str):
        value = [value] if value else []
    if not isinstance(value, (list, tuple)):
        return []
    out: list[Path] = []
    for item in value:
        if isinstance(item, str) and item and Path(item) not in out:
            out.append(Path(item))
    return out[:MAX_RECENT]


def read_recent(path: Path) -> RecentMap:
    """What the start page shows about one map; never raises."""
    try:
        stat = path.stat()
    except OSError:
        return RecentMap(path, error="cannot be opened: the file is no longer there")
    saved = dt.datetime.fromtimestamp(stat.st_mtime).strftime("%Y-%m-%d %H:%M")
    if stat.st_size > MAX_PREVIEW_BYTES:
        return RecentMap(path, title=path.stem, saved=saved)
    try:
        doc = load(path)
    except MapFileError as exc:
        return RecentMap(path, saved=saved, error=f"cannot be opened: {exc}")
    except Exception as exc:  # the start page must show, whatever is in the list
        log.exception("reading %s for the start page failed", path)
        return RecentMap(path, saved=saved, error=f"cannot be opened: {exc}")
    return RecentMap(
        path,
        title=doc.meta.title,
        organisation=doc.meta.organisation,
        prepared_for=doc.meta.prepared_for,
        saved=saved,
        open_actions=coaching.open_action_count(doc),
        people=len(doc.people),
    )


class _Line(QLabel):
    """One line of a recent map's row, drawn shortened with "…" to the width it is given (the
    row's tooltip says all of it): at 1024x640 a long one ran past the list's edge, cut."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        self.style().drawItemText(QPainter(self), rect, int(self.alignment()), self.palette(),
                                  self.isEnabled(), text, self.foregroundRole())


class RecentRow(QFrame):
    """One recent map: title, organisation / client, path, last saved, open action items."""

    def __init__(self, info: RecentMap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        title = _Line(one_line(info.title, 80) or info.path.stem)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        title.setFont(font)
        who = [one_line(x, 60) for x in (info.organisation, info.prepared_for) if x.strip()]
        facts = []
        if info.error:
            facts.append(info.error)
        else:
            if who:
                facts.append(" · ".join(dict.fromkeys(who)))
            if info.people:
                facts.append(f"{info.people} people")
            if info.open_actions:
                facts.append(f"{info.open_actions} open action item{'s' if info.open_actions != 1 else ''}")
        detail = _Line("   ·   ".join(facts) if facts else "")
        if info.error:
            detail.setStyleSheet(f"color: {warning_color(self).name()}")
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        where = _Line(f"{info.path}   ·   last saved {info.saved}" if info.saved else str(info.path))
        where.setStyleSheet(f"color: {muted}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        layout.addWidget(title)
        layout.addWidget(detail)
        layout.addWidget(where)
        whole = [one_line(x, 300) for x in (info.title, info.organisation, info.prepared_for) if x.strip()]
        self.setToolTip("\n".join([*dict.fromkeys(whole), *facts[1:], where.text()]))


class StartPage(QWidget):
    """Recent maps and new-map buttons. The main window connects the signals."""

    openRequested = Signal(str)  # a recent map's path
    newFromTemplate = Signal(str)  # a template name: order-to-cash | services | blank (see with_people)
    openOtherRequested = Signal()  # "Open a map..."
    exampleRequested = Signal()  # "Open the example map"

    def __init__(self, parent: QWidget | None = None, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.recent: list[RecentMap] = []

        heading = plain_label("Contract Walk", wrap=False)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        heading.setFont(font)
        tagline = plain_label("Follow a signed contract through your organisation, put a name on every "
                              "hand-off, and see where the walk may lose the customer.")

        recent_title = plain_label("Recent maps", wrap=False)
        recent_title.setFont(self._section_font())
        self.list = QListWidget()
        self.list.setSpacing(2)
        self.list.setAlternatingRowColors(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # rows shorten instead
        self.list.itemActivated.connect(self._open_item)
        # a soft selection: the rows' own labels keep their colours readable on it
        hl = self.palette().color(QPalette.ColorRole.Highlight)
        self.list.setStyleSheet(
            f"QListWidget::item:selected {{ background: rgba({hl.red()}, {hl.green()}, {hl.blue()}, 70); }}"
        )
        self.empty = plain_label("No recent maps yet: start one on the right, or open the example map.")
        # alone in the column (the list hidden), it sits under its heading instead of mid-page
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.empty.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.open_button = QPushButton("Open selected")
        self.open_button.clicked.connect(lambda: self._open_item(self.list.currentItem()))
        other = QPushButton("Open a map…")
        other.clicked.connect(self.openOtherRequested.emit)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(other)
        row.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(recent_title)
        left.addWidget(self.empty)
        left.addWidget(self.list, 1)
        left.addLayout(row)

        new_title = plain_label("Start a new map", wrap=False)
        new_title.setFont(self._section_font())
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(new_title)
        self.template_buttons: dict[str, QPushButton] = {}
        for name, (label, blurb) in TEMPLATES.items():  # as File > New lists them
            button = QPushButton(label)
            button.setMinimumHeight(40)
            bf = QFont(button.font())
            bf.setBold(True)
            button.setFont(bf)
            button.clicked.connect(lambda _=False, n=name: self.newFromTemplate.emit(n))
            self.template_buttons[name] = button
            right.addWidget(button)
            text = plain_label(blurb)
            text.setContentsMargins(4, 0, 4, 8)
            right.addWidget(text)
        self.with_people = QCheckBox("With the templates' example people")
        self.with_people.setChecked(True)
        self.with_people.setToolTip("Untick to start from a template's departments only, "
                                    "then bring in your own people: File > Import Roster into This Map")
        right.addWidget(self.with_people)
        example = QPushButton("Open the example map")
        example.clicked.connect(self.exampleRequested.emit)
        right.addSpacing(12)
        right.addWidget(example)
        right.addStretch(1)
        right_box = QWidget()
        right_box.setLayout(right)
        # wide enough that each description takes three lines, not five (on a 1024x640 screen
        # the page is 560 px tall: at the buttons' width the descriptions were cut short)
        right_box.setMinimumWidth(RIGHT_MIN_W)
        right_box.setMaximumWidth(420)
        right_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(32)
        columns.addWidget(right_box)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(40, 28, 40, 20)
        layout.addWidget(heading)
        layout.addWidget(tagline)
        layout.addSpacing(18)
        layout.addLayout(columns, 1)
        # shorter than its contents (a small screen, large fonts), the page scrolls: Qt squeezed
        # its wrapped labels instead, and the end of each description was lost
        scroll = QScrollArea()
        scroll.setObjectName("start-page-scroll")
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        for button in self.findChildren(QPushButton):  # Enter presses the focused button, as in a dialog
            button.setAutoDefault(True)  # (Space did; Enter did nothing: the page is not a QDialog)
        self.refresh()

    def _section_font(self) -> QFont:
        f = QFont(self.font())
        f.setPointSizeF(f.pointSizeF() * 1.35)
        f.setBold(True)
        return f

    def refresh(self) -> None:
        """Re-read the recent list and each map's details."""
        self.recent = [read_recent(p) for p in recent_paths(self.settings)]
        self.list.clear()
        for info in self.recent:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            row = RecentRow(info)
            item.setSizeHint(QSize(0, row.sizeHint().height() + 4))  # as wide as the list
            if info.error:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
            self.list.setItemWidget(item, row)
        self.empty.setVisible(not self.recent)
        self.list.setVisible(bool(self.recent))
        self.open_button.setEnabled(any(not r.error for r in self.recent))
        first = next((i for i, r in enumerate(self.recent) if not r.error), -1)
        if first >= 0:
            self.list.setCurrentRow(first)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape closes the page when it is a window of its own, as it closes a dialog."""
        if event.key() == Qt.Key.Key_Escape and self.isWindow():
            self.close()
            return
        super().keyPressEvent(event)

    def _open_item(self, item: QListWidgetItem | None) -> None:
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return
        self.openRequested.emit(item.data(Qt.ItemDataRole.UserRole))
