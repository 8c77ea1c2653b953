"""The files of ``schemas/``, generated from the pydantic models: one JSON Schema per message, and the AsyncAPI
document of the topics."""

from __future__ import annotations

import json
from pathlib import Path

from services.contract.asyncapi import rendered_asyncapi
from services.contract.messages import ALL_MODELS

ASYNCAPI_FILE = "asyncapi.yaml"


def rendered_schemas() -> dict[str, str]:
    """JSON Schema file name → JSON text, exactly as committed under ``schemas/``."""
    return {
        f"{model.__name__}.json": json.dumps(model.model_json_schema(mode="serialization"), indent=2, sort_keys=True)
        + "\n"
        for model in ALL_MODELS
    }


def rendered_files() -> dict[str, str]:
    """Every generated file of ``schemas/``, name → text."""
    return rendered_schemas() | {ASYNCAPI_FILE: rendered_asyncapi()}


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in rendered_files().items():
        path = directory / name
        path.write_text(text)
        written.append(path)
    return written
