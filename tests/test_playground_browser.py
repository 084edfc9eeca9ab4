"""The playground's page in headless Chromium (Playwright), served by uvicorn on 127.0.0.1.

Each test checks what the page shows against numbers computed here in Python. Screenshots
go to build/playground-screenshots/ for a person to look at; the frame rate while playing
is measured there too (written down, not asserted).
"""

from __future__ import annotations

import json
import os
import threading
import warnings
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pytest

pytest.importorskip("uvicorn", reason="the playground extra is not installed")
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
)

import neurona  # noqa: E402
from neurona.data import load_dataset  # noqa: E402
from neurona.playground import serve  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]  # fmt: skip
#: what the page counts: time, frames drawn, animation frames, drawing ms, frames received
COUNTERS = "[performance.now(), ...['drawn', 'raf', 'renderMs', 'received'].map(k => __pg[k])]"
SHOTS = Path(__file__).resolve().parents[1] / "build" / "playground-screenshots"

pytestmark = [
    pytest.mark.timeout(120),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no chromium at {CHROMIUM}"),
]


@pytest.fixture(scope="module")
def server():
    """The playground on 127.0.0.1, a free port, in a daemon thread; its URL."""
    ready = threading.Event()
    found: dict[str, str] = {}

    def on_ready(url: str) -> None:
        found["url"] = url
        ready.set()

    thread = threading.Thread(
        target=serve,
        kwargs={"port": 0, "open_browser": False, "ready": on_ready, "lang": "en"},
        daemon=True,
    )
    thread.start()
    assert ready.wait(30), "the playground did not start within 30 s"
    return found["url"]


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A page that records console errors and every request, and refuses any request that
    leaves 127.0.0.1."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 950})
    pg = ctx.new_page()
    pg.errors, pg.hosts = [], []
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("response", lambda r: r.status >= 400 and pg.errors.append(f"{r.status} {r.url}"))

    def route(r):
        host = urlsplit(r.request.url).hostname
        pg.hosts.append(host)
        if host == "127.0.0.1":
            r.continue_()
        else:
            r.abort()

    pg.route("**/*", route)
    yield pg
    ctx.close()


def _until(page, expression: str, seconds: float = 30.0) -> None:
    """Poll a JavaScript expression until true (Playwright's wait_for_function evaluates
    strings, which the page's CSP forbids; page.evaluate runs outside the CSP)."""
    # a frame is stored when it arrives and drawn at the next animation frame: wait for
    # both, so that what the test reads next from the page is the frame it waited for
    drawn = f"({expression}) && (!window.__pg || window.__pg.pending === null)"
    for _ in range(int(seconds / 0.02)):
        if page.evaluate(drawn):
            return
        page.wait_for_timeout(20)
    raise AssertionError(f"not true within {seconds} s: {expression}")


def _open(page, server, query: str = "") -> None:
    page.goto(server + ("?" + query if query else ""))
    _until(page, "window.__pg && window.__pg.frame && window.__pg.drawn > 0")


def _frame(page) -> dict:
    return page.evaluate("window.__pg.frame")


def _wait_k(page, k: int) -> None:
    _until(page, f"window.__pg.frame && window.__pg.frame.k === {k}")


def _reference(X, y, **params) -> list[tuple[list[float], float]]:
    seen = [([0.0] * X.shape[1], 0.0)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        neurona.Perceptron(**params).fit(
            X, y, on_update=lambda W, b: seen.append((W[:, 0].tolist(), float(b[0])))
        )
    return seen


def _shown(page) -> tuple[str, str]:
    return page.inner_text("#w"), page.inner_text("#b")


def _fmt(v: float) -> str:
    return format(float(f"{v:.6g}"), "g") if v != int(v) else str(int(v))


def test_loads_clean_and_stays_on_127_0_0_1(page, server):
    _open(page, server, "dataset=and&lang=es")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "01-and-gate-start-es.png"))
    assert page.errors == []
    assert set(page.hosts) == {"127.0.0.1"}
    assert page.evaluate("document.documentElement.lang") == "es"
    assert "Paso" in page.inner_text("#step")
    assert "unidad de find_unit" in page.inner_text("#facts")
    href = page.evaluate("document.querySelector('link[rel=icon]').href")
    icon = page.request.get(href)
    assert icon.status == 200  # its own icon: no /favicon.ico 403 in the console
    assert page.errors == []


