"""The screenshot script renders the desk with the sample project, in both languages: the
desk, the desk with its help panel, search, predictions, curation, the scheme dialog."""

from __future__ import annotations

from PySide6.QtGui import QImage

from annotator.ui.shell import screenshots


def test_the_screenshots_show_the_window_in_english_and_arabic(qtbot, tmp_path,
                                                                monkeypatch):
    monkeypatch.setenv("TAWSIM_HOME", str(tmp_path / "not-used"))
    written = screenshots.render(tmp_path / "shots")
    names = ["desk", "help", "search", "review", "curation", "scheme"]
    assert [p.name for p in written] == [f"{name}-{language}.png" for language in ("en", "ar")
                                         for name in names]
    for path in written:
        image = QImage(str(path))
        size = (screenshots.WINDOW_SIZE.width(), screenshots.WINDOW_SIZE.height()) \
            if not path.name.startswith("scheme") else (980, 640)
        assert (image.width(), image.height()) == size
    assert not (tmp_path / "not-used").exists()  # it never touched the user's settings
