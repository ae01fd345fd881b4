"""A real main window that keeps editing and saving a map until it is killed (tests/gui/test_gui_kill.py).

    python tests/gui/kill_driver.py MAP.cwalk

Prints `edit N` after each edit is in the document and `saved N` after each save of the user's file.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.commands import MetaCommand
from gui.main_window import MainWindow


def main() -> int:
    app = QApplication(sys.argv[:1])
    # a dialog would wait for a person who is not there
    QMessageBox.information = QMessageBox.warning = QMessageBox.critical = (  # type: ignore[method-assign]
        lambda *a, **k: QMessageBox.StandardButton.Ok
    )
    window = MainWindow()
    if not window.open_path(Path(sys.argv[1]), ask=False):
        print("could not open", flush=True)
        return 1
    window.show()
    title = window.document.meta.title
    state = {"n": int(title.split()[-1]) if title.startswith("edit ") else 0}

    def step() -> None:
        state["n"] += 1
        n = state["n"]
        window.undo_stack.push(MetaCommand(window.document, {"title": f"edit {n}"}))
        print(f"edit {n}", flush=True)
        if n % 15 == 0:
            window.save()
            print(f"saved {n}", flush=True)

    timer = QTimer()
    timer.timeout.connect(step)
    timer.start(10)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
