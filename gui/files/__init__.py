"""The open map's file life and its dialogs: the map session (map_session.py: open, save, close,
lock, autosave guard, recovery, what a restart reopens), the start page, roster import and every export.
"""
