"""A privacy officer's sign-off: the review pages (on 127.0.0.1, never in the site) show each
hidden stretch with its words and audio; approving records who, when and the plan's hash in
content/approvals.yml; with require_approval, a clip is published only with its current plan
approved."""

from __future__ import annotations

import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

import yaml
from click.testing import Result
from test_names import CALL, RoomMaker, build, room_with_call

from customer_room.engines.mkdocs.engine import room_settings
from customer_room.review.server import review_server


def test_a_clip_is_published_once_its_redactions_are_approved_and_held_when_they_change(
    make_room: RoomMaker, cli: Callable[..., Result], tmp_path: Path
) -> None:
    root = room_with_call(make_room, CALL, {})
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + "      require_approval: true\n")
    site = tmp_path / "site"
    result = build(cli, root, site)
    assert result.exit_code == 0, result.stderr
    assert (
        "warning: clips/call.yml: approval: left out of the site: nobody has approved its "
        "redactions yet — run customer-room review" in result.stderr
    )
    assert not (site / "clips/call").exists()
    strict = cli("build", "-f", str(config), "-d", str(tmp_path / "strict"), "--strict")
    assert strict.exit_code == 1

    server = review_server(room_settings(str(config)))
    assert server.server_address[0] == "127.0.0.1"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        index = urllib.request.urlopen(base).read().decode()
        assert "clips/call.yml" in index and "not approved" in index
        page = urllib.request.urlopen(base + "call.html").read().decode()
        # The reviewer hears and reads what is hidden: here, and nowhere in the site.
        assert "okafor" in page.lower() and "name" in page
        assert "name: dana okafor" in page.lower() or "name: okafor" in page.lower()
        audio = sorted(p.name for p in (root / ".cache/customer-room/review/audio").iterdir())
        assert "call-1-original.mp3" in audio and "call-1-redacted.mp3" in audio
        assert not any(site.rglob("*review*"))
        plan = page.split("<code>", 1)[1].split("</code>", 1)[0]
        stale = urllib.parse.urlencode({"plan": "0" * 32, "by": "Ann Officer"}).encode()
        try:
            urllib.request.urlopen(base + "approve/call", data=stale)
            raise AssertionError("a stale plan was approved")
        except urllib.error.HTTPError as error:
            assert error.code == 409
        form = urllib.parse.urlencode({"plan": plan, "by": "Ann Officer"}).encode()
        approved = urllib.request.urlopen(base + "approve/call", data=form).read().decode()
        assert "Approved by Ann Officer." in approved
    finally:
        server.shutdown()
        server.server_close()
    (record,) = yaml.safe_load((root / "content/approvals.yml").read_text())["approvals"]
    assert (record["clip"], record["plan"], record["by"]) == ("call", plan, "Ann Officer")
    assert record["at"].endswith("+00:00")

    result = build(cli, root, site)
    assert result.exit_code == 0, result.stderr
    assert "approval" not in result.stderr and (site / "clips/call/index.html").is_file()

    clip = root / "clips/call.yml"
    clip.write_text(clip.read_text() + "redact_terms: [blocked]\n")
    result = build(cli, root, tmp_path / "after-edit")
    assert "its redactions changed after Ann Officer approved them on" in result.stderr
    assert not (tmp_path / "after-edit/clips/call").exists()
