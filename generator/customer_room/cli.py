"""``customer-room``: build, preview and check a customer room."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import click

from .build import check_room
from .content.schema import write_schemas
from .errors import Report, RoomError


class _LineFormatter(logging.Formatter):
    """Problems print as ``error: file:line: field: message``; information prints as is."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.levelno >= logging.WARNING:
            return f"{record.levelname.lower()}: {message}"
        return message


def _preview_lines(record: logging.LogRecord) -> bool:
    """The live preview says one line per rebuild (the room's), and where it serves: MkDocs'
    own progress lines are left out; every warning and error stays."""
    message = record.getMessage()
    if record.name.startswith("mkdocs.livereload") and '" code 404' in message:
        return False  # a page asked for while the room could not be built: it shows why
    if record.levelno >= logging.WARNING or "customer_room" in record.name:
        return True
    return "Serving on" in message


def _setup_logging(verbose: bool, *, preview: bool = False) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_LineFormatter())
    if preview:
        handler.addFilter(_preview_lines)
    for name in ("mkdocs", "customer_room"):  # the site engine's lines, and the room's
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(logging.INFO if verbose else logging.WARNING)
        logger.propagate = False


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date — write it as YYYY-MM-DD") from None
    return value


config_option = click.option(
    "--config",
    "-f",
    "config_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="The room's mkdocs.yml (default: ./mkdocs.yml).",
)
strict_option = click.option(
    "--strict", is_flag=True, help="Treat warnings as errors (fail the build on any warning)."
)
today_option = click.option(
    "--today",
    callback=_check_date,
    metavar="YYYY-MM-DD",
    help="The date pages are relative to (default: today).",
)
verbose_option = click.option("--verbose", "-v", is_flag=True, help="Show MkDocs' own progress.")


@click.group()
@click.version_option(package_name="customer-room")
def main() -> None:
    """Turn a folder of personas, quotes, clips and schedules into a customer-room site."""


@main.command("build")
@config_option
@click.option(
    "--site-dir",
    "-d",
    type=click.Path(file_okay=False),
    default=None,
    help="Where to write the site (default: site_dir of mkdocs.yml).",
)
@click.option(
    "--engine",
    type=click.Choice(["mkdocs", "zensical"]),
    default=None,
    help="The site engine that builds the HTML (default: engine in mkdocs.yml, else mkdocs).",
)
@strict_option
@today_option
@verbose_option
def build_command(
    config_file: str | None,
    site_dir: str | None,
    engine: str | None,
    strict: bool,
    today: str | None,
    verbose: bool,
) -> None:
    """Build the site; a failed build leaves the previous site untouched."""
    from .build import SiteBuildFailed, build_site
    from .engines.choice import site_engine
    from .engines.mkdocs.room_config import room_date

    _setup_logging(verbose)
    started = dt.datetime.now()
    try:
        with room_date(today):
            settings, chosen, folder = site_engine(config_file, engine)
            result = build_site(
                settings, chosen, Path(site_dir) if site_dir else folder, strict=strict
            )
    except RoomError as exc:
        _print_failure(exc)
        click.echo("Build failed; the previous site, if any, is untouched.", err=True)
        sys.exit(1)
    except SiteBuildFailed as exc:
        reason = "" if "BuildError" in str(exc) else f" ({exc})"
        click.echo(f"Build failed{reason}; the previous site, if any, is untouched.", err=True)
        sys.exit(1)
    seconds = (dt.datetime.now() - started).total_seconds()
    click.echo(f"{result.summary()} — built in {seconds:.1f} s")
    click.echo(result.privacy.summary())


def _print_failure(exc: RoomError) -> None:
    """Every problem of the room on a line of its own, then what stopped the build."""
    for problem in exc.problems:
        click.echo(f"error: {problem}", err=True)
    for warning in exc.warnings:
        click.echo(f"warning: {warning}", err=True)
    count = len(exc.problems)
    click.echo(
        f"error: {count} problem{'s' if count != 1 else ''} in the room's content — fix "
        f"{'them' if count != 1 else 'it'} and build again",
        err=True,
    )


@main.command("serve")
@config_option
@click.option(
    "--dev-addr",
    "-a",
    default="127.0.0.1:8000",
    show_default=True,
    help="Address and port to serve the preview on.",
)
@strict_option
@today_option
def serve_command(config_file: str | None, dev_addr: str, strict: bool, today: str | None) -> None:
    """Preview the room, rebuilding as content files change."""
    from .build import SiteBuildFailed
    from .engines.mkdocs.engine import serve_site

    _setup_logging(True, preview=True)
    try:
        serve_site(config_file, dev_addr=dev_addr, strict=strict, today=today)
    except SiteBuildFailed as exc:
        click.echo(f"Preview stopped: {exc}", err=True)
        sys.exit(1)


