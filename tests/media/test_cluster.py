"""Media work on a Dask cluster: the same executor interface as the local pool."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from distributed import Client, LocalCluster, get_task_stream

from conftest import ROOT, build_room
from customer_room.settings import Settings


def test_media_stage_runs_on_a_local_dask_cluster(tmp_path: Path) -> None:
    room = tmp_path / "room"
    shutil.copytree(ROOT / "personas", room / "personas")
    (room / "content").mkdir()
    (room / "clips").mkdir()
    for name in ("maria-mortgage-date", "tom-overdraft-fee"):
        for source in (ROOT / "clips").glob(f"{name}.*"):
            shutil.copy2(source, room / "clips" / source.name)
    cache = tmp_path / "cache"
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
        get_task_stream(client) as stream,
    ):
        settings = Settings(
            room_dir=room,
            cache_dir=cache,
            today=dt.date(2026, 11, 24),
            media_cluster=cluster.scheduler_address,
        )
        result = build_room(settings)
        workers = set(client.scheduler_info()["workers"])
    assert not result.report.errors
    assert set(result.clip_media) == {"maria-mortgage-date", "tom-overdraft-fee"}
    # Two clips (each prepared, then encoded) and seven photos, each by a Dask worker.
    tasks = stream.data
    assert len(tasks) == 2 * 2 + 7, [t["key"] for t in tasks]
    assert {t["worker"] for t in tasks} <= workers
    for media in result.clip_media.values():
        mp3 = next(f for f in result.files if f.path == media.audio)
        assert mp3.source is not None and mp3.source.stat().st_size > 10_000


def test_an_unreachable_cluster_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from customer_room.errors import RoomError
    from customer_room.media import cluster

    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 2)
    room = tmp_path / "room"
    shutil.copytree(ROOT / "personas" / "maria-okafor", room / "personas" / "maria-okafor")
    (room / "content").mkdir()
    settings = Settings(
        room_dir=room, cache_dir=tmp_path / "cache", media_cluster="tcp://127.0.0.1:9"
    )
    with pytest.raises(RoomError) as caught:
        build_room(settings)
    message = str(caught.value)
    assert "media_cluster: cannot reach the Dask scheduler at tcp://127.0.0.1:9" in message
