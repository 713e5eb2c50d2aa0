"""Media stage for call clips: each recording becomes one redacted, loudness-matched MP3.

Work per clip runs in worker processes, in two jobs: the first decodes, aligns, plans the spans
and finishes the audio (what the pages need: length, waveform, transcript), the second encodes
the MP3. The pages are made while the encoding goes on; the site engine waits for it before it
publishes the clips. Results are cached by a hash of the recording, the marked transcript and
every audio setting; the cache keeps the transcript as the page shows it (a hidden word is its
kind, never its text). Unredacted audio is held in memory, or for formats only ffmpeg reads in a
temporary folder that is removed even when the work fails; only finished (redacted) samples
wait on disk for the encoder, in the cache, and are removed once encoded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import orjson

from ..cache import DIGESTS_FILE, FileDigests, code_version
from ..content.room import ClipEntry, Room
from ..content.transcript import Transcript, Turn, Word, hide_words
from ..errors import Report
from ..ffmpeg import encode_mp3
from ..memo import Memo, stamp
from ..privacy.hidden_spans import Span
from ..privacy.redact import audio_spans
from ..settings import Settings
from ..site_files import GeneratedFile
from .audio_plan import AudioPlan
from .jobs import MediaJobs

# What a clip's MP3, waveform and transcript are made by: a change to any of these makes every
# clip again (see customer_room.cache).
CLIP_CODE = (
    __name__,
    "customer_room.media.audio",
    "customer_room.media.align",
    "customer_room.media.audio_plan",
    "customer_room.media.dtmf",
    "customer_room.media.loudness",
    "customer_room.privacy.redact",
    "customer_room.privacy.hidden_spans",
    "customer_room.content.transcript",
    "customer_room.ffmpeg",
)
CLIP_PACKAGES = ("numpy", "scipy", "soundfile", "pydub", "pyloudnorm", "pocketsphinx")


@dataclass(frozen=True)
class ClipJob:
    """One clip to process; plain data so it can cross into a worker process."""

    source: Path
    transcript: Transcript
    explicit_spans: tuple[Span, ...]
    plan: AudioPlan
    out_dir: Path
    stem: str
    max_seconds: float = 3600.0


@dataclass
class ClipMedia:
    """A processed clip: its MP3, length, waveform and transcript on the clip's own timeline."""

    audio: str
    duration: float
    peaks: list[float]
    transcript: Transcript
    spans: list[Span]


@dataclass
class PreparedClip:
    """A clip as the pages show it and, unless its MP3 is cached, its finished samples (16-bit
    mono, redacted) waiting in the cache to be encoded."""

    media: ClipMedia
    samples: Path | None = None
    rate: int = 0


@dataclass(frozen=True)
class EncodeJob:
    """One clip's finished samples to encode (plain data, for a worker process)."""

    samples: Path
    rate: int
    bitrate_kbps: int
    out_dir: Path
    media: ClipMedia


def process_clips(
    room: Room, settings: Settings, report: Report, jobs: MediaJobs
) -> tuple[dict[str, ClipMedia], list[GeneratedFile]]:
    """Every clip's page data and MP3 file. The MP3s not cached are still being encoded when
    this returns: :meth:`MediaJobs.wait` waits for them."""
    clip_jobs: dict[str, ClipJob] = {}
    digests = FileDigests(settings.cache_dir / DIGESTS_FILE)

    def prepared() -> Iterator[tuple[str, ClipJob]]:
        for entry in room.clips:
            clip_jobs[entry.slug] = _job_for(entry, settings, digests.of(entry.audio_path))
            yield entry.slug, clip_jobs[entry.slug]

    def failed(slug: str, exc: Exception) -> None:
        entry = next(c for c in room.clips if c.slug == slug)
        report.error(entry.audio_name, str(exc))

    clean_old_results(settings.cache_dir / "clips")
    results = jobs.run(prepared(), prepare_clip, cached_clip, label="clips", on_error=failed)
    digests.save()
    files = []
    media = {}
    by_slug = {entry.slug: entry for entry in room.clips}
    for slug, result in results.items():
        _words_after_the_end(by_slug[slug], result.media, report)
        out_dir = clip_jobs[slug].out_dir
        site_path = f"media/clips/{result.media.audio}"
        files.append(GeneratedFile(site_path, source=out_dir / result.media.audio))
        media[slug] = replace(result.media, audio=site_path)
        if result.samples is not None:
            job = EncodeJob(
                result.samples, result.rate, settings.clip_bitrate, out_dir, result.media
            )
            jobs.later(slug, encode_clip, job, target=out_dir / result.media.audio, on_error=failed)
    return media, files


