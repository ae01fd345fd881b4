"""The things a map is made of. Plain dataclasses; the Document validates and changes them."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field

COLLEAGUE = "colleague"
CUSTOMER = "customer"
KINDS = (COLLEAGUE, CUSTOMER)
INSOURCED = "insourced"
OUTSOURCED = "outsourced"
SOURCINGS = (INSOURCED, OUTSOURCED)

# One calm palette of twelve distinguishable department colours (canvas and PDF share it).
DEPARTMENT_COLORS: tuple[str, ...] = (
    "#4E79A7", "#F28E2B", "#59A14F", "#B07AA1", "#76B7B2", "#EDC948",
    "#E15759", "#9C755F", "#86BCB6", "#FF9DA7", "#8CD17D", "#BAB0AC",
)
CUSTOMER_COLOR = "#2F3E46"

# The integrity check-up's standing statements (PRODUCT.md); coaches may add their own.
STANDARD_STATEMENTS: tuple[tuple[str, str], ...] = (
    ("heroes", "The front line is treated as the heroes of the business."),
    ("core_customers", "We are clear who our core customers are."),
    ("voices", "The voices of customers and employees are in every important decision."),
)
# The three areas that confuse customers, each scored 1 (poor) to 5 (strong).
THREE_AREAS: tuple[tuple[str, str], ...] = (
    ("messages", "Consistency of marketing and sales messages"),
    ("quality", "Consistent quality of output"),
    ("churn", "Employee churn (the same faces for the customer)"),
)
SCALE_MIN, SCALE_MAX = 1, 5
SCALE_LABELS = ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree")


def new_id() -> str:
    return uuid.uuid4().hex


@dataclass
class Story:
    """A role's line-of-sight story, answered under four prompts."""

    hand_on: str = ""  # what I hand on
    reaches_customer: str = ""  # how it reaches the customer
    why_good: str = ""  # why I'm good at it
    moment: str = ""  # a moment that mattered
    sweet_spot: bool = False  # an essential customer contact point

    PROMPTS = (
        ("hand_on", "What I hand on"),
        ("reaches_customer", "How it reaches the customer"),
        ("why_good", "Why I'm good at it"),
        ("moment", "A moment that mattered"),
    )

    def is_written(self) -> bool:
        return any(getattr(self, key).strip() for key, _ in self.PROMPTS)


@dataclass
class OutreachEntry:
    date: str  # ISO date, yyyy-mm-dd
    channel: str = ""  # call, email, coffee, meeting ...
    note: str = ""
    id: str = field(default_factory=new_id)


@dataclass
class Person:
    """A colleague in the walk, or a customer contact (kind == 'customer')."""

    name: str
    title: str = ""
    department_id: str | None = None
    kind: str = COLLEAGUE
    sourcing: str = INSOURCED
    vendor: str = ""  # the outsourcing partner, or a customer's organisation
    email: str = ""
    phone: str = ""
    location: str = ""
    what_they_do: str = ""
    why_this_order: str = ""
    strengths: str = ""
    stage: str | None = None
    placed: bool = True  # False: on the roster, not yet dragged into the walk
    pos: tuple[float, float] = (0.0, 0.0)  # top-left of the card, scene units
    story: Story = field(default_factory=Story)
    outreach: list[OutreachEntry] = field(default_factory=list)
    external_id: str = ""  # the roster's own ID column
    reports_to: str | None = None  # another person's id
    extra: dict[str, str] = field(default_factory=dict)  # roster columns we do not know
    id: str = field(default_factory=new_id)
    # keep-in-touch cadence in days: None = the map's "stale after", 0 = no reminders (model/reachout.py)
    cadence_days: int | None = None
    left: bool = False  # not in the latest roster merged into the map: "left?" until the user says

    @property
    def is_customer(self) -> bool:
        return self.kind == CUSTOMER

    def last_contact(self) -> str | None:
        dates = [e.date for e in self.outreach if e.date]
        return max(dates) if dates else None


@dataclass
class Department:
    name: str
    color: str = DEPARTMENT_COLORS[0]
    serving_definition: str = ""  # what "serving the customer" means here
    kpis: list[str] = field(default_factory=list)
    lane_height: float = 0.0  # 0: as tall as its cards need; otherwise the user's size
    id: str = field(default_factory=new_id)


@dataclass
class Handoff:
    source: str  # person id
    target: str  # person id
    what: str = ""
    stage: str | None = None
    why_order: str = ""
    two_way: bool = False  # interactive (both ways) rather than linear
    id: str = field(default_factory=new_id)


@dataclass
class Statement:
    """A check-up statement, answered on the agree/disagree scale."""

    text: str
    standard: bool = False
    id: str = field(default_factory=new_id)


@dataclass
class Checkup:
    date: str  # ISO date
    answers: dict[str, int] = field(default_factory=dict)  # statement id -> 1..5
    areas: dict[str, int] = field(default_factory=dict)  # THREE_AREAS key -> 1..5
    note: str = ""
    id: str = field(default_factory=new_id)


@dataclass
class ActionItem:
    text: str
    owner: str = ""
    due: str = ""  # ISO date or empty
    done: bool = False
    id: str = field(default_factory=new_id)


@dataclass
class Session:
    date: str  # ISO date
    title: str = ""
    notes: str = ""
    action_items: list[ActionItem] = field(default_factory=list)
    id: str = field(default_factory=new_id)


@dataclass
class MapInfo:
    """The map's own metadata."""

    title: str = "Untitled map"
    organisation: str = ""
    prepared_for: str = ""
    prepared_by: str = ""
    description: str = ""
    you_id: str | None = None  # the person marked "you are here"
    stale_days: int = 90  # contact older than this is stale
    template: str = ""
    # Sharing a map (model/merge*.py): each save gets a new revision id; the earlier ones are kept,
    # newest last, so a copy that comes back can be merged against the version both started from.
    revision: str = ""
    saved_at: str = ""  # when this revision was saved, ISO 8601 UTC
    ancestors: list[str] = field(default_factory=list)
    # conflicts a merge could not settle, kept for review (model/merging/three_way.py: Conflict.to_record)
    conflicts: list[dict[str, str]] = field(default_factory=list)