def test_step_and_keyboard_show_the_numbers_python_computes(page, server):
    d = load_dataset("xor-blobs", n_samples=30, random_state=4)
    expected = _reference(d.X, d.y, epochs=3, random_state=4, learning_rate=0.5)
    _open(page, server, "dataset=xor-blobs&n_samples=30&seed=4&learning_rate=0.5&epochs=3")
    page.click("#step")
    _wait_k(page, 1)
    for k in (2, 3):
        page.keyboard.press("ArrowRight")
        _wait_k(page, k)
    w, b = expected[3]
    assert _shown(page) == ("(" + ", ".join(_fmt(v) for v in w) + ")", _fmt(b))
    assert _frame(page)["w"] == w
    page.keyboard.press("ArrowLeft")  # rewind one update
    _wait_k(page, 2)
    assert _frame(page)["w"] == expected[2][0]
    live = page.inner_text("#live")
    assert "update 2" in live
    assert _fmt(expected[2][1]) in live
    assert "Δw" in page.inner_text("#rule")
    assert page.eval_on_selector("#pseudo .on", "e => e.textContent").startswith("      w =")
    page.screenshot(path=str(SHOTS / "02-xor-blobs-update-2-en.png"))
    assert page.errors == []


def _pixels(page) -> str:
    return page.evaluate("document.querySelector('#canvas').toDataURL()")


def test_play_changes_the_canvas_pause_stops_it_and_fps(page, server):
    _open(page, server, "dataset=xor-blobs&n_samples=10000&seed=1&epochs=3&learning_rate=1")
    before = _pixels(page)
    page.keyboard.press("Space")  # play
    _until(page, "window.__pg.frame.k > 20")
    t0 = page.evaluate(COUNTERS)
    page.wait_for_timeout(2000)  # a measuring window without polling the page (not a wait)
    t1 = page.evaluate(COUNTERS)
    assert _pixels(page) != before
    page.keyboard.press("Space")  # pause
    _until(page, "window.__pg.frame.playing === false")
    page.wait_for_timeout(300)  # a frame still in flight lands
    k = _frame(page)["k"]
    still = _pixels(page)
    page.wait_for_timeout(400)  # paused: nothing moves
    assert _frame(page)["k"] == k
    assert _pixels(page) == still
    seconds = (t1[0] - t0[0]) / 1e3
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "fps.json").write_text(json.dumps({
        "rows": 10000, "frames_drawn_per_s": (t1[1] - t0[1]) / seconds,
        "animation_frames_per_s": (t1[2] - t0[2]) / seconds,
        "render_ms_per_frame": (t1[3] - t0[3]) / max(t1[1] - t0[1], 1),
        "frames_received_per_s": (t1[4] - t0[4]) / seconds}))  # fmt: skip
    page.screenshot(path=str(SHOTS / "03-xor-blobs-10k-paused-en.png"))
    assert page.errors == []


def test_a_click_adds_a_point(page, server):
    _open(page, server, "dataset=and")
    n = len(page.evaluate("window.__pg.points.X"))
    g = _frame(page)["grid"]  # the axes the click is read on
    box = page.query_selector("#canvas").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.8, box["y"] + box["height"] * 0.2)
    _until(page, f"window.__pg.points.X.length === {n + 1}")
    x, y = page.evaluate("window.__pg.points.X")[-1]
    assert x == pytest.approx(g["x0"] + 0.8 * (g["x1"] - g["x0"]), abs=0.02 * (g["x1"] - g["x0"]))
    assert y == pytest.approx(g["y1"] - 0.2 * (g["y1"] - g["y0"]), abs=0.02 * (g["y1"] - g["y0"]))
    assert page.evaluate("window.__pg.points.y").count(0) == 4  # class 0 was chosen


def test_a_csv_upload_trains(page, server, tmp_path):
    rng = np.random.default_rng(5)
    X = rng.normal(size=(40, 2)) + np.repeat([[1.5, 1.5], [-1.5, -1.5]], 20, axis=0)
    y = np.repeat([1, 0], 20)
    path = tmp_path / "mine.csv"
    path.write_text("u,v,cls\n" + "".join(
        f"{float(a)!r},{float(b)!r},{c}\n" for (a, b), c in zip(X, y, strict=True)))  # fmt: skip
    _open(page, server)
    page.set_input_files("#file", str(path))
    page.click("#upform button")
    _until(page, "window.__pg.points && window.__pg.points.upload === true")
    page.click("#epoch")
    _until(page, "window.__pg.frame.epoch === 1 && window.__pg.frame.k > 0")
    expected = neurona.Perceptron(epochs=1, random_state=0, learning_rate=1.0).fit(X, y)
    assert _frame(page)["w"] == expected.coef_.ravel().tolist()
    assert page.errors == []


