"""What the palette drags onto the canvas (one MIME type, a short text payload)."""
from __future__ import annotations

TILE_MIME = "application/x-contractwalk-tile"

# payloads
NEW_COLLEAGUE = "new:colleague"
NEW_CUSTOMER = "new:customer"
NEW_DEPARTMENT = "new:department"
PERSON_PREFIX = "person:"  # followed by a person id from the roster


def person_payload(pid: str) -> str:
    return PERSON_PREFIX + pid


def parse_payload(text: str) -> tuple[str, str]:
    """('new', 'colleague' | 'customer' | 'department') or ('person', id); ('', '') if unknown."""
    if text in (NEW_COLLEAGUE, NEW_CUSTOMER, NEW_DEPARTMENT):
        return "new", text.split(":", 1)[1]
    if text.startswith(PERSON_PREFIX) and len(text) > len(PERSON_PREFIX):
        return "person", text[len(PERSON_PREFIX) :]
    return "", ""
