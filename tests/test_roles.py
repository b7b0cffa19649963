"""The three groups exist after migrate and hold the permissions their work needs."""
import pytest
from django.contrib.auth.models import Group

from claims.roles import ANALYSTS, EDITORS, VIEWERS

pytestmark = pytest.mark.django_db


def test_the_migration_created_the_three_groups():
    assert set(Group.objects.values_list("name", flat=True)) >= {EDITORS, ANALYSTS, VIEWERS}


def test_editors_bring_articles_in_but_do_not_review_quotes(editor):
    assert editor.has_perms(["claims.add_article", "claims.add_feed", "claims.add_importrun",
                             "claims.change_feed", "django_celery_beat.view_periodictask"])
    assert not editor.has_perm("claims.review_quote")
    assert not editor.has_perm("claims.add_claim")


def test_analysts_review_quotes_and_build_claims_but_do_not_import(analyst):
    assert analyst.has_perms(["claims.review_quote", "claims.change_quote", "claims.add_claim",
                              "claims.add_claimrelation", "claims.add_topic",
                              "claims.add_claimassessment", "claims.change_speaker"])
    assert not analyst.has_perm("claims.add_article")
    assert not analyst.has_perm("claims.delete_quote")


def test_viewers_read_everything_and_change_nothing(viewer):
    assert viewer.has_perms(["claims.view_article", "claims.view_quote", "claims.view_claim",
                             "claims.view_speaker"])
    assert not any(p.split(".")[1].startswith(("add_", "change_", "delete_", "review_"))
                   for p in viewer.get_all_permissions())


def test_outsiders_have_no_permissions(outsider):
    assert outsider.get_all_permissions() == set()


@pytest.mark.parametrize("role", ["editor", "analyst", "viewer"])
def test_no_role_changes_beat_entries_directly(request, role):
    # A beat entry names a task and its arguments: whoever may change one may run any task.
    # Editors change a feed's poll interval through the feed (claims.services.feeds).
    user = request.getfixturevalue(role)
    beat = [p for p in user.get_all_permissions() if p.startswith("django_celery_beat.")]
    assert not [p for p in beat if not p.split(".")[1].startswith("view_")]
    assert bool(beat) == (role == "editor")
