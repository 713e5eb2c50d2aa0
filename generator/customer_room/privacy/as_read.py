"""A text as its reader sees it, with the way back to where each character came from.

Content is written in Markdown and HTML, and may arrive decomposed ("u" then a combining
diaeresis): a reader of the site sees ``555\\-0147`` as "555-0147", ``Dana&nbsp;Okafor`` as
"Dana Okafor", ``Oka&shy;for`` as "Okafor" and "Bru\u0308ckner" (or ``Bru&#776;ckner``) as
"Brückner". The detectors read what the reader sees, so that a name or a number is found
however it was typed, and the hits are put back on the text as written.
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
WRITTEN = re.compile(f"{MARKDOWN_ESCAPE}|{ENTITY}")
# A character with the combining marks that follow it.
CLUSTER = re.compile(r".[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+", re.S)
# Spaces a reader cannot tell from a space, and characters a reader does not see at all.
SPACES = re.compile("[\u00a0\u2007\u202f\u2009\u2018\u2019]")
SAME_AS = {"\u2018": "'", "\u2019": "'"}  # and apostrophes, typed curly or straight
UNSEEN = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class AsRead:
    """``text`` as read, and for each of its characters the span of the source it came from
    (None when the two are the same)."""

    text: str
    spans: Spans | None = None

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        if self.spans is None or start >= end:
            return start, end
        return self.spans[start][0], self.spans[end - 1][1]


def as_read(text: str) -> AsRead:
    """``text`` with Markdown escapes and HTML character references read, characters nobody
    sees (a soft hyphen, a zero-width space) left out, combining marks composed (NFC) and
    no-break spaces as spaces."""
    if not WRITTEN.search(text) and not CLUSTER.search(text) and UNSEEN.isdisjoint(text):
        return AsRead(_spaced(text))  # same length: every offset holds
    plain, spans = _decoded(text)
    composed, composed_spans = _composed(plain, spans)
    return AsRead(_spaced(composed), composed_spans)


def _decoded(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Escapes and references read, unseen characters left out (their place joins the
    character before)."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []

    def add(chars: str, start: int, end: int) -> None:
        for char in chars:
            if char in UNSEEN:
                if spans:
                    spans[-1] = (spans[-1][0], end)
                continue
            plain.append(char)
            spans.append((start, end))

    position = 0
    for match in WRITTEN.finditer(text):
        for index in range(position, match.start()):
            add(text[index], index, index + 1)
        written = match.group()
        add(written[1] if written.startswith("\\") else html.unescape(written), *match.span())
        position = match.end()
    for index in range(position, len(text)):
        add(text[index], index, index + 1)
    return "".join(plain), spans


def _composed(plain: str, spans: list[tuple[int, int]]) -> tuple[str, Spans]:
    """``plain`` in NFC, each composed character spanning what it was made of."""
    if not CLUSTER.search(plain):
        return plain, tuple(spans)
    out: list[str] = []
    out_spans: list[tuple[int, int]] = []
    position = 0
    for match in CLUSTER.finditer(plain):
        out.extend(plain[position : match.start()])
        out_spans.extend(spans[position : match.start()])
        whole = (spans[match.start()][0], spans[match.end() - 1][1])
        for char in unicodedata.normalize("NFC", match.group()):
            out.append(char)
            out_spans.append(whole)
        position = match.end()
    out.extend(plain[position:])
    out_spans.extend(spans[position:])
    return "".join(out), tuple(out_spans)


def _spaced(text: str) -> str:
    if not SPACES.search(text):
        return text
    return SPACES.sub(lambda m: SAME_AS.get(m.group(), " "), text)
