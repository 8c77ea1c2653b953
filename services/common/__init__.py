"""Pure helpers that more than one stage's logic shares: partition ownership, expiry indexes, kinds of text lines."""
