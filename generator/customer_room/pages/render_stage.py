"""The render stage as a whole: the room's pages, then the reading list threaded through them."""

from __future__ import annotations

from ..content.balance import Balance
from ..content.room import Room
from ..errors import Report
from ..media.clips import ClipMedia
from ..media.photos import PersonaImage
from ..settings import Settings
from ..site_files import GeneratedFile
from .balance_page import balance_page
from .onboarding import reading_list_files
from .render import PageRenderer, Schedules, asset_files, page_specs


def render_room(
    room: Room,
    images: dict[str, PersonaImage],
    clip_media: dict[str, ClipMedia],
    settings: Settings,
    schedules: Schedules | None,
    report: Report,
    balance: Balance,
) -> list[GeneratedFile]:
    """Every page and asset the room adds to the site."""
    renderer = PageRenderer(room, images, clip_media, settings)
    specs = [*page_specs(room, images, clip_media, settings, schedules), balance_page(balance)]
    pages = [renderer.file(spec) for spec in specs]
    if room.reading_list is not None:
        pages = reading_list_files(room.reading_list, renderer, specs, pages, report)
    return pages + asset_files()
