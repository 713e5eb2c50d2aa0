"""A text as its reader sees it, with the way back to where each character came from.

Content is written in Markdown and HTML, and may arrive decomposed ("u" then a combining
diaeresis): a reader of the site sees ``555\\-0147`` as "555-0147", ``Dana&nbsp;Okafor`` as
"Dana Okafor" and "Bru\u0308ckner" as "Brückner". The detectors read what the reader sees, so
that a name or a number is found however it was typed, and the hits are put back on the text
as written.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

# What a backslash may escape in Markdown: "555\-0147" is read, and shown, as "555-0147".
MARKDOWN_ESCAPE = r"\\[!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~]"
# A character reference: "&nbsp;", "&#160;", "&#xA0;".
ENTITY = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
# A character with the combining marks that follow it.
CLUSTER = r".[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
WRITTEN = re.compile(f"{MARKDOWN_ESCAPE}|{ENTITY}|{CLUSTER}", re.S)
# Spaces a reader cannot tell from a space.
SPACES = re.compile("[\u00a0\u2007\u202f\u2009]")


@dataclass(frozen=True)
class AsRead:
    """``text`` as read, and for each of its characters the span of the source it came from
    (None when the two are the same)."""

    text: str
    spans: tuple[tuple[int, int], ...] | None = None

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        if self.spans is None or start >= end:
            return start, end
        return self.spans[start][0], self.spans[end - 1][1]


def as_read(text: str) -> AsRead:
    """``text`` with Markdown escapes and HTML character references read, combining marks
    composed (NFC) and no-break spaces as spaces."""
    if not WRITTEN.search(text):
        return AsRead(_spaced(text))  # same length: every offset holds
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    position = 0
    for match in WRITTEN.finditer(text):
        for index in range(position, match.start()):
            plain.append(text[index])
            spans.append((index, index + 1))
        written = match.group()
        if written.startswith("\\"):
            read = written[1]
        elif written.startswith("&"):
            read = html.unescape(written)
        else:
            read = unicodedata.normalize("NFC", written)
        for char in read:
            plain.append(char)
            spans.append(match.span())
        position = match.end()
    for index in range(position, len(text)):
        plain.append(text[index])
        spans.append((index, index + 1))
    return AsRead(_spaced("".join(plain)), tuple(spans))


def _spaced(text: str) -> str:
    return SPACES.sub(" ", text) if SPACES.search(text) else text
