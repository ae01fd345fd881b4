"""Insights computed from the map (networkx, on demand): the walk in order, the findings,
what the map says to "you", and the report as text. Plain data out; nothing here changes a map.
"""