@main.command("check")
@config_option
@strict_option
@today_option
def check_command(config_file: str | None, strict: bool, today: str | None) -> None:
    """Validate the room's content without building (for the content repo's own CI)."""
    from .build import SiteBuildFailed
    from .engines.mkdocs.engine import room_settings
    from .engines.mkdocs.room_config import room_date

    _setup_logging(False)
    try:
        with room_date(today):
            settings = room_settings(config_file)
    except SiteBuildFailed as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    checked = check_room(settings)
    room, report = checked.read.room, checked.read.report
    _print_report(report)
    click.echo(checked.privacy.summary(published=None))
    for line in checked.balance.summary():
        click.echo(line)
    click.echo(
        f"Checked {len(room.personas)} personas, {len(room.quotes)} quotes, "
        f"{len(room.clips)} clips, {len(room.pages)} pages: {len(report.errors)} errors, "
        f"{len(report.warnings)} warnings"
    )
    if report.errors or (strict and report.warnings):
        sys.exit(1)


@main.command("schema")
@config_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Folder to write the schemas to (default: schemas/ in the room).",
)
def schema_command(config_file: str | None, out_dir: str | None) -> None:
    """Write a JSON Schema per content file type, for editor completion and checks."""
    if out_dir is not None:
        folder = Path(out_dir)
    elif not Path(config_file or "mkdocs.yml").is_file():
        folder = Path("schemas")  # a room with nothing in it yet: here
    else:
        from .build import SiteBuildFailed
        from .engines.mkdocs.engine import room_settings

        _setup_logging(False)
        try:
            folder = room_settings(config_file).room_dir / "schemas"
        except SiteBuildFailed as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
    for path in write_schemas(folder):
        click.echo(f"wrote {path}")


@main.command("review")
@config_option
@click.option("--port", type=int, default=8765, show_default=True, help="Port on 127.0.0.1.")
def review_command(config_file: str | None, port: int) -> None:
    """Serve, on 127.0.0.1 only, a page per clip for the person who approves its publication:
    every hidden stretch with the words hidden, the original and the published audio around
    it, the names and numbers found; approving records it in content/approvals.yml."""
    from .engines.mkdocs.engine import room_settings
    from .review.server import review_server

    _setup_logging(False)
    try:
        server = review_server(room_settings(config_file), port)
    except RoomError as exc:
        _print_failure(exc)
        sys.exit(1)
    click.echo(f"Review the clips on http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@main.command("new")
@click.argument("folder", type=click.Path(file_okay=False))
def new_command(folder: str) -> None:
    """Make a starter room in FOLDER that builds at once: mkdocs.yml, a persona, quotes.csv,
    visits, lending and a reading list with examples, a page, the JSON Schemas, a .gitignore
    and a CI workflow."""
    target = Path(folder)
    if target.exists() and any(target.iterdir()):
        click.echo(
            f"error: {folder} is not empty — give a new folder's name (nothing is overwritten)",
            err=True,
        )
        sys.exit(1)
    starter = resources.files("customer_room") / "starter"
    made = _copy_starter(starter, target)
    made += [p.relative_to(target).as_posix() for p in write_schemas(target / "schemas")]
    for name in sorted(made):
        click.echo(f"  {name}")
    click.echo(
        f"Made a starter room in {folder}. Next: cd {folder}, then customer-room serve "
        "(a live preview on http://127.0.0.1:8000/) and customer-room build."
    )


# Files that cannot travel inside a Python package under their own names.
STARTER_NAMES = {"gitignore": ".gitignore", "github-workflow.yml": ".github/workflows/room.yml"}


def _copy_starter(source: Traversable, target: Path, prefix: str = "") -> list[str]:
    made = []
    for item in source.iterdir():
        name = f"{prefix}{item.name}"
        if item.is_dir():
            made += _copy_starter(item, target, f"{name}/")
            continue
        if name.endswith((".py", ".pyc")) or "__pycache__" in name:
            continue
        path = target / STARTER_NAMES.get(name, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(item.read_bytes())
        made.append(path.relative_to(target).as_posix())
    return made


def _print_report(report: Report) -> None:
    for problem in report:
        click.echo(f"{problem.severity.value}: {problem}", err=True)
