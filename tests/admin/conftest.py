"""Fixtures for the admin tests: staff accounts of each role, sample articles, local pages.

The admin lets in staff accounts only, so the role users of tests/conftest.py are made staff
here; what each may do still comes from its group (claims.roles).
"""
import os
import re

import pytest
from django.db import connections

# The Debian package's browser; CHROMIUM_PATH points elsewhere (never a downloaded build).
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def _staff(user):
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


@pytest.fixture
def editor(editor):
    return _staff(editor)


@pytest.fixture
def analyst(analyst):
    return _staff(analyst)


@pytest.fixture
def viewer(viewer):
    return _staff(viewer)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def article_text(n: int = 1) -> tuple[str, str]:
    """A title and body with direct quotes; `n` makes the text (and so the article) distinct."""
    title = f"Minister denies alliance, part {n}"
    body = (
        f"The foreign minister said on Tuesday, in statement number {n}, that no military "
        "alliance exists between the two countries, rejecting reports published by several "
        "newspapers last week.\n\n"
        "\"We cooperate openly, and we keep nothing secret,\" the minister told reporters in "
        "the capital.\n\n"
        "\"There is no alliance and there will be none,\" said Jane Holloway, a spokeswoman "
        "for the ministry."
    )
    return title, body


def article_html(n: int, canonical: str) -> str:
    title, body = article_text(n)
    paragraphs = "".join(f"<p>{p}</p>\n" for p in body.split("\n\n"))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} - Example News</title>
<link rel="canonical" href="{canonical}"></head>
<body><nav><a href="/">Home</a></nav>
<article><h1>{title}</h1>
<p class="byline">By Jane Doe, 3 March 2023</p>
{paragraphs}</article>
<footer>© 2023 Example News</footer></body></html>"""


@pytest.fixture
def chromium_path():
    if not os.access(CHROMIUM, os.X_OK):
        if os.environ.get("CI"):
            pytest.fail(f"no Chromium at {CHROMIUM}: .ci/run should have installed it")
        pytest.skip(f"no Chromium at {CHROMIUM}: install the Debian package `chromium` "
                    "(.ci/run does) to run the browser tests")
    return CHROMIUM


@pytest.fixture
def browser(chromium_path, monkeypatch, transactional_db):
    # Playwright's sync API keeps an event loop running in this thread, which makes Django
    # refuse ORM calls from the test body; the test is synchronous, so that guard is moot.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright is not installed (requirements-dev.txt)")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
            # While that loop runs, Django keeps this thread's database connections apart
            # (asgiref's Local treats the thread as async): close them before it stops, or they
            # outlive the test and block dropping the test database.
            connections.close_all()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def run_summary(content: str) -> str:
    """The counts line at the top of an ImportRun page, whitespace collapsed."""
    match = re.search(r'<p class="import-summary"[^>]*>(.*?)</p>', content, re.S)
    assert match, "no import summary on the page"
    return " ".join(re.sub(r"<[^>]+>", "", match.group(1)).split())


# Screenshots of the main pages are kept as test artifacts (CI can upload the folder).
SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR", os.path.join("var", "screenshots"))


@pytest.fixture
def screenshot():
    """`screenshot(page, "claim-page")` saves a full-page PNG under SCREENSHOT_DIR."""
    os.makedirs(SCREENSHOT_DIR, exist_ok=True)

    def shoot(page, name: str) -> str:
        path = os.path.join(SCREENSHOT_DIR, f"{name}.png")
        page.screenshot(path=path, full_page=True)
        return path

    return shoot
