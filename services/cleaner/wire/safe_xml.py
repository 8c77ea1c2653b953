"""XML parsed without trusting it: no entity expansion, no DTD, nothing fetched from the network.

lxml is told not to resolve entities, load a DTD or open a URL, so an
expansion bomb or an external entity stays an unexpanded reference; a document
that declares any entity is then rejected outright (``unsafe_xml``), because a
news item never needs one and its text would be missing where a reference sits.
A plain ``<!DOCTYPE NewsML PUBLIC …>`` line, which real NewsML 1.2 feeds send,
is harmless: its DTD is never loaded.
"""

from __future__ import annotations

from lxml import etree

from services.contract.errors import RejectedInput
from services.contract.messages import RejectReason


def parse_xml(data: bytes, *, declared_encoding_applies: bool = True) -> etree._Element:
    """The root element of ``data``. ``declared_encoding_applies=False`` when ``data`` was re-encoded as UTF-8
    from text (an XML string inside JSON): its ``<?xml … encoding=…?>`` then no longer tells the truth."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False,
        remove_comments=True, remove_pis=True, encoding=None if declared_encoding_applies else "utf-8",
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        # libxml2 stops an expansion bomb itself ("maximum entity amplification"): still an unsafe document.
        reason = RejectReason.UNSAFE_XML if b"<!ENTITY" in data else RejectReason.INVALID_XML
        raise RejectedInput(reason, str(exc)[:300]) from exc
    if root is None:
        raise RejectedInput(RejectReason.INVALID_XML, "no root element")
    dtd = root.getroottree().docinfo.internalDTD
    declared = [entity.name for entity in dtd.iterentities()] if dtd is not None else []
    if declared:
        raise RejectedInput(RejectReason.UNSAFE_XML, f"the document declares entities: {', '.join(declared[:5])}")
    return root

