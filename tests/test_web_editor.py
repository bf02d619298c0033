"""`zieldsl editor` in a real browser: Debian's headless chromium driven by Playwright.

A user types a mistake, sees it underlined with its message, fixes it with the quick fix,
changes a target value and sees the result table change, completes a word, saves (the last
good version is kept as .bak), downloads the Word file, and notices an edit made elsewhere.

`ZIELDSL_SCREENSHOTS=1` also writes the screenshots of the Editor page (docs/bilder/editor-*.png);
a normal run leaves them alone.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from editor_support import missing, need_module

need_module("starlette")
need_module("uvicorn")
CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if Path(p).exists()),
                shutil.which("chromium"))
SHOTS = Path(__file__).resolve().parents[1] / "docs" / "bilder"
WAIT = 180_000  # ms; the evaluation runs on a shared, slow machine too
K2 = "K2 steigt um 5,8 %"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture()
def workdir(tmp_path, repo_root) -> Path:
    for name in ("leer-2026.ziel", "leer-2026.daten.csv", "leer-2026.nachweise.yaml"):
        shutil.copy(repo_root / "vereinbarungen" / name, tmp_path / name)
    return tmp_path


@pytest.fixture()
def server(workdir):
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "zieldsl", "editor", "leer-2026.ziel", "--port", str(port),
                                "--kein-browser"], cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError(process.stderr.read().decode())
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}/"
    process.terminate()
    process.wait(timeout=30)
    process.stdout.close()
    process.stderr.close()


@pytest.fixture()
def page(server):
    need_module("playwright")
    from playwright.sync_api import sync_playwright

    if CHROMIUM is None:
        missing("chromium (Debian: apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True,
                                      locale="de-DE")
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.set_default_timeout(WAIT)
        page.goto(server)
        yield page
        assert errors == []
        browser.close()


def _select(page, needle: str, occurrence_start: str | None = None) -> None:
    """Put the textarea's selection on `needle` (after `occurrence_start`), as a user would by dragging."""
    page.evaluate("""([needle, after]) => {
        const box = document.getElementById('source');
        const from = after ? box.value.indexOf(after) : 0;
        const at = box.value.indexOf(needle, from);
        if (at < 0) throw new Error('not in the text: ' + needle);
        box.focus();
        box.setSelectionRange(at, at + needle.length);
        const line = box.value.slice(0, at).split('\\n').length - 1;
        box.scrollTop = Math.max(0, line * 20 - 200);
        box.dispatchEvent(new Event('scroll'));
    }""", [needle, occurrence_start])


def _shot(page, name: str) -> None:
    if os.environ.get("ZIELDSL_SCREENSHOTS") == "1":
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"editor-{name}.png"))


def _row(page, wording: str):
    return page.locator("#results tr", has=page.locator("td", has_text=re.compile("^" + re.escape(wording) + "$")))


