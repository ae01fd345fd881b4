"""Outputs made from a map: the PDF playbook, PNG/SVG/GraphML pictures and CSV.

Nothing here imports PySide6, so `main.py export` runs on a server with no display.
"""
