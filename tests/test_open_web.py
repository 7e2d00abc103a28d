"""Issue 17 end to end, as a new user meets it: feeds and pages served on loopback with
real headers, `pressroom ingest` into a DuckDB file, `pressroom sql` to read it back.

One ingest run holds every case (one source each); each test reads its own rows.
Cases marked "regression" failed before the fix named in their test's comment.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.open_web_site import KO, TIMEOUT, Response, Site, item, rss


@dataclass(frozen=True)
class Run:
    site: Site
    db: Path
    stdout: str

    def sql(self, query: str) -> list[dict[str, object]]:
        done = subprocess.run([sys.executable, "-m", "pressroom", "sql", "--db", str(self.db),
                               "--format", "json", query], capture_output=True, text=True,
                              timeout=TIMEOUT, check=False)
        assert done.returncode == 0, done.stderr
        rows: list[dict[str, object]] = json.loads(done.stdout)
        return rows

    def stored(self, source: str) -> list[dict[str, object]]:
        return self.sql("SELECT url, title, published_local_date::VARCHAR AS day, "
                        "published_utc_offset_minutes AS offset_min, language "
                        f"FROM articles_latest WHERE source = '{source}' ORDER BY url")


def build(site: Site) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Every case: source name -> its feed URLs, and extra sources.toml lines."""
    feeds: dict[str, list[str]] = {}
    extra: dict[str, str] = {}

    # Regression (feeds read the HTTP charset): a koi8-r feed whose only label is the
    # Content-Type header; its link is an IRI with a Cyrillic path (as written in the
    # feed, not percent-encoded), fetched only if the feed decoded right.
    site.story("/koi8/Минск/1", "Minsk story")
    feeds["koi8-header"] = [site.add("/koi8/feed", Response(
        rss(item(f"{site.base}/koi8/Минск/1", "Минск")).encode("koi8-r"),
        "application/rss+xml; charset=koi8-r"))]

    # Regression (WHATWG labels): a Hebrew feed declaring iso-8859-8-i.
    site.story("/hebrew/שלום/1", "Hebrew story")
    feeds["hebrew-8i"] = [site.add("/hebrew/feed", Response(
        rss(item(f"{site.base}/hebrew/שלום/1", "שלום"), "iso-8859-8-i").encode("iso8859-8"),
        "application/rss+xml"))]

    # Regression (truncation off by one): a minified feed cut off inside its last item.
    links = [site.story(f"/cut/{n}", f"Cut story {n}") for n in (1, 2)]
    cut = rss("".join(item(u) for u in links))[: -len("</channel></rss>")]
    cut += f"<item><title>3</title><link>{site.base}/cut/3"
    feeds["cut"] = [site.add("/cut/feed", Response(cut.encode(), "application/rss+xml"))]

    # Regression (gzip files): sitemap.xml.gz served as a file, not a transfer coding.
    link = site.story("/gz/story", "Gzip sitemap story")
    sitemap = ("<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/"
               f"sitemap/0.9'><url><loc>{link}</loc></url></urlset>")
    feeds["gz-file"] = [site.add("/gz/sitemap.xml.gz", Response(
        gzip.compress(sitemap.encode()), "application/x-gzip"))]

    # Regression (listing pages decode as pages do): a euc-kr section page whose link
    # holds a syllable only cp949 has (BeautifulSoup's own guess gave no links at all).
    link = site.story("/ko-list/김똠순/1", "Listing story")
    listing = ("<html><head><meta charset='euc-kr'><title>뉴스</title></head><body><ul>"
               "<li><a class='s' href='/ko-list/김똠순/1'>김똠순 씨</a></li></ul></body></html>")
    page = site.add("/ko-list/", Response(listing.encode("cp949"), "text/html"))
    feeds["ko-listing"] = []
    extra["ko-listing"] = f'listings = [{{ url = "{page}", links = "a.s", pages = 1 }}]\n'

    # Regression (markup before the root): a WordPress feed after a PHP warning.
    link = site.story("/php/story", "PHP story")
    warning = ("<br />\n<b>Warning</b>:  Cannot modify header information - headers already "
               "sent in <b>/var/www/wp-includes/feed.php</b> on line <b>8</b><br />\n")
    feeds["php-warning"] = [site.add("/php/feed", Response(
        (warning + rss(item(link), "UTF-8")).encode(), "application/rss+xml; charset=UTF-8"))]

    # Atom link rules through a redirect, brotli and chunked transfer: xml:base, rel
    # priority (alternate over enclosure/related), id-as-link, comments never taken.
    for path in ("/atom/one", "/atom/sub/two", "/atom/three", "/atom/related",
                 "/atom/one-comments"):
        site.story(path, f"Atom {path}")
    atom = (f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom' "
            f"xml:base='{site.base}/atom/'><title>t</title>"
            "<entry><id>tag:x,1</id><title>1</title><link rel='enclosure' href='one.mp3'/>"
            "<link rel='related' href='related'/><link rel='replies' href='one-comments'/>"
            "<link rel='alternate' type='text/html' href='one'/></entry>"
            "<entry xml:base='sub/'><id>tag:x,2</id><title>2</title><link href='two'/></entry>"
            f"<entry><id>{site.base}/atom/three</id><title>3</title></entry></feed>")
    site.add("/atom/feed.xml", Response(atom.encode(), "application/atom+xml",
                                        encoding="br", chunked=True))
    feeds["atom"] = [site.add("/atom/feed", Response(b"", None, status=301,
                                                     location="/atom/feed.xml"))]

    # RSS guid and comments: guid isPermaLink (default true) is the link; a false one
    # and <comments> never are.
    for path in ("/guid/one", "/guid/one-comments", "/guid/not"):
        site.story(path, f"Guid {path}")
    guids = rss(f"<item><title>1</title><guid>{site.base}/guid/one</guid>"
                f"<comments>{site.base}/guid/one-comments</comments></item>"
                f"<item><title>2</title><guid isPermaLink='false'>{site.base}/guid/not</guid>"
                "</item>")
    feeds["guid"] = [site.add("/guid/feed", Response(guids.encode(), "text/xml",
                                                     encoding="gzip"))]

    # A Korean page that says euc-kr and is UTF-8; its printed day, 00:30 in Seoul.
    link = site.story("/ko/story", "서울시, 시내버스 요금 동결", KO,
                      head="<meta property='article:published_time' "
                           "content='2019-11-16T00:30:00+09:00'>",
                      charset="euc-kr", content_type="text/html; charset=euc-kr")
    feeds["ko-page"] = [site.add("/ko/feed", Response(rss(item(link)).encode(),
                                                      "application/rss+xml"))]

    # Regression (feed dates in the source's zone): a page with no date of its own and a
    # feed date printed without an offset, from a source in Minsk.
    link = site.story("/naive/story", "Undated story")
    feeds["naive-date"] = [site.add("/naive/feed", Response(rss(
        f"<item><title>t</title><link>{link}</link>"
        "<pubDate>Sat, 16 Nov 2019 00:30:00</pubDate></item>").encode(), "application/rss+xml"))]
    extra["naive-date"] = 'timezone = "Europe/Minsk"\n'

    # Regression (JSON Feed was refused as "not well-formed XML"): a JSON Feed 1.1 served
    # as application/feed+json; its items' url is the article, an item's external_url
    # (another page, here on the same host to show it is not followed) is not.
    link = site.story("/json/story", "JSON story")
    site.story("/json/elsewhere", "Not this one")
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [
        {"id": "1", "url": link, "title": "JSON story",
         "date_published": "2019-11-16T00:30:00+03:00"},
        {"id": "2", "external_url": f"{site.base}/json/elsewhere", "content_text": "see"}]}
    feeds["json-feed"] = [site.add("/json/feed.json", Response(
        json.dumps(doc).encode(), "application/feed+json"))]
    # Version 1, as application/json with gzip transfer coding.
    link = site.story("/json1/story", "JSON 1 story")
    doc = {"version": "https://jsonfeed.org/version/1", "title": "t",
           "items": [{"id": link, "url": link, "author": {"name": "A"}}]}
    feeds["json-1"] = [site.add("/json1/feed", Response(
        json.dumps(doc).encode(), "application/json; charset=utf-8", encoding="gzip"))]

    # Category "a feed served with the wrong Content-Type": RSS as text/html, and an RSS
    # file gzip-compressed with no Content-Encoding, as application/octet-stream.
    link = site.story("/as-html/story", "HTML-typed feed story")
    feeds["as-html"] = [site.add("/as-html/feed", Response(rss(item(link)).encode(),
                                                           "text/html; charset=utf-8"))]
    # Category "a site's home page named as its feed": its <link rel="alternate"> feeds,
    # JSON Feed and RSS alike, are read (an off-host one is not requested).
    json_link = site.story("/home/json-story", "Home JSON story")
    rss_link = site.story("/home/rss-story", "Home RSS story")
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "t",
           "items": [{"id": "1", "url": json_link}]}
    site.add("/home/feed.json", Response(json.dumps(doc).encode(), "application/feed+json"))
    site.add("/home/rss", Response(rss(item(rss_link)).encode(), "application/rss+xml"))
    home = ("<!DOCTYPE html><html><head><title>Home</title>"
            "<link rel='alternate' type='application/feed+json' href='/home/feed.json'>"
            "<link rel='alternate' type='application/rss+xml' title='RSS' href='rss'>"
            "<link rel='alternate' type='application/atom+xml' href='http://other.invalid/a'>"
            "<link rel='stylesheet' href='/home/site.css'></head><body>Welcome</body></html>")
    feeds["home-page"] = [site.add("/home/", Response(home.encode()))]
    # A page that names no feed is still a feed failure, reported as one.
    feeds["home-none"] = [site.add("/none/", Response(
        b"<!DOCTYPE html><html><head><title>No feeds</title></head><body>Hi</body></html>"))]

    link = site.story("/rss-gz/story", "Gzip RSS story")
    feeds["rss-gz"] = [site.add("/rss-gz/feed.xml.gz", Response(
        gzip.compress(rss(item(link)).encode()), "application/octet-stream"))]
    return feeds, extra


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    site = Site()
    tmp = tmp_path_factory.mktemp("open_web")
    toml = tmp / "sources.toml"
    feeds, extra = build(site)
    toml.write_text("".join(
        f'[[source]]\nname = "{name}"\nfeeds = {json.dumps(urls)}\n'
        "allow_private_network = true\nmin_delay = 0.0\ntimeout = 60.0\n"
        f"respect_robots = false\n{extra.get(name, '')}" for name, urls in feeds.items()),
        encoding="utf-8")
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    done = subprocess.run([sys.executable, "-m", "pressroom", "ingest", "--no-prefect",
                           "--sources", str(toml), "--db", str(tmp / "w.duckdb")],
                          capture_output=True, text=True, env=env, timeout=TIMEOUT, check=False)
    try:
        yield Run(site, tmp / "w.duckdb", done.stdout + done.stderr)
    finally:
        site.server.shutdown()
        site.server.server_close()


