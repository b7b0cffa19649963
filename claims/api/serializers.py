"""Output serializers for the read API."""
from rest_framework import serializers

from claims.models import Article, Claim, Quote, Speaker, Topic


class SpeakerSerializer(serializers.ModelSerializer):
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="alias")

    class Meta:
        model = Speaker
        fields = ["id", "name", "kind", "wikidata_qid", "country", "verified", "aliases"]


class ArticleSerializer(serializers.ModelSerializer):
    outlet = serializers.StringRelatedField()

    class Meta:
        model = Article
        fields = ["id", "title", "url", "canonical_url", "outlet", "byline", "published_at",
                  "language", "extraction_status", "created_at"]


class QuoteSerializer(serializers.ModelSerializer):
    speakers = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Quote
        fields = ["id", "article", "start", "end", "text", "kind", "cue", "speaker_mention",
                  "speaker_name", "speakers", "confidence", "review_status", "claim",
                  "extractor_version"]


class TopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["id", "name", "slug", "parent"]


class ClaimSerializer(serializers.ModelSerializer):
    class Meta:
        model = Claim
        fields = ["id", "text", "speakers", "topics", "first_seen", "last_seen"]
