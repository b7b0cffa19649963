"""Who speaks, as a comparable string: grouping compares statements of one speaker key."""
from claims.grouping.normalise import normalise


def speaker_key(speaker_ids, speaker_name: str = "") -> str:
    """Who speaks, as a comparable string: registry ids in order ("12-40"), else the resolved
    name the extractor gave ("n:donald trump"), else "" (unknown: such a quote is grouped with
    nothing)."""
    ids = sorted(set(speaker_ids))
    if ids:
        return "-".join(map(str, ids))
    name = normalise(speaker_name)
    return f"n:{name}" if name else ""
