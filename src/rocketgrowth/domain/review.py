"""Review modes of the sandbox: how a product that asked for approval gets decided."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ("ReviewMode", "parse_review_mode")


@dataclass(frozen=True, slots=True)
class ReviewMode:
    """``auto``: decided at once; ``delay``: decided after ``seconds``; ``manual``: by the operator."""

    kind: str
    seconds: float = 0.0


def parse_review_mode(text: str) -> ReviewMode:
    if text in ("auto", "manual"):
        return ReviewMode(text)
    if text.startswith("delay:"):
        try:
            seconds = float(text[6:])
        except ValueError:
            raise ValueError(f"invalid review mode {text!r}: delay:SECONDS needs a number") from None
        if seconds < 0:
            raise ValueError("delay:SECONDS must not be negative")
        return ReviewMode("delay", seconds)
    raise ValueError(f"invalid review mode {text!r}: use auto, manual or delay:SECONDS")
