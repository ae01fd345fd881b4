"""The canvas: the scene that mirrors a Document, its view, the graphics items, and the
small interaction classes (drag, draw a hand-off, drop, paste, find) that turn gestures into commands.
"""
