"""What a wire-format reader gives the cleaner: articles to clean, and items to pass over with a reason."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from services.contract.errors import RejectedInput
from services.contract.messages import PubStatus, RawArticle, RejectReason, SkipReason, WireFormat

MEDIA_TYPES = frozenset({"picture", "video", "audio", "graphic"})
"""Item classes whose content is not text: passed over unless they carry a text body."""


@dataclass(frozen=True, slots=True)
class Skip:
    """A well-formed item that holds no article (``SkippedItem`` once the cleaner adds id and time)."""

    source: str
    uri: str
    reason: SkipReason
    detail: str
    item_type: str | None
    version: int | None
    wire_format: WireFormat


WireItem = RawArticle | Skip

# "By …", "Von …", "Av …", "Par …", "Por …", "Di …", "Af …", "Door …": the byline's own lead-in word.
_BYLINE_LEAD = re.compile(r"^\s*(?:by|von|av|af|par|por|di|door)\s+", re.IGNORECASE)
_BYLINE_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bog\b|\boch\b|\bet\b|\by\b)\s*", re.IGNORECASE)


def byline_names(byline: str | None) -> list[str]:
    """The names in a byline: "Von Christian Hollmann, dpa" → ["Christian Hollmann", "dpa"]."""
    if not byline:
        return []
    names = _BYLINE_SEPARATORS.split(_BYLINE_LEAD.sub("", byline.strip()))
    return [name for name in (" ".join(n.split()) for n in names) if name]


def version_number(value: object, field: str) -> int | None:
    """IPTC versions are strings of digits in ninjs and integers in NewsML; anything else says no order."""
    if value is None:
        return None
    text = str(value).strip()
    if not text.isdigit():
        raise RejectedInput(RejectReason.INVALID_MESSAGE, f"{field}: version {text[:40]!r} is not a whole number")
    return int(text)


def urgency_level(value: str | None) -> int | None:
    """IPTC urgency, 1 (most urgent) to 9, from XML text; anything else is no urgency rather than an error."""
    return int(value) if value and value.isdigit() and 1 <= int(value) <= 9 else None


def pub_status(value: str | None) -> PubStatus | None:
    """ninjs ``usable``/``withheld``/``canceled``, NewsML-G2 ``stat:…`` qcodes, NewsML 1.2 ``Usable``/``Withheld``/
    ``Canceled``/``Embargoed`` (not usable yet: withheld until a usable version comes)."""
    if value is None:
        return None
    code = value.strip().lower().rpartition(":")[2]
    known = {"usable": PubStatus.USABLE, "withheld": PubStatus.WITHHELD, "withdrawn": PubStatus.WITHHELD,
             "embargoed": PubStatus.WITHHELD, "canceled": PubStatus.CANCELED, "cancelled": PubStatus.CANCELED}
    if code not in known:
        raise RejectedInput(RejectReason.INVALID_MESSAGE, f"unknown publication status {value[:40]!r}")
    return known[code]


def wire_datetime(value: str | None, field: str) -> datetime | None:
    """ISO 8601 (ninjs, NewsML-G2) or NewsML 1.2's basic form ``20130731T153200+0000``; a time without zone is
    rejected: guessing one would misplace the article by hours."""
    if value is None or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise RejectedInput(RejectReason.INVALID_MESSAGE, f"{field}: not a date-time: {value[:40]!r}") from exc
    if moment.tzinfo is None:
        raise RejectedInput(RejectReason.INVALID_MESSAGE, f"{field}: {value[:40]!r} has no time zone")
    return moment
