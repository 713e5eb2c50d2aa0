from __future__ import annotations

from pathlib import Path

import pytest

from customer_room.content.yaml_files import SourceError, parse_front_matter, parse_yaml, read_text


def test_yaml_keeps_the_line_of_every_key() -> None:
    doc = parse_yaml("name: Ada\ngoals:\n  - one\n  - two\nat_a_glance:\n  Age: '34'\n")
    assert doc.data["goals"] == ["one", "two"]
    assert doc.line_of(("name",)) == 1
    assert doc.line_of(("goals", 1)) == 4
    assert doc.line_of(("at_a_glance", "Age")) == 6
    # A missing key falls back to the line of its parent.
    assert doc.line_of(("at_a_glance", "Lives")) == 5


def test_malformed_yaml_names_its_line() -> None:
    with pytest.raises(SourceError) as caught:
        parse_yaml("name: Ada\ngoals: [one, two\ntagline: x\n")
    assert caught.value.line is not None and caught.value.line >= 2
    assert "YAML is malformed" in caught.value.message


def test_yaml_is_loaded_safely() -> None:
    with pytest.raises(SourceError):
        parse_yaml("x: !!python/object/apply:os.system ['echo pwned']\n")


def test_front_matter_lines_count_from_the_file_start() -> None:
    doc = parse_front_matter("---\nname: Ada\ntagline: hi\n---\n# Body\n")
    assert doc.meta.line_of(("tagline",)) == 3
    assert doc.body == "# Body\n"
    assert doc.body_line == 5


def test_unclosed_front_matter_is_explained() -> None:
    with pytest.raises(SourceError, match="not closed"):
        parse_front_matter("---\nname: Ada\n")


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "quotes.csv"
    path.write_bytes(b"\xef\xbb\xbftext\nhello\n")
    assert read_text(path).startswith("text")


def test_invalid_utf8_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "persona.md"
    path.write_bytes(b"---\nname: Jos\xe9\n---\n")
    with pytest.raises(SourceError) as caught:
        read_text(path)
    assert caught.value.line == 2
    assert "UTF-8" in caught.value.message