def test_a_huge_rate_shows_the_divergence_text(page, server):
    _open(page, server, "dataset=linear&model=linear&mode=batch&learning_rate=1e6&epochs=5")
    for epoch in (1, 2):  # the loss grows ~10¹² in epoch 2: the engine stops it
        page.click("#epoch")
        _until(page, f"window.__pg.frame.epoch >= {epoch - 1} && window.__pg.frame.k === {epoch}")
    _until(page, "!document.querySelector('#error').hidden")
    text = page.inner_text("#error")
    assert "learning" in text
    assert "η ≤" in text
    assert "NaN" not in page.inner_text("#weights")
    page.screenshot(path=str(SHOTS / "04-divergence-en.png"))


def test_reload_from_the_url_restores_the_state_in_both_languages(page, server):
    _open(page, server, "dataset=blobs&n_samples=50&seed=7&model=adaline&mode=minibatch"
                        "&batch_size=5&learning_rate=0.05&epochs=4&lang=en")  # fmt: skip
    page.click("#epoch")
    page.click("#step")
    _until(page, "window.__pg.frame.k > 10")
    before = _frame(page)
    url = page.url
    assert "model=adaline" in url
    assert f"k={before['k']}" in url
    assert "seed=7" in url
    page.click("#lang")  # to Spanish, kept in the URL
    _until(page, "document.documentElement.lang === 'es'")
    assert "Reproducir" in page.inner_text("#play")
    page.goto(page.url)
    _until(page, f"window.__pg.frame && window.__pg.frame.k === {before['k']}")
    after = _frame(page)
    assert (after["w"], after["b"], after["settings"]) == (
        before["w"], before["b"], before["settings"])  # fmt: skip
    assert page.evaluate("document.documentElement.lang") == "es"
    assert "Época" in page.inner_text("#epoch")
    page.screenshot(path=str(SHOTS / "05-adaline-restored-es.png"))
    page.goto(page.url + "&hide=1")  # a classroom link: controls hidden
    _until(page, "window.__pg.frame && window.__pg.drawn > 0")
    assert not page.is_visible("#controls")
    assert page.errors == []


# --- the tester's faults: divergence, epochs, errors, columns, language, layout ----------


def test_an_online_divergence_is_explained_and_the_page_keeps_working(page, server):
    _open(page, server, "dataset=blobs&model=adaline&mode=online&learning_rate=1000&lang=en")
    page.click("#play")
    _until(page, "!document.querySelector('#error').hidden && window.__pg.frame.done")
    assert page.inner_text("#errkind") == "Divergence"
    assert "η ≤" in page.inner_text("#error")
    page.screenshot(path=str(SHOTS / "06-online-divergence-en.png"))
    k = _frame(page)["k"]
    assert k > 1
    page.keyboard.press("ArrowLeft")  # the socket still answers
    _wait_k(page, k - 1)
    assert page.errors == []


def test_the_epoch_shown_is_the_same_in_the_header_the_panel_and_after_reload(page, server):
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 0, 0, 1])
    ended, epochs = [0], [0]
    count = [lambda info: ended.__setitem__(0, ended[0] + 1)]
    neurona.Perceptron(random_state=0, callbacks=count).fit(
        X, y, on_update=lambda W, b: epochs.append(ended[0] + 1))  # fmt: skip
    _open(page, server, "dataset=and&lang=en")
    for k in (1, 2, 3):
        page.click("#step")
        _wait_k(page, k)
    header = page.inner_text("#kout")
    assert header.endswith(f"Epoch {epochs[3]}")
    assert page.inner_text("#pepoch") == f"Epoch {epochs[3]}"
    page.goto(page.url)
    _wait_k(page, 3)
    assert page.inner_text("#kout").endswith(f"Epoch {epochs[3]}")
    assert page.errors == []


