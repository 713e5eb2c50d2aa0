"""What the leak scan finds: a file of the site and the kind of data it shows, never the value."""

from __future__ import annotations

from dataclasses import dataclass, field

from .privacy_log import Secret


@dataclass(frozen=True)
class Leak:
    path: str
    kind: str
    origin: str = ""  # for a value that was hidden: where it was hidden (never the value)
    source: str = ""  # and the content file and line that put it in the site, once found
    secret: Secret | None = field(default=None, repr=False, compare=False)
    also: tuple[str, ...] = ()  # other built files showing the same, from the same place

    def __str__(self) -> str:
        if not self.origin:
            return (
                f"{self.path}: {self.kind} found in the built site — nothing was published; "
                "find where it comes from in the content and hide it"
            )
        put = f", put there by {self.source}" if self.source else ""
        more = len(self.also)
        where = (
            f"{self.path} (and {more} other file{'s' if more > 1 else ''})" if more else self.path
        )
        return (
            f"{where}: a value hidden in {self.origin} is shown in the built site{put} — "
            "nothing was published; hide it there too, or, if it may be shown (a persona's "
            "name, a team's), take it out of what is hidden"
        )


@dataclass(frozen=True)
class Unreadable(Leak):
    """Something in the site the guard cannot read, so cannot let through."""

    def __str__(self) -> str:
        return (
            f"{self.path}: {self.kind} in the built site — nothing was published; the guard "
            "reads every file it publishes: remove it, or put the file itself there"
        )
