"""Maps shared between people: a three-way merge by id and field, the revisions a map
remembers so a common ancestor can be found, conflicts kept for review, and changes told in words.
"""
