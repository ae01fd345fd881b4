"""The inspector dock: one form page per kind of selection (person, department, hand-off,
the map itself), built from bound fields that push undoable edits.
"""
