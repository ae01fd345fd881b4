"""Where the app's own files are, and which version it is: one answer for a checkout, an
installed wheel and a PyInstaller bundle alike.

The files live in the `assets` package (data only), found through importlib.resources, so
nothing depends on the current folder. Qt-free: model/, export/ and the CLI use it too.
"""
from __future__ import annotations

import importlib.metadata
import importlib.resources
import tomllib
from functools import cache
from pathlib import Path

DIST = "contract-walk"  # the distribution's name (pyproject.toml)
APP_ID = "contract-walk"  # the command, the icon's and the desktop entry's name
# the window's X11 class (Qt takes it from the application name, gui/app.py): docks that match
# windows to desktop entries by it need StartupWMClass, or the running app shows a second icon
WM_CLASS = "ContractWalk"
MIME_TYPE = "application/x-contract-walk"
EXTENSION = ".cwalk"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # the PNGs in assets/icons, drawn from the SVG


@cache
def assets_dir() -> Path:
    """The folder of the `assets` package. Every place the app runs from unpacks it to real files
    (reportlab and Qt take file names), so a Traversable that is not a folder is a broken install."""
    root = importlib.resources.files("assets")
    if not isinstance(root, Path):  # a zipped install: say so rather than fail later on a font
        raise RuntimeError(f"Contract Walk's files must be installed unzipped (found {root})")
    return root


def asset(*parts: str) -> Path:
    """A bundled file, e.g. asset("fonts", "OFL.txt")."""
    return assets_dir().joinpath(*parts)


def example_map() -> Path:
    return asset("example.cwalk")


def fonts_dir() -> Path:
    return asset("fonts")


def icon_svg() -> Path:
    return asset(f"{APP_ID}.svg")


def icon_png(size: int) -> Path:
    return asset("icons", f"{APP_ID}-{size}.png")


def _source_root() -> Path:
    """The folder that holds the packages: a checkout, site-packages, or a bundle's folder."""
    return assets_dir().parent


@cache
def _project_beside() -> dict[str, object]:
    """pyproject.toml's [project] when it lies beside the code (a checkout, or a bundle, which
    carries it); empty when installed (site-packages has none of ours)."""
    pyproject = _source_root() / "pyproject.toml"
    try:
        project = tomllib.loads(pyproject.read_text("utf-8")).get("project", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    return project if isinstance(project, dict) and project.get("name") == DIST else {}


@cache
def version() -> str:
    """The version in pyproject.toml: read there beside the code, so that a stale install's
    metadata never wins over the checkout; installed, from the package's metadata."""
    beside = _project_beside().get("version")
    if beside:
        return str(beside)
    try:
        return importlib.metadata.version(DIST)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def licence_text() -> str:
    """The app's own licence (MIT): LICENSE beside the code, or from the installed metadata."""
    beside = _source_root() / "LICENSE"
    if _project_beside() and beside.is_file():
        return beside.read_text("utf-8")
    try:
        dist = importlib.metadata.distribution(DIST)
    except importlib.metadata.PackageNotFoundError:
        return "MIT License"
    for name in ("licenses/LICENSE", "LICENSE"):  # PEP 639 metadata keeps it under licenses/
        text = dist.read_text(name)
        if text:
            return text
    return "MIT License"
