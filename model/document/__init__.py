"""The document: the one place a map changes (core), the rules every item must keep (checks),
what a removal takes along and how undo puts it back (removal), and entries inside items (nested)."""
from __future__ import annotations

from model.document.checks import DocumentError
from model.document.core import COLLECTIONS, Document
from model.document.removal import Removal

__all__ = ["COLLECTIONS", "Document", "DocumentError", "Removal"]
