"""neurona.tour: the lecture replayed as one self-contained HTML page, in English and Spanish."""

from __future__ import annotations

import base64
import io
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from PIL import Image
from sklearn.datasets import load_iris
from typer.testing import CliRunner

from neurona import Perceptron
from neurona._cli_plots import animate_command, tour_command, write_training_plots
from neurona.errors import ParameterError
from neurona.tour import SECTIONS, run_tour

#: the lecture's own section names (lecture-02-single-layer-networks.txt), in its order
LECTURE_ES = [
    "Modelo de Neurona de McCulloch Pitts",
    "Perceptrón",
    "Vectorización",
    "Modo On-line",
    "Modo On-line II",
    "Modo Batch",
    "Modo minibatch",
    "Regresión Lineal",
    "Gradiente descendente",
    "Derivadas de funciones univariadas",
    "Gradiente: Derivadas de funciones multivariadas",
    "ADALINE de Widrow y Hoff (1960)",  # the slide's title is English: translated
]
ENGLISH = [
    "McCulloch–Pitts neuron model",
    "Perceptron",
    "Vectorization",
    "Online mode",
    "Online mode II",
    "Batch mode",
    "Minibatch mode",
    "Linear regression",
    "Gradient descent",
    "Derivatives of univariate functions",
    "Gradient: derivatives of multivariate functions",
    "Widrow and Hoff's ADALINE (1960)",
]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _Page(HTMLParser):
    """Headings (h2, h3) in order, the <html lang>, every src and href."""

    def __init__(self):
        super().__init__()
        self.headings: list[str] = []
        self.lang = None
        self.sources: list[str] = []
        self.links: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag in ("h2", "h3"):
            self._in, self._text = tag, ""
        if "src" in attrs:
            self.sources.append(attrs["src"])
        if "href" in attrs:
            self.links.append(attrs["href"])

    def handle_data(self, data):
        if self._in:
            self._text += data

    def handle_endtag(self, tag):
        if tag == self._in:
            self.headings.append(self._text)
            self._in = None


def _parse(path: Path) -> tuple[str, _Page]:
    text = path.read_text(encoding="utf-8")
    page = _Page()
    page.feed(text)
    return text, page


@pytest.fixture(scope="module")
def tours(tmp_path_factory):
    root = tmp_path_factory.mktemp("tour")
    return {lang: run_tour(root / lang, lang=lang, quick=True) for lang in ("en", "es")}


def _in_order(names: list[str], headings: list[str]) -> bool:
    """Every name is contained in a heading, in order (a heading may hold several names)."""
    k = 0
    for heading in headings:
        parts = [p.strip() for p in heading.split("·")]
        while k < len(names) and names[k] in parts:
            k += 1
    return k == len(names)


def test_spanish_report_uses_the_lecture_section_names_in_order(tours):
    report = tours["es"]
    assert report.path.name == "index.html"
    _, page = _parse(report.path)
    assert page.lang == "es"
    assert _in_order(LECTURE_ES, page.headings), page.headings
    assert "Tiempo por sección" in page.headings
    assert "Perceptron" not in page.headings  # the English title is not there


def test_english_report_uses_english_section_names_in_order(tours):
    text, page = _parse(tours["en"].path)
    assert page.lang == "en"
    assert _in_order(ENGLISH, page.headings), page.headings
    assert not any(name in text for name in ("Perceptrón", "Vectorización", "Regresión Lineal"))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_report_is_self_contained_and_every_image_decodes(tours, lang):
    report = tours[lang]
    assert [s.key for s in report.sections] == list(SECTIONS)
    assert all(s.missing is None for s in report.sections)
    text, page = _parse(report.path)
    assert "<script" not in text
    assert "<link" not in text
    assert all(h.startswith("#") for h in page.links)  # only in-page anchors
    assert len(page.sources) >= 10
    kinds = []
    for src in page.sources:
        kind, data = re.fullmatch(r"data:image/(png|gif);base64,(.+)", src).groups()
        with Image.open(io.BytesIO(base64.b64decode(data))) as image:
            assert image.format.lower() == kind
            assert image.width >= 300
            assert image.height >= 200
            kinds.append((kind, getattr(image, "n_frames", 1)))
    # the iris perceptron animation: one frame per update of the lecture's perceptron
    iris = load_iris()
    keep = iris.target < 2
    model = Perceptron(epochs=20).fit(iris.data[keep][:, [0, 2]], iris.target[keep])
    assert ("gif", 1 + sum(model.history_["updates"])) in kinds


