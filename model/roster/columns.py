"""The roster CSV's vocabulary: target fields, header aliases, value parsing.

Shared by the importer (`model.roster.to_map`), the file reader (`model.roster.reading`)
and the CSV exporter (`export.csv_roster`), so that what one writes the other
reads. Real rosters are HR exports with their own header names; the alias
table maps the common ones by itself, and the GUI lets a user correct it.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from model.roster.header_words import other_language_aliases


class RosterError(ValueError):
    """A roster that cannot be imported; `problems` holds one line per problem.

    A problem about one record starts with `line N: ` (N is the file line on
    which that record starts); a problem about the whole file names the file.
    """

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems) or ["the roster could not be read"]
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class Field:
    key: str
    label: str  # for the import dialog's combo box
    help: str = ""


# The fields a roster column can fill, in the order the import dialog offers them.
FIELDS: tuple[Field, ...] = (
    Field("name", "Name", "the person's full name (required)"),
    Field("first_name", "First name", "joined with the last name when there is no name column"),
    Field("last_name", "Last name", "joined with the first name when there is no name column"),
    Field("title", "Role / title"),
    Field("department", "Department", "for a customer: their organisation"),
    Field("kind", "Kind", "colleague (default) or customer"),
    Field("sourcing", "Sourcing", "insourced (default) or outsourced"),
    Field("vendor", "Vendor / organisation", "the outsourcing partner, or a customer's organisation"),
    Field("organisation", "Organisation (employer)", "the company everyone works for (the map's)"),
    Field("email", "Email"),
    Field("phone", "Phone"),
    Field("location", "Location"),
    Field("stage", "Stage", "the person's order-to-cash stage; their hand-offs start there"),
    Field("hands_off_to", "Hands off to", "names, emails or IDs, separated by ';'"),
    Field("hands_off_what", "What is handed over", "one text for all hand-offs, or one per hand-off (';')"),
    Field("hands_off_stage", "Hand-off stages", "one stage per hand-off (';'); empty: the person's stage"),
    Field("hands_off_why", "Why in this order", "one reason per hand-off (';')"),
    Field("hands_off_two_way", "Two-way hand-offs", "yes/no per hand-off (';')"),
    Field("story", "Story: what I hand on", "the line-of-sight story (or all of it, with prompt headings)"),
    Field("story_reaches_customer", "Story: how it reaches the customer"),
    Field("story_why_good", "Story: why I'm good at it"),
    Field("story_moment", "Story: a moment that mattered"),
    Field("sweet_spot", "Sweet spot", "yes/no: an essential customer contact point"),
    Field("what_they_do", "What they do"),
    Field("why_this_order", "Why it happens in this order"),
    Field("strengths", "Strengths"),
    Field("reports_to", "Reports to", "their manager's name, email or ID"),
    Field("id", "ID", "the roster's own ID for the person"),
    Field("map_id", "Map ID", "the person's id in a Contract Walk map (written by the CSV export)"),
)
FIELD_KEYS: frozenset[str] = frozenset(f.key for f in FIELDS)
FIELD_LABELS: dict[str, str] = {f.key: f.label for f in FIELDS}

PART_NAME_FIELDS = ("first_name", "last_name")  # used only when there is no name column
EXTRA = "extra"  # keep the column's values in Person.extra under the header text
IGNORE = "ignore"  # leave the column out
# Everything a column can be mapped to, for the import dialog's combo box.
FIELD_CHOICES: tuple[tuple[str, str], ...] = (
    *((f.key, f.label) for f in FIELDS),
    (EXTRA, "Keep as an extra field"),
    (IGNORE, "Ignore this column"),
)
CHOICE_KEYS: frozenset[str] = frozenset(key for key, _ in FIELD_CHOICES)

# A header written "extra: X" by the exporter is kept as extra field X, even if X looks like a field.
EXTRA_PREFIX = "extra: "

_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "fullname", "employee name", "person name", "display name",
             "contact name", "person", "employee", "staff name", "colleague", "worker", "worker name",
             "employee full name"),
    "first_name": ("first name", "firstname", "given name", "forename", "first"),
    "last_name": ("last name", "lastname", "surname", "family name", "last"),
    "title": ("title", "position", "job title", "role", "job", "job role", "position title",
              "designation", "role title", "jobtitle", "business title", "job title name", "position name",
              "job name"),
    "department": ("department", "dept", "team", "division", "department name", "business unit",
                   "org unit", "unit", "group", "dept name", "team name", "department description"),
    "kind": ("kind", "person kind", "colleague or customer"),
    "sourcing": ("sourcing", "insourced outsourced", "insourced or outsourced", "sourced"),
    "vendor": ("vendor", "partner", "supplier", "outsourcing partner", "organisation", "organization"),
    "organisation": ("company", "company name", "employer", "employer name", "legal entity",
                     "legal entity name"),
    "email": ("email", "e mail", "work email", "email address", "work email address", "mail",
              "business email", "work e mail", "company email", "e mail address", "primary work email",
              "employee email", "employee email address", "email work", "staff email"),
    "phone": ("phone", "telephone", "phone number", "work phone", "mobile", "mobile phone", "cell",
              "cell phone", "tel", "business phone", "office phone"),
    "location": ("location", "office", "site", "city", "work location", "office location"),
    "stage": ("stage", "order to cash stage", "otc stage", "walk stage"),
    "hands_off_to": ("hands off to", "hand off to", "handoff to", "handoffs to", "hand offs to",
                     "hands off", "passes to", "hands over to"),
    "hands_off_what": ("hands off what", "hand off what", "handoff what", "what", "what is handed over",
                       "hands over", "handed over"),
    "hands_off_stage": ("hands off stage", "hand off stage", "handoff stage", "hands off stages"),
    "hands_off_why": ("hands off why", "hand off why", "handoff why", "why in this order"),
    "hands_off_two_way": ("hands off two way", "hand off two way", "handoff two way", "two way"),
    "story": ("story", "line of sight", "line of sight story", "story hand on", "what i hand on"),
    "story_reaches_customer": ("story reaches customer", "how it reaches the customer"),
    "story_why_good": ("story why good", "why i m good at it", "why im good at it"),
    "story_moment": ("story moment", "a moment that mattered", "moment that mattered"),
    "sweet_spot": ("sweet spot", "sweetspot"),
    "what_they_do": ("what they do", "responsibilities", "job description"),
    "why_this_order": ("why this order", "why it happens in this order"),
    "strengths": ("strengths", "strength"),
    "reports_to": ("reports to", "manager", "supervisor", "boss id", "boss", "manager id", "manager name",
                   "supervisor id", "supervisor name", "line manager", "reports to id", "manager email",
                   "parent id", "reporting to", "direct manager", "manager full name", "manager employee id",
                   "manager email address", "reports to email", "reports to name", "supervisor email",
                   "supervisor employee id", "supervisor full name", "line manager name", "line manager id",
                   "manager number", "manager employee number", "supervisor number", "boss email",
                   "boss s email", "boss name", "boss email address", "direct supervisor",
                   "supervisor email address", "mgr", "mgr id", "mgr name", "mgr email",
                   "reports to employee id", "manager s name", "manager s email", "line manager email",
                   "immediate supervisor"),
    "id": ("id", "employee id", "personid", "person id", "employee number", "emp id", "staff id",
           "employee no", "employee #", "emp no", "worker id", "employeeid", "staff number", "emp number",
           "emp num", "employee num", "payroll number", "payroll id"),
    "map_id": ("map id",),
}
ALIASES: dict[str, str] = {alias: key for key, aliases in _ALIASES.items() for alias in aliases}
for _alias, _key in other_language_aliases().items():  # German Vorname, Japanese 部署 ...: the English wins
    ALIASES.setdefault(_alias, _key)


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def normalise_header(text: str) -> str:
    """'Work-E_mail ' -> 'work e mail', 'ManagerID' -> 'manager id': case, spaces, '_', '-', '.',
    '/', apostrophes, brackets ('Reports To (Email)') and camelCase word joins do not matter."""
    return re.sub(r"[\s_\-./'’()\[\]]+", " ", _CAMEL.sub(" ", text).casefold()).strip()


def field_for_header(header: str) -> str:
    """The field a header maps to by itself, or EXTRA when it is not one we know."""
    if header.casefold().startswith(EXTRA_PREFIX):
        return EXTRA
    return ALIASES.get(normalise_header(header), EXTRA)


def detect_mapping(headers: list[str]) -> dict[int, str]:
    """Column index -> field key (or EXTRA / IGNORE), from the header texts alone.

    When two columns look like the same field (e.g. 'Email' and 'Work Email')
    the first one wins and the others are kept as extra fields; a column with
    a blank header is ignored. With a full-name column, 'First Name' and
    'Last Name' columns are kept as extra fields (the name comes from one place).
    """
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for index, header in enumerate(headers):
        if not header.strip():
            mapping[index] = IGNORE
            continue
        key = field_for_header(header)
        if key in FIELD_KEYS and key in taken:
            key = EXTRA
        if key in FIELD_KEYS:
            taken.add(key)
        mapping[index] = key
    if "name" in taken:
        for index, key in mapping.items():
            if key in PART_NAME_FIELDS:
                mapping[index] = EXTRA
    return mapping


def extra_key(header: str) -> str:
    """The Person.extra key for a column: its header, without the exporter's 'extra: ' prefix."""
    return header[len(EXTRA_PREFIX):] if header.casefold().startswith(EXTRA_PREFIX) else header


