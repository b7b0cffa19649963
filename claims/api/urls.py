from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from claims.api import errors, views


class Router(DefaultRouter):
    """The root lists the graph too, which is a view of its own rather than a viewset."""

    def get_api_root_view(self, api_urls=None):
        root = {prefix: self.routes[0].name.format(basename=basename)
                for prefix, _, basename in self.registry}
        root["graph"] = "api-graph"
        return self.APIRootView.as_view(api_root_dict=root)


router = Router()
for prefix, viewset in [
    ("outlets", views.OutletViewSet), ("feeds", views.FeedViewSet),
    ("import-runs", views.ImportRunViewSet), ("articles", views.ArticleViewSet),
    ("speakers", views.SpeakerViewSet), ("quotes", views.QuoteViewSet),
    ("claims", views.ClaimViewSet), ("topics", views.TopicViewSet),
    ("claim-relations", views.ClaimRelationViewSet),
    ("merge-suggestions", views.MergeSuggestionViewSet),
    ("assessments", views.AssessmentViewSet),
]:
    router.register(prefix, viewset)

urlpatterns = [
    path("v1/schema-ext", views.SchemaExtView.as_view(), name="api-schema-ext"),
    path("v1/", include(router.urls)),
    path("v1/graph/", views.GraphView.as_view(), name="api-graph"),
    # Ending in a slash, so a path missing its slash still gets CommonMiddleware's redirect.
    re_path(r"^v1/.*/$", errors.not_found),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI's settings come as a script file of their own, not inline: the
    # Content-Security-Policy allows no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    # The unversioned paths of the first API answer at /api/v1/ now.
    path("", RedirectView.as_view(url="/api/v1/", permanent=False)),
    re_path(r"^(?!v1/|schema/|docs/)(?P<rest>.+)$",
            RedirectView.as_view(url="/api/v1/%(rest)s", query_string=True, permanent=False)),
]
