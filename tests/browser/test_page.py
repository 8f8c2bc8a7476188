#!/usr/bin/python3
"""The search page in a real browser: Debian's chromium, headless, driven by chromium-driver
through python3-selenium. Starts bodo-serve on a free loopback port over an index of the sample
corpus, then types a Korean query, pages on, clicks a ministry facet (narrow, then widen with
a second click, then narrow again) and a month bar, opens a release, and checks at each step
what the page shows against the JSON API. Screenshots go to --out (one PNG a step, and the
results page at a phone's width).

Exit 0 when every check passed, 1 on a failed check, 77 (ctest: skipped) when chromium,
chromedriver or selenium is not installed (scripts/setup.sh installs them)."""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

SKIP = 77


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--serve", required=True)
    ap.add_argument("--index", required=True, help="bodo-index binary")
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True, help="folder for the screenshots")
    args = ap.parse_args()

    chromium = shutil.which("chromium")
    driver_bin = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    try:
        from selenium import webdriver
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.support.ui import WebDriverWait
    except ImportError:
        print("browser test skipped: python3-selenium is not installed (scripts/setup.sh)")
        return SKIP
    if not chromium or not os.path.exists(driver_bin):
        print("browser test skipped: chromium or chromium-driver is not installed (scripts/setup.sh)")
        return SKIP

    os.makedirs(args.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="bodo-browser-")
    server = None
    browser = None
    try:
        db = os.path.join(work, "index")
        subprocess.run([args.index, "--quiet", "--db", db, args.corpus], check=True)
        log = open(os.path.join(work, "serve.out"), "w+")
        server = subprocess.Popen([args.serve, "--db", db, "--listen", "127.0.0.1:0"], stdout=log,
                                  stderr=subprocess.STDOUT)
        port = None
        for _ in range(400):
            log.seek(0)
            m = re.search(r"http://127\.0\.0\.1:(\d+)/", log.read())
            if m:
                port = int(m.group(1))
                break
            if server.poll() is not None:
                break
            time.sleep(0.025)
        check(port is not None, "bodo-serve did not start")
        base = f"http://127.0.0.1:{port}"

        def api(**params):
            query = urllib.parse.urlencode(params, doseq=True)
            with urllib.request.urlopen(f"{base}/api/search?{query}") as r:
                return json.load(r)

        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--window-size=1280,1000", "--lang=ko-KR", "--no-first-run", "--disable-extensions"):
            options.add_argument(a)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        browser = webdriver.Chrome(service=Service(driver_bin), options=options)
        browser.set_page_load_timeout(30)
        wait = WebDriverWait(browser, 10)
        step = [0]

        def shot(name):
            step[0] += 1
            path = os.path.join(args.out, f"{step[0]:02d}-{name}.png")
            browser.save_screenshot(path)
            print("screenshot", path)

        def click_and_wait(element):
            old = browser.current_url
            element.click()
            wait.until(lambda d: d.current_url != old and d.execute_script("return document.readyState") == "complete")

        def summary_total():
            text = browser.find_element(By.CSS_SELECTOR, "p.summary strong").text
            return int(text.replace(",", ""))

        def hits():
            return browser.find_elements(By.CSS_SELECTOR, "ol.hits > li.hit")

        def params():
            return urllib.parse.parse_qs(urllib.parse.urlparse(browser.current_url).query)

        # 1. The start page: the form, labelled, and the size of the index.
        browser.get(base + "/")
        check(browser.title.startswith("bodo"), "start page title: " + browser.title)
        check("40" in browser.find_element(By.CSS_SELECTOR, "section.intro").text, "start page names 40 releases")
        label = browser.find_element(By.CSS_SELECTOR, "label[for=q]")
        check(label.text == "검색어", "the query box has a label")
        # Keyboard: the first Tab reaches the skip link, the next ones the brand link and the box.
        body = browser.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.TAB)
        check(browser.switch_to.active_element.get_attribute("class") == "skip", "first Tab: the skip link")
        shot("start")

        # 2. Type a Korean query and press Enter.
        box = browser.find_element(By.ID, "q")
        box.clear()
        box.send_keys("과학")
        old = browser.current_url
        box.send_keys(Keys.ENTER)
        wait.until(lambda d: d.current_url != old)
        check(params().get("q") == ["과학"], "the URL carries the query: " + browser.current_url)
        expected = api(q="과학", facets="true", limit=10)
        check(summary_total() == expected["total"], f"total {summary_total()} == API {expected['total']}")
        titles = [h.find_element(By.CSS_SELECTOR, "h3 a").text for h in hits()]
        check(titles == [h["title"] for h in expected["hits"]], f"first page titles as the API: {titles}")
        marks = browser.find_elements(By.CSS_SELECTOR, "p.snippet mark")
        check(any("과학" in m.text for m in marks), "a snippet highlights 과학")
        check(browser.find_element(By.ID, "q").get_attribute("value") == "과학", "the box keeps the query")
        shot("results")

        # 3. Page on.
        click_and_wait(browser.find_element(By.CSS_SELECTOR, "nav.pages a[rel=next]"))
        check(params().get("offset") == ["10"], "page 2 is offset 10")
        page2 = api(q="과학", limit=10, offset=10)
        check(browser.find_element(By.CSS_SELECTOR, "ol.hits").get_attribute("start") == "11", "numbering from 11")
        check([h.find_element(By.CSS_SELECTOR, "h3 a").text for h in hits()] == [h["title"] for h in page2["hits"]],
              "second page titles as the API")
        check(browser.find_element(By.CSS_SELECTOR, "nav.pages a[aria-current=page]").text.strip().endswith("2"),
              "page 2 is marked current")
        shot("page-2")

        # 4. A ministry facet narrows (and paging starts over) ...
        ministry = "과학기술정보통신부"
        link = browser.find_element(By.XPATH, f"//section[@aria-labelledby='f-ministry']//a[.//span[@class='v' and text()='{ministry}']]")
        count = int(link.find_element(By.CSS_SELECTOR, ".n").text.replace(",", ""))
        click_and_wait(link)
        check(params().get("ministry") == [ministry] and "offset" not in params(), "the URL carries the ministry")
        narrowed = api(q="과학", ministry=ministry, facets="true")
        check(summary_total() == narrowed["total"] == count, f"narrowed total {summary_total()} == facet count {count}")
        for h in hits():
            check(ministry in h.find_element(By.CSS_SELECTOR, "p.meta").text, "every hit is the ministry's")
        check(any(ministry in c.text for c in browser.find_elements(By.CSS_SELECTOR, "ul.filters a.chip")),
              "the filter shows above the results")
        shot("ministry")

        # ... and a second click on it widens again.
        chosen = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=f-ministry] a.on")
        check(chosen.get_attribute("aria-current") == "true", "the chosen ministry is marked")
        click_and_wait(chosen)
        check("ministry" not in params(), "second click removes the ministry")
        check(summary_total() == expected["total"], "widened back to every ministry")

        # 5. Narrow again, then click a month bar.
        click_and_wait(browser.find_element(
            By.XPATH, f"//section[@aria-labelledby='f-ministry']//a[.//span[@class='v' and text()='{ministry}']]"))
        bars = browser.find_elements(By.CSS_SELECTOR, "ol.histogram li a")
        check(len(bars) == len(narrowed["facets"]["month"]), f"{len(bars)} bars, one a month with releases")
        bar = bars[-1]
        month = narrowed["facets"]["month"][-1]["value"]
        check(bar.get_attribute("title").startswith(month), "the last bar is the last month")
        click_and_wait(bar)
        check(params().get("since") == [month] and params().get("until") == [month], "a bar narrows to its month")
        in_month = api(q="과학", ministry=ministry, since=month, until=month)
        check(summary_total() == in_month["total"] == narrowed["facets"]["month"][-1]["count"],
              "the month's total is its bar's count")
        for h in hits():
            check(h.find_element(By.CSS_SELECTOR, "p.meta").text.startswith(month), "every hit is of the month")
        check(browser.find_element(By.ID, "since").get_attribute("value") == month, "the date box shows the month")
        shot("month")

        # 6. Open a release.
        first = hits()[0].find_element(By.CSS_SELECTOR, "h3 a")
        title = first.text
        click_and_wait(first)
        check(browser.find_element(By.TAG_NAME, "h1").text == title, "the release page is the release clicked")
        release_id = urllib.parse.unquote(urllib.parse.urlparse(browser.current_url).path.split("/")[-1])
        with urllib.request.urlopen(f"{base}/api/release/{urllib.parse.quote(release_id)}") as r:
            stored = json.load(r)
        paragraphs = browser.find_elements(By.CSS_SELECTOR, "div.body p")
        check(len(paragraphs) >= 1 and paragraphs[0].text.strip() in stored["body"], "the release text is shown")
        meta = browser.find_element(By.CSS_SELECTOR, "dl.meta").text
        check(stored["date"] in meta and stored["ministry"] in meta, "date and ministry shown")
        if stored["url"].startswith("http"):
            original = browser.find_element(By.CSS_SELECTOR, "dl.meta a[rel~=noopener]")
            check(original.get_attribute("href") == stored["url"], "the link to the original")
        shot("release")
        back = browser.find_element(By.CSS_SELECTOR, "p.back a")
        click_and_wait(back)
        check(params().get("since") == [month] and params().get("ministry") == [ministry], "back to the same search")

        # 7. A phone's width: nothing wider than the screen.
        browser.set_window_size(390, 844)
        browser.get(base + "/?" + urllib.parse.urlencode({"q": "과학"}))
        overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        check(overflow <= 0, f"no horizontal scrolling on a phone ({overflow} px too wide)")
        shot("phone")

        # 8. Nothing the page needed was blocked by its Content-Security-Policy, and no error.
        problems = [e["message"] for e in browser.get_log("browser")
                    if e["level"] in ("SEVERE", "WARNING") and "favicon" not in e["message"]]
        check(not problems, "browser console: " + "; ".join(problems))
        print("browser test passed:", step[0], "screenshots in", args.out)
        return 0
    except Failure as e:
        print("FAILED:", e)
        if browser is not None:
            browser.save_screenshot(os.path.join(args.out, "failure.png"))
        return 1
    finally:
        if browser is not None:
            browser.quit()
        if server is not None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(work, ignore_errors=True)


class Failure(Exception):
    pass


def check(condition, what):
    if not condition:
        raise Failure(what)


if __name__ == "__main__":
    sys.exit(main())
