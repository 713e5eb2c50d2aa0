"""The print stage as a whole: the room's documents made into PDFs (or taken from the cache),
and the page that lists them."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Report
from ..site_files import GeneratedFile
from .documents import PrintDoc, PrintInput, print_documents, render_page
from .pdf import folder_for, make_pdf, pages_of, preview_name, printer_problem

FOLDER = "print"
PAGE = f"{FOLDER}/index.md"


@dataclass(frozen=True)
class Printed:
    """A PDF of the room, as the list of prints shows it."""

    doc: PrintDoc
    pages: int

    @property
    def file(self) -> str:
        return self.doc.name

    @property
    def preview(self) -> str:
        return preview_name(self.doc)


def print_room(source: PrintInput, report: Report) -> tuple[list[GeneratedFile], list[Printed]]:
    """The PDFs and their previews, as files of the site, and what the list of prints shows."""
    files: list[GeneratedFile] = []
    printed: list[Printed] = []
    for doc in print_documents(source, report):
        folder = folder_for(doc, source.settings.cache_dir)
        if not (folder / doc.name).is_file():
            if (problem := printer_problem()) is not None:
                report.error("mkdocs.yml", problem, field="print")
                return [], []
            try:
                make_pdf(doc, folder)
            except Exception as exc:  # a library's failure, said against the document
                report.error(
                    f"{FOLDER}/{doc.name}",
                    f"could not be printed ({type(exc).__name__}: {str(exc)[:200]}) — turn this "
                    "kind off under print: in mkdocs.yml, and report it",
                )
                continue
        pdf = folder / doc.name
        files.append(GeneratedFile(f"{FOLDER}/{doc.name}", source=pdf))
        files.append(
            GeneratedFile(f"{FOLDER}/{preview_name(doc)}", source=folder / preview_name(doc))
        )
        printed.append(Printed(doc, pages_of(folder)))
    return files, printed


def print_page(printed: list[Printed]) -> GeneratedFile:
    """The page that lists the prints, each with a picture of its first page."""
    return GeneratedFile(PAGE, render_page("print.md.j2", printed=printed))
