"""The admin: one module per domain, each registering its ModelAdmins."""
from django.contrib import admin

from claims.admin import beat, claims, imports, quotes, sources, speakers, topics  # noqa: F401

admin.site.site_header = "Claims tracker"
admin.site.site_title = "Claims tracker"
admin.site.index_title = "Workspace"
