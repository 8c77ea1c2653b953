"""Language identification (py3langid: its model ships inside the package, nothing is downloaded)."""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

# Below this probability the guess is worse than saying nothing (a one-line flash often is).
_MIN_PROBABILITY = 0.5
# The first few thousand characters decide as well as the whole text, at a fraction of the cost.
_SAMPLE_CHARS = 3000


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when the identifier is unsure."""
    language, probability = _identifier().classify(text[:_SAMPLE_CHARS])
    return str(language) if probability >= _MIN_PROBABILITY else None
