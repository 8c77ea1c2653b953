"""Reading parsed XML by local name: NewsML 1.2 has no namespace, NewsML-G2 and XHTML bodies have theirs."""

from __future__ import annotations

from lxml import etree


def local_name(element: etree._Element) -> str:
    """The tag without its namespace; "" for what is not an element (a comment, an entity reference)."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if local_name(child) == name]


def descendants(element: etree._Element, name: str) -> list[etree._Element]:
    return [inner for inner in element.iter() if local_name(inner) == name]


def first(element: etree._Element | None, *path: str) -> etree._Element | None:
    """The first element, in document order, named ``path[-1]`` inside one named ``path[-2]`` … inside ``element``
    (``element`` itself included)."""
    if element is None:
        return None
    for inner in element.iter():
        if local_name(inner) == path[0]:
            found = first(inner, *path[1:]) if len(path) > 1 else inner
            if found is not None:
                return found
    return None


def text_of(element: etree._Element | None) -> str | None:
    """All the text inside ``element``, whitespace runs made one space; None when there is none."""
    if element is None:
        return None
    text = " ".join("".join(element.itertext()).split())
    return text or None


def attr(element: etree._Element | None, name: str) -> str | None:
    value = element.get(name) if element is not None else None
    return value.strip() if value and value.strip() else None
