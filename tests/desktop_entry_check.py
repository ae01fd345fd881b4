"""A desktop entry checked against the freedesktop Desktop Entry Specification (1.5) in plain
Python, so the test of `--install-desktop` holds on a machine without desktop-file-utils (a CI
runner has nothing installed by hand); where `desktop-file-validate` is installed, the tests
run it as well and check that the two agree.

Covers what our entry uses: the group header, key syntax and duplicates, known keys, required
keys, booleans, string escapes, lists ending in ';', registered categories, MIME types, icon
names and the Exec key's quoting and field codes."""
from __future__ import annotations

import re

KEY = re.compile(r"^[A-Za-z0-9-]+(\[[A-Za-z_@.]+\])?$")
MIME = re.compile(r"^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+$")
VERSIONS = {"1.0", "1.1", "1.2", "1.3", "1.4", "1.5"}
BOOLEANS = {"NoDisplay", "Hidden", "DBusActivatable", "Terminal", "StartupNotify", "PrefersNonDefaultGPU",
            "SingleMainWindow"}
LISTS = {"OnlyShowIn", "NotShowIn", "Actions", "MimeType", "Categories", "Implements", "Keywords"}
STRINGS = {"Type", "Version", "TryExec", "Exec", "Path", "StartupWMClass", "URL"}
LOCALISED = {"Name", "GenericName", "Comment", "Icon", "Keywords"}
KNOWN = BOOLEANS | LISTS | STRINGS | LOCALISED
TYPES = {"Application", "Link", "Directory"}
MAIN_CATEGORIES = {"AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics", "Network",
                   "Office", "Science", "Settings", "System", "Utility"}
ADDITIONAL_CATEGORIES = {  # the registered ones an office or business app may name (spec, appendix A)
    "Building", "Calendar", "Chart", "ContactManagement", "Database", "Dictionary", "Email", "Finance",
    "FlowChart", "PDA", "ProjectManagement", "Presentation", "Spreadsheet", "WordProcessor", "Publishing",
    "Viewer", "TextEditor", "Documentation", "Core", "GNOME", "KDE", "GTK", "Qt", "Java", "ConsoleOnly",
    "Education", "Science", "DataVisualization", "Economy", "Math", "Maps", "Chat", "InstantMessaging",
    "Scanning", "OCR", "Photography", "VectorGraphics", "RasterGraphics", "2DGraphics", "3DGraphics",
    "Accessibility", "Archiving", "Compression", "FileManager", "FileTools", "Monitor", "Security",
    "TerminalEmulator", "Clock", "Calculator", "Literature", "Art", "Languages", "Humanities",
}
FIELD_CODES = set("fFuUick%")  # %d %D %n %N %v %m are deprecated
FILE_CODES = set("fFuU")
RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
QUOTED_ESCAPES = set('"`$\\')
STRING_ESCAPES = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}


