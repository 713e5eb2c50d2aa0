"""Reading content files as text and YAML, keeping the line of every key for error messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Loc = tuple[str | int, ...]


class SourceError(Exception):
    """A file that cannot be read as the text or YAML it should be."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class YamlDoc:
    """Parsed YAML data plus the line where each key (by its path) was written."""

    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    first_line: int = 1

    def line_of(self, loc: Loc) -> int:
        """The line of the deepest written part of ``loc`` (a missing key: its parent's)."""
        for end in range(len(loc), 0, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return self.first_line


def read_text(path: Path) -> str:
    """Read a UTF-8 file (a spreadsheet's byte-order mark is allowed) or explain what is wrong."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(
            "is not UTF-8 text — save it again as UTF-8 (in a spreadsheet: 'CSV UTF-8')", line
        ) from exc


def _record_lines(node: yaml.Node, loc: Loc, lines: dict[Loc, int], offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            lines[(*loc, key)] = key_node.start_mark.line + 1 + offset
            _record_lines(value_node, (*loc, key), lines, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*loc, index)] = item.start_mark.line + 1 + offset
            _record_lines(item, (*loc, index), lines, offset)


def yaml_lines(text: str) -> dict[Loc, int]:
    """Where each key of a YAML text is, without building its values (any tag is fine)."""
    node = yaml.compose(text, Loader=_SafeLoader)
    lines: dict[Loc, int] = {}
    if node is not None:
        _check_node(node, 0)
        _record_lines(node, (), lines, 0)
    return lines


# libyaml's parser when PyYAML was built with it (about ten times faster), else PyYAML's own.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return str(node.value)


class _RoomLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """Safe YAML where dates stay text, so the models can explain an impossible date per field."""


class _ExplainingLoader(yaml.SafeLoader):
    """PyYAML's own parser: slower, but its messages say what it found ("expected ',' or ']',
    but got ':'"), so a file that fails is read again with it to explain the problem."""


for _loader in (_RoomLoader, _ExplainingLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def _load(text: str, loader_class: type[yaml.SafeLoader]) -> tuple[yaml.Node | None, Any]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


# What one content file may cost: its size, and the values it holds once every alias (*name)
# is read out (nine lines of nested aliases — "a billion laughs" — hold a billion values).
MAX_YAML_BYTES = 20 * 1024 * 1024
MAX_YAML_VALUES = 200_000


def parse_yaml(text: str, *, line_offset: int = 0) -> YamlDoc:
    """Parse YAML safely (no Python objects) and remember where each key is. A file too large,
    one whose aliases expand past :data:`MAX_YAML_VALUES` values, or one that writes a key
    twice in the same mapping is refused with the line to change."""
    _check_size(text)
    try:
        node, data = _load(text, _RoomLoader)
    except yaml.YAMLError:
        try:
            node, data = _load(text, _ExplainingLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 + line_offset if mark else None
            problem = exc.problem or exc.context or "cannot be read"
            raise SourceError(
                f"YAML is malformed ({problem}) — check indentation, colons and quotes", line
            ) from exc
        except yaml.YAMLError as exc:
            raise SourceError(f"YAML is malformed ({exc}) — check the file's syntax") from exc
    lines: dict[Loc, int] = {}
    if node is not None:
        _check_node(node, line_offset)
        _record_lines(node, (), lines, line_offset)
    return YamlDoc(data, lines, first_line=1 + line_offset)


def _check_size(text: str) -> None:
    if len(text) > MAX_YAML_BYTES:
        raise SourceError(
            f"is {len(text) / 1e6:.0f} MB of YAML, over the limit of "
            f"{MAX_YAML_BYTES / 1e6:.0f} MB — split it, or move long texts into pages"
        )


def check_cost(text: str) -> None:
    """Refuse a YAML file that MkDocs (or another reader) would load — its tags left as they
    are — if it is too large, expands past the limit, or writes a key twice."""
    _check_size(text)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return  # the reader says what is malformed
    if node is not None:
        _check_node(node, 0)


_KEYS = yaml.constructor.SafeConstructor()


def _key_read(node: yaml.ScalarNode) -> object:
    """A key as YAML reads it: 'yes', 'true' and 'on' are all the same key (true), as are 16
    and 0x10."""
    if node.tag in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:null"):
        try:
            return (node.tag, _KEYS.construct_object(node))
        except (yaml.YAMLError, ValueError):
            pass
        finally:
            _KEYS.constructed_objects.clear()
    return (node.tag, node.value)


def _check_node(root: yaml.Node, offset: int) -> None:
    """Count the values ``root`` holds with its aliases read out, stopping at the limit, and
    find a key written twice in one mapping."""
    count = 0
    stack = [root]
    while stack:
        node = stack.pop()
        count += 1
        if count > MAX_YAML_VALUES:
            raise SourceError(
                f"holds over {MAX_YAML_VALUES:,} values once its aliases (*name) are read out "
                "— write the values out instead of nesting aliases",
                node.start_mark.line + 1 + offset,
            )
        if isinstance(node, yaml.MappingNode):
            seen: dict[object, tuple[str, int]] = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value != "<<":
                    line = key_node.start_mark.line + 1 + offset
                    key = _key_read(key_node)
                    if key in seen:
                        written, at = seen[key]
                        same = "" if written == key_node.value else f" as '{written}'"
                        raise SourceError(
                            f"'{key_node.value}' is written twice in the same place (first on "
                            f"line {at}{same}) — YAML keeps only the last one; "
                            "delete or rename one of them",
                            line,
                        )
                    seen[key] = (key_node.value, line)
                stack += [key_node, value_node]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value


@dataclass
class MarkdownDoc:
    """A Markdown file split into its YAML front matter and its body."""

    meta: YamlDoc
    body: str
    body_line: int


def parse_front_matter(text: str) -> MarkdownDoc:
    """Split ``---`` delimited YAML front matter from the Markdown body."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return MarkdownDoc(YamlDoc({}), text, 1)
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            meta = parse_yaml("".join(lines[1:index]), line_offset=1)
            if meta.data is None:
                meta.data = {}
            return MarkdownDoc(meta, "".join(lines[index + 1 :]), index + 2)
    raise SourceError("front matter is not closed — add a line '---' after the fields", 1)
