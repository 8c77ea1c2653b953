"""Enriched articles → stories, and the entity, number and story events consumers read."""
