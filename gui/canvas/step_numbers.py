"""Step numbers for the hand-off arrows, in walk order.

The walk comes from the analysis's WalkGraph (the same order as `check`, the
step-through and the playbook) without computing every finding, so it stays
cheap enough to refresh after each edit (debounced by the scene)."""
from __future__ import annotations

from model.appearance import step_numbers
from model.document import Document


def handoff_steps(doc: Document) -> dict[str, int]:
    """Hand-off id -> 1-based step, exactly as every export numbers them (model/appearance.py)."""
    return step_numbers(doc)
