"""Media stage for photos: orientation applied, metadata dropped, responsive WebP and JPEG sizes.

Every output is rebuilt from pixels alone, so no EXIF (GPS included), XMP, IPTC, ICC or comment
block of the source can reach the site. Results are cached by a hash of the source bytes and
of every option that shapes the output.
"""

from __future__ import annotations

import hashlib
import os
import json
import warnings
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image, ImageOps

from .errors import Report
from .generated import GeneratedFile
from .progress import Progress
from .room import PersonaEntry, Room
from .settings import Settings

PHOTO_FORMAT_VERSION = 1


@dataclass(frozen=True)
class PhotoVariant:
    width: int
    height: int
    webp: str
    jpeg: str


@dataclass(frozen=True)
class PersonaImage:
    """How a persona's face is shown: photo variants, or a generated initials avatar."""

    slug: str
    alt: str
    credit: str | None
    variants: tuple[PhotoVariant, ...] = ()
    avatar: str | None = None

    @property
    def fallback(self) -> str:
        """The plain ``<img src>``: the middle JPEG size, or the avatar."""
        if self.avatar:
            return self.avatar
        return self.variants[len(self.variants) // 2].jpeg

    @property
    def largest(self) -> PhotoVariant | None:
        return self.variants[-1] if self.variants else None


@dataclass(frozen=True)
class PhotoJob:
    """One photo to process; plain data so it can cross into a worker process."""

    source: Path
    out_dir: Path
    stem: str
    widths: tuple[int, ...]
    quality: int
    max_pixels: int


def process_photos(
    room: Room, settings: Settings, report: Report, executor: Executor | None = None
) -> tuple[dict[str, PersonaImage], list[GeneratedFile]]:
    """Give every persona a face: processed photo sizes, or an avatar."""
    images: dict[str, PersonaImage] = {}
    files: list[GeneratedFile] = []
    jobs: dict[str, PhotoJob] = {}
    for entry in room.personas:
        if entry.photo_path is None:
            avatar_path = f"media/avatars/{entry.slug}.svg"
            files.append(GeneratedFile(avatar_path, avatar_svg(entry.persona.name)))
            images[entry.slug] = PersonaImage(
                entry.slug, f"Initials of {entry.persona.name}", None, avatar=avatar_path)
        else:
            jobs[entry.slug] = _job_for(entry, settings)
    results = _run_jobs(jobs, room, report, executor, settings.workers or _cpu_count())
    for slug, variants in results.items():
        entry = room.persona(slug)
        assert entry is not None
        job = jobs[slug]
        site_variants = []
        for v in variants:
            webp, jpeg = f"media/photos/{v['webp']}", f"media/photos/{v['jpeg']}"
            files.append(GeneratedFile(webp, source=job.out_dir / v["webp"]))
            files.append(GeneratedFile(jpeg, source=job.out_dir / v["jpeg"]))
            site_variants.append(PhotoVariant(v["width"], v["height"], webp, jpeg))
        images[slug] = PersonaImage(slug, entry.persona.photo_alt or "", entry.persona.photo_credit,
                                    tuple(site_variants))
    return images, files


def _job_for(entry: PersonaEntry, settings: Settings) -> PhotoJob:
    assert entry.photo_path is not None
    digest = hashlib.sha256(entry.photo_path.read_bytes())
    options = (PHOTO_FORMAT_VERSION, settings.photo_widths, settings.photo_quality)
    digest.update(repr(options).encode())
    key = digest.hexdigest()[:16]
    return PhotoJob(entry.photo_path, settings.cache_dir / "photos" / key,
                    f"{entry.slug}-{key[:8]}", settings.photo_widths, settings.photo_quality,
                    settings.max_photo_pixels)


def _run_jobs(jobs: dict[str, PhotoJob], room: Room, report: Report,
              executor: Executor | None, workers: int) -> dict[str, list[dict[str, object]]]:
    results: dict[str, list[dict[str, object]]] = {}
    todo = {}
    for slug, job in jobs.items():
        cached = _cached_variants(job)
        if cached is None:
            todo[slug] = job
        else:
            results[slug] = cached
    if not todo:
        return results
    own_pool = executor is None
    pool = executor or ProcessPoolExecutor(max_workers=min(len(todo), workers))
    progress = Progress("photos", len(todo))
    try:
        futures = {slug: pool.submit(render_photo, job) for slug, job in todo.items()}
        for slug, future in futures.items():
            try:
                results[slug] = future.result()
            except Exception as exc:  # a worker's failure is reported against its file
                entry = room.persona(slug)
                report.error(entry.path if entry else slug,
                             f"photo could not be processed ({exc}) — export it again as JPEG "
                             "or PNG", field="photo")
            progress.advance()
    finally:
        if own_pool:
            pool.shutdown()
    return results


def _cpu_count() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else os.cpu_count() or 1)


def _cached_variants(job: PhotoJob) -> list[dict[str, object]] | None:
    manifest = job.out_dir / "manifest.json"
    if not manifest.is_file():
        return None
    variants: list[dict[str, object]] = json.loads(manifest.read_text())
    if all((job.out_dir / str(v[k])).is_file() for v in variants for k in ("webp", "jpeg")):
        return variants
    return None


def render_photo(job: PhotoJob) -> list[dict[str, object]]:
    """Write every size of one photo into the cache folder; return what was written."""
    Image.MAX_IMAGE_PIXELS = job.max_pixels
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(job.source) as opened:
            target = max(job.widths)
            if opened.format == "JPEG":
                # Decode at a reduced DCT scale: far faster than decoding full size and shrinking.
                opened.draft("RGB", (target, target))
            upright = ImageOps.exif_transpose(opened)
            pixels = _flatten(upright)
    clean = Image.frombytes("RGB", pixels.size, pixels.tobytes())
    job.out_dir.mkdir(parents=True, exist_ok=True)
    variants = []
    for width in _widths_for(clean.width, job.widths):
        height = round(clean.height * width / clean.width)
        sized = clean if width == clean.width else clean.resize((width, height), Image.LANCZOS)
        names = {"webp": f"{job.stem}-{width}.webp", "jpeg": f"{job.stem}-{width}.jpg"}
        sized.save(job.out_dir / names["webp"], "WEBP", quality=job.quality, method=4)
        sized.save(job.out_dir / names["jpeg"], "JPEG", quality=job.quality, optimize=True,
                   progressive=True)
        variants.append(asdict(PhotoVariant(width, height, names["webp"], names["jpeg"])))
    (job.out_dir / "manifest.json").write_text(json.dumps(variants))
    return variants


def _flatten(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")


def _widths_for(source_width: int, widths: tuple[int, ...]) -> list[int]:
    """The configured widths the source can fill; never upscale (a small photo keeps its width)."""
    fitting = sorted(w for w in set(widths) if w <= source_width)
    return fitting or [source_width]


def avatar_svg(name: str) -> str:
    """Initials on a colour derived from the name: stable across builds, readable (white on dark)."""
    initials = "".join(part[0] for part in name.split()[:2]).upper() or "?"
    hue = int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % 360
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="320" height="320" '
        f'role="img" aria-label="{_xml_escape(name)}">'
        f'<rect width="100" height="100" fill="hsl({hue} 45% 32%)"/>'
        '<text x="50" y="50" dy=".35em" text-anchor="middle" fill="#fff" '
        'font-family="system-ui, sans-serif" font-size="40" font-weight="600">'
        f"{_xml_escape(initials)}</text></svg>\n"
    )


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
