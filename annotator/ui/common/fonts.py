"""The Arabic font the app ships with, so articles render on machines with no Arabic fonts.

Noto Sans Arabic (SIL Open Font License) comes from the fontpkg-noto-sans-arabic package and
is registered with Qt at start-up; the article view asks for it by family name.
"""

from __future__ import annotations

from functools import cache

import fontpkg_noto_sans_arabic
from PySide6.QtGui import QFont, QFontDatabase

ARTICLE_FAMILY = "Noto Sans Arabic"
ARTICLE_POINT_SIZE = 15
MIN_POINT_SIZE, MAX_POINT_SIZE = 8, 48


@cache
def register_fonts() -> tuple[str, ...]:
    """Register the shipped font files with Qt (once); the families they provide."""
    families: list[str] = []
    for path in sorted((fontpkg_noto_sans_arabic.ROOT / "files").glob("*.[ot]tf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return tuple(dict.fromkeys(families))


def article_font(zoom: int = 0) -> QFont:
    register_fonts()
    font = QFont(ARTICLE_FAMILY)
    size = min(max(ARTICLE_POINT_SIZE + zoom, MIN_POINT_SIZE), MAX_POINT_SIZE)
    font.setPointSize(size)
    return font


def interface_font(base: QFont, arabic_first: bool) -> QFont:
    """The font for menus and panels: the system's with the shipped Arabic font beside it, so
    Arabic labels never fall back to boxes. In the Arabic interface the shipped font leads."""
    register_fonts()
    font = QFont(base)
    others = [family for family in base.families() if family != ARTICLE_FAMILY]
    font.setFamilies([ARTICLE_FAMILY, *others] if arabic_first else [*others, ARTICLE_FAMILY])
    return font
