"""The jobs the canvas scene (gui/canvas/scene.py) hands out: the id -> item maps, the lanes laid
out again only where an edit reached, document events turned into item updates, and selection."""
