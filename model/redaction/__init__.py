"""Redaction: a copy of a map in which no person can be recognised (names, first names,
possessives, contact details; organisations on request), which every export prints when asked.
"""
