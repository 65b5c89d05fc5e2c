"""The Qt-free, SQLite-free heart of Tawsim: text, offsets, model, scheme and edit commands."""
