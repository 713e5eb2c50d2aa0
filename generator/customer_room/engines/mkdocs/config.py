"""Options of the ``customer-room`` plugin in ``mkdocs.yml``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class RoomPluginConfig(base.Config):
    room_dir = c.Type(str, default=".")
    """The room's folder (personas/, clips/, content/), relative to mkdocs.yml."""
    cache_dir = c.Type(str, default=".cache/customer-room")
    """Where processed media are kept between builds, relative to mkdocs.yml."""
    today = c.Optional(c.Type(str))
    """The date pages are relative to (YYYY-MM-DD); default: the day of the build."""
    workers = c.Optional(c.Type(int))
    """How many processes work on media at once; default: one per core."""
    media_cluster = c.Optional(c.Type(str))
    """A Dask scheduler's address (tcp://host:8786) to run media work on; default: this machine."""

    photo_widths = c.ListOfItems(c.Type(int), default=[320, 640, 1280])
    """Widths (pixels) each photo is made in; a photo is never enlarged."""
    photo_quality = c.Type(int, default=80)
    """WebP and JPEG quality of processed photos (1-100)."""
    photo_max_pixels = c.Type(int, default=50_000_000)
    """Photos larger than this many pixels are refused (protects against decompression bombs)."""

    clip_bitrate = c.Type(int, default=64)
    """MP3 bitrate of published clips, in kbit/s."""
    clip_loudness = c.Type(float, default=-16.0)
    """Integrated loudness every clip is brought to, in LUFS."""
    clip_bleep = c.Choice(("tone", "silence"), default="tone")
    """What replaces hidden stretches of a call: a 1 kHz tone, or silence."""
    clip_disguise_pitch = c.Type(float, default=0.82)
    """Pitch factor for clips with voice_disguise (below 1 is lower); duration is kept."""

    clip_max_minutes = c.Type(float, default=30.0)
    """Longest recording accepted, in minutes (longer ones are refused with a clear error)."""
    clip_max_megabytes = c.Type(float, default=200.0)
    """Largest recording file accepted, in megabytes."""

    timezone = c.Type(str, default="Europe/London")
    """The room's time zone (IANA name): schedules, calendars and 'today' are read in it."""

    phone_region = c.Type(str, default="GB")
    """Country whose national phone numbers are recognised without a +country code."""
    redact_terms = c.ListOfItems(c.Type(str), default=[])
    """Names and terms hidden everywhere in the room, in any case."""
    allow = c.ListOfItems(c.Type(str), default=[])
    """What may be published though it looks personal: a team mailbox, the switchboard number,
    a name (as staff_names). Matched whole, in any case and spacing; a number in any form."""
    staff_names = c.ListOfItems(c.Type(str), default=[])
    """People whose names may appear (agents, team leads); everyone else's name is hidden."""
    redact_patterns = c.ListOfItems(c.Type(dict), default=[])
    """Extra patterns to hide: a list of {kind: member number, pattern: 'MBR-\\d{6}'}."""
    engine = c.Choice(("mkdocs", "zensical"), default="mkdocs")
    """The site engine that builds the HTML: MkDocs, or Zensical (needs the zensical extra)."""
    require_approval = c.Type(bool, default=False)
    """Publish a clip only when its redaction plan is the one approved with customer-room
    review (content/approvals.yml); otherwise it is held back (a warning; an error with
    --strict)."""
    date_order = c.Optional(c.Choice(("day-first", "month-first")))
    """How the room writes dates with slashes: day-first (03/04/2026 is 3 April) or month-first
    (4 March); unset, a date that reads two ways is refused (write YYYY-MM-DD)."""
    calendar_history = c.Optional(c.Type(str))
    """Where the published calendars are read back from, to carry their change history on: a
    folder, or the published site's address (https://intranet/room/); default: the site
    folder the build replaces (set it for builds from a fresh checkout, as in CI)."""
    privacy_report = c.Type(str, default=".customer-room/privacy-report.json")
    """Where the privacy report is written (outside the site), relative to mkdocs.yml."""

    balance_max_negative = c.Type(float, default=0.6)
    """Warn (fail with --strict) when a larger share of quotes and clips is negative."""
    min_positive_share = c.Type(float, default=0.5)
    """Least share of positive items in the home page's and the kiosk's mix (0 to turn off)."""
    print = c.Type(dict, default={})
    """What the room prints (PDFs under print/): posters, poster_sizes, quote_cards,
    quote_card_sets, clip_cards, week_notice (see the README)."""
    kiosk = c.Type(dict, default={})
    """The kiosk screen at /kiosk/: slides, seconds, order, dayparts, open, orientation, theme,
    poll_minutes, shift_pixels, shift_minutes, sound (see the README)."""
