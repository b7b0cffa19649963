"""The word lists in data/, read once."""
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data")


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


# The days of the week, for the rules that tell a date from what was said ("responded
# Friday": no one answered; "... on Wednesday": the report's frame, not the statement).
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")


@lru_cache(maxsize=1)
def negators() -> frozenset[str]:
    return frozenset(_lines("negators.txt"))


@lru_cache(maxsize=1)
def antonyms() -> tuple[tuple[str, str], ...]:
    return tuple(tuple(line.split()) for line in _lines("antonyms.txt"))  # type: ignore[misc]


@lru_cache(maxsize=1)
def response_cues() -> tuple[tuple[str, str], ...]:
    pairs = []
    for line in (DATA / "response_cues.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        relation, phrase = line.split("\t", 1)
        pairs.append((relation.strip(), phrase.strip()))
    return tuple(pairs)


@lru_cache(maxsize=1)
def negative_cues() -> tuple[str, ...]:
    return tuple(_lines("negative_cues.txt"))
