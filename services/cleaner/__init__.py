"""Raw feed message → clean article: validation, HTML extraction, text normalisation."""
