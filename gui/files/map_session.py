"""The open map's file life, in one place: open, save, save as, close or switch, the lock, the
autosave guard, restoring what a crash left, the file changed outside, which map a restart
reopens, and the cloud drive's conflicted copies.

`MapSession` belongs to the main window, which only wires its menus to it and shows whatever
document the session hands it. The session keeps the map's path and whether it is read-only,
owns the `MapGuard` (lock file, autosave snapshots, file watcher: gui/files/map_guard.py), asks
before unsaved changes are replaced, and records in the settings the map that is open *now*
(`last`), so that a restart after a crash reopens that map, not the last one closed cleanly.
A file that cannot be read or written is reported in one sentence; the map in memory stays.
"""
from __future__ import annotations

import os
import stat
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from gui.files import file_actions
from gui.files.map_guard import MapGuard
from model.document import Document
from model.storage import columns, unknown
from model.storage.recovery import Snapshot, discard_snapshot
from model.storage.store import EXTENSION, MapFileError, load, save

if TYPE_CHECKING:
    from gui.main_window import MainWindow

SB = QMessageBox.StandardButton
LAST_KEY = "last"  # the map open now (a crash leaves it set), else the last one closed
COPY_CHECK_EVERY_S = 2.0  # regaining focus looks for a cloud drive's copies at most this often


def choose(parent: QWidget | None, title: str, text: str, options: list[str]) -> int | None:
    """A question with these buttons (the first is the default) and Cancel: the index chosen, or None."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, SB.Cancel, parent)
    buttons = [box.addButton(option, QMessageBox.ButtonRole.AcceptRole) for option in options]
    box.setDefaultButton(buttons[0])
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None  # type: ignore[arg-type]


def remember_open(path: Path | None) -> None:
    """Note the map open now: the next start (after a clean quit or a crash) opens it again."""
    if path is None:
        return
    s = file_actions.settings()
    s.setValue(LAST_KEY, str(path.resolve()))
    s.sync()


def writable_on_disk(path: Path) -> bool:
    """Could a save replace this file (a new file in its folder, renamed over it)? As root,
    `os.access` always says yes (PITFALLS.md): the permission bits are asked too, so a map made
    read-only (chmod a-w, the read-only attribute) opens read-only for everyone."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return True  # gone or unreadable now: the save itself will say so
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return False
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


