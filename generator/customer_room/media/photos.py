"""Media stage for photos: orientation applied, metadata dropped, responsive WebP and JPEG sizes.

Every output is rebuilt from pixels alone, so no EXIF (GPS included), XMP, IPTC, ICC or comment
block of the source can reach the site. Results are cached by a hash of the source bytes and
of every option that shapes the output.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image, ImageOps
from PIL.Image import Resampling

from ..cache import code_version
from ..content.photo_focus import DEFAULT_FOCUS, Focus
from ..content.room import PersonaEntry, Room
from ..errors import Report
from ..settings import Settings
from ..site_files import GeneratedFile
from .jobs import MediaJobs


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
    focus: Focus = DEFAULT_FOCUS  # where square crops of the photo are centred

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
    room: Room, settings: Settings, report: Report, media_jobs: MediaJobs
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
                entry.slug, f"Initials of {entry.persona.name}", None, avatar=avatar_path
            )
        else:
            jobs[entry.slug] = _job_for(entry, settings)

    def failed(slug: str, exc: Exception) -> None:
        entry = room.persona(slug)
        report.error(
            entry.path if entry else slug,
            f"photo could not be processed ({exc}) — export it again as JPEG or PNG",
            line=entry.photo_line if entry else None,
            field="photo",
        )

    results = media_jobs.run(
        jobs.items(), render_photo, cached_photo, label="photos", on_error=failed
    )
    for slug, variants in results.items():
        persona = room.persona(slug)
        assert persona is not None
        out_dir = jobs[slug].out_dir
        site_variants = []
        for v in variants:
            webp, jpeg = f"media/photos/{v.webp}", f"media/photos/{v.jpeg}"
            files.append(GeneratedFile(webp, source=out_dir / v.webp))
            files.append(GeneratedFile(jpeg, source=out_dir / v.jpeg))
            site_variants.append(PhotoVariant(v.width, v.height, webp, jpeg))
        images[slug] = PersonaImage(
            slug,
            persona.persona.photo_alt or "",
            persona.persona.photo_credit,
            tuple(site_variants),
            focus=persona.persona.focus,
        )
    return images, files


def _job_for(entry: PersonaEntry, settings: Settings) -> PhotoJob:
    assert entry.photo_path is not None
    # The published name is by what the photo is made from; the cache folder also by the code
    # that makes it (see customer_room.cache).
    digest = hashlib.sha256(entry.photo_path.read_bytes())
    digest.update(repr((settings.photo_widths, settings.photo_quality)).encode())
    key = digest.hexdigest()[:16]
    folder = f"{key}-{code_version((__name__,), ('pillow',))}"
    return PhotoJob(
        entry.photo_path,
        settings.cache_dir / "photos" / folder,
        f"{entry.slug}-{key[:8]}",
        settings.photo_widths,
        settings.photo_quality,
        settings.max_photo_pixels,
    )


def cached_photo(job: PhotoJob) -> list[PhotoVariant] | None:
    """The sizes made by an earlier build, when all of them are still in the cache."""
    manifest = job.out_dir / "manifest.json"
    if not manifest.is_file():
        return None
    variants = [PhotoVariant(**item) for item in json.loads(manifest.read_text())]
    if all((job.out_dir / name).is_file() for v in variants for name in (v.webp, v.jpeg)):
        return variants
    return None


def render_photo(job: PhotoJob) -> list[PhotoVariant]:
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
        sized = clean if width == clean.width else clean.resize((width, height), Resampling.LANCZOS)
        variant = PhotoVariant(width, height, f"{job.stem}-{width}.webp", f"{job.stem}-{width}.jpg")
        sized.save(job.out_dir / variant.webp, "WEBP", quality=job.quality, method=4)
        sized.save(
            job.out_dir / variant.jpeg, "JPEG", quality=job.quality, optimize=True, progressive=True
        )
        variants.append(variant)
    (job.out_dir / "manifest.json").write_text(json.dumps([asdict(v) for v in variants]))
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
    """Initials on a colour derived from the name: the same every build, white on dark."""
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
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