# ----- values -------------------------------------------------------------

KIND_WORDS: dict[str, str] = {
    "colleague": "colleague", "employee": "colleague", "staff": "colleague", "internal": "colleague",
    "customer": "customer", "client": "customer",
}
SOURCING_WORDS: dict[str, str] = {
    "insourced": "insourced", "in house": "insourced", "inhouse": "insourced", "internal": "insourced",
    "outsourced": "outsourced", "external": "outsourced", "partner": "outsourced",
}
_TRUE = {"yes", "y", "true", "1", "x", "✓", "two way", "both"}
_FALSE = {"no", "n", "false", "0", "", "one way"}


def parse_kind(text: str) -> str | None:
    """'Customer' -> 'customer'; empty -> 'colleague'; None if unknown."""
    key = normalise_header(text)
    return "colleague" if not key else KIND_WORDS.get(key)


def parse_sourcing(text: str) -> str | None:
    key = normalise_header(text)
    return "insourced" if not key else SOURCING_WORDS.get(key)


def parse_flag(text: str) -> bool | None:
    """yes/no, true/false, 1/0, x; None if it is neither."""
    key = normalise_header(text)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    return None


# ----- ';'-separated lists --------------------------------------------------
# Inside a list cell a literal ';' is written '\;' and a literal backslash '\\';
# any other backslash is kept as typed, so a hand-written 'C:\specs' survives.

