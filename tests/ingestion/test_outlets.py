"""Outlets: named by the import or found by the URL's domain; one domain, one outlet."""
import json

import pytest

from claims.models import Article, Outlet

from .conftest import english_body

pytestmark = pytest.mark.django_db


def test_two_outlet_names_on_one_domain_are_both_stored(tmp_path, import_articles):
    path = tmp_path / "a.ndjson"
    path.write_text("".join(json.dumps(r) + "\n" for r in [
        {"title": "A", "url": "https://www.wire.example.com/a", "outlet": "The Wire",
         "body": english_body("a")},
        {"title": "B", "url": "https://wire.example.com/b", "outlet": "The Wire Europe",
         "body": english_body("b")},
        {"title": "C", "url": "https://wire.example.com/c", "body": english_body("c")},
    ]), encoding="utf-8")
    result = import_articles("--json", path)
    assert result.code == 0, result.summary["failures"]
    assert Article.objects.get(title="A").outlet.domain == "wire.example.com"
    assert Article.objects.get(title="B").outlet.name == "The Wire Europe"
    # An unnamed article from the domain goes to the outlet that owns the domain.
    assert Article.objects.get(title="C").outlet.name == "The Wire"
    assert Outlet.objects.filter(domain="wire.example.com").count() == 1


def test_an_outlet_is_found_by_its_name_again(tmp_path, import_articles):
    path = tmp_path / "a.ndjson"
    path.write_text("".join(json.dumps(r) + "\n" for r in [
        {"title": "A", "url": "https://a.example.com/1", "outlet": "A Times",
         "body": english_body("1")},
        {"title": "B", "url": "https://elsewhere.example.net/2", "outlet": "A Times",
         "body": english_body("2")},
    ]), encoding="utf-8")
    assert import_articles(path).code == 0
    assert Outlet.objects.count() == 1
    assert Outlet.objects.get().domain == "a.example.com"
