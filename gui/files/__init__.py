"""The open map's file life and its dialogs: new/open/save, the lock and autosave guard,
crash recovery, the start page, roster import and every export.
"""
