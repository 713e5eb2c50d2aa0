"""HTML from content is cleaned with an allow-list: what authors may write, and what we generate.

Quotes and persona fields are escaped where they are rendered; Markdown bodies may hold raw
HTML, so every page's HTML is cleaned once more before it reaches the site.
"""

from __future__ import annotations

import sys
from html import unescape
from pathlib import Path

import nh3

from ..cache import TextMemo, code_version

_TEXT = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
    "article",
    "section",
    "aside",
    "nav",
    "header",
    "footer",
    "main",
}
_MEDIA = {"img", "picture", "source", "audio", "video", "track"}
_FORMS = {
    "form",
    "label",
    "select",
    "option",
    "optgroup",
    "input",
    "button",
    "output",
    "fieldset",
    "legend",
    "progress",
    "meter",
}

_SVG = {"svg", "g", "rect", "path", "line", "circle", "text", "title", "desc", "polyline"}

ALLOWED_TAGS = _TEXT | _MEDIA | _FORMS | _SVG
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "role", "hidden", "tabindex"},
    "a": {"href", "hreflang", "download"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"},
    "source": {"src", "srcset", "sizes", "type", "media"},
    "audio": {"src", "controls", "preload", "muted", "loop"},
    "video": {"src", "controls", "preload", "muted", "loop", "poster", "width", "height"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start", "reversed", "type"},
    "time": {"datetime"},
    "details": {"open"},
    "form": {"method", "action"},
    "label": {"for"},
    "input": {
        "type",
        "name",
        "value",
        "checked",
        "disabled",
        "placeholder",
        "min",
        "max",
        "step",
        "autocomplete",
    },
    "select": {"name", "multiple", "disabled"},
    "option": {"value", "selected", "disabled"},
    "button": {"type", "name", "value", "disabled"},
    "output": {"for", "name"},
    "progress": {"value", "max"},
    "meter": {"value", "min", "max", "low", "high", "optimum"},
    "svg": {
        "viewBox",
        "viewbox",
        "preserveAspectRatio",
        "preserveaspectratio",
        "width",
        "height",
        "focusable",
        "xmlns",
    },
    "rect": {"x", "y", "width", "height", "rx"},
    "line": {"x1", "y1", "x2", "y2"},
    "circle": {"cx", "cy", "r"},
    "path": {"d"},
    "polyline": {"points"},
    "text": {"x", "y", "dx", "dy", "text-anchor"},
}


def sanitize_html(html: str) -> str:
    """Drop scripts, event handlers, styles and unsafe URLs; keep the room's own markup."""
    return str(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            generic_attribute_prefixes={"data-", "aria-"},
            url_schemes={"http", "https", "mailto", "tel"},
            link_rel=None,
            strip_comments=False,
        )
    )


class RememberedSanitizer:
    """:func:`sanitize_html`, skipped for HTML found clean in an earlier build (remembered by
    hash, for the same rules and nh3). The room's own pages are written so that the sanitizer
    leaves them as they are; anything it changes is sanitized every time, and no page's text
    is ever written to the cache."""

    def __init__(self, store: Path | None) -> None:
        self.memo = TextMemo(store, code_version((sys.modules[__name__],), ("nh3",)))

    def __call__(self, html: str) -> str:
        if self.memo.recall(html) is not None:
            return html
        clean = sanitize_html(html)
        if clean == html:
            self.memo.remember(html, 0)
        return clean

    def is_clean(self, html: str) -> bool:
        """Whether the sanitizer leaves ``html`` as it is, but for how it writes characters
        (``&quot;`` or ``"`` in text): nothing in it would be removed."""
        if self.memo.recall(html) is not None:
            return True
        clean = sanitize_html(html)
        same = clean == html or unescape(clean) == unescape(html)
        if same:
            self.memo.remember(html, 0)
        return same

    def save(self) -> None:
        self.memo.save()
