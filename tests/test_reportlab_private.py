"""reportlab's private API is used in one module, for the series it was tested with."""
from __future__ import annotations

import ast
from pathlib import Path

from export.pdf import reportlab_private

ROOT = Path(__file__).resolve().parent.parent


def test_the_installed_reportlab_is_the_tested_series() -> None:
    assert reportlab_private.version_series() == reportlab_private.TESTED_SERIES


def test_no_other_module_imports_a_private_name_of_reportlab() -> None:
    offenders = []
    for path in sorted((ROOT / "export").rglob("*.py")):
        if path.name == "reportlab_private.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reportlab"):
                offenders += [f"{path.relative_to(ROOT)}: {a.name}" for a in node.names
                              if a.name.startswith("_")]
    assert offenders == []