class MapSession(QObject):
    """The file side of the one map a main window has open."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.path: Path | None = None
        self.read_only = False
        self.guard = MapGuard(self)
        self._asking_outside = False
        self._copies_checked = 0.0  # time.monotonic() of the last look for conflicted copies
        self.guard.autosaved.connect(lambda msg: window.statusBar().showMessage(msg, 4000))
        self.guard.autosaveFailed.connect(window.show_problem)
        self.guard.fileChangedOutside.connect(self.changed_outside)
        window.undo_stack.cleanChanged.connect(self._on_clean_changed)

    # ----- what is open --------------------------------------------------------------------------
    def attach(self, doc: Document, path: Path | None) -> None:
        """`doc` (saved at `path`, or new) is now the window's map: guard it and remember it."""
        self.path = path
        self.guard.attach(doc, path)
        remember_open(path)

    def is_modified(self) -> bool:
        return not self.w.undo_stack.isClean()

    def display_name(self) -> str:
        if self.path is not None:
            return self.path.stem
        return " ".join(self.w.document.meta.title.split())[:80] or "Untitled map"

    def _on_clean_changed(self, clean: bool) -> None:
        if clean:
            self.guard.mark_clean()

    # ----- asking first ---------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is fine to replace or close the map (saved, discarded, or unchanged)."""
        if not self.is_modified():
            return True
        answer = QMessageBox.warning(
            self.w, "Unsaved changes",
            f"“{self.display_name()}” has changes that are not saved.\nDo you want to save them?",
            SB.Save | SB.Discard | SB.Cancel, SB.Save)
        if answer == SB.Save:
            return self.save()
        return answer == SB.Discard

    # ----- opening --------------------------------------------------------------------------------
    def open_path(self, path: Path | str, ask: bool = True) -> bool:
        """Open a map file; a file that cannot be read is reported and the current map stays."""
        if ask and not self.maybe_save():
            return False
        path = Path(path)
        try:
            doc = load(path)
        except MapFileError as exc:
            QMessageBox.critical(self.w, "Cannot open map", str(exc))
            return False
        columns.share_strings(doc)  # it stays open: one string for each id, kind, title... (issue 19)
        read_only = self.lock_for_writing(path)  # asks when someone else holds it
        if read_only is None:
            self.w.show_status(f"{path.name} was not opened: it is in use elsewhere")
            return False
        on_disk = not writable_on_disk(path)  # a save would fail: read-only from the start
        self.show(doc, path, read_only=read_only or on_disk)
        file_actions.remember_recent(path)
        said = unknown.describe(doc, path.name) or f"Opened {path}"  # fields kept, said once
        self.w.show_status(f"{path.name} is read-only on disk: changes can be kept with Save As"
                           if on_disk else said)
        return True

    def show(self, doc: Document, path: Path | None, modified: bool = False, read_only: bool = False) -> None:
        """Put `doc` in the window as the map of `path` (a template, an import, a restored autosave...)."""
        self.w.insights.after_next_paint(self.w.view.viewport())  # the map first, then its insights
        self.w.set_document(doc, path, modified=modified, read_only=read_only)

    def lock_for_writing(self, path: Path) -> bool | None:
        """Take the lock of `path`, asking the user when someone else holds it.

        Returns whether the map must open read-only, or None when the user cancelled. A lock from
        this computer whose process lives is simply in use (read-only or cancel); one from another
        computer (a shared or synced folder), or unreadable, cannot be checked from here: the user
        may know that computer crashed, so taking over is offered, in so many words."""
        result = self.guard.lock(path)
        if result.acquired:
            return False
        if not result.elsewhere:
            answer = QMessageBox.question(
                self.w, "Map in use",
                f"{path.name} is open in {result.holder}.\n\nOpen it read-only here? You can look around "
                "and use Save As to keep changes under another name.", SB.Open | SB.Cancel, SB.Open)
            return True if answer == SB.Open else None
        pick = choose(
            self.w, "Map locked from another computer",
            f"{path.name} is locked by {result.holder}.\n\nIf the map is open there, saving it from two "
            "computers would overwrite one person's work with the other's. Open it read-only here (Save "
            "As still works), or take over the lock only if you are sure it is no longer open there (that "
            "computer crashed or was switched off).",
            ["Open Read-Only", "Take Over the Lock"])
        if pick is None:
            return None
        if pick == 1:
            return not self.guard.lock(path, take_over=True).acquired
        return True

    def restore(self, doc: Document, path: Path | None, snap: Snapshot) -> bool:
        """Crash recovery: `doc`, autosaved by a run that died, becomes the open map as unsaved work
        that belongs to `path` (None: Save As); its autosave is this session's own from now on."""
        read_only = self.lock_for_writing(path) if path is not None else False
        if read_only is None:
            return False
        self.show(doc, path, modified=True, read_only=read_only)
        discard_snapshot(snap)  # the guard's own autosave covers these changes now
        self.guard.autosave_now()
        when = snap.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
        saves_to = path is not None and not read_only
        where = f"Save (Ctrl+S) writes it to {path}" if saves_to else "Save As to keep it"
        self.w.show_status(f"Restored the autosave of {when}: {where}")
        return True

    def close_map(self) -> bool:
        """File > Close: ask to save as quitting does, then leave an empty, untitled map; the file's
        lock and any autosave of it are let go."""
        if not self.maybe_save():
            return False
        name = self.display_name()
        self.guard.close()
        self.show(Document.with_standard_statements(), None)
        self.w.show_status(f"Closed {name}")
        return True

    def window_closing(self) -> bool:
        """The window is about to close: False keeps it open (the user cancelled saving)."""
        if not self.maybe_save():
            return False
        remember_open(self.path)
        self.guard.close()
        return True

    # ----- saving ---------------------------------------------------------------------------------
    def save(self) -> bool:
        self.w.view.close_editor()  # Ctrl+S while a name is typed on the map saves that name too
        if self.path is not None and not writable_on_disk(self.path):  # (also made so since opening)
            answer = QMessageBox.question(
                self.w, "Map is read-only",
                f"{self.path.name} is read-only on disk: it cannot be overwritten.\n\nSave your "
                "changes as a new file?", SB.Save | SB.Cancel, SB.Save)
            return answer == SB.Save and self.save_as(None)
        if self.path is None or self.read_only:
            return self.save_as(None)
        return self._write(self.path)

    def save_as(self, path: Path | str | None) -> bool:
        if path is None:
            name = "".join("_" if ch in '/\\:*?"<>|' else ch for ch in self.display_name()) + EXTENSION
            start = str(self.path) if self.path else str(file_actions.start_folder() / name)
            chosen, _ = QFileDialog.getSaveFileName(self.w, "Save map as", start, file_actions.MAP_FILTER)
            if not chosen:
                return False
            path = chosen
        target = Path(path)
        if target.suffix.lower() != EXTENSION:
            target = target.with_name(target.name + EXTENSION)
        if self._write(target):
            self.read_only = False
            self.w.update_title()
            return True
        return False

    def _write(self, target: Path) -> bool:
        try:
            save(self.w.document, target)
        except MapFileError as exc:
            QMessageBox.critical(self.w, "Cannot save map", str(exc))
            return False
        self.path = target
        self.w.file.merging.remember_save(target)  # so copies of this version can be merged later
        self.w.undo_stack.setClean()
        self.guard.saved(target)
        file_actions.remember_recent(target)
        remember_open(target)
        self.w.update_title()
        self.w.show_status(f"Saved {target}")
        return True

    # ----- the world outside ----------------------------------------------------------------------
    def changed_outside(self, path: str) -> None:
        """Someone else changed or removed the file: say so, keep the map here, let the user choose."""
        if self._asking_outside or self.path is None or Path(path) != self.path:
            return
        self._asking_outside = True
        try:
            self._ask_about_outside_change(self.path)
        finally:
            self._asking_outside = False

    def _ask_about_outside_change(self, path: Path) -> None:
        stack = self.w.undo_stack
        if not path.exists():
            stack.resetClean()  # what is open here is now the only copy
            QMessageBox.warning(
                self.w, "Map file removed",
                f"{path.name} was deleted or moved by another program.\n\nYour map is still open here, "
                "unchanged. Save it (Ctrl+S) to write it again, or Save As to put it elsewhere.")
            return
        answer = QMessageBox.question(
            self.w, "Map changed on disk",
            f"{path.name} was changed by another program.\n\nReload it from disk? Your map here "
            + ("and its unsaved changes " if self.is_modified() else "")
            + "would be replaced. Choose No to keep yours: saving will then overwrite the other version "
            "(a backup of it is kept).", SB.Yes | SB.No, SB.No)
        if answer != SB.Yes:
            stack.resetClean()
            self.w.show_status(f"Kept your version of {path.name}; save to replace the one on disk")
            return
        try:
            doc = load(path)
        except MapFileError as exc:
            QMessageBox.critical(self.w, "Cannot reload", f"{exc}\n\nYour map here is kept as it was.")
            stack.resetClean()
            return
        self.show(doc, path, read_only=self.read_only)
        self.w.show_status(f"Reloaded {path.name} from disk")

    def window_activated(self) -> None:
        """The window has the focus again: a sync client may have left a conflicted copy beside the
        map meanwhile. A folder listing, at most every COPY_CHECK_EVERY_S, and only a copy not
        offered before is offered (one the user waved away stays away)."""
        now = time.monotonic()
        if self.path is None or now - self._copies_checked < COPY_CHECK_EVERY_S:
            return
        self._copies_checked = now
        self.w.file.merging.offer_new_copies()


__all__ = ["LAST_KEY", "MapSession", "choose", "remember_open"]