def urls(run: Run, source: str) -> list[str]:
    return [str(r["url"]) for r in run.stored(source)]


def test_feed_charset_only_in_the_http_header(run: Run) -> None:
    assert urls(run, "koi8-header") == [run.site.url("/koi8/Минск/1")], run.stdout


def test_feed_in_a_whatwg_only_label(run: Run) -> None:
    assert urls(run, "hebrew-8i") == [run.site.url("/hebrew/שלום/1")], run.stdout


def test_minified_feed_cut_mid_item(run: Run) -> None:
    assert urls(run, "cut") == [run.site.url("/cut/1"), run.site.url("/cut/2")]
    assert "/cut/3" not in run.site.hits  # the cut link is never fetched
    assert "source cut" not in run.stdout, run.stdout  # no failure, no retry


def test_gzip_sitemap_file(run: Run) -> None:
    assert urls(run, "gz-file") == [run.site.url("/gz/story")], run.stdout


def test_listing_page_in_a_legacy_korean_encoding(run: Run) -> None:
    assert urls(run, "ko-listing") == [run.site.url("/ko-list/김똠순/1")], run.stdout


def test_feed_after_a_php_warning(run: Run) -> None:
    assert urls(run, "php-warning") == [run.site.url("/php/story")], run.stdout


def test_atom_link_rules_through_redirect_brotli_and_chunks(run: Run) -> None:
    assert urls(run, "atom") == [run.site.url(p) for p in
                                 ("/atom/one", "/atom/sub/two", "/atom/three")]


