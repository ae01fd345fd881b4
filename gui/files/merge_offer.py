"""File > Merge from File…, File > Import Story Forms…, and the offer to merge the copy a cloud
drive left beside the open map ("map (conflicted copy).cwalk", looked for when a map opens and
when the window comes back into focus: gui/files/map_session.py): each opens the merge review
(gui/files/merge_dialog.py) without blocking the window, and applies the result as one undo step."""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QToolButton, QWidget

from gui.files.merge_dialog import MergeReview, apply_result
from gui.jobs.background import Jobs
from gui.widgets import counted
from model.storage.store import EXTENSION, MapFileError

if TYPE_CHECKING:
    from gui.files.file_actions import FileActions
    from gui.main_window import MainWindow

log = logging.getLogger(__name__)


class MergeActions(QObject):
    """The two menu actions and the conflicted-copy offer of one main window."""

    def __init__(self, file: FileActions) -> None:
        super().__init__(file)
        self.w: MainWindow = file.w
        self.merge_from = file._action("&Merge from File…", lambda: self.merge_from_file(None))
        self.merge_from.setToolTip("Bring in another copy of this map: its changes, and conflicts to pick")
        self.import_forms = file._action("Import Story &Forms…", lambda: self.import_story_forms(None))
        self.import_forms.setToolTip("Read filled story forms (PDF) back into people's stories")
        self.review: MergeReview | None = None
        self.offers: list[QWidget] = []
        self._copy_offer: QWidget | None = None
        self._copies_seen: set[Path] = set()  # offered already for this map (taken or waved away)
        self._keeper: Jobs | None = None  # writes the kept copies (made on the first)
        self.w.documentReplaced.connect(self.check_for_copies)

    def actions(self) -> list[QAction]:
        return [self.merge_from, self.import_forms]

    def remember_save(self, path: Path) -> None:
        """Keep a copy of the version just saved in the data folder (best effort): when a copy
        of it comes back after more saves than the backups keep, the common version is at hand.
        Read here (the file is this revision now), written on a worker: at 10,000 people the
        write and its fsync took ~0.1-0.2 s of every open before its first frame (issue 19)."""
        from model.merging.revision import keep_save

        try:
            payload = path.read_bytes()
        except OSError as exc:
            log.info("could not keep a copy of %s: %s", path, exc)
            return
        if self._keeper is None:
            self._keeper = Jobs(self, name="keep-save")
        self._keeper.submit(keep_save, payload, self.w.document.meta.revision)

    # ----- merging ------------------------------------------------------------------------------------
    def merge_from_file(self, path: Path | str | None) -> bool:
        """Pick another copy of the map and review what it brings."""
        from model.merging.revision import merge_inputs
        from model.storage.serialize import to_data

        if path is None:
            start = str(self.w.path.parent) if self.w.path else ""
            chosen, _ = QFileDialog.getOpenFileName(self.w, "Merge from another copy of the map", start,
                                                    f"Contract Walk maps (*{EXTENSION});;All files (*)")
            if not chosen:
                return False
            path = chosen
        path = Path(path)
        if self.w.path is not None and path.exists() and self.w.path.exists() and path.samefile(self.w.path):
            self.w.show_problem("That is this map's own file: choose another copy to merge from.")
            return False
        ours = to_data(self.w.document)
        try:
            base, theirs, note = merge_inputs(ours, self.w.path, path)
        except MapFileError as exc:
            QMessageBox.critical(self.w, "Cannot merge", str(exc))
            return False
        return self._review(base, ours, theirs, path.name, note, f"Merge from {path.name}")

    def import_story_forms(self, paths: list[str] | None) -> bool:
        """Read filled story forms; their answers come in through the same review."""
        from export.story_form import FormError, form_versions

        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(self.w, "Import filled story forms", "",
                                                    "Story forms (*.pdf);;All files (*)")
            if not paths:
                return False
        try:
            base, theirs, report = form_versions(self.w.document, [Path(p) for p in paths])
        except FormError as exc:
            QMessageBox.warning(self.w, "Cannot import forms", "\n".join(exc.problems))
            return False
        from model.storage.serialize import to_data

        what = Path(paths[0]).name if len(paths) == 1 else f"{len(paths)} story forms"
        return self._review(base, to_data(self.w.document), theirs, what, "\n".join(report),
                            f"Import {what}")

    def _review(self, base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any], name: str,
                note: str, label: str) -> bool:
        if self.review is not None:
            self.review.close()
        review = MergeReview(self.w, base, ours, theirs, name, note)
        self.review = review
        doc = self.w.document

        def done() -> None:
            if self.w.document is not doc:  # the map was replaced meanwhile: nothing to merge into
                return
            self.w.guarded(lambda: apply_result(self.w, review.result_of_merge(), label))

        review.accepted.connect(done)
        review.finished.connect(lambda _code: setattr(self, "review", None))
        review.open()  # modal to the window, without blocking the event loop
        return True

    # ----- the offers -----------------------------------------------------------------------------------
    def check_for_copies(self) -> None:
        """Offer (in the status bar, never in the way) to merge a copy a cloud drive made of this
        map, and to review conflicts an earlier merge left in it."""
        from model.merging.revision import adopt_revision
        from model.merging.stored import reviewable

        self.hide_offer()
        if self.w.path is not None and self.w.undo_stack.isClean():
            # a file saved without a revision (the example, an older file) is known by its content,
            # so a colleague's copy of it, edited and saved, still finds it as the common version
            adopt_revision(self.w.document.meta, self.w.path)
        if self.w.path is not None and self.w.document.meta.revision:
            self.remember_save(self.w.path)  # the version opened: copies made from it merge against it
        waiting = reviewable(self.w.document.meta.conflicts)
        if waiting:
            self._offer(f"{counted(len(waiting), 'merge conflict')} from an earlier merge "
                        f"{'waits' if len(waiting) == 1 else 'wait'} for review.", "Review…",
                        "Pick this map's or the other copy's version for each", self.review_stored)
        self._copies_seen = set()
        self.offer_new_copies()

    def offer_new_copies(self) -> None:
        """Offer to merge the newest copy a cloud drive left beside this map, unless every copy
        there was offered before (on opening, or when the window last came back into focus)."""
        from model.merging.revision import conflict_copies

        copies = conflict_copies(self.w.path) if self.w.path is not None else []
        if not copies or set(copies) <= self._copies_seen:
            return
        self._copies_seen.update(copies)
        if self._copy_offer is not None:
            self.hide_offer(self._copy_offer)
        copy = copies[0]
        more = f" (and {len(copies) - 1} more)" if len(copies) > 1 else ""
        self._offer(f"“{copy.name}”{more} is beside this map: another copy of it.", "Merge It…",
                    f"Review what {copy.name} brings, and merge it into this map",
                    lambda: self.merge_from_file(copy))
        self._copy_offer = self.offers[-1]

    def _offer(self, text: str, button: str, tip: str, slot: Callable[[], Any]) -> None:
        offer = QWidget()
        row = QHBoxLayout(offer)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel(text)
        act = QPushButton(button)
        act.setToolTip(tip)
        close = QToolButton()
        close.setText("×")
        close.setToolTip("Not now")

        def take() -> None:
            self.hide_offer(offer)
            self.w.guarded(slot)

        act.clicked.connect(take)
        close.clicked.connect(lambda: self.hide_offer(offer))
        for widget in (label, act, close):
            row.addWidget(widget)
        self.w.statusBar().insertPermanentWidget(0, offer)
        self.offers.append(offer)
        self.offer_label, self.offer_button = label, act

    def hide_offer(self, offer: QWidget | None = None) -> None:
        """Take one offer away (all of them when none is named)."""
        for shown in [o for o in self.offers if offer is None or o is offer]:
            self.w.statusBar().removeWidget(shown)
            shown.deleteLater()
            self.offers.remove(shown)
            if shown is self._copy_offer:
                self._copy_offer = None

    def review_stored(self) -> bool:
        """Review the conflicts an earlier merge (git's, or `main.py merge`) kept in this map."""
        from model.merging.stored import stored_versions
        from model.storage.serialize import to_data

        ours = to_data(self.w.document)
        base, theirs = stored_versions(ours)
        note = "Conflicts an earlier merge settled by keeping this map's version, for now."
        return self._review(base, ours, theirs, "the other copy", note, "Settle merge conflicts")
