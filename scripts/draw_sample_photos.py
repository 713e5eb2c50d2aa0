"""Draw the sample room's persona portraits: flat illustrations, made here, free to ship (CC0).

The files carry camera-style metadata (GPS position, camera model, a comment) on purpose, so the
sample room shows that none of it reaches the site. Run: python scripts/draw_sample_photos.py
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
SIZE = (900, 1100)


@dataclass(frozen=True)
class Look:
    background: str
    skin: str
    hair: str
    top: str
    hair_style: str  # curly, short, bob, long, bald, bun
    beard: bool = False
    glasses: bool = False


LOOKS = {
    "maria-okafor": Look("#f4c95d", "#8d5524", "#1b1b1b", "#1f8a86", "curly"),
    "tom-hughes": Look("#a9d3f5", "#e0ac69", "#9e9e9e", "#1f2f5a", "short", beard=True),
    "grace-lindqvist": Look("#b9dfb0", "#f1c27d", "#f2f2f2", "#a58fd0", "bob"),
    "dev-patel": Look("#7e57c2", "#c68642", "#111111", "#f57c00", "short"),
    "ana-souza": Look("#f8c8a8", "#d9a066", "#5d3a1a", "#c62828", "long"),
    "walter-brennan": Look("#cfe3f3", "#f1c27d", "#eeeeee", "#6d4c41", "bald", glasses=True),
    "priya-nair": Look("#f6b8d0", "#a5673f", "#0d0d0d", "#3f7fbf", "bun"),
}


def draw(look: Look) -> Image.Image:
    image = Image.new("RGB", SIZE, look.background)
    d = ImageDraw.Draw(image)
    cx = SIZE[0] // 2
    # long hair falls behind the shoulders
    if look.hair_style == "long":
        d.rounded_rectangle((cx - 230, 230, cx + 230, 900), radius=180, fill=look.hair)
    # shoulders and neck
    d.ellipse((cx - 360, 820, cx + 360, 1400), fill=look.top)
    d.rectangle((cx - 70, 640, cx + 70, 860), fill=look.skin)
    if look.hair_style == "curly":
        for dx, dy in [
            (-200, 260),
            (-120, 190),
            (0, 170),
            (120, 190),
            (200, 260),
            (-230, 380),
            (230, 380),
            (-220, 500),
            (220, 500),
        ]:
            d.ellipse((cx + dx - 95, dy - 95, cx + dx + 95, dy + 95), fill=look.hair)
    if look.hair_style == "bun":
        d.ellipse((cx - 90, 110, cx + 90, 270), fill=look.hair)
    # head and ears
    d.ellipse((cx - 230, 400, cx - 160, 520), fill=look.skin)
    d.ellipse((cx + 160, 400, cx + 230, 520), fill=look.skin)
    d.ellipse((cx - 190, 230, cx + 190, 700), fill=look.skin)
    # hair on top
    if look.hair_style in ("short", "bun", "long", "curly"):
        d.chord((cx - 200, 210, cx + 200, 560), 180, 360, fill=look.hair)
    if look.hair_style == "bob":
        d.chord((cx - 215, 200, cx + 215, 600), 170, 370, fill=look.hair)
        d.rectangle((cx - 215, 390, cx - 170, 600), fill=look.hair)
        d.rectangle((cx + 170, 390, cx + 215, 600), fill=look.hair)
    if look.hair_style == "bald":
        d.chord((cx - 205, 360, cx - 150, 520), 90, 270, fill=look.hair)
        d.chord((cx + 150, 360, cx + 205, 520), 270, 90, fill=look.hair)
    if look.beard:
        d.chord((cx - 185, 420, cx + 185, 720), 0, 180, fill=look.hair)
        d.ellipse((cx - 60, 570, cx + 60, 610), fill=look.skin)
    # eyes, brows, smile
    for side in (-1, 1):
        ex = cx + side * 75
        d.ellipse((ex - 16, 440, ex + 16, 472), fill="#2b2b2b")
        d.line((ex - 34, 410, ex + 34, 404 if side < 0 else 416), fill="#3b2a20", width=8)
        if look.glasses:
            d.ellipse((ex - 55, 415, ex + 55, 500), outline="#333333", width=8)
    if look.glasses:
        d.line((cx - 20, 450, cx + 20, 450), fill="#333333", width=8)
    d.arc((cx - 75, 500, cx + 75, 610), 20, 160, fill="#7a2e2e", width=10)
    d.line((cx, 470, cx - 12, 540), fill="#00000033", width=6)
    return image


def metadata(image: Image.Image) -> bytes:
    exif = image.getexif()
    exif[0x010F] = "Sample Camera Co."  # Make
    exif[0x0110] = "Portrait 9000"  # Model
    gps = {1: "N", 2: (56.0, 27.0, 43.2), 3: "W", 4: (2.0, 58.0, 12.0)}
    exif[0x8825] = gps  # GPSInfo
    return exif.tobytes()


def main() -> None:
    for slug, look in LOOKS.items():
        folder = ROOT / "personas" / slug
        folder.mkdir(parents=True, exist_ok=True)
        image = draw(look)
        image.save(
            folder / "photo.jpg",
            "JPEG",
            quality=85,
            exif=metadata(image),
            comment=b"taken at 12 Harbour Row",
        )
        print(f"drew {folder / 'photo.jpg'}")


if __name__ == "__main__":
    main()