def test_report_opens_in_headless_chromium(tours, tmp_path):
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
    )
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    shot = tmp_path / "tour.png"
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto(tours["es"].path.resolve().as_uri())
            sizes = page.evaluate("[...document.images].map(i => [i.complete, i.naturalWidth])")
            titles = page.evaluate("[...document.querySelectorAll('h2')].map(h => h.innerText)")
            height = page.evaluate("document.documentElement.scrollHeight")
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert sizes
    assert all(done and width > 0 for done, width in sizes)
    assert "Vectorización" in titles
    with Image.open(shot) as png:
        assert png.width == 1200
        assert png.height == height > 3000  # every section is laid out


def test_missing_module_is_reported_not_raised(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "neurona.calculus", None)  # import now fails
    report = run_tour(tmp_path, lang="es", quick=True, sections=("gates", "derivatives"))
    assert [s.missing for s in report.sections] == [None, "neurona.calculus"]
    text = report.path.read_text(encoding="utf-8")
    assert "Esta sección necesita <code>neurona.calculus</code>" in text


def test_bad_arguments(tmp_path):
    with pytest.raises(ParameterError, match="lang"):
        run_tour(tmp_path, lang="fr")
    with pytest.raises(ParameterError, match="unknown sections"):
        run_tour(tmp_path, sections=("perceptron", "backprop"))


def test_text_tables_have_the_same_keys():
    from neurona._tour_text import TEXT

    assert set(TEXT["en"]) == set(TEXT["es"])


# ------------------------------------------------------------------------- CLI functions


def _cli(function, args):
    import typer

    app = typer.Typer()
    app.command()(function)
    return CliRunner().invoke(app, args)


def test_tour_command_writes_index_html(tmp_path, monkeypatch):
    import neurona.tour

    calls = []

    def fake(out, *, lang, quick, progress):
        calls.append((Path(out), lang, quick, progress is None))
        if progress is not None:
            progress(1, "Perceptrón", None)
            progress(1, "Perceptrón", 0.5)
        return neurona.tour.TourReport(Path(out) / "index.html", lang, (), 0.0)

    monkeypatch.setattr(neurona.tour, "run_tour", fake)
    result = _cli(tour_command, ["--lang", "es", "--out", str(tmp_path), "--quick"])
    assert result.exit_code == 0, result.output
    assert calls == [(tmp_path, "es", True, False)]
    assert "index.html" in result.stdout
    assert result.stderr.splitlines() == [f"[1/{len(SECTIONS)}] Perceptrón …"]
    quiet = _cli(tour_command, ["--lang", "es", "--out", str(tmp_path), "--quick", "-q"])
    assert quiet.stderr == ""
    assert calls[-1][-1] is True
    monkeypatch.setenv("LC_ALL", "es_ES.UTF-8")  # no --lang: the locale's
    assert _cli(tour_command, ["--out", str(tmp_path), "-q"]).exit_code == 0
    assert calls[-1][1] == "es"
    assert _cli(tour_command, ["--lang", "fr"]).exit_code != 0


def test_animate_command_and_training_plots(tmp_path):
    out = tmp_path / "and.gif"
    result = _cli(animate_command, ["--dataset", "and", "--per", "epoch", "--out", str(out)])
    assert result.exit_code == 0, result.output
    with Image.open(out) as gif:
        assert gif.n_frames >= 2
    result = _cli(animate_command, ["--dataset", "linear", "--out", str(tmp_path / "x.gif")])
    assert "regression" in str(result.exception)
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array(["off", "on", "on", "on"])
    model = Perceptron(epochs=10).fit(X, y)
    paths = write_training_plots(model, X, y, tmp_path / "plots", feature_names=["a", "b"])
    assert [p.name for p in paths] == ["boundary.png", "curves.png"]
    with Image.open(paths[1]) as png:
        assert png.width > png.height  # one panel per metric, side by side
