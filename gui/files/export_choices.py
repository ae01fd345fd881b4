"""What the export dialog offers and remembers: the playbook's sections and page sizes, the
departments a playbook can be limited to (export.pdf.focus; none ticked is the whole map), the
choices remembered per map in QSettings, and the one-sentence check of a target.

Plain helpers apart from the dialog's widgets (gui/files/export_dialog.py), so the dialog file
holds only what the user sees and does.
"""
from __future__ import annotations

import errno
import hashlib
import re
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from gui.files.export_runner import FORMATS, ExportJob, describe_failure

SECTION_LABELS: dict[str, str] = {
    "cover": "Cover page",
    "contents": "Contents",
    "map": "The map",
    "walk": "The walk, step by step",
    "insights": "Where the walk may lose the customer",
    "roles": "Roles and their stories",
    "departments": "Departments: serving the customer, KPIs",
    "checkups": "Check-ups over time",
    "sessions": "Coaching sessions and action items",
    "reach-out": "Reach out next",
    "what-if": "If someone leaves (single points of failure)",
}
PAGE_SIZES: tuple[tuple[str, str], ...] = (("a4", "A4 (210 × 297 mm)"), ("letter", "Letter (8.5 × 11 in)"))


def sections() -> tuple[str, ...]:
    """The playbook's sections, in print order (from the exporter, so new ones show up here)."""
    try:
        from export.playbook import SECTIONS
    except ImportError:
        return tuple(SECTION_LABELS)
    return tuple(SECTIONS)


def default_sections() -> tuple[str, ...]:
    """What a playbook holds when nobody chose (the opt-in sections, like "If someone leaves", left out)."""
    try:
        from export.playbook import OPT_IN
    except ImportError:
        return sections()
    return tuple(s for s in sections() if s not in OPT_IN)


def _letter_territories() -> set[QLocale.Country]:
    C = QLocale.Country
    names = ("UnitedStates", "Canada", "Mexico", "Chile", "Colombia", "Venezuela", "Philippines",
             "PuertoRico", "Guatemala", "CostaRica", "ElSalvador", "Panama", "DominicanRepublic", "Nicaragua")
    return {getattr(C, n) for n in names if hasattr(C, n)}


def default_page_size(locale: QLocale | None = None) -> str:
    """Letter where Letter paper is the norm (US, Canada, much of Latin America), A4 elsewhere."""
    territory = (locale or QLocale()).territory()
    return "letter" if territory in _letter_territories() else "a4"


def app_settings() -> QSettings:
    """The app settings (imported late: file_actions imports this module lazily too)."""
    from gui.files.file_actions import settings

    return settings()


def safe_file_stem(text: str) -> str:
    """A file name from a map title: no path separators, control or reserved characters."""
    stem = re.sub(r'[\x00-\x1f\x7f/\\:*?"<>|]+', "-", " ".join(text.split())).strip(" .-")
    return stem[:80] or "map"


def snapshots(map_path: Path | None) -> list[Path]:
    """Saved snapshots of this map, newest first (Coaching > Save Snapshot)."""
    if map_path is None:
        return []
    from model.compare import snapshots_for

    return snapshots_for(Path(map_path).stem)


class ExportMemory:
    """What was chosen for one map last time (QSettings group per map file)."""

    def __init__(self, map_path: Path | None) -> None:
        self.map_path = Path(map_path).resolve() if map_path is not None else None
        key = hashlib.sha1(str(self.map_path).encode("utf-8", "surrogatepass")).hexdigest()[:16] \
            if self.map_path is not None else "unsaved"
        self.group = f"export/{key}"

    def _get(self, name: str, default: object = None) -> object:
        return app_settings().value(f"{self.group}/{name}", default)

    def flag(self, name: str, default: bool) -> bool:
        value = self._get(name, default)
        if isinstance(value, str):
            return value.strip().lower() in ("true", "1", "yes")
        return bool(value)

    def fmt(self) -> str:
        value = str(self._get("format", "pdf") or "pdf")
        return value if value in FORMATS else "pdf"

    def target(self, fmt: str) -> Path | None:
        if self.map_path is None:
            return None  # unsaved maps share this group: do not reuse another map's file
        value = self._get(f"target_{fmt}")
        return Path(str(value)) if value else None

    def sections(self) -> list[str]:
        value = self._get("sections")
        if not value:
            return list(default_sections())
        chosen = [s for s in str(value).split(",") if s in sections()]
        return chosen or list(default_sections())

    @staticmethod
    def page_size() -> str:
        value = str(app_settings().value("export/page_size", "") or "")
        return value if value in dict(PAGE_SIZES) else default_page_size()

    def remember(self, job: ExportJob) -> None:
        s = app_settings()
        s.setValue(f"{self.group}/format", job.fmt)
        if self.map_path is not None:
            s.setValue(f"{self.group}/target_{job.fmt}", str(job.target))
        s.setValue(f"{self.group}/redact", job.redact)
        s.setValue(f"{self.group}/redact_orgs", job.redact_orgs)
        s.setValue(f"{self.group}/open", job.open_when_done)
        if job.fmt == "pdf":
            s.setValue(f"{self.group}/sections", ",".join(job.sections or default_sections()))
            s.setValue("export/page_size", job.page_size)
        s.sync()


def target_problem(target: Path) -> str:
    """A sentence when `target` obviously cannot be written (a folder, a missing folder), else ""."""
    if target.is_dir():
        return describe_failure(IsADirectoryError(errno.EISDIR, "is a folder"), target)
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                return describe_failure(NotADirectoryError(errno.ENOTDIR, "not a folder"), target)
            break
    if not target.parent.exists():
        return describe_failure(FileNotFoundError(errno.ENOENT, "no such folder"), target)
    return ""


def department_list(departments: list[tuple[str, str]]) -> QListWidget:
    """Ticks for a team's playbook: its departments' walk, roles, insights and lanes."""
    box = QListWidget()
    box.setToolTip("Tick departments for a playbook of just those teams, with the hand-offs in from "
                   "and out to their neighbours; tick none for the whole map.")
    for did, name in departments:
        item = QListWidgetItem(" ".join(name.split()) or "(unnamed department)")
        item.setData(Qt.ItemDataRole.UserRole, did)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        box.addItem(item)
    row = box.sizeHintForRow(0) if departments else 18
    box.setFixedHeight(row * max(1, min(4, len(departments))) + 2 * box.frameWidth() + 4)
    box.setEnabled(bool(departments))
    return box


def ticked(box: QListWidget) -> list[str]:
    """The ticked departments' ids, in lane order."""
    items = [box.item(i) for i in range(box.count())]
    return [str(item.data(Qt.ItemDataRole.UserRole)) for item in items
            if item.checkState() == Qt.CheckState.Checked]


def tick(box: QListWidget, ids: list[str]) -> None:
    """Tick exactly these departments (ids no longer on the map are ignored)."""
    for i in range(box.count()):
        item = box.item(i)
        on = item.data(Qt.ItemDataRole.UserRole) in ids
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
