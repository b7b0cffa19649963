from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from claims.admin.search import search_view

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    # Before the admin's own URLs, so its catch-all does not take it; admin_view asks for a
    # staff login like every admin page.
    path("admin/search/", admin.site.admin_view(search_view), name="claims-search"),
    path("admin/", admin.site.urls),
    path("api/", include("claims.api.urls")),
]
