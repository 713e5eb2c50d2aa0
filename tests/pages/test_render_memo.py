"""A page rendered again only when its own context changed (pages/render.py, SELF_CONTAINED)
must read nothing but that context: no template it is made of may reach into the room."""

from __future__ import annotations

from jinja2 import nodes

from customer_room.pages.render import SELF_CONTAINED, template_environment

# What every page is given besides its own context (constants), and its own link maker.
EVERY_PAGE = {"url", "tone_labels", "moment_labels"}
# What a self-contained page may not read: the room as a whole.
ROOM_WIDE = {"room", "images", "clip_media", "schedules"}
CLIP_PAGE = {"entry", "c", "m", "who", "meta"}  # page_specs' context of a clip page


def names_read(template: str, macro: str | None = None) -> set[str]:
    """The names a template (or one of its macros) reads that it does not set itself, with
    those of the macros it imports."""
    env = template_environment(None)
    source = env.loader.get_source(env, template)[0]  # type: ignore[union-attr]
    tree = env.parse(source)
    if macro is not None:
        found = [m for m in tree.find_all(nodes.Macro) if m.name == macro]
        assert found, f"{template} has no macro {macro}"
        body: nodes.Node = found[0]
        given = {a.name for a in found[0].args}
    else:
        body, given = tree, set()
        for imported in tree.find_all(nodes.FromImport):
            template_name = imported.template.as_const()  # type: ignore[attr-defined]
            for name in imported.names:
                name = name[0] if isinstance(name, tuple) else name
                given.add(name)
                if imported.with_context:
                    read = names_read(template_name, name)
                    assert not read & ROOM_WIDE, (template_name, name, read)
    stored = {n.name for n in body.find_all(nodes.Name) if n.ctx in ("store", "param")}
    loaded = {n.name for n in body.find_all(nodes.Name) if n.ctx == "load"}
    return loaded - stored - given


def test_self_contained_pages_read_only_their_own_context() -> None:
    assert {"clip.md.j2"} == SELF_CONTAINED, "a new self-contained template: list its context"
    read = names_read("clip.md.j2")
    assert read, "the template reads nothing?"
    assert read <= CLIP_PAGE | EVERY_PAGE, read - CLIP_PAGE - EVERY_PAGE
    assert not read & ROOM_WIDE


def test_the_check_sees_a_template_that_reaches_into_the_room() -> None:
    # clip_card looks clips up in the room: it is not self-contained, and the check says so.
    assert {"clip_media", "room"} <= names_read("_clip_macros.j2", "clip_card")