def test_type_a_mistake_fix_it_see_results_change_save_and_download_word(page, workdir):
    page.wait_for_selector("#state.ok")
    page.wait_for_selector("#results tr.target")
    assert page.locator("#state").inner_text() == "in Ordnung"
    assert _row(page, K2).locator("td").nth(2).inner_text() == "erreicht"  # the status follows the wording
    page.frame_locator("#preview").locator("text=Feststellung").first.wait_for()
    _select(page, K2)
    _shot(page, "ueberblick")

    # a decimal point instead of the comma: underlined, listed, explained on hover
    _select(page, "5,8", K2)
    page.keyboard.type("5.8")
    mark = page.locator("#highlight .d-fehler")
    mark.wait_for()
    assert mark.inner_text() == "5.8"
    problem = page.locator("#problems li")
    assert problem.count() == 1
    assert problem.inner_text().startswith("70:22fehler ZD102»5.8«: Dezimalpunkt statt Dezimalkomma")
    assert page.locator("#state").inner_text() == "1 Fehler"
    box = mark.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tooltip = page.locator("#tooltip")
    tooltip.wait_for(state="visible")
    assert "fehler ZD102: »5.8«: Dezimalpunkt statt Dezimalkomma" in tooltip.inner_text()
    _shot(page, "fehler")

    # the quick fix writes the comma back
    page.get_by_role("button", name="Dezimalkomma schreiben: »5,8«").click()
    page.wait_for_selector("#state.ok")
    assert page.locator("#problems li").count() == 0
    assert K2 in page.locator("#source").input_value()

    # hover on the indicator: catalogue definition and judged value
    page.mouse.move(0, 0)
    k2 = page.locator("#highlight .t-code", has_text=re.compile("^K2$")).first
    _select(page, K2)
    box = k2.bounding_box()
    page.mouse.move(box["x"] + 4, box["y"] + box["height"] / 2)
    tooltip.wait_for(state="visible")
    page.wait_for_function("document.getElementById('tooltip').innerText.includes('Integrationsquote')")
    assert "Ist 21,58 %" in tooltip.inner_text()
    _shot(page, "erklaerung")
    page.mouse.move(0, 0)

    # a higher target: the table turns the condition and the target to "nicht erreicht"
    _select(page, "5,8", K2)
    page.keyboard.type("9,8")
    row = _row(page, "K2 steigt um 9,8 %")
    row.wait_for()
    assert row.locator("td").nth(2).inner_text() == "nicht erreicht"
    target = page.locator("#results tr.target", has_text="Verbesserung der Integration")
    assert target.locator("td").nth(2).inner_text() == "nicht erreicht"

    # completion: retype the verb
    _select(page, "steigt", "K2 steigt um 9,8 %")
    page.keyboard.type("st")
    page.locator("#completions li.active", has_text="steigt").wait_for()
    _shot(page, "ergaenzung")
    page.keyboard.press("Tab")
    page.wait_for_function("document.getElementById('source').value.includes('K2 steigt um 9,8 %')")
    page.wait_for_selector("#state.ok")

    # save: the file gets the new text, the last good version stays as .bak
    original = (workdir / "leer-2026.ziel").read_text(encoding="utf-8")
    page.get_by_role("button", name="Speichern").click()
    page.locator("#toast", has_text="Gespeichert: leer-2026.ziel").wait_for()
    saved = (workdir / "leer-2026.ziel").read_text(encoding="utf-8")
    assert saved == original.replace(K2, "K2 steigt um 9,8 %", 1)
    assert (workdir / "leer-2026.ziel.bak").read_text(encoding="utf-8") == original

    # the draft as Word
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Als Word herunterladen").click()
    download = download_info.value
    assert download.suggested_filename == "leer-2026-feststellung.docx"
    target_path = workdir / "download.docx"
    download.save_as(target_path)
    with zipfile.ZipFile(target_path) as word:
        body = word.read("word/document.xml").decode("utf-8")
    assert "9,8" in body

    # an edit made elsewhere is noticed and loaded (nothing unsaved in the editor)
    changed = saved.replace("K3 sinkt um 2,3 %", "K3 sinkt um 2,4 %", 1)
    (workdir / "leer-2026.ziel").write_text(changed, encoding="utf-8")
    page.locator("#toast", has_text="außerhalb des Editors geändert und neu geladen").wait_for()
    assert page.locator("#source").input_value() == changed


def test_unsaved_changes_and_an_edit_elsewhere_ask_before_anything_is_overwritten(page, workdir):
    page.wait_for_selector("#state.ok")
    _select(page, "5,8", K2)
    page.keyboard.type("6,0")
    on_disk = (workdir / "leer-2026.ziel").read_text(encoding="utf-8").replace("zieljahr 2026", "zieljahr 2026 ", 1)
    (workdir / "leer-2026.ziel").write_text(on_disk, encoding="utf-8")
    banner = page.locator("#banner")
    banner.wait_for(state="visible")
    assert "außerhalb des Editors geändert" in banner.inner_text()
    with page.expect_response("**/api/save") as response:
        page.get_by_role("button", name="Speichern").click()
    assert response.value.status == 409
    assert (workdir / "leer-2026.ziel").read_text(encoding="utf-8") == on_disk  # not overwritten
    page.get_by_role("button", name="Meine Fassung behalten").click()
    page.locator("#toast", has_text="Gespeichert").wait_for()
    assert "K2 steigt um 6,0 %" in (workdir / "leer-2026.ziel").read_text(encoding="utf-8")
    assert banner.is_hidden()


