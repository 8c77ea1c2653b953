"""Text of an article body given as markup (HTML, XHTML, NITF): the wire's own body, not a web page.

A wire body is the article and nothing else, so nothing is stripped as
boilerplate: trafilatura, made for whole pages, finds no main text in a
two-paragraph BusinessWire body (measured on the ninjs examples) and may drop
paragraphs of a longer one. Each block element is one paragraph; whitespace
inside a block, including the source's line breaks, is one space.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from services.cleaner.defuse import defuse_html
from services.cleaner.wire.tree import local_name
from services.contract.errors import RejectedInput
from services.contract.messages import RejectReason

_BLOCKS = frozenset(
    ["address", "article", "aside", "blockquote", "body.content", "block", "dd", "div", "dl", "dt", "figcaption", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hedline", "hl1", "hl2", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "th", "tr", "ul"]
)
# Elements whose text is not part of the article: code, styling, the head of a document.
_SILENT = frozenset(["script", "style", "noscript", "template", "head", "title", "object", "embed", "iframe", "svg", "math"])
_SPACES = re.compile(r"\s+")


def markup_text(root: etree._Element) -> str:
    """Paragraphs of ``root`` separated by newlines (the cleaner's normalisation makes them blank lines)."""
    pieces: list[str] = []
    silent_depth = 0
    # iterwalk, not recursion: a deeply nested body must not hit the recursion limit.
    for event, element in etree.iterwalk(root, events=("start", "end")):
        name = local_name(element).lower()
        if event == "start":
            if silent_depth or name in _SILENT:
                silent_depth += 1
                continue
            if name in _BLOCKS or name == "br":
                pieces.append("\n")
            if element.text and name:
                pieces.append(_SPACES.sub(" ", element.text))
            continue
        if silent_depth:
            silent_depth -= 1
            if silent_depth:
                continue
        elif name in _BLOCKS:
            pieces.append("\n")
        if element.tail and element is not root:
            pieces.append(_SPACES.sub(" ", element.tail))
    return "".join(pieces)


def html_fragment_text(html: str) -> str:
    """Text of an HTML body fragment (or a whole HTML document) with the lenient HTML parser, which expands no
    declared entities."""
    try:
        root = lxml.html.fragment_fromstring(defuse_html(html), create_parent="div")
    except (etree.ParserError, ValueError) as exc:
        raise RejectedInput(RejectReason.NO_TEXT, f"HTML body could not be parsed: {exc}") from exc
    return markup_text(root)
