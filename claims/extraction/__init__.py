"""Quote extraction and speaker attribution: pure Python on spaCy, no Django.

Public API (imported lazily so that ``claims.extraction.furniture`` and
``claims.extraction.language`` can be used without loading spaCy)::

    Extractor, ExtractedQuote, Mention, ExtractionResult,
    SpeakerRegistry, RegistryEntry, RegistryRole, EXTRACTOR_VERSION, load_nlp
"""

from __future__ import annotations

EXTRACTOR_VERSION = "2026.12.06.12"

_LAZY = {
    "Extractor": "claims.extraction.pipeline",
    "ExtractedQuote": "claims.extraction.types",
    "Mention": "claims.extraction.types",
    "ExtractionResult": "claims.extraction.types",
    "SpeakerRegistry": "claims.extraction.registry",
    "RegistryEntry": "claims.extraction.registry",
    "RegistryRole": "claims.extraction.registry",
    "load_nlp": "claims.extraction.model",
    "ModelNotInstalled": "claims.extraction.model",
}

__all__ = [
    "EXTRACTOR_VERSION",
    "ExtractedQuote",
    "ExtractionResult",
    "Extractor",
    "Mention",
    "ModelNotInstalled",
    "RegistryEntry",
    "RegistryRole",
    "SpeakerRegistry",
    "load_nlp",
]


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'claims.extraction' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