def unescape(value: str) -> str:
    """A string value as meant: `\\s \\n \\t \\r \\\\` decoded; ValueError on any other escape."""
    out, i = [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\":
            nxt = value[i + 1: i + 2]
            if nxt not in STRING_ESCAPES and nxt != ";":
                raise ValueError(f"unknown escape \\{nxt or '(end)'}")
            out.append(STRING_ESCAPES.get(nxt, "\\;"))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def exec_arguments(command: str) -> list[str]:
    """The arguments of an (unescaped) Exec value, quotes removed; ValueError where the rules
    of the specification are broken."""
    args: list[str] = []
    i, n = 0, len(command)
    while i < n:
        if command[i] == " ":
            i += 1
            continue
        arg = []
        if command[i] == '"':
            i += 1
            while True:
                if i >= n:
                    raise ValueError("a quoted argument is not closed")
                ch = command[i]
                if ch == '"':
                    i += 1
                    break
                if ch == "\\":
                    nxt = command[i + 1: i + 2]
                    if nxt not in QUOTED_ESCAPES:
                        raise ValueError(f"inside quotes \\{nxt} is not a valid escape")
                    arg.append(nxt)
                    i += 2
                    continue
                if ch in QUOTED_ESCAPES:
                    raise ValueError(f"{ch!r} inside quotes must be escaped with a backslash")
                if ch == "%" and command[i + 1: i + 2] != "%":
                    raise ValueError("a field code may not be quoted")
                arg.append(ch)
                i += 1
            if i < n and command[i] != " ":
                raise ValueError("a quoted argument must be a whole argument")
        else:
            while i < n and command[i] != " ":
                ch = command[i]
                if ch in RESERVED:
                    raise ValueError(f"reserved character {ch!r} outside quotes")
                arg.append(ch)
                i += 1
        args.append("".join(arg))
    return args


def _check_exec(value: str) -> list[str]:
    try:
        args = exec_arguments(unescape(value))
    except ValueError as exc:
        return [f"Exec: {exc}"]
    if not args:
        return ["Exec: no program"]
    problems, file_codes = [], 0
    for arg in args:
        codes = re.findall(r"%(.)", arg.replace("%%", ""))
        for code in codes:
            if code not in FIELD_CODES:
                problems.append(f"Exec: %{code} is not a (current) field code")
            elif code in FILE_CODES:
                file_codes += 1
                if arg != f"%{code}":
                    problems.append(f"Exec: %{code} must be an argument of its own")
        if arg.endswith("%") and not arg.endswith("%%"):
            problems.append("Exec: a lone % at the end of an argument")
    if file_codes > 1:
        problems.append("Exec: more than one of %f %F %u %U")
    return problems


def _check_value(key: str, value: str) -> list[str]:
    base = key.split("[", 1)[0]
    if base in BOOLEANS and value not in ("true", "false"):
        return [f"{key}: {value!r} is not true or false"]
    if base in LISTS and value and not value.endswith(";"):
        return [f"{key}: a list must end with ';'"]
    try:
        unescape(value)
    except ValueError as exc:
        return [f"{key}: {exc}"]
    problems = []
    if base == "Type" and value not in TYPES:
        problems.append(f"Type: {value!r} is not a known type")
    if base == "Version" and value not in VERSIONS:
        problems.append(f"Version: {value!r} is not a version of the specification")
    if base == "Exec":
        problems += _check_exec(value)
    if base == "Icon" and not value.startswith("/") and re.search(r"\.(png|svg|xpm)$", value):
        problems.append("Icon: an icon name has no file extension")
    if base == "MimeType":
        problems += [f"MimeType: {m!r} is not a MIME type"
                     for m in value.split(";") if m and not MIME.match(m)]
    if base == "Categories":
        cats = [c for c in value.split(";") if c]
        problems += [f"Categories: {c!r} is not registered" for c in cats
                     if c not in MAIN_CATEGORIES | ADDITIONAL_CATEGORIES and not c.startswith("X-")]
        if cats and not MAIN_CATEGORIES & set(cats):
            problems.append("Categories: no main category")
    return problems


def problems(text: str) -> list[str]:
    """What is wrong with a desktop entry's text (empty: valid)."""
    found: list[str] = []
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    group: str | None = None
    keys: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("["):
            if not line.endswith("]") or any(ch in line[1:-1] for ch in "[]"):
                found.append(f"line {number}: a bad group header")
            if group is None and line != "[Desktop Entry]":
                found.append("the first group must be [Desktop Entry]")
            group = line[1:-1]
            continue
        if group is None:
            found.append(f"line {number}: a key before the [Desktop Entry] group")
            continue
        if "=" not in line:
            found.append(f"line {number}: neither a key, a group nor a comment")
            continue
        key, value = (part.strip() for part in line.split("=", 1))
        if group != "Desktop Entry":
            continue
        if not KEY.match(key):
            found.append(f"line {number}: {key!r} is not a valid key")
            continue
        if key in keys:
            found.append(f"{key}: set twice")
        keys[key] = value
        base = key.split("[", 1)[0]
        if base not in KNOWN and not base.startswith("X-"):
            found.append(f"{key}: not a key of the specification (extensions start with X-)")
        found += _check_value(key, value)
    if group is None:
        found.append("no [Desktop Entry] group")
    for required in ("Type", "Name"):
        if required not in keys:
            found.append(f"{required}: missing")
    if keys.get("Type") == "Application" and "Exec" not in keys and keys.get("DBusActivatable") != "true":
        found.append("Exec: missing (an application needs one)")
    return found
