"""The export dialog's redaction options: "Redact names", "Also organisation names", and
what redaction cannot take out with confidence, shown BEFORE exporting.

Why a warning here and not only in the PDF: the person exporting is the one who can
still fix a note or untick a section; the reader of a redacted copy cannot.
"""
from __future__ import annotations

import html
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QCheckBox, QFrame, QLabel, QVBoxLayout, QWidget

from model.document import Document

log = logging.getLogger(__name__)

REDACT_NOTE = "Everyone is shown by role and department instead of by name, and contact details are left out."
ORGS_NOTE = ("Your organisation, customers and partners are shown as \u201cour organisation\u201d, "
             "\u201cCustomer A\u201d, \u201cPartner A\u201d\u2026")
SHOWN = 8  # warnings listed; the rest are counted


def _muted(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    label.setIndent(22)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.92)
    label.setFont(font)
    return label


class RedactionOptions(QWidget):
    """The two check boxes and the warning panel; `changed` when either box is toggled."""

    changed = Signal()

    def __init__(self, document: Callable[[], Document | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._cache: dict[bool, list[str]] = {}
        self.redact_box = QCheckBox("&Redact names")
        self.redact_note = _muted(QLabel(REDACT_NOTE))
        self.orgs_box = QCheckBox("Also redact &organisation names")
        self.orgs_box.setToolTip(ORGS_NOTE)
        self.warning_frame = QFrame()
        self.warning_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.warning_frame.setObjectName("redaction-warning")
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setTextFormat(Qt.TextFormat.RichText)
        inner = QVBoxLayout(self.warning_frame)
        inner.setContentsMargins(8, 6, 8, 6)
        inner.addWidget(self.warning_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.redact_box)
        layout.addWidget(self.redact_note)
        orgs_row = QVBoxLayout()
        orgs_row.setContentsMargins(22, 0, 0, 0)
        orgs_row.addWidget(self.orgs_box)
        layout.addLayout(orgs_row)
        layout.addWidget(self.warning_frame)
        self.redact_box.toggled.connect(lambda _on: self.refresh())
        self.orgs_box.toggled.connect(lambda _on: self.refresh())
        self.refresh()

    def warnings(self) -> list[str]:
        """What redaction cannot take out with confidence (computed once per choice)."""
        orgs = self.orgs_box.isChecked()
        if orgs not in self._cache:
            doc = self._document()
            found: list[str] = []
            if doc is not None:
                from model.redaction.apply import redaction_warnings

                try:
                    found = redaction_warnings(doc, orgs)
                except Exception:  # a hint must never stop an export
                    log.warning("could not list what redaction may miss", exc_info=True)
            self._cache[orgs] = found
        return self._cache[orgs]

    def refresh(self) -> None:
        on = self.redact_box.isChecked()
        self.orgs_box.setEnabled(on)
        found = self.warnings() if on else []
        if found:
            items = "".join(f"<li>{html.escape(w)}</li>" for w in found[:SHOWN])
            more = f"<p>\u2026 and {len(found) - SHOWN} more like these.</p>" if len(found) > SHOWN else ""
            self.warning_label.setText(
                "<b>\u26a0 Redaction may miss something.</b> Read the export before you share it:"
                f"<ul style='margin-left: -20px'>{items}</ul>{more}"
            )
        self.warning_frame.setVisible(bool(found))
        self.changed.emit()