def test_rss_guid_and_comments(run: Run) -> None:
    assert urls(run, "guid") == [run.site.url("/guid/one")]


def test_korean_page_wrongly_declared_keeps_title_and_printed_day(run: Run) -> None:
    rows = run.stored("ko-page")
    assert [(r["title"], r["day"], r["offset_min"], r["language"]) for r in rows] == [
        ("서울시, 시내버스 요금 동결", "2019-11-16", 540, "ko")]
    # The day as printed, not the UTC day (15 November 15:30 UTC).
    assert run.sql("SELECT count(*) AS n FROM articles WHERE source = 'ko-page' AND "
                   "published_local_date = DATE '2019-11-16'") == [{"n": 1}]


def test_feed_date_without_offset_read_in_the_source_zone(run: Run) -> None:
    assert run.sql("SELECT strftime(published_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M') AS utc, "
                   "published_local_date::VARCHAR AS day, published_utc_offset_minutes AS m "
                   "FROM articles_latest WHERE source = 'naive-date'") == [
        {"utc": "2019-11-15 21:30", "day": "2019-11-16", "m": 180}]


def test_json_feed_11(run: Run) -> None:
    assert urls(run, "json-feed") == [run.site.url("/json/story")], run.stdout
    assert "/json/elsewhere" not in run.site.hits  # an external_url is not the article
    assert run.sql("SELECT published_local_date::VARCHAR AS day FROM articles_latest "
                   "WHERE source = 'json-feed'") == [{"day": "2019-11-16"}]


def test_json_feed_1_as_application_json_gzip(run: Run) -> None:
    assert urls(run, "json-1") == [run.site.url("/json1/story")], run.stdout


def test_feed_served_as_text_html(run: Run) -> None:
    assert urls(run, "as-html") == [run.site.url("/as-html/story")], run.stdout


def test_gzip_rss_file_without_content_encoding(run: Run) -> None:
    assert urls(run, "rss-gz") == [run.site.url("/rss-gz/story")], run.stdout


def test_home_page_named_as_a_feed_has_its_feeds_read(run: Run) -> None:
    assert urls(run, "home-page") == [run.site.url("/home/json-story"),
                                      run.site.url("/home/rss-story")], run.stdout
    assert "source home-page" not in run.stdout, run.stdout  # no failure reported
    assert "source home-none failed: FeedError" in run.stdout, run.stdout
