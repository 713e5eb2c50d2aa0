"""What the protect stage did, without the values: what was hidden where, what was held back
and why; and the values themselves, kept in memory only, for the leak scan of the built site."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .as_read import as_read
from .pii import Hit


@dataclass(frozen=True)
class Secret:
    """A value that was hidden, for the leak scan. ``page`` is set for a name that someone in
    the room may also carry (a caller who shares a colleague's name), or one guessed from the
    words around it: it is looked for only on the pages of the clip (``clips/<slug>``) it was
    hidden in, since elsewhere it is the colleague's (or the firm's, the town's). Every other
    value is looked for everywhere."""

    value: str
    page: str | None = None
    # Where it was hidden (file, line, field; never the value), for a person to act on when it
    # is found again in the site.
    origin: str = field(default="", compare=False)


@dataclass
class PrivacyLog:
    """What was hidden where (no values), what was held back and why, and the values to scan
    the output for."""

    redactions: list[dict[str, Any]] = field(default_factory=list)
    held_back: list[dict[str, str]] = field(default_factory=list)
    published_clips: int = 0  # the clips that may be shown: published once the build succeeds
    secrets: set[Secret] = field(default_factory=set)

    def add(self, path: str, hit: Hit, *, page: str | None = None, **where: Any) -> None:
        """Log a hit; ``page`` is where it was hidden. A name a colleague may share, or one
        guessed from the words around it ("speak to …", "thanks …": perhaps a firm's or a
        town's name), is looked for on that page only (see :class:`Secret`), and not again
        at all when it came from elsewhere: a wrong guess must not stop a build for a word
        that is fine on every other page. Every other value is looked for everywhere."""
        self.redactions.append({"file": path, "kind": hit.kind, **where})
        value = as_read(hit.value).text.strip()  # as the leak scan reads the site
        # A one-word guess ("speak to Openreach") may be a firm's or a town's name; a whole
        # name ("Tunde Bakare") is a person's wherever it appears.
        scoped = hit.shared or (hit.guessed and len(value.split()) == 1)
        # A one-word name that is an everyday word ("Will") would be found in every "will":
        # the detectors, which read it in its place, are what look for it in the site.
        if len(value) >= 3 and not hit.everyday and (page is not None or not scoped):
            self.secrets.add(Secret(value, page if scoped else None, _origin(path, where)))

    def counts(self) -> Counter[str]:
        return Counter(r["kind"] for r in self.redactions)

    def summary(self, published: bool | None = True) -> str:
        """The build's privacy line. ``published``: True once the site is out, False when the
        build failed (nothing was published), None when nothing is built (``check``)."""
        reasons = Counter(h["reason"] for h in self.held_back)
        held = ", ".join(f"{n} {reason}" for reason, n in reasons.items())
        kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(self.counts().items()))
        count = self.published_clips
        clips = f"{count} clip{'' if count == 1 else 's'}"
        if published is False:
            were = "was" if count == 1 else "were"
            clips = f"nothing published (the build failed); {clips} {were} ready"
        else:
            clips += " published" if published else " would be published"
        return (
            f"Privacy: {clips}, {len(self.held_back)} held back{f' ({held})' if held else ''}; "
            f"redactions: {kinds or 'none'}"
        )


def _origin(path: str, where: dict[str, Any]) -> str:
    """Where a value was hidden, as a person finds it: file and line, the field or the turn of
    the call."""
    place = f"{path}:{where['line']}" if where.get("line") and not where.get("turn") else path
    parts = [f"turn {where['turn']} of the call"] if where.get("turn") else []
    if where.get("field"):
        parts.append(str(where["field"]))
    return f"{place} ({', '.join(parts)})" if parts else place


def merged(log: PrivacyLog, other: PrivacyLog) -> None:
    """``other``'s redactions and secrets added to ``log``."""
    log.redactions += other.redactions
    log.secrets |= other.secrets
