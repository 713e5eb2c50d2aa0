"""Print benchmark: the print stage of a synthetic room — every PDF made cold, then a rebuild
with nothing changed — against a baseline measured in the same run: (b) plain WeasyPrint making
the same HTML documents into PDFs (what the library alone costs, without the stage's previews,
metadata finishing and cache). Prints each time and the ratio.

    .venv/bin/python bench/print_bench.py --personas 20 --clips 40 --quotes 250
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from synthroom import make_room  # noqa: E402

from customer_room.build import start_room  # noqa: E402
from customer_room.engines.mkdocs.engine import room_settings  # noqa: E402
from customer_room.engines.mkdocs.room_config import room_date  # noqa: E402
from customer_room.printing import print_stage  # noqa: E402
from customer_room.printing.documents import PrintDoc  # noqa: E402
from customer_room.settings import Settings  # noqa: E402

TODAY = "2026-11-24"


def build(settings: Settings) -> float:
    """Seconds for the core's stages, every medium made."""
    started = time.perf_counter()
    with ExitStack() as held:
        made = start_room(settings, held)
        if made.media is not None:
            made.media.wait()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--personas", type=int, default=20)
    parser.add_argument("--clips", type=int, default=40)
    parser.add_argument("--quotes", type=int, default=250)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="print-bench-") as scratch:
        room = Path(scratch) / "room"
        make_room(room, args.personas, args.clips, args.quotes, args.seconds)
        with room_date(TODAY):
            settings = room_settings(str(room / "mkdocs.yml"))
        settings = dataclasses.replace(settings, site_url="https://room.example/")
        build(settings)  # the media, made once: what follows differs by the prints alone
        docs: list[PrintDoc] = []
        make = print_stage.make_pdf

        def recording(doc: PrintDoc, folder: Path) -> None:
            docs.append(doc)
            make(doc, folder)

        print_stage.make_pdf = recording  # type: ignore[assignment]
        warm = build(settings)
        shutil.rmtree(settings.cache_dir / "print")
        docs.clear()
        cold = build(settings)
        made_cold = list(docs)
        docs.clear()
        again = build(settings)
        print_stage.make_pdf = make  # type: ignore[assignment]
        made_again, docs = len(docs), made_cold

        import weasyprint

        started = time.perf_counter()
        for doc in docs:
            weasyprint.HTML(string=doc.html).write_pdf()
        baseline = time.perf_counter() - started

        pages = sum(
            print_stage.pages_of(print_stage.folder_for(d, settings.cache_dir)) for d in docs
        )
        size = sum(p.stat().st_size for p in (settings.cache_dir / "print").rglob("*.pdf"))
        printing = cold - warm
        print(f"room: {args.personas} personas, {args.clips} clips, {args.quotes} quotes")
        print(f"PDFs: {len(docs)} ({pages} pages, {size / 1e6:.1f} MB)")
        print(f"(b) plain WeasyPrint, the same documents: {baseline:.1f} s")
        print(f"print stage, cold: {printing:.1f} s ({printing / baseline:.2f}x b)")
        print(f"rebuild with nothing changed: {again:.1f} s, {made_again} PDFs made again")
        print(f"(the same build with every PDF cached: {warm:.1f} s)")


if __name__ == "__main__":
    main()