def _call(url: str, path: str, data: bytes | None = None, headers: dict | None = None) -> int:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url.rstrip("/") + path, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def test_the_api_answers_only_the_page_it_served(server):
    """Another web page open in the browser cannot drive the editor: no token, no answer; and a
    foreign Host name (DNS rebinding) is refused."""
    import json
    import urllib.request

    body = json.dumps({"text": "x"}).encode()
    assert _call(server, "/api/check", body, {"Content-Type": "application/json"}) == 403
    assert _call(server, "/api/save", body, {"Content-Type": "application/json", "X-Zieldsl-Token": "raten"}) == 403
    assert _call(server, "/", headers={"Host": "boese.example"}) == 400
    with urllib.request.urlopen(server, timeout=60) as response:
        page = response.read().decode()
    token = re.search(r'name="zieldsl-token" content="([^"]+)"', page).group(1)
    assert _call(server, "/api/check", body, {"Content-Type": "application/json", "X-Zieldsl-Token": token}) == 200
    assert "cdn" not in page.lower() and "https://" not in page  # every asset comes from the package


def test_the_editor_listens_on_the_loopback_address_only(monkeypatch, tmp_path):
    import uvicorn
    from click.testing import CliRunner

    from zieldsl.cli.main import main

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append(options))
    result = CliRunner().invoke(main, ["editor", str(tmp_path / "neu.ziel"), "--kein-browser", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert calls == [{"host": "127.0.0.1", "port": 8123, "log_level": "warning"}]
    assert "http://127.0.0.1:8123/" in result.stderr


def test_saving_keeps_the_last_good_version_and_refuses_unseen_changes(tmp_path, leer_path):
    from zieldsl.cli.webeditor.workspace import Conflict, Workspace

    path = tmp_path / "v.ziel"
    good = leer_path.read_text(encoding="utf-8")
    path.write_text(good, encoding="utf-8")
    workspace = Workspace(path)
    text, base, exists = workspace.load()
    assert (text, exists) == (good, True)
    broken = good.replace("5,8 %", "5.8 %", 1)
    saved = workspace.save(broken, base)
    assert saved.errors == 1 and saved.backup == tmp_path / "v.ziel.bak"
    assert path.read_text(encoding="utf-8") == broken
    # saving over a broken version keeps the good backup
    worse = broken.replace("K3 sinkt", "K3 snkt", 1)
    again = workspace.save(worse, saved.digest)
    assert again.backup is None
    assert (tmp_path / "v.ziel.bak").read_text(encoding="utf-8") == good
    # a change made elsewhere is not overwritten unless asked to
    path.write_text(good, encoding="utf-8")
    with pytest.raises(Conflict):
        workspace.save("x", again.digest)
    assert path.read_text(encoding="utf-8") == good
    workspace.save(worse, again.digest, force=True)
    assert path.read_text(encoding="utf-8") == worse


def test_a_new_file_starts_from_an_example_that_checks(tmp_path):
    from zieldsl.api import diagnose_text
    from zieldsl.cli.webeditor.workspace import Workspace

    text, base, exists = Workspace(tmp_path / "neu.ziel").load()
    assert (base, exists) == ("", False)
    assert diagnose_text(text) == []


def test_the_table_follows_the_data_beside_the_file(server, workdir):
    """The file's text is unchanged, but its data file went away: the next evaluation says so."""
    import json
    import urllib.request

    with urllib.request.urlopen(server, timeout=60) as response:
        token = re.search(r'name="zieldsl-token" content="([^"]+)"', response.read().decode()).group(1)
    text = (workdir / "leer-2026.ziel").read_text(encoding="utf-8")

    def evaluate() -> dict:
        request = urllib.request.Request(server + "api/evaluate", data=json.dumps({"text": text}).encode(),
                                         headers={"Content-Type": "application/json", "X-Zieldsl-Token": token})
        with urllib.request.urlopen(request, timeout=180) as response:
            return json.loads(response.read())

    first = evaluate()
    assert first["note"] is None and first["stand"] == "Dezember 2026"
    (workdir / "leer-2026.daten.csv").unlink()
    second = evaluate()
    assert second["note"].startswith("Neben der Vereinbarung liegen keine Daten")