def split_list(cell: str) -> list[str]:
    """'a; b\\;c' -> ['a', 'b;c'] (items stripped; an empty cell is an empty list)."""
    if not cell.strip():
        return []
    items: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(cell):
        ch = cell[i]
        if ch == "\\" and i + 1 < len(cell) and cell[i + 1] in ";\\":
            current.append(cell[i + 1])
            i += 2
            continue
        if ch == ";":
            items.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
        i += 1
    items.append("".join(current).strip())
    return items


def escape_item(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;")


def join_list(items: Iterable[str]) -> str:
    """The inverse of split_list for items without surrounding spaces."""
    return "; ".join(escape_item(item) for item in items)


# ----- spreadsheet formula guard --------------------------------------------
# A cell starting with = + - @ (or a tab / CR) runs as a formula when the CSV is
# opened in a spreadsheet. The exporter writes such cells with a leading
# apostrophe (the spreadsheet's own "this is text" mark) and the importer takes
# it off again, so a round trip gives back exactly what was typed.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def guard_cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def unguard_cell(text: str) -> str:
    if len(text) >= 2 and text[0] == "'" and text[1] in "=+-@\t\r'":
        return text[1:]
    return text


# ----- a story in one cell ----------------------------------------------------
_PROMPT_HEADINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("hand_on", ("what i hand on",)),
    ("reaches_customer", ("how it reaches the customer",)),
    ("why_good", ("why i'm good at it", "why i’m good at it", "why i am good at it", "why im good at it")),
    ("moment", ("a moment that mattered", "moment that mattered")),
)
_HEADING_RE = re.compile(
    r"^[ \t]*(" + "|".join(re.escape(h) for _, hs in _PROMPT_HEADINGS for h in hs) + r")[ \t]*[:\-–—][ \t]*",
    re.IGNORECASE | re.MULTILINE,
)


def split_story(text: str) -> dict[str, str]:
    """A whole story in one cell -> the four prompts.

    Text under the prompt headings ('How it reaches the customer: ...' at the
    start of a line) goes to that prompt; text before the first heading, or a
    story with no headings at all, goes to the first prompt as typed.
    """
    out = {"hand_on": "", "reaches_customer": "", "why_good": "", "moment": ""}
    matches = list(_HEADING_RE.finditer(text))
    if not matches:
        out["hand_on"] = text
        return out
    by_heading = {h: key for key, hs in _PROMPT_HEADINGS for h in hs}
    lead = text[: matches[0].start()].strip()
    if lead:
        out["hand_on"] = lead
    for n, match in enumerate(matches):
        end = matches[n + 1].start() if n + 1 < len(matches) else len(text)
        key = by_heading[match.group(1).casefold()]
        body = text[match.end():end].strip()
        out[key] = f"{out[key]}\n\n{body}".strip() if out[key] else body
    return out


def shorten(text: str, limit: int = 60) -> str:
    """A path or name cut to fit one readable error line (a 300-character name would not)."""
    return text if len(text) <= limit else f"{text[:limit - 1]}… ({len(text):,} characters)"


def shown(text: str, limit: int = 60) -> str:
    """A user's value quoted for a one-line message: control characters escaped, long text cut."""
    cut = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(cut)
