"""A document made into a PDF (WeasyPrint), with a picture of its first page for the list of
prints (pypdfium2); both kept in the cache by what the document says, so a rebuild that prints
the same makes nothing again. A PDF carries its title and nothing else about itself."""

from __future__ import annotations

import functools
import hashlib
import io
import shutil
import tempfile
from pathlib import Path
from typing import Any

from ..cache import code_version
from .documents import PrintDoc

# What a PDF's look depends on besides its HTML (the system's Pango and fonts aside).
PRINT_PACKAGES = (
    "weasyprint",
    "pydyf",
    "fonttools",
    "tinycss2",
    "cssselect2",
    "pypdfium2",
    "segno",
    "pillow",
)
PREVIEW_WIDTH = 360  # pixels: the list of prints shows each first page this wide
PAGES = "pages.txt"  # beside the PDF in the cache: how many pages it has


def folder_for(doc: PrintDoc, cache: Path) -> Path:
    """Where the document's PDF and preview are kept: named by what it says and by the code
    that makes it."""
    digest = hashlib.sha256(f"{doc.name}\0{doc.html}".encode()).hexdigest()[:20]
    return cache / "print" / f"{digest}-{_version()}"


@functools.cache
def _version() -> str:
    return code_version((__name__,), PRINT_PACKAGES)


def printer_problem() -> str | None:
    """Why PDFs cannot be made on this machine (WeasyPrint draws text with Pango, a system
    library), or None."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        return (
            f"the room cannot be printed here: WeasyPrint does not start ({str(exc)[:120]}) — "
            "install Pango (sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
            "fonts-dejavu-core; ./dev does it), or turn printing off in mkdocs.yml (print: "
            "{posters: false, quote_cards: false, clip_cards: false, week_notice: false})"
        )
    return None


def make_pdf(doc: PrintDoc, folder: Path) -> None:
    """The document's PDF and its first page's preview in ``folder`` (written whole or not at
    all). Nothing is fetched: a document holds its pictures as data."""
    import pypdfium2  # loaded only when something is printed
    import weasyprint

    # A printed document reads nothing from anywhere: its pictures are in it, as data.
    only_data = weasyprint.URLFetcher(allowed_protocols=["data"])
    data = weasyprint.HTML(string=doc.html, url_fetcher=only_data).write_pdf(finisher=_title_only)
    assert isinstance(data, bytes)
    pdf = pypdfium2.PdfDocument(data)
    try:
        pages = len(pdf)
        page = pdf[0]
        scale = PREVIEW_WIDTH / page.get_width()
        image = page.render(scale=scale).to_pil()
        preview = io.BytesIO()
        image.save(preview, format="PNG", optimize=True)
    finally:
        pdf.close()
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".print-", dir=folder.parent))
    try:
        (staging / doc.name).write_bytes(data)
        (staging / preview_name(doc)).write_bytes(preview.getvalue())
        (staging / PAGES).write_text(str(pages), encoding="utf-8")
        if not folder.exists():
            staging.replace(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def pages_of(folder: Path) -> int:
    """How many pages the PDF kept in ``folder`` has."""
    try:
        return int((folder / PAGES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0


def preview_name(doc: PrintDoc) -> str:
    return doc.name.removesuffix(".pdf") + ".png"


def _title_only(document: Any, pdf: Any) -> None:
    """Keep the PDF's title, and drop the rest of what it says about itself (the producer)."""
    for key in list(pdf.info):
        if key != "Title":
            del pdf.info[key]
