"""The screenshot script renders the desk with the sample project, in both languages."""

from __future__ import annotations

from PySide6.QtGui import QImage

from annotator.ui import screenshots


def test_the_screenshots_show_the_window_in_english_and_arabic(qtbot, tmp_path,
                                                                monkeypatch):
    monkeypatch.setenv("TAWSIM_HOME", str(tmp_path / "not-used"))
    written = screenshots.render(tmp_path / "shots")
    assert [p.name for p in written] == ["desk-en.png", "search-en.png", "review-en.png",
                                         "desk-ar.png", "search-ar.png", "review-ar.png"]
    for path in written:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (screenshots.WINDOW_SIZE.width(),
                                                   screenshots.WINDOW_SIZE.height())
    assert not (tmp_path / "not-used").exists()  # it never touched the user's settings
