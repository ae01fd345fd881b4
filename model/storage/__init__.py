"""Maps on disk: the .cwalk format and its migrations, (de)serialising a Document, atomic
writes with backups, and autosave snapshots for crash recovery. The only place tinydb is used.
"""
