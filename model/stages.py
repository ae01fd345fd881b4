"""The ten order-to-cash stages a contract walks through, in order."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stage:
    id: str
    label: str
    question: str  # what a coach asks about this step


STAGES: tuple[Stage, ...] = (
    Stage("sell", "Sell", "Who makes the promise the contract is built on?"),
    Stage("contract", "Contract", "Who turns the promise into terms, and who checks them?"),
    Stage("specify", "Specify", "Who translates the terms into what must be built or delivered?"),
    Stage("procure", "Procure", "Who buys what the order needs, and from whom?"),
    Stage("build", "Build", "Who makes or configures it?"),
    Stage("deliver", "Deliver", "Who gets it to the customer, and how do they know it arrived?"),
    Stage("implement", "Implement", "Who installs it or sets it up with the customer?"),
    Stage("invoice", "Invoice", "Who bills it, and does the bill match the promise?"),
    Stage("collect", "Collect", "Who collects payment, and how do they treat the customer?"),
    Stage("renew", "Renew", "Who looks after the account and earns the next contract?"),
)

STAGE_IDS: tuple[str, ...] = tuple(s.id for s in STAGES)
_INDEX = {s.id: i for i, s in enumerate(STAGES)}
_BY_ID = {s.id: s for s in STAGES}


def stage_index(stage_id: str | None) -> int:
    """Position of a stage in the cycle; unknown or missing stages sort last."""
    if stage_id is None:
        return len(STAGES)
    return _INDEX.get(stage_id, len(STAGES))


def stage_label(stage_id: str | None) -> str:
    if stage_id is None:
        return "No stage"
    stage = _BY_ID.get(stage_id)
    return stage.label if stage else stage_id


def is_stage(stage_id: object) -> bool:
    return isinstance(stage_id, str) and stage_id in _INDEX


def parse_stage(text: str) -> str | None:
    """A stage id from user text ('Invoice', ' invoice ', 'INVOICE'); None if unknown."""
    key = text.strip().lower()
    if key in _INDEX:
        return key
    for s in STAGES:
        if s.label.lower() == key:
            return s.id
    return None