def test_errors_carry_their_kind_and_follow_the_language(page, server):
    _open(page, server, "dataset=iris-2&fx=2&lang=es")
    _until(page, "!document.querySelector('#error').hidden")
    assert page.inner_text("#errkind") == "Datos"
    assert "no existe" in page.inner_text("#errmsg")
    assert "Divergencia" not in page.inner_text("#error")
    assert page.inner_text("select[name=mode] option[value=online]") == "en línea"
    page.click("#lang")
    _until(page, "document.documentElement.lang === 'en'")
    assert page.inner_text("#errkind") == "Data"
    assert "does not exist" in page.inner_text("#errmsg")
    assert page.inner_text("select[name=mode] option[value=online]") == "online"
    assert page.errors == []


def test_a_text_column_is_left_out_and_the_columns_are_named(page, server, tmp_path):
    rng = np.random.default_rng(6)
    X = rng.normal(size=(30, 2)) + np.repeat([[2.0, 2.0], [-2.0, -2.0]], 15, axis=0)
    path = tmp_path / "alumnos.csv"
    genero, y = rng.choice(["F", "M"], 30), np.repeat([1, 0], 15)
    rows = zip(X.tolist(), genero, y, strict=True)
    path.write_text("Edad,Género,Horas,Aprobado\n" + "".join(
        f"{a!r},{g},{b!r},{c}\n" for (a, b), g, c in rows))  # fmt: skip
    _open(page, server, "lang=es")
    page.set_input_files("#file", str(path))
    page.click("#upform button")
    _until(page, "window.__pg.points && window.__pg.points.upload === true")
    names = page.eval_on_selector_all("select[name=fx] option", "os => os.map(o => o.text)")
    assert names == ["Edad", "Horas"]
    assert "Edad" in page.inner_text("#legend")
    assert "Género" in page.inner_text("#notes")
    page.click("#epoch")
    _until(page, "window.__pg.frame.epoch === 1 && window.__pg.frame.k > 0")
    page.screenshot(path=str(SHOTS / "07-upload-named-columns-es.png"))
    expected = neurona.Perceptron(epochs=1, random_state=0).fit(X, np.repeat([1, 0], 15))
    assert _frame(page)["w"] == expected.coef_.ravel().tolist()
    assert page.errors == []


def test_the_class_radios_are_visible_and_a_late_frame_keeps_the_field_being_edited(page, server):
    _open(page, server, "dataset=blobs&lang=en")
    for value in ("0", "1"):  # the label's centre is the label, not the canvas over it
        hit = page.eval_on_selector(
            f"[name=cls][value='{value}']",
            """e => { const r = e.parentElement.getBoundingClientRect();
                 const h = document.elementFromPoint(r.right - 3, (r.top + r.bottom) / 2);
                 return e.parentElement.contains(h); }""",
        )
        assert hit, f"the label of class {value} is covered"
    got = _frame(page)["settings"]["epochs"]
    page.evaluate("""() => {
        const a = document.querySelector('[name=seed]');
        a.value = '5'; a.dispatchEvent(new Event('change', { bubbles: true }));
        const b = document.querySelector('[name=epochs]'); b.focus(); b.value = '7'; }""")
    _until(page, "window.__pg.frame.settings.seed === 5")
    assert page.input_value("[name=epochs]") == "7"  # the user's edit, not the server's
    assert got != 7
    assert page.errors == []


def test_the_not_gate_and_the_line_are_listed_and_drawn(page, server):
    _open(page, server, "dataset=not&lang=en")
    listed = page.eval_on_selector_all("#dataset option", "os => os.map(o => o.value)")
    assert {"not", "line"} <= set(listed)
    assert "find_unit's unit" in page.inner_text("#facts")
    blank = page.evaluate("""(() => { const c = document.createElement('canvas');
        c.width = 520; c.height = 520; return c.toDataURL(); })()""")  # fmt: skip
    assert _pixels(page) != blank
    page.select_option("#dataset", "line")
    page.select_option("select[name=model]", "linear")
    _until(page, "window.__pg.points && window.__pg.points.task === 'regression'"
                 " && window.__pg.frame.grid && !!window.__pg.frame.grid.line")  # fmt: skip
    assert page.evaluate("window.__pg.points.X[0].length") == 1
    assert page.errors == []


# --- a new user's trial, round 2: hand edits, exports, reloads, classroom links ----------


