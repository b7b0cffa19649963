"""The admin: one module per domain, each registering its ModelAdmins."""
from claims.admin import claims, imports, quotes, sources, speakers, topics  # noqa: F401