# How far a transcript's timed words may run past the recording's end (rounding in subtitle
# files) before it is said: the words after the end are never heard, nor hidden in the audio.
LATE_WORDS_SECONDS = 1.0


def _words_after_the_end(entry: ClipEntry, media: ClipMedia, report: Report) -> None:
    """A transcript whose cues run past the end of its recording: a different call's, or cut
    from a longer one; the words after the end are never heard, nor hidden in the audio."""
    if entry.clip.trim.end is not None:
        return
    turns = entry.transcript.turns
    ends = [word.end for word in entry.transcript.words if word.end is not None]
    ends += [turn.end for turn in turns if turn.end is not None]  # cue times
    recording_end = entry.clip.trim.start + media.duration
    if ends and max(ends) > recording_end + LATE_WORDS_SECONDS:
        report.warn(
            entry.path,
            f"the transcript runs to {_clock(max(ends))} but the recording ends at "
            f"{_clock(recording_end)} — check that they belong to the same call, or trim the "
            "transcript",
            line=entry.lines.get("transcript"),
            field="transcript",
        )


def _clock(seconds: float) -> str:
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


def _job_for(entry: ClipEntry, settings: Settings, recording_digest: str) -> ClipJob:
    """The clip's job, kept while the clip, its transcript, its recording and the settings
    are the same (the live preview's rebuilds)."""
    key = (entry.clip, entry.transcript, entry.audio_path, recording_digest, settings)
    if (kept := _jobs.get(entry.slug, key)) is not None:
        return kept
    return _jobs.put(entry.slug, key, _new_job(entry, settings, recording_digest))


_jobs: Memo[ClipJob] = Memo()


def _new_job(entry: ClipEntry, settings: Settings, recording_digest: str) -> ClipJob:
    clip = entry.clip
    customer = None
    if clip.voice_disguise and clip.channels is not None:
        customer = 0 if clip.channels.customer == "left" else 1
    plan = AudioPlan(
        trim_start=clip.trim.start,
        trim_end=clip.trim.end,
        spans=(),
        customer_channel=customer,
        disguise_factor=settings.disguise_factor,
        bleep=settings.bleep,
        target_lufs=settings.loudness_target,
        bitrate_kbps=settings.clip_bitrate,
    )
    explicit = tuple(Span(s.start, s.end, s.kind) for s in clip.redact_spans)
    # The published name is by what the clip is made from; the cache folder also by the code
    # that makes it (see customer_room.cache).
    digest = hashlib.sha256(recording_digest.encode())
    digest.update(
        orjson.dumps(
            [
                asdict(plan),
                [asdict(s) for s in explicit],
                transcript_json(entry.transcript),
            ],
            option=orjson.OPT_SORT_KEYS,
        )
    )
    key = digest.hexdigest()[:16]
    return ClipJob(
        entry.audio_path,
        entry.transcript,
        explicit,
        plan,
        settings.cache_dir / "clips" / f"{key}-{code_version(CLIP_CODE, CLIP_PACKAGES)}",
        f"{entry.slug}-{key[:8]}",
        settings.max_clip_minutes * 60,
    )


def prepare_clip(job: ClipJob) -> PreparedClip:
    """Decode, align, plan the redactions and finish one clip's audio, leaving its samples in
    the cache for :func:`encode_clip` (runs in a worker process)."""
    # The audio libraries (numpy, soundfile, pydub) load here, in the workers: a rebuild whose
    # clips are all cached never loads them.
    from .align import align_transcript, fill_gaps
    from .audio import alignment_samples, finish_audio, read_recording

    transcript = job.transcript.copy()
    recording = read_recording(job.source, job.max_seconds)
    if not all(w.timed for w in transcript.words):
        align_transcript(transcript, alignment_samples(recording))
    fill_gaps(transcript, recording.duration_seconds)
    spans = audio_spans(transcript, list(job.explicit_spans))
    end = job.plan.trim_end if job.plan.trim_end is not None else recording.duration_seconds
    local_spans = _shift_spans(spans, job.plan.trim_start, end)
    plan = replace(job.plan, spans=tuple(local_spans))
    done = finish_audio(recording, plan)
    job.out_dir.mkdir(parents=True, exist_ok=True)
    samples = job.out_dir / f"{job.stem}.pcm"
    samples.write_bytes(done.pcm())
    shown = _shift_transcript(transcript, job.plan.trim_start, end)
    hide_words(shown)  # the hidden words' text goes no further: not to the cache either
    media = ClipMedia(f"{job.stem}.mp3", done.duration, done.peaks, shown, done.spans)
    return PreparedClip(media, samples, done.rate)


