"""A real main window on a map whose insights come from the analysis process; it prints the
process's id once the report is shown, then quits as the app does (tests/gui/test_insights_process.py).

    python tests/gui/insights_process_driver.py MAP.cwalk [--stay]

With --stay it keeps running (to be killed) instead of quitting.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from gui import app as gui_app
    from gui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    window = MainWindow()
    if not window.open_path(Path(sys.argv[1]), ask=False):
        print("could not open", flush=True)
        return 1
    window.show()

    def shown(_report: object) -> None:
        print("analysis process", *window.insights.executor.pids(), flush=True)
        if "--stay" not in sys.argv:
            QTimer.singleShot(0, window.close)
            QTimer.singleShot(10, app.quit)

    window.insights.reportReady.connect(shown)
    code = app.exec()
    return gui_app.leave(code)  # as the app ends: at once (os._exit) once every window closed cleanly


if __name__ == "__main__":
    sys.exit(main())
