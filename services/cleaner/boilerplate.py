"""Site and wire boilerplate at the edges of an article: share prompts, copyright lines, credits.

Only whole paragraphs at the start or end are dropped, and only short ones: a
pattern inside the body is news ("…said in a statement. Copyright law…").
"""

from __future__ import annotations

import re

_EDGE_JUNK = re.compile(
    r"^(?:like this story|share (?:this|it|on)|follow us|sign up|subscribe|read more|related(?: stories| articles)?:"
    r"|advertisement|copyright\s*(?:©|\(c\)|\d{4})|©|\(c\) \d{4}|all rights reserved|this copy is for your personal"
    r"|updated (?:at|on)|click here|more:|see also|also read|image:|photo:|getty images"
    r"|reporting by|editing by|writing by|recommended)",
    re.IGNORECASE,
)
_MAX_JUNK_CHARS = 200


def trim_edge_boilerplate(text: str) -> str:
    """``text`` (paragraphs separated by blank lines) without boilerplate paragraphs at either end."""
    paragraphs = text.split("\n\n")
    while paragraphs and _is_junk(paragraphs[0]):
        paragraphs.pop(0)
    while paragraphs and _is_junk(paragraphs[-1]):
        paragraphs.pop()
    return "\n\n".join(paragraphs)


def _is_junk(paragraph: str) -> bool:
    return len(paragraph) <= _MAX_JUNK_CHARS and _EDGE_JUNK.match(paragraph.strip()) is not None
