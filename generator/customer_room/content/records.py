"""Content files read into models: a file read only from inside the room, a record checked
against its model with every problem at its file, line and field, and tables of records from
YAML lists or spreadsheet CSV."""

from __future__ import annotations

import csv
import difflib
import io
from pathlib import Path
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from ..errors import Report, relative_name
from ..memo import Memo, stamp
from .models import date_order
from .yaml_files import Loc, SourceError, YamlDoc, parse_yaml, read_text

ModelT = TypeVar("ModelT", bound=BaseModel)


def inside_room(path: Path, root: Path) -> bool:
    """True when ``path``, with every link followed, stays inside the room."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def read_room_file(path: Path, root: Path, report: Report) -> str | None:
    name = relative_name(path, root)
    if not inside_room(path, root):
        report.error(name, "points outside the room — keep content files inside the room folder")
        return None
    try:
        return read_text(path)
    except SourceError as exc:
        report.error(name, exc.message, line=exc.line)
    except OSError as exc:
        report.error(name, f"cannot be read ({exc.strerror}) — check the file's permissions")
    return None


def build_model(
    model: type[ModelT], data: Any, doc: YamlDoc, path: str, report: Report, prefix: Loc = ()
) -> ModelT | None:
    """Validate ``data`` as ``model``: report problems with lines, warn on unknown fields."""
    if not isinstance(data, dict):
        report.error(path, "should hold 'field: value' lines", line=doc.line_of(prefix))
        return None
    known = set(model.model_fields)
    for key in data:
        if str(key) not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else f"known fields: {', '.join(sorted(known))}"
            )
            report.warn(
                path,
                f"unknown field, ignored — {hint}",
                line=doc.line_of((*prefix, key)),
                field=str(key),
            )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            name = ".".join(str(part) for part in loc) or None
            report.error(
                path, _explain(model, loc, err), line=doc.line_of((*prefix, *loc)), field=name
            )
        return None


def _explain(model: type[BaseModel], loc: tuple[Any, ...], err: Any) -> str:
    owner, info = _field_at(model, loc)
    hint = info.description if info and info.description else ""
    if err["type"] == "extra_forbidden":
        known = list(owner.model_fields)
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        suggestion = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(known)}"
        return f"unknown field — {suggestion}"
    if err["type"] == "missing":
        return f"required — add it: {hint}" if hint else "required — add it"
    message = str(err["msg"]).removeprefix("Value error, ")
    message = message[0].lower() + message[1:]
    # our own validators already say what to write
    return f"{message} — {hint}" if hint and " — " not in message else message


def _field_at(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[type[BaseModel], Any]:
    """The model that holds the field at ``loc`` (nested models and lists of them followed),
    and that field's info."""
    owner, info = model, None
    for part in loc:
        if not isinstance(part, str):
            continue  # a list index
        if part not in owner.model_fields:
            break
        info = owner.model_fields[part]
        inner = _model_in(info.annotation)
        if inner is not None and part != loc[-1]:
            owner = inner
    return owner, info


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def load_table(
    root: Path, stem: str, model: type[ModelT], report: Report
) -> list[tuple[ModelT, str, int]]:
    """Records of ``content/<stem>.yml`` (a list under ``<stem>:``) and/or ``<stem>.csv``.

    Each record comes with its file and line; a record with problems is reported and left out.
    As read last time while its files are unchanged (see ..memo).
    """
    files = [root / "content" / f"{stem}{suffix}" for suffix in (".yml", ".yaml", ".csv")]
    key = (model, [stamp(path) for path in files], date_order.get())
    kept = _tables.get(f"{root}\0{stem}", key, report)
    if kept is not None:
        return kept  # type: ignore[return-value]
    said = Report()
    records = _read_table(root, stem, model, said)
    report.extend(said.problems)
    _tables.put(f"{root}\0{stem}", key, records, said.problems)  # type: ignore[arg-type]
    return records


_tables: Memo[list[tuple[BaseModel, str, int]]] = Memo()


def _read_table(
    root: Path, stem: str, model: type[ModelT], report: Report
) -> list[tuple[ModelT, str, int]]:
    records: list[tuple[ModelT, str, int]] = []
    for suffix in (".yml", ".yaml", ".csv"):
        path = root / "content" / f"{stem}{suffix}"
        if not path.is_file():
            continue
        name = relative_name(path, root)
        text = read_room_file(path, root, report)
        if text is None:
            continue
        rows = (
            _csv_rows(text, name, model, report)
            if suffix == ".csv"
            else _yaml_rows(text, name, stem, report)
        )
        for data, doc, loc in rows:
            item = build_model(model, data, doc, name, report, prefix=loc)
            if item is not None:
                records.append((item, name, doc.line_of(loc)))
    return records


Row = tuple[Any, YamlDoc, Loc]


def _yaml_rows(text: str, name: str, key: str, report: Report) -> list[Row]:
    try:
        doc = parse_yaml(text)
    except SourceError as exc:
        report.error(name, exc.message, line=exc.line)
        return []
    items = doc.data.get(key) if isinstance(doc.data, dict) else doc.data
    if not isinstance(items, list):
        report.error(
            name,
            f"should hold a list under '{key}:' — see the sample room",
            line=doc.first_line,
            field=key,
        )
        return []
    prefix: Loc = (key,) if isinstance(doc.data, dict) else ()
    return [(item, doc, (*prefix, index)) for index, item in enumerate(items)]


def _csv_rows(text: str, name: str, model: type[BaseModel], report: Report) -> list[Row]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    required = [n for n, info in model.model_fields.items() if info.is_required()]
    columns = [f.strip().lower() for f in reader.fieldnames or []]
    twice = [c for number, c in enumerate(columns) if c and c in columns[:number]]
    if twice:
        first, second = [n + 1 for n, c in enumerate(columns) if c == twice[0]][:2]
        report.error(
            name,
            f"the column '{twice[0]}' is named twice in the first row (columns {first} and "
            f"{second}) — only one would be read: rename or delete one of them",
            line=1,
            field=twice[0],
        )
        return []
    missing = [n for n in required if n not in columns]
    if missing:
        report.error(
            name, f"the first row should name the columns; missing: {', '.join(missing)}", line=1
        )
        return []
    rows: list[Row] = []
    for row in reader:
        data = {k.strip().lower(): v.strip() for k, v in row.items() if k and v and v.strip()}
        lines: dict[Loc, int] = {(key,): reader.line_num for key in data}
        rows.append((data, YamlDoc(data, lines, first_line=reader.line_num), ()))
    return rows
