"""Clean article → verdict (unique / exact / near duplicate) with MinHash + LSH."""
