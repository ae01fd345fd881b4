"""The big lists of the side panels as plain data, and their updates in place.

`roster_rows.py`: the palette's roster rows (one definition for the rebuild and the
one-person update); `roster_model.py`: the list model and painter that show them.
`findings_tree.py`: the insights' findings tree, made from rows built on the analysis
worker and touched only where a finding changed. Both exist so an edit on a
10,000-person map costs what it changes, not what the map holds.
"""
