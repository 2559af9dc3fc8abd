"""Customer inquiries and replies (to be written)."""

from __future__ import annotations


class InquiryStore:
    pass
