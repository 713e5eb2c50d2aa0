"""JSON Schemas of the content files, made from the same models the loader uses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .approval_models import ApprovalsFile
from .clip_models import Clip
from .models import FreePage, Persona, QuotesFile
from .onboarding_models import ReadingList
from .schedule_models import LendingFile, VisitsFile

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "persona": (Persona, "Front matter of personas/<slug>/persona.md"),
    "quotes": (QuotesFile, "content/quotes.yml"),
    "page": (FreePage, "Front matter of a free page in content/"),
    "clip": (Clip, "clips/<slug>.yml"),
    "visits": (VisitsFile, "content/visits.yml"),
    "lending": (LendingFile, "content/lending.yml"),
    "onboarding": (ReadingList, "content/onboarding.yml"),
    "approvals": (ApprovalsFile, "content/approvals.yml (written by customer-room review)"),
}


def content_schema(name: str) -> dict[str, Any]:
    model, title = SCHEMAS[name]
    schema = model.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **schema}


def write_schemas(folder: Path) -> list[Path]:
    """Write ``<name>.schema.json`` for every content file type; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = folder / f"{name}.schema.json"
        path.write_text(
            json.dumps(content_schema(name), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        written.append(path)
    return written
