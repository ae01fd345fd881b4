"""The inspector dock: one form page per kind of selection (person, department, hand-off,
the map itself), built from bound fields (`bindings.py`) that push undoable edits.
"""