def test_a_hand_edit_keeps_the_other_weights_exactly_and_reads_a_decimal_comma(page, server):
    _open(page, server, "dataset=blobs&n_samples=40&model=adaline&learning_rate=0.01&lang=es")
    page.click("#step")
    page.click("#step")
    _wait_k(page, 2)
    w = _frame(page)["w"]
    assert _fmt(w[1]) != repr(w[1])  # the field shows 6 digits of it
    page.fill("#ew0", "0,5")  # a Spanish keyboard's decimal comma
    page.click("#edit")
    _until(page, "window.__pg.frame.hand_edit !== null && window.__pg.frame.k === 0")
    f = _frame(page)
    assert f["w"] == [0.5, w[1]]  # w2 untouched: exactly the engine's, not its 6 digits
    assert "nueva ejecución" in page.inner_text("#notes")
    shown = page.eval_on_selector("#pseudo .on", "e => e.textContent")
    assert shown == "w, b = los fijados a mano"
    page.fill("#eb", "x")
    page.click("#edit")
    _until(page, "!document.querySelector('#error').hidden")
    assert "números finitos" in page.inner_text("#errmsg")
    page.click("#epoch")
    _until(page, "window.__pg.frame.epoch === 1 && window.__pg.frame.k > 0")
    page.click("#xcli")
    _until(page, "document.querySelector('#xout').textContent.startsWith('neurona train')")
    assert f"--coef-init=0.5,{w[1]!r}" in page.inner_text("#xout")
    assert page.errors == []


def test_export_refusals_speak_the_pages_language_and_log_no_error(page, server):
    _open(page, server, "dataset=and&lang=es")
    page.click("#xcli")
    _until(page, "document.querySelector('#xout').textContent !== ''")
    assert page.inner_text("#xout").startswith("aún no hay actualizaciones")
    page.click("#xmodel")  # no download of an error page: the reason instead
    _until(page, "document.querySelector('#xout').textContent.includes('archivo del modelo')")
    page.click("#lang")
    _until(page, "document.documentElement.lang === 'en'")
    assert "for a model file" in page.inner_text("#xout")
    page.click("#step")
    _wait_k(page, 1)
    assert page.inner_text("#xout") == ""  # another update: the old answer is gone
    page.click("#epoch")
    _until(page, "window.__pg.frame.export === null")
    with page.expect_download() as download:
        page.click("#xmodel")
    saved = neurona.load(download.value.path())
    assert saved.coef_.ravel().tolist() == _frame(page)["w"]
    assert page.errors == []  # no 400 in the console


def test_a_reload_gives_back_points_hand_edits_and_a_rate_chosen_on_purpose(page, server):
    _open(page, server, "dataset=blobs&n_samples=30&model=adaline&learning_rate=1&lang=en")
    assert _frame(page)["settings"]["learning_rate"] == "1"  # the URL's, not reset to auto
    n = len(page.evaluate("window.__pg.points.X"))
    box = page.query_selector("#canvas").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    _until(page, f"window.__pg.points.X.length === {n + 1}")
    page.check("#erase")
    x, y = page.evaluate("window.__pg.points.X[0]")
    g = _frame(page)["grid"]
    page.mouse.click(box["x"] + box["width"] * (x - g["x0"]) / (g["x1"] - g["x0"]),
                     box["y"] + box["height"] * (g["y1"] - y) / (g["y1"] - g["y0"]))  # fmt: skip
    _until(page, f"window.__pg.points.X.length === {n}")
    page.fill("#ew1", "-0.125")
    page.click("#edit")
    _until(page, "window.__pg.frame.hand_edit !== null")
    for k in (1, 2, 3):
        page.click("#step")
        _wait_k(page, k)
    before, points = _frame(page), page.evaluate("window.__pg.points")
    page.goto(page.url)
    _until(page, "window.__pg.frame && window.__pg.frame.k === 3")
    after = page.evaluate("window.__pg.points")
    assert (after["X"], after["y"], after["removed"]) == (points["X"], points["y"], [0])
    assert (_frame(page)["w"], _frame(page)["b"]) == (before["w"], before["b"])
    assert _frame(page)["hand_edit"] == before["hand_edit"]
    assert page.errors == []


