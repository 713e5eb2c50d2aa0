"""The site's colours on the kiosk: Material's primary colour (``theme.palette.primary`` in
mkdocs.yml) as the kiosk's accent, its waveform and its panels, in the light and the dark theme,
each shade moved towards black or white until it reads on the kiosk's background at the WCAG AA
contrast of 4.5:1. Written as a small stylesheet of its own: the kiosk's policy allows no
inline style."""

from __future__ import annotations

# Material for MkDocs' primary colours (its palette's --md-primary-fg-color).
MATERIAL_PRIMARY = {
    "red": "#ef5552",
    "pink": "#e92063",
    "purple": "#ab47bd",
    "deep-purple": "#7e56c2",
    "indigo": "#4051b5",
    "blue": "#2094f3",
    "light-blue": "#02a6f2",
    "cyan": "#00bdd6",
    "teal": "#009485",
    "green": "#4cae4f",
    "light-green": "#8bc34b",
    "lime": "#cbdc38",
    "yellow": "#ffec3d",
    "amber": "#ffc105",
    "orange": "#ffa724",
    "deep-orange": "#ff6e42",
    "brown": "#795649",
    "grey": "#757575",
    "blue-grey": "#546d78",
    "black": "#000000",
    "white": "#ffffff",
}
AA = 4.6  # WCAG AA's 4.5:1, with room for rounding to whole hex values
RGB = tuple[float, float, float]


def primary_of(palette: object) -> str | None:
    """The primary colour's name from mkdocs.yml's ``theme.palette`` (one palette, or a list
    of them for light and dark: the first that names one)."""
    palettes = palette if isinstance(palette, list) else [palette]
    for one in palettes:
        if isinstance(one, dict) and isinstance(one.get("primary"), str):
            name = one["primary"].strip().lower().replace(" ", "-")
            return name if name in MATERIAL_PRIMARY else None
    return None


def palette_css(primary: str | None) -> str | None:
    """The kiosk's accent colours for ``primary`` (None: the kiosk keeps its own)."""
    if primary not in MATERIAL_PRIMARY:
        return None
    colour = _rgb(MATERIAL_PRIMARY[primary])
    light = _readable(colour, (1.0, 1.0, 1.0), towards=(0.0, 0.0, 0.0))
    dark = _readable(colour, (0.0, 0.0, 0.0), towards=(1.0, 1.0, 1.0))
    light_panel = _mix(colour, (1.0, 1.0, 1.0), 0.9)
    dark_panel = _mix(colour, (0.0, 0.0, 0.0), 0.85)

    def block(accent: RGB, panel: RGB) -> str:
        return (
            f"  --k-accent: {_hex(accent)};\n  --k-wave: {_hex(accent)};\n"
            f"  --k-panel: {_hex(panel)};\n"
        )

    return (
        f"/* The site's primary colour, {primary}, as the kiosk's accent. */\n"
        f":root {{\n{block(light, light_panel)}}}\n"
        "@media (prefers-color-scheme: dark) {\n"
        f':root:not([data-theme="light"]) {{\n{block(dark, dark_panel)}}}\n}}\n'
        f':root[data-theme="dark"] {{\n{block(dark, dark_panel)}}}\n'
    )


def contrast(a: RGB, b: RGB) -> float:
    lighter, darker = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _readable(colour: RGB, background: RGB, towards: RGB) -> RGB:
    for step in range(21):
        shade = _mix(colour, towards, step / 20)
        if contrast(shade, background) >= AA:
            return shade
    return towards


def _mix(a: RGB, b: RGB, share: float) -> RGB:
    return (
        a[0] + (b[0] - a[0]) * share,
        a[1] + (b[1] - a[1]) * share,
        a[2] + (b[2] - a[2]) * share,
    )


def _luminance(colour: RGB) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _rgb(text: str) -> RGB:
    return (int(text[1:3], 16) / 255, int(text[3:5], 16) / 255, int(text[5:7], 16) / 255)


def _hex(colour: RGB) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in colour)


def paper_colours(primary: str | None) -> tuple[str, str]:
    """The site's primary colour on paper: an accent that reads on white at AA, and a light
    tint of it for panels (Material's default, indigo, where the site names none)."""
    colour = _rgb(MATERIAL_PRIMARY.get(primary or "", MATERIAL_PRIMARY["indigo"]))
    accent = _readable(colour, (1.0, 1.0, 1.0), towards=(0.0, 0.0, 0.0))
    return _hex(accent), _hex(_mix(colour, (1.0, 1.0, 1.0), 0.88))
