"""A detector that writes down every text it is asked about (for tests of what is read again)."""

from __future__ import annotations

from customer_room.privacy.pii import NOTHING_KNOWN, Detector, Hit, Said


class CountingDetector(Detector):
    def __init__(self, **options: object) -> None:
        super().__init__(**options)  # type: ignore[arg-type]
        self.texts: list[str] = []

    def find(self, text: str, said: Said = NOTHING_KNOWN) -> list[Hit]:
        self.texts.append(text)
        return super().find(text, said)
