"""What the database in use can do: some reads need PostgreSQL, and say so elsewhere."""
from django.db import connection


class FeatureUnavailable(Exception):
    """A feature that needs PostgreSQL was asked for on another database."""


def _require_postgresql(feature: str) -> None:
    if connection.vendor != "postgresql":
        raise FeatureUnavailable(
            f"{feature} needs PostgreSQL; this deployment runs on {connection.vendor}. "
            "Set DATABASE_URL=postgres://... to use it."
        )


def search_mode() -> str:
    """ "full-text" on PostgreSQL (ranked, stemmed, GIN-indexed); "contains" elsewhere, a plain
    case-insensitive substring match, slower and unranked, said so to the user."""
    return "full-text" if connection.vendor == "postgresql" else "contains"
