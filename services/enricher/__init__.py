"""Unique article → entities with canonical keys and typed number facts (spaCy)."""
