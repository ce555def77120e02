"""Reading articles: front matter, Markdown, HTML, noise, and clear errors for bad files."""

from __future__ import annotations

from datetime import date
from pathlib import Path


from graph.read.articles import find_articles, read_article

from conftest import DEVSET, SEEDS


def test_seed_front_matter_and_id() -> None:
    article = read_article(SEEDS / "spiegel-nato-weapons-plan.txt")
    assert article.id == "spiegel-nato-weapons-plan"
    assert article.outlet == "RBC-Ukraine"
    assert article.published == date(2025, 7, 18)
    assert article.title.startswith("No direct US deliveries")
    assert article.language == "en"


def test_scraping_noise_is_removed() -> None:
    spiegel = read_article(SEEDS / "spiegel-nato-weapons-plan.txt").text
    trump = read_article(SEEDS / "trump-patriots-via-nato.txt").text
    assert "ua en ru" not in spiegel
    assert "Photo:" not in spiegel and "Vitalii Nosach" not in spiegel
    assert not trump.rstrip().endswith("Login")
    assert "Germany was ready to pay for two Patriot systems" in trump


def test_devset_markdown_is_read_as_text() -> None:
    article = read_article(DEVSET / "articles" / "wh-2022-04-08-biden-statement.md")
    assert article.published == date(2022, 4, 8)
    assert article.url.startswith("https://bidenwhitehouse.archives.gov/")
    assert "\\###" not in article.text and "\u00a0" not in article.text
    assert "I want to thank the Slovakian government for providing an S-300" in " ".join(article.text.split())


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    page = tmp_path / "berlin-pays.html"
    page.write_text(
        "<html><head><title>Berlin pays for Patriots</title>"
        '<meta property="og:site_name" content="Test Wire">'
        '<meta property="article:published_time" content="2025-07-18"></head>'
        "<body><nav>ua en ru Login</nav><article><h1>Berlin pays for Patriots</h1>"
        "<p>Germany was ready to pay for two Patriot systems, Zelensky said on Friday in Rome.</p>"
        "<p>The talks in Rome lasted for several hours and covered air defence in detail.</p></article>"
        "<script>alert('x')</script></body></html>",
        encoding="utf-8",
    )
    article = read_article(page)
    assert article.id == "berlin-pays"
    assert article.published == date(2025, 7, 18)
    assert article.outlet == "Test Wire"
    assert "Germany was ready to pay for two Patriot systems" in article.text
    assert "alert" not in article.text and "Login" not in article.text


def test_find_articles_walks_folders_and_survives_link_loops(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Germany pays.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("Norway pays.", encoding="utf-8")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    found = find_articles([tmp_path, tmp_path / "missing.txt"])
    assert [f.name for f in found.files] == ["a.txt", "b.md"]
    assert len(found.problems) == 1 and "missing.txt" in str(found.problems[0])
    assert [f.name for f in found.skipped] == ["notes.csv"]
