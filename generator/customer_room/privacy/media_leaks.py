"""What the leak scan looks for in a site's media: a source recording in an audio file, and
metadata in an image."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

from PIL import Image

METADATA_MARKERS = (b"Exif\x00\x00", b"http://ns.adobe.com/xap", b"<x:xmpmeta", b"Photoshop 3.0")

STRETCH = 4096
PROBES = 6


def holds_source(data: bytes, recordings: list[Path]) -> bool:
    """True when ``data`` is, or holds a 4 KB stretch of, one of the recordings. Stretches
    that repeat themselves (encoded digital silence: one frame over and over, which any
    encoder writes the same) prove nothing and are not looked for."""
    for recording in recordings:
        original = recording.read_bytes()
        if data == original:
            return True
        if any(stretch in data for stretch in _telling_stretches(original)):
            return True
    return False


def _telling_stretches(original: bytes) -> list[bytes]:
    """Up to PROBES stretches spread over the recording that only it would hold: each one
    compresses to more than half its size (encoded sound does; a run of silent frames
    compresses to almost nothing)."""
    step = max(len(original) // (4 * PROBES), 1)
    telling = [
        stretch
        for offset in range(len(original) // 8, len(original) - STRETCH, step)
        if len(zlib.compress(stretch := original[offset : offset + STRETCH], 1)) > STRETCH // 2
    ]
    return [telling[i * len(telling) // PROBES] for i in range(min(PROBES, len(telling)))]


def has_metadata(path: Path, data: bytes) -> bool:
    """Whether an image carries metadata (EXIF, XMP, IPTC, an ICC profile or a comment)."""
    if any(marker in data for marker in METADATA_MARKERS):
        return True
    try:
        with Image.open(path) as image:
            return bool(image.getexif()) or bool(
                {"exif", "xmp", "icc_profile", "comment", "photoshop"} & set(image.info)
            )
    except OSError:
        return False


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF, line by line as a reader sees it (PDFium places each
    line where it is drawn; a PDF that cannot be read has none — and :func:`pdf_metadata`
    refuses it)."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return []
    try:
        pages = []
        for page in document:
            text = page.get_textpage()
            pages.append(text.get_text_range().replace("\r\n", "\n"))
            text.close()
            page.close()
        return pages
    finally:
        document.close()


def pdf_metadata(data: bytes) -> list[str] | None:
    """What a PDF says about itself beyond its title (its author, the program that made it,
    dates, an XMP stream), by name; None for a PDF that cannot be read."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        info = dict(reader.metadata or {})
        told = sorted(str(key).lstrip("/") for key in info if key != "/Title")
        root = reader.trailer["/Root"].get_object()
        if isinstance(root, dict) and "/Metadata" in root:
            told.append("XMP")
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return told
