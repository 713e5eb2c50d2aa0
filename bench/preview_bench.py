"""Live-preview benchmark: a synthetic room served by ``customer-room serve``; a persona edited,
and the time until the persona's page is served with the edit (edit → new page served), against
a baseline measured in the same run: (b) plain ``mkdocs build`` of a docs folder holding the
same Markdown pages (what one rebuild of the engine alone costs). Prints each time and the
ratio, and the lines the preview printed per rebuild.

    .venv/bin/python bench/preview_bench.py --personas 50 --clips 500 --quotes 1250
"""

from __future__ import annotations

import argparse
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from room_bench import TODAY, fastest, ours, plain_docs, timed  # noqa: E402
from synthroom import make_room  # noqa: E402

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def served(url: str, wanted: str, timeout: float) -> float:
    """Seconds until ``url`` serves a page holding ``wanted``."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:
                if wanted in answer.read().decode("utf-8", "replace"):
                    return time.perf_counter() - started
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{url} never showed {wanted!r} in {timeout:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--personas", type=int, default=20)
    parser.add_argument("--clips", type=int, default=100)
    parser.add_argument("--quotes", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--room", type=Path, help="a synthetic room already built once (skips making one)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        room, docs_room = args.room or Path(work) / "room", Path(work) / "docs-room"
        if args.room is None:
            make_room(room, args.personas, args.clips, args.quotes, args.seconds)
            ours(room)  # every clip encoded once: the preview starts from a warm cache
        command, pages = plain_docs(room, docs_room)
        baseline = fastest([timed(command, docs_room) for _ in range(args.repeat)]).seconds
        port = free_port()
        log = Path(work) / "serve.log"
        persona = sorted((room / "personas").glob("*/persona.md"))[0]
        original = persona.read_text(encoding="utf-8")
        url = f"http://127.0.0.1:{port}/personas/{persona.parent.name}/"
        with log.open("w") as out:
            serve = subprocess.Popen(
                [
                    *(str(BIN / "customer-room"), "serve", "-f", "mkdocs.yml"),
                    *("--dev-addr", f"127.0.0.1:{port}", "--today", TODAY),
                ],
                cwd=room,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
            try:
                first = served(url, "<html", 600)
                times = []
                for round_ in range(args.repeat):
                    marker = f"Edited in round {round_} of the preview bench"
                    text = persona.read_text(encoding="utf-8")
                    persona.write_text(text.replace("\n---\n", f"\n---\n\n{marker}\n", 1))
                    times.append(served(url, marker, 600))
                    time.sleep(1)
                # Front matter edited: the lists and the tags page show it, so every page is
                # built again; a name edited also changes who the detectors may show, so every
                # text is looked at again, and every file of the site scanned again.
                edits = {}
                for field, marker in (("tagline", "Retold"), ("name", "Renamed")):
                    text = persona.read_text(encoding="utf-8")
                    value = text.split(f"{field}: ", 1)[1].split("\n", 1)[0].strip("'\"")
                    persona.write_text(
                        re.sub(rf"(?m)^{field}: .*$", f"{field}: {value} {marker}", text, count=1)
                    )
                    edits[field] = served(url, f"{value} {marker}", 900)
                    time.sleep(1)
            finally:
                serve.terminate()
                serve.wait(timeout=60)
                if args.room is not None:
                    persona.write_text(original, encoding="utf-8")
        lines = [line for line in log.read_text().splitlines() if line.startswith("Customer Room")]
    best = min(times)
    clips = len(list((room / "clips").glob("*.yml")))
    personas = len(list((room / "personas").glob("*/persona.md")))
    print(f"room: {personas} personas, {clips} clips, {pages} pages")
    print(f"(b) plain mkdocs build of the same pages: {baseline:.1f} s")
    print(f"preview ready (first build, cache warm): {first:.1f} s")
    print("edit -> new page served: " + ", ".join(f"{t:.1f} s" for t in times))
    print(f"fastest: {best:.1f} s ({best / baseline:.2f}x b)")
    for field, seconds in edits.items():
        print(f"a persona's {field} edited: {seconds:.1f} s ({seconds / baseline:.2f}x b)")
    print(f"lines printed per rebuild: {len(lines) / (args.repeat + 3):.1f}")
    for line in lines:
        print("  " + line.split(" — ")[-1])


if __name__ == "__main__":
    main()
