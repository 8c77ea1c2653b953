"""JSON Schemas of the messages, generated from the pydantic models into ``schemas/``."""

from __future__ import annotations

import json
from pathlib import Path

from services.messages import ALL_MODELS


def rendered_schemas() -> dict[str, str]:
    """File name → JSON text, exactly as committed under ``schemas/``."""
    return {
        f"{model.__name__}.json": json.dumps(model.model_json_schema(mode="serialization"), indent=2, sort_keys=True)
        + "\n"
        for model in ALL_MODELS
    }


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in rendered_schemas().items():
        path = directory / name
        path.write_text(text)
        written.append(path)
    return written
