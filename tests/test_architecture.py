"""model/ and export/ never import Qt, so the CLI runs on a server with no display (docs/architecture.md)."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from model.storage.store import save
from tests.export_maps import small_map

ROOT = Path(__file__).resolve().parent.parent
QT_FREE = ("model", "export")
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "qtpy", "qtawesome", "superqt", "gui")


def _python_files() -> list[Path]:
    files = [p for folder in QT_FREE for p in sorted((ROOT / folder).rglob("*.py"))]
    assert len(files) > 10  # the scan really sees the code
    return files


def _imports(tree: ast.AST) -> list[tuple[int, str]]:
    """Every module a file imports, statically or through importlib / __import__ with a literal."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("import_module", "__import__") and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.append((node.lineno, first.value))
    return found


def test_no_qt_import_anywhere_in_model_or_export() -> None:
    offenders = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, module in _imports(tree):
            if module.split(".")[0] in FORBIDDEN:
                offenders.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert offenders == []


def test_the_scan_catches_every_way_of_importing() -> None:
    sample = (
        "import PySide6.QtCore\nfrom PySide6 import QtGui\nimport importlib\n"
        "importlib.import_module('PySide6.QtWidgets')\n__import__('PySide6')\n"
    )
    modules = [m for _line, m in _imports(ast.parse(sample))]
    assert modules.count("PySide6") == 2 and "PySide6.QtCore" in modules and "PySide6.QtWidgets" in modules


_PROBE = """
import json, runpy, sys
sys.argv = ["main.py"] + json.loads(sys.argv[1])
code = 0
try:
    runpy.run_path("main.py", run_name="__main__")
except SystemExit as exc:
    code = exc.code
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"))
sys.stderr.write("\\nPROBE " + json.dumps({"code": code, "qt": qt}) + "\\n")
"""


def _probe(args: list[str]) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONIOENCODING"] = "utf-8"
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(args)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=env,
        timeout=180,
    )
    line = [ln for ln in done.stderr.splitlines() if ln.startswith("PROBE ")]
    assert line, done.stderr
    return json.loads(line[-1][len("PROBE ") :])


@pytest.fixture(scope="module")
def saved_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("arch") / "m.cwalk"
    save(small_map(), path)
    return path


@pytest.mark.parametrize("verb", ["check", "svg", "png", "graphml", "csv", "pdf"])
def test_headless_verbs_never_load_qt(verb: str, saved_map: Path, tmp_path: Path) -> None:
    if verb == "check":
        args = ["check", str(saved_map)]
    else:
        args = ["export", str(saved_map), f"--{verb}", str(tmp_path / f"out.{verb}")]
        if verb == "pdf":
            args += ["--sections", "map"]
    result = _probe(args)
    assert result["code"] in (0, None), result
    assert result["qt"] == [], result
    if verb != "check":
        assert (tmp_path / f"out.{verb}").stat().st_size > 0


def test_every_qt_free_module_imports_without_qt() -> None:
    modules = [".".join(p.relative_to(ROOT).with_suffix("").parts) for p in _python_files()]
    modules = [m.removesuffix(".__init__") for m in modules]
    code = (
        "import importlib, json, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT, timeout=180
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_the_code_is_lint_clean() -> None:
    """ruff with the project's rule selection (pyproject.toml) finds nothing anywhere."""
    run = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-1000:]


def test_the_code_type_checks() -> None:
    """mypy finds no type errors in the app's code or its benchmarks (docs/architecture.md: type hints
    everywhere; a benchmark that no longer type-checks measures something that moved)."""
    command = [sys.executable, "-m", "mypy", "--no-incremental", "model", "export", "gui", "bench", "main.py"]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=280, check=False)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-1000:]


def test_the_layers_hold() -> None:
    """import-linter's contracts (pyproject.toml): model imports neither gui nor export, export not gui."""
    lint = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         check=False)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-1000:]
    assert "broken" in run.stdout and " 0 broken" in run.stdout


def test_nothing_imports_the_command_line() -> None:
    """main.py is the entry point: no package module imports it."""
    offenders = []
    for folder in ("model", "export", "gui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            offenders += [f"{path.relative_to(ROOT)}:{line}" for line, module in _imports(tree)
                          if module.split(".")[0] == "main"]
    assert offenders == []


def test_every_folder_is_small_and_every_package_says_what_lives_there() -> None:
    """Sub-packages by responsibility (docs/architecture.md): no folder holds more than ~15 modules."""
    for folder in ("model", "export", "gui"):
        for package in [ROOT / folder, *(p.parent for p in (ROOT / folder).rglob("*/__init__.py"))]:
            modules = [p for p in package.glob("*.py") if p.name != "__init__.py"]
            assert len(modules) <= 16, f"{package.relative_to(ROOT)} holds {len(modules)} modules"
            doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8")))
            assert doc, f"{package.relative_to(ROOT)}/__init__.py says nothing about what lives there"


def _python_sources() -> list[Path]:
    skip = {".venv", "build", "dist", ".git"}
    return [p for p in sorted(ROOT.rglob("*.py")) if not skip & set(p.relative_to(ROOT).parts)]


def test_no_file_over_400_lines_and_no_class_over_about_25_methods() -> None:
    """Short files and classes with one job (issue 13): a file over 400 lines or a class with more
    than 26 methods is split by responsibility, not let grow."""
    long_files, big_classes = [], []
    for path in _python_sources():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 400:
            long_files.append(f"{path.relative_to(ROOT)}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef):
                methods = [n for n in node.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
                if len(methods) > 26:
                    big_classes.append(f"{path.relative_to(ROOT)}: {node.name} has {len(methods)} methods")
    assert long_files == [] and big_classes == []


def test_the_readmes_layout_names_every_package() -> None:
    """README's "How the code is laid out" lists every package folder, indented under its parent."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## How the code is laid out", 1)[1].split("```")[1]
    listed, stack = set(), []
    for line in block.splitlines():
        name = line.strip().split(" ", 1)[0]
        if not name.endswith("/"):
            continue
        depth = (len(line) - len(line.lstrip(" "))) // 2
        stack[depth:] = [name.rstrip("/")]
        listed.add("/".join(stack))
    packages = {str(p.parent.relative_to(ROOT)) for folder in ("model", "export", "gui")
                for p in (ROOT / folder).rglob("__init__.py")}
    assert packages - listed == set(), "packages missing from the README's layout"
    assert {p for p in listed if p.split("/")[0] in ("model", "export", "gui")} - packages == set(), \
        "the README lists folders that are not packages"
