"""The PySide6 front end. It mirrors the model.Document and changes it only through gui.commands."""
