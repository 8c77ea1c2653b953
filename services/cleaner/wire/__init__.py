"""IPTC wire formats (ninjs, NewsML 1.2, NewsML-G2) mapped to the cleaner's input, ``RawArticle``."""
