"""PySide6 widgets only: windows, pages, dialogs. They call services and show results."""
