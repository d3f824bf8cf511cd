"""The release page as a person uses it: headless Chromium opens index.html from the file system.

It finds the charts drawn, types in the search box and sees the table filter, sorts it, opens the
evidence of a target behind an astral character and reads the highlighted text, and checks the
console stayed clean and no injected script ran. A screenshot is kept in tests/artifacts/.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from fyp.release.page import build_release_page

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def _fixture_module():
    # The fixture release is defined once, beside the unit tests of the page.
    path = Path(__file__).resolve().parents[1] / "unit" / "test_release_page.py"
    spec = importlib.util.spec_from_file_location("release_page_fixture", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FIX = _fixture_module()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed (make browser installs it)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def opened(browser, tmp_path):
    release = FIX.make_release(tmp_path)
    page_path = build_release_page(release)
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on(
        "request", lambda r: problems.append(f"network: {r.url}")
        if not r.url.startswith(("file:", "data:", "about:")) else None
    )
    page.goto(page_path.as_uri())
    page.wait_for_selector("#targets-body tr")
    yield page, problems, tmp_path
    page.close()


def _visible_rows(page) -> list[str]:
    return page.eval_on_selector_all("#targets-body tr", "rows => rows.map(r => r.getAttribute('data-target-id'))")


def test_release_page_in_chromium(opened):
    page, problems, tmp_path = opened
    n_targets = sum(len(n["targets"]) for n in FIX.NOTICES)

    # what the release holds
    assert page.text_content("#release-version") == "v0.0.1-test"
    assert "广东省" in page.text_content("#contents")

    # charts drawn: energy bars per region and period + national; pollutant points + national marks
    assert page.locator("#chart-energy svg rect.bar").count() == 5 + 4  # 5 regional targets, 4 national
    assert page.locator("#chart-energy svg rect.bar.national").count() == 4
    assert page.locator("#chart-energy svg line.national-line").count() == 4
    assert page.locator("#chart-pollutants svg circle.point").count() == 8
    # national_targets rows of the 5 pollutants
    assert page.locator("#chart-pollutants svg rect.national").count() == 15
    assert page.locator('#chart-energy rect.bar[data-region="唐山市"][data-period="13"]').count() == 1
    bar_w = page.locator('#chart-energy rect.bar[data-region="河南省"]').get_attribute("width")
    nat_w = page.locator('#chart-energy rect.bar.national[data-period="14"]').get_attribute("width")
    assert float(bar_w) > float(nat_w) > 0  # 20% drawn longer than 13.5%

    # the table lists every target; typing filters it
    assert len(_visible_rows(page)) == n_targets
    page.fill("#target-search", "SO2")  # indicator code, any case
    so2 = _visible_rows(page)
    assert len(so2) == 3 and all(page.text_content(f'tr[data-target-id="{t}"] td').count("二氧化硫") >= 1 for t in so2)
    page.fill("#target-search", "二氧化硫")  # the word also matches evidence: 广东's COD sentence names both
    assert set(_visible_rows(page)) == set(so2) | {"a1b2c3d4e5f60002-t001"}
    page.fill("#target-search", "浙江 十三五")
    assert len(_visible_rows(page)) == 3
    assert "3 / %d" % n_targets in page.text_content("#target-count")
    page.fill("#target-search", "")
    assert len(_visible_rows(page)) == n_targets

    # sorting by value, both ways
    page.click('#targets-table th[data-key="value"] button')
    first = page.text_content("#targets-body tr:first-child td.num")
    assert page.get_attribute('#targets-table th[data-key="value"]', "aria-sort") == "ascending"
    assert "9.3" in first
    page.click('#targets-table th[data-key="value"] button')
    assert page.get_attribute('#targets-table th[data-key="value"]', "aria-sort") == "descending"
    assert "54.9" in page.text_content("#targets-body tr:first-child td.num")

    # evidence view: the target of the notice with an astral character before its evidence
    zj = FIX.NOTICES[2]
    evidence = zj["targets"][1][-1]
    page.fill("#target-search", "挥发性有机物 浙江 十三五")
    rows = _visible_rows(page)
    assert len(rows) == 1
    page.click(f'tr[data-target-id="{rows[0]}"] button.open')
    page.wait_for_selector("#evidence-dialog[open]")
    assert page.text_content("#evidence-mark") == evidence
    assert page.is_visible("#evidence-mark")
    assert page.is_hidden("#evidence-warning")
    assert page.text_content("#evidence-text") == zj["text"]
    page.screenshot(path=str(tmp_path / "release_page_evidence.png"))
    page.click("#evidence-close")
    assert page.locator("#evidence-dialog[open]").count() == 0

    # notice text with markup shows as text (opening it runs nothing)
    page.fill("#target-search", "唐山 二氧化硫")
    page.click("#targets-body tr:first-child")
    page.wait_for_selector("#evidence-dialog[open]")
    assert FIX.XSS in page.text_content("#evidence-text")
    assert page.locator("#evidence-text img, #evidence-text script, #evidence-text b").count() == 0
    assert page.text_content("#evidence-mark") == "二氧化硫排放总量比2015年减少28%"
    page.click("#evidence-close")

    # English beside the Chinese: regions, indicators and plan periods, in the list and in the table
    assert "Guangdong" in page.text_content("#region-list") and "Tangshan" in page.text_content("#region-list")
    page.fill("#target-search", "Guangdong")  # the English region name is searchable
    rows = _visible_rows(page)
    assert len(rows) == 5
    first = page.locator(f'tr[data-target-id="{rows[0]}"]')
    assert "Guangdong" in first.text_content() and "12th Five-Year Plan" in first.text_content()
    assert "Energy consumption per unit of GDP" in page.text_content("#targets-body")
    page.fill("#target-search", "")

    # the province's allocation: a diamond on the energy chart, three bars in the allocation chart
    assert page.locator('#chart-energy path.allocation-mark[data-region="广东省"][data-period="12"]').count() == 1
    assert page.locator("#chart-allocation svg rect.bar.own").count() == 1
    alloc = page.locator('#chart-allocation rect.bar.allocation[data-region="广东省"]')
    assert alloc.count() == 1
    own_w = page.locator('#chart-allocation rect.bar.own[data-region="广东省"]').get_attribute("width")
    nat_w = page.locator('#chart-allocation rect.bar.national[data-region="广东省"]').get_attribute("width")
    # 18% allocated, 18% its own, 16% national
    assert float(alloc.get_attribute("width")) == float(own_w) > float(nat_w)
    assert "Guangdong" in page.text_content("#chart-allocation")
    assert "国发〔2011〕26号" in page.text_content("#allocation")

    # quality and validation sections
    assert "0.893" in page.text_content("#quality")
    assert "Estimate on unseen real notices" in page.text_content("#quality")
    assert "校验未通过" in page.text_content("#validation")

    page.fill("#target-search", "")
    page.screenshot(path=str(tmp_path / "release_page.png"), full_page=True)
    ARTIFACTS.mkdir(exist_ok=True)
    for name in ("release_page.png", "release_page_evidence.png"):
        shutil.copy2(tmp_path / name, ARTIFACTS / name)

    assert problems == []