def test_classroom_links_hide_the_controls_they_name(page, server):
    _open(page, server, "dataset=and&hide=learning_rate,mode,reset")
    assert not page.is_visible("[name=learning_rate]")
    assert not page.is_visible("[name=mode]")
    assert not page.is_visible("#reset")
    assert page.is_visible("[name=epochs]")
    assert page.is_visible("#f-data")
    assert "hide=learning_rate" in page.url  # kept through the URL's updates
    _open(page, server, "dataset=and&hide=model,export,upload")
    assert page.is_visible("#f-data")
    assert not page.is_visible("#upform")
    assert not page.is_visible("#f-model")
    assert not page.is_visible("#f-export")
    assert page.errors == []


def test_keyboard_space_presses_the_focused_button_and_plays_elsewhere(page, server):
    _open(page, server, "dataset=xor-blobs&n_samples=40&epochs=50&lang=en")
    page.focus("#step")
    page.keyboard.press("Space")  # the Step button, not Play
    _wait_k(page, 1)
    assert _frame(page)["playing"] is False
    page.focus("#reset")
    page.keyboard.press("Enter")
    _wait_k(page, 0)
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("Space")  # nothing focused: play
    _until(page, "window.__pg.frame.playing === true")
    page.keyboard.press("Space")
    _until(page, "window.__pg.frame.playing === false")
    assert page.errors == []


def test_switching_language_relabels_curves_datasets_and_greys_unread_settings(page, server):
    _open(page, server, "dataset=blobs&model=logistic&learning_rate=0.1&lang=es")
    page.click("#epoch")
    _until(page, "window.__pg.frame.epoch === 1 && window.__pg.frame.k > 0")
    assert "exactitud" in page.inner_text("#curves")
    assert page.inner_text("#dataset option[value=blobs]") == "dos nubes"
    assert page.is_disabled("[name=rule]")  # logistic has no rule
    assert page.is_disabled("[name=batch_size]")  # online: one row a step
    page.click("#lang")
    _until(page, "document.documentElement.lang === 'en'")
    assert "accuracy" in page.inner_text("#curves")
    assert "exactitud" not in page.inner_text("#curves")
    assert page.inner_text("#dataset option[value=blobs]") == "two blobs"
    assert page.inner_text(".filebtn") == "Choose file"
    page.select_option("select[name=mode]", "minibatch")
    _until(page, "window.__pg.frame.settings.mode === 'minibatch'")
    assert not page.is_disabled("[name=batch_size]")
    page.screenshot(path=str(SHOTS / "08-logistic-minibatch-en.png"))
    assert page.errors == []


def test_uploads_say_what_they_left_out_and_switch_to_a_neuron_that_fits(page, server, tmp_path):
    three = tmp_path / "tres.csv"
    rng = np.random.default_rng(9)
    three.write_text("alto;ancho;tipo\n" + "".join(
        f"{str(round(a, 3)).replace('.', ',')};{str(round(b, 3)).replace('.', ',')};{c}\n"
        for (a, b), c in zip(rng.normal(size=(30, 2)).tolist(), ["p", "q", "r"] * 10,
                             strict=True)))  # fmt: skip
    _open(page, server, "lang=es")
    page.set_input_files("#file", str(three))
    assert page.inner_text("#fname") == "tres.csv"
    page.click("#upform button")
    _until(page, "window.__pg.points && window.__pg.points.upload === true")
    assert "3 clases" in page.inner_text("#notes")
    assert "10 filas de r" in page.inner_text("#notes")
    empty = tmp_path / "vacio.csv"
    empty.write_text("")
    page.set_input_files("#file", str(empty))
    page.click("#upform button")
    _until(page, "!document.querySelector('#error').hidden")
    assert "el archivo está vacío" in page.inner_text("#errmsg")
    line = tmp_path / "recta.csv"
    line.write_text("x,y\n" + "".join(f"{x},{3 * x - 1}\n" for x in range(20)))
    page.set_input_files("#file", str(line))
    page.click("#upform button")
    _until(page, "window.__pg.points && window.__pg.points.task === 'regression'")
    assert "regresión lineal" in page.inner_text("#notes")
    assert page.inner_text(".click > span") == "Un clic añade un punto (x, y)"
    assert "exactitud" not in page.inner_text("#curves")  # the last data's axis is gone
    page.click("#epoch")
    _until(page, "window.__pg.frame.epoch === 1 && window.__pg.frame.k > 0")
    assert "R²" in page.inner_text("#curves")  # the axis of a regression, not accuracy's
    assert "exactitud" not in page.inner_text("#curves")
    assert not page.is_visible("[name=cls]")
    page.screenshot(path=str(SHOTS / "09-upload-regression-es.png"))
