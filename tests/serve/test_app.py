"""The workbench in a real browser: headless Chromium drives `kg serve` on a store of the seed and dev corpora."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

IRAQ = "https://w3id.org/dipkg/resource/actor/IQ"
SHOTS = os.environ.get("KG_SCREENSHOTS")  # a folder to keep a screenshot of each page in (make screenshots)


def shot(browser, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(Path(SHOTS) / f"workbench-{name}.png"))


def loaded(browser, element_id: str) -> bool:
    """Whether the image `element_id` has loaded (a broken or pending image has no natural width)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if browser.execute_script(f"const i = document.getElementById('{element_id}');"
                                  "return i.complete && i.naturalWidth > 0;"):
            return True
        time.sleep(0.2)
    return False


def arrive(browser, part: str) -> None:
    """Wait until the browser has navigated to a URL containing `part`."""
    WebDriverWait(browser, 30).until(expected_conditions.url_contains(part))


def test_search_for_an_actor_and_open_its_page(server, browser):
    browser.get(server + "/claims")
    box = browser.find_element(By.ID, "actor-search")
    box.send_keys("Iraq", Keys.ENTER)
    arrive(browser, "/actors?")
    links = browser.find_elements(By.CSS_SELECTOR, "table.actors a.actor")
    assert "Iraq" in [a.text for a in links]
    shot(browser, "actors")
    next(a for a in links if a.text == "Iraq").click()
    arrive(browser, "/actor?")
    assert browser.find_element(By.ID, "actor-name").text == "Iraq"
    assert browser.find_element(By.ID, "wikidata").text == "Q796"
    assert browser.find_element(By.ID, "english").text.startswith("Iraq")
    assert browser.find_element(By.ID, "persian").text.startswith("عراق")
    assert loaded(browser, "stance") and loaded(browser, "diagram")
    assert browser.find_elements(By.CSS_SELECTOR, "table.claims tbody tr")
    shot(browser, "actor")


def test_open_a_claim_and_see_its_evidence_highlighted_in_its_paragraph(server, browser):
    browser.get(server + "/claims?outlet=Hamshahri&relation=respects")
    link = browser.find_element(By.CSS_SELECTOR, "table.claims a.claim-link")
    quote_text = link.text
    link.click()
    arrive(browser, "/claim?")
    evidence = browser.find_element(By.ID, "evidence")
    marked = evidence.find_element(By.TAG_NAME, "mark")
    assert marked.text == quote_text
    assert len(evidence.text) > len(marked.text)  # shown inside its paragraph
    assert browser.execute_script("return getComputedStyle(arguments[0]).backgroundColor", marked) != \
        browser.execute_script("return getComputedStyle(arguments[0]).backgroundColor", evidence)
    assert browser.find_element(By.ID, "chain").text == "Hamshahri Online ← ISNA ← Sputnik"
    assert browser.find_element(By.ID, "speaker").text == "Sergey Lavrov"
    shot(browser, "claim")


def test_the_downloaded_csv_is_what_kg_table_writes(server, browser, bench_store):
    browser.get(server + "/claims")
    browser.find_element(By.NAME, "actor").send_keys("Iraq")
    browser.find_element(By.ID, "apply").click()
    arrive(browser, "actor=Iraq")
    total = int(browser.find_element(By.ID, "total").text)
    assert total > 0
    shot(browser, "claims")
    browser.find_element(By.ID, "download-csv").click()
    target = browser.downloads / "claims.csv"
    deadline = time.monotonic() + 30
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    table = subprocess.run([sys.executable, "-m", "kg.cli", "table", "--store", str(bench_store), "--actor", "Iraq"],
                           capture_output=True, timeout=120)
    assert table.returncode == 0, table.stderr
    assert target.read_bytes() == table.stdout
    assert len(target.read_text(encoding="utf-8").splitlines()) >= total + 1


def test_a_pair_shows_its_claims_over_time(server, browser):
    browser.get(server + "/dyad?a=" + quote(IRAQ, safe="") + "&b=" + quote("https://w3id.org/dipkg/resource/actor/RU", safe=""))
    assert loaded(browser, "diagram")
    assert browser.find_elements(By.CSS_SELECTOR, "table.claims tbody tr")
    shot(browser, "dyad")


def test_persian_pages_read_right_to_left(server, browser):
    browser.get(server + "/claims")
    browser.find_element(By.ID, "lang-switch").click()
    arrive(browser, "lang=fa")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"
    assert "lang=fa" in browser.current_url


def test_the_query_page_runs_a_named_query(server, browser):
    browser.get(server + "/query")
    browser.find_element(By.LINK_TEXT, "relation-counts").click()
    arrive(browser, "example=relation-counts")
    browser.find_element(By.ID, "run").click()
    WebDriverWait(browser, 30).until(expected_conditions.presence_of_element_located((By.ID, "results")))
    headers = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#results th")]
    assert "relation" in headers and browser.find_elements(By.CSS_SELECTOR, "#results tbody tr")
    assert "dip:meets" in [td.text for td in browser.find_elements(By.CSS_SELECTOR, "#results td")]
    shot(browser, "query")


def test_corroboration_and_contradiction_pages_open(server, browser):
    browser.get(server + "/statements")
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Statements")
    shot(browser, "corroboration")
    browser.get(server + "/contradictions")
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Contradictions")


def test_a_bad_address_says_what_is_wrong_in_one_line(server, browser):
    browser.get(server + "/claim?iri=" + quote("https://w3id.org/dipkg/resource/claim/none", safe=""))
    assert "no claim" in browser.find_element(By.ID, "error").text
    browser.get(server + "/claims?sort=nonsense")
    assert "cannot sort" in browser.find_element(By.ID, "error").text


def test_a_fault_inside_a_page_is_one_line_not_a_traceback(reports_store, monkeypatch):
    from starlette.testclient import TestClient

    from kg.serve import app as served

    def broken(*args, **kwargs):
        raise RuntimeError("disk\\nfailed")

    monkeypatch.setattr(served, "claim_view", broken)
    client = TestClient(served.create_app(str(reports_store)), raise_server_exceptions=False)
    answer = client.get("/claim?iri=https://w3id.org/dipkg/resource/claim/x")
    assert answer.status_code == 500 and answer.text == "kg serve: /claim: RuntimeError: disk\\nfailed\n"


def test_hostile_parameters_get_an_answer(reports_store):
    from starlette.testclient import TestClient

    from kg.serve.app import create_app

    client = TestClient(create_app(str(reports_store)), raise_server_exceptions=False)
    for url in ("/claims?page=-3&sort=&desc=x", "/claims?since=zzz&until=%00", "/actor?iri=%3Cscript%3E",
                "/figure/dyad.svg?a=http://x.org/a&b=", "/dyad", "/query?example=..%2F..%2Fetc", "/claims.exe",
                "/sparql?query=" + "%7B" * 5000):
        answer = client.get(url)
        assert answer.status_code in (200, 400, 404), url
        assert "Traceback" not in answer.text
