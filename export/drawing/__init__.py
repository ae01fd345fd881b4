"""The map as a vector drawing (cards, hand-off arrows, stubs) for PDF map pages, PNG and SVG.
Qt-free: reportlab graphics, following model/appearance.py and model/arrows.py.
"""
