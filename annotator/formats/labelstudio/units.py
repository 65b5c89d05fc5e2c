"""Offsets in UTF-16 units, which older Label Studio wrote, recognised and made code points."""

from __future__ import annotations

from typing import Any

from annotator.core.offsets import Utf16Map


class OffsetUnits:
    """Recognises offsets counted in UTF-16 units, which older Label Studio wrote."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._map: Utf16Map | None = None
        self.converted = 0

    def code_points(self, start: int, end: int, covered: Any) -> tuple[int, int]:
        """The offsets as they are, unless only as UTF-16 units do they cover `covered`."""
        text = self.text
        if not isinstance(covered, str) or text[start:end] == covered:
            return start, end
        if self._map is None:
            self._map = Utf16Map(text)
        try:
            moved = self._map.from_utf16(start), self._map.from_utf16(end)
        except (IndexError, ValueError):
            return start, end
        if text[moved[0]:moved[1]] == covered:
            self.converted += 1
            return moved
        return start, end