def encode_clip(job: EncodeJob) -> None:
    """Encode a prepared clip's samples to its MP3, then record the clip as done in the cache
    (runs in a worker process)."""
    encode_mp3(job.samples.read_bytes(), job.rate, job.out_dir / job.media.audio, job.bitrate_kbps)
    job.samples.unlink()
    (job.out_dir / "result.json").write_bytes(orjson.dumps(_result_json(job.media)))


CLEANED_MARK = ".hidden-words-cleaned"


def clean_old_results(clips_cache: Path) -> None:
    """Once per cache: rewrite every clip result an earlier version wrote with the hidden
    words' text (clips no longer in the room, or held back, included), so the cache holds only
    what pages show. Results written since are clean when written."""
    mark = clips_cache / CLEANED_MARK
    if not clips_cache.is_dir() or mark.exists():
        return
    for path in clips_cache.glob("*/result.json"):
        try:
            data = orjson.loads(path.read_bytes())
            transcript = transcript_from_json(data["transcript"])
        except (OSError, ValueError, KeyError, TypeError):
            path.unlink(missing_ok=True)  # unreadable: made again when needed
            continue
        if hide_words(transcript):
            data["transcript"] = transcript_json(transcript)
            path.write_bytes(orjson.dumps(data))
    mark.touch()


# Each clip's cached result as read last time, kept while its file is unchanged.
_results: Memo[PreparedClip] = Memo()


def cached_clip(job: ClipJob) -> PreparedClip | None:
    path = job.out_dir / "result.json"
    if not path.is_file():
        return None
    kept = _results.get(
        str(path), stamp(path), still=lambda kept: (job.out_dir / kept.media.audio).is_file()
    )
    if kept is not None:
        return kept
    prepared = _read_cached(job, path)
    if prepared is not None:
        _results.put(str(path), stamp(path), prepared)
    return prepared


def _read_cached(job: ClipJob, path: Path) -> PreparedClip | None:
    data = orjson.loads(path.read_bytes())
    if not (job.out_dir / data["audio"]).is_file():
        return None
    transcript = transcript_from_json(data["transcript"])
    if hide_words(transcript):  # written by an earlier version, with the hidden words' text
        data["transcript"] = transcript_json(transcript)
        path.write_bytes(orjson.dumps(data))
    return PreparedClip(
        ClipMedia(
            data["audio"],
            data["duration"],
            data["peaks"],
            transcript,
            [Span(**s) for s in data["spans"]],
        )
    )


def _shift_spans(spans: list[Span], start: float, end: float) -> list[Span]:
    return [
        Span(max(0.0, s.start - start), min(end, s.end) - start, s.kind)
        for s in spans
        if s.end > start and s.start < end
    ]


def _shift_transcript(transcript: Transcript, start: float, end: float) -> Transcript:
    """The part of the transcript inside the clip, with times from the clip's start."""
    turns = []
    for turn in transcript.turns:
        words = [
            replace(w, start=w.start - start, end=min(w.end, end) - start)
            for w in turn.words
            if w.start is not None and w.end is not None and w.end > start and w.start < end
        ]
        if words:
            turns.append(
                Turn(
                    turn.speaker,
                    words,
                    max(0.0, words[0].start or 0.0),
                    max(w.end or 0.0 for w in words),
                )
            )
    return Transcript(turns)


def transcript_json(transcript: Transcript) -> list[dict[str, object]]:
    # Written out by hand: dataclasses.asdict deep-copies, and this runs for every clip.
    return [
        {
            "speaker": t.speaker,
            "start": t.start,
            "end": t.end,
            "words": [
                {"text": w.text, "start": w.start, "end": w.end, "redacted": w.redacted}
                for w in t.words
            ],
        }
        for t in transcript.turns
    ]


def transcript_from_json(data: list[dict[str, object]]) -> Transcript:
    turns = []
    for item in data:
        words = [Word(**w) for w in item["words"]]  # type: ignore[attr-defined]
        turns.append(Turn(str(item["speaker"]), words, item["start"], item["end"]))  # type: ignore[arg-type]
    return Transcript(turns)


def _result_json(result: ClipMedia) -> dict[str, object]:
    return {
        "audio": result.audio,
        "duration": result.duration,
        "peaks": result.peaks,
        "transcript": transcript_json(result.transcript),
        "spans": [asdict(s) for s in result.spans],
    }
