"""What the canvas view paints itself instead of asking the scene for, to keep pan and zoom
frames cheap on a big map (pinned.py: the headers pinned to the view's edges)."""
