"""HTML made safe to parse before any parser sees it.

libxml2 checks each attribute against the others of its tag, so a tag with tens
of thousands of attributes costs seconds per parse (and trafilatura parses a
page several times); a multi-megabyte attribute value is copied at every step.
No article's text lives inside a tag, so an oversized tag keeps its name and
loses its attributes. Entities need no defusing: the HTML parser does not
expand entities declared in a DOCTYPE, so an expansion bomb stays inert (tested).
"""

from __future__ import annotations

import re

_MAX_TAG_CHARS = 8192
_OVERSIZED_TAG = re.compile(r"<([a-zA-Z][\w:.-]*)[^<>]{%d,}>" % _MAX_TAG_CHARS)


def defuse_html(html: str) -> str:
    return _OVERSIZED_TAG.sub(r"<\1>", html)
