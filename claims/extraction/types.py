"""Plain data returned by the extractor: no spaCy objects, so results pickle and serialise."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ExtractedQuote", "ExtractionResult", "Mention"]

KINDS = ("direct", "indirect", "mixed")


@dataclass(frozen=True)
class Mention:
    """Where the article names or refers to a speaker: ``text == article[start:end]``."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class ExtractedQuote:
    """One statement attributed to someone, with offsets into the text it was found in.

    ``text`` always equals ``article[start:end]``.  ``speaker`` is the resolved name (a list
    for a joint statement, ``None`` when unknown); ``speaker_mention`` is the words that
    name the speaker in the article; ``speaker_keys`` are the registry keys it links to.
    """

    start: int
    end: int
    text: str
    kind: str
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | list[str] | None = None
    speaker_mention: Mention | None = None
    speaker_keys: tuple[str, ...] = ()
    confidence: float = 0.5

    def to_json(self, file: str) -> dict:
        """Return the record ``../shared/eval/score.py`` reads, for the article at ``file``."""
        return {
            "file": file,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "cue": self.cue,
            "speaker": list(self.speaker)
            if isinstance(self.speaker, (list, tuple))
            else self.speaker,
            "speaker_mention": self.speaker_mention.to_json() if self.speaker_mention else None,
        }


@dataclass
class ExtractionResult:
    """What one article gave: its quotes in text order, or why nothing was extracted.

    ``skipped`` is a human-readable reason ("empty text", "not English (detected 'fr')",
    "text over 2,000,000 characters") when the text was not analysed; ``language`` is the
    detected ISO 639-1 code, ``None`` when unknown.  ``note`` says how an extracted article
    was handled when it was not the usual way ("speakers chosen by the rules: ...").
    """

    quotes: list[ExtractedQuote] = field(default_factory=list)
    skipped: str | None = None
    language: str | None = None
    note: str | None = None
