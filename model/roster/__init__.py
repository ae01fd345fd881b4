"""Rosters (HR exports) in and out of maps: reading CSV/Excel files, the column vocabulary,
resolving who hands off to whom and who reports to whom, and turning rows into people.
"""
