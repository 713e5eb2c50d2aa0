"""Problems found in a room's content: each one knows where it is and prints itself."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One problem in one file, e.g. ``personas/maria/persona.md:7: photo_alt: required``."""

    path: str
    message: str
    line: int | None = None
    field: str | None = None
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what = f"{self.field}: " if self.field else ""
        return f"{where}: {what}{self.message}"


@dataclass
class Report:
    """Every problem of a run, collected so that all of them can be shown together."""

    problems: list[Problem] = field(default_factory=list)

    def error(
        self, path: str, message: str, *, line: int | None = None, field: str | None = None
    ) -> None:
        self.problems.append(Problem(path, message, line, field, Severity.ERROR))

    def warn(
        self, path: str, message: str, *, line: int | None = None, field: str | None = None
    ) -> None:
        self.problems.append(Problem(path, message, line, field, Severity.WARNING))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)


class RoomError(Exception):
    """Raised when a room cannot be built; carries every error of the run."""

    def __init__(self, problems: list[Problem], warnings: list[Problem] | None = None) -> None:
        self.problems = problems
        self.warnings = warnings or []
        super().__init__("\n".join(str(p) for p in problems))


def relative_name(path: Path, root: Path) -> str:
    """The path as content authors see it: relative to the room, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def amount(value: float) -> str:
    """A size or a length as a limit's message needs it: enough digits to tell it from the
    limit ("0.15 MB, over the limit of 0.1 MB"; "31 minutes", "1.5 minutes")."""
    if value >= 10:
        return f"{value:.0f}"
    if value >= 1:
        return f"{value:.1f}".removesuffix(".0")
    return f"{value:.2g}" if value else "0"
