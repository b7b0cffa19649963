from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from claims.api import views

router = DefaultRouter()
router.register("articles", views.ArticleViewSet)
router.register("quotes", views.QuoteViewSet)
router.register("speakers", views.SpeakerViewSet)
router.register("claims", views.ClaimViewSet)
router.register("topics", views.TopicViewSet)

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
