"""Query filters (django-filter), applied by the selectors' shared filter functions so the
admin, the API and search filter alike."""
import django_filters as filters

from claims import selectors
from claims.models import Article, Claim, ClaimRelation, Quote


class _Shared(filters.FilterSet):
    speaker = filters.CharFilter(method="_noop", help_text="Speaker id, or part of a name or "
                                 "alias (\"Putin\")")
    topic = filters.CharFilter(method="_noop", help_text="Topic id or slug, with its subtopics")
    outlet = filters.CharFilter(method="_noop", help_text="Outlet id, name or domain")
    date_from = filters.DateFilter(method="_noop", help_text="Published on or after (ISO 8601)")
    date_to = filters.DateFilter(method="_noop", help_text="Published on or before")
    kind = filters.ChoiceFilter(choices=Quote.Kind.choices, method="_noop")
    review_status = filters.ChoiceFilter(choices=Quote.Review.choices, method="_noop")

    shared_filter = None  # selectors.quotes_filter or selectors.claims_filter

    def _noop(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        wanted = {k: self.form.cleaned_data.get(k) for k in
                  ("speaker", "topic", "outlet", "date_from", "date_to", "kind",
                   "review_status")}
        return type(self).shared_filter(queryset, **{k: v for k, v in wanted.items() if v})


class QuoteFilter(_Shared):
    shared_filter = staticmethod(selectors.quotes_filter)
    claim = filters.ModelChoiceFilter(queryset=Claim.objects.all())
    article = filters.ModelChoiceFilter(queryset=Article.objects.all())
    min_confidence = filters.NumberFilter(field_name="confidence", lookup_expr="gte")
    max_confidence = filters.NumberFilter(field_name="confidence", lookup_expr="lte")

    class Meta:
        model = Quote
        fields = ["claim", "article", "min_confidence", "max_confidence"]


class ClaimFilter(_Shared):
    shared_filter = staticmethod(selectors.claims_filter)

    class Meta:
        model = Claim
        fields = []


class RelationFilter(filters.FilterSet):
    claim = filters.NumberFilter(method="_either", help_text="Relations from or to this claim")

    class Meta:
        model = ClaimRelation
        fields = ["type", "status", "claim"]

    def _either(self, queryset, name, value):
        return selectors.relations_of(queryset, int(value))
