"""The exceptions logic code raises. The streaming shell decides between retry and DLQ."""

from __future__ import annotations

from services.contract.messages import RejectReason


class NewsingestError(Exception):
    """Root of every error this project raises on purpose."""


class RejectedInput(NewsingestError, ValueError):
    """The input can never be processed as it is: send it to the DLQ with ``reason``."""

    retriable = False

    def __init__(self, reason: RejectReason, detail: str) -> None:
        super().__init__(f"{reason.value}: {detail}")
        self.reason = reason
        self.detail = detail


class TransientError(NewsingestError):
    """A failure that may pass (a broker or resource hiccup): retry, never dead-letter."""

    retriable = True
