from __future__ import annotations

import io

from customer_room.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_in_ci_logs() -> None:
    stream = io.StringIO()
    progress = Progress("clips", 20, stream)
    for _ in range(20):
        progress.advance()
    lines = stream.getvalue().splitlines()
    assert lines[0] == "clips: 1/20" and lines[-1] == "clips: 20/20"
    assert len(lines) == 11  # one a tenth, not one a clip
    assert "\r" not in stream.getvalue()


def test_a_bar_on_a_terminal() -> None:
    stream = Terminal()
    progress = Progress("photos", 4, stream)
    for _ in range(4):
        progress.advance()
    text = stream.getvalue()
    assert text.count("\r") == 4 and text.endswith("4/4\n")
    assert "[##############################]" in text
