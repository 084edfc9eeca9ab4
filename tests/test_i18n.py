"""The command line in Spanish: help, errors, warnings and tables, from ``LANG`` or
``--lang``; and every text of the catalog reached.

The Spanish runs go through a fresh ``python -m neurona`` with ``LANG=es_CO.UTF-8`` (as a
user in Colombia has it) or in-process with ``--lang es``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import typer

from helpers import _CACHE, run
from neurona import _i18n
from neurona.cli import app

#: the commands whose every help text must have a Spanish entry
COMMANDS = ("train", "predict", "evaluate", "inspect", "datasets", "gates", "bench",
            "separable")  # fmt: skip


def _spanish(*args, lang="es_CO.UTF-8"):
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    env |= {"LANG": lang, "NUMBA_CACHE_DIR": _CACHE}
    return subprocess.run([sys.executable, "-m", "neurona", *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=120)  # fmt: skip


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "es_CO.UTF-8"}, "es"),
        ({"LANG": "es"}, "es"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "es_ES.UTF-8", "LANG": "en_US.UTF-8"}, "es"),
        ({"LC_ALL": "C", "LANG": "es_ES.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_language_comes_from_the_locale(environ, expected):
    assert _i18n.default_lang(environ) == expected


def test_train_help_in_spanish_from_lang():
    result = _spanish("train", "--help")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("Uso: neurona train [OPCIONES] [DATA]")
    assert "Entrena una neurona con DATA" in text
    assert "Opciones:" in text
    assert "Escala las columnas numéricas" in " ".join(text.split())
    assert "[por defecto:" in text
    for english in ("Usage:", "Options:", "Show this message", "Save the model here"):
        assert english not in text


def test_an_error_in_spanish_from_lang(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text("a,b,y\n1,2,p\n3,4,q\n")
    result = _spanish("train", data)
    assert result.returncode == 2
    assert result.stderr == (
        "neurona train: error de uso: indica --target COL (la columna de etiquetas o valores "
        "de DATA) (véase `neurona train --help`)\n"
    )
    result = _spanish("train", data, "--reduction", "max")
    assert "valor no válido para '--reduction': 'max' no es uno de 'sum', 'mean'" in (
        result.stderr
    )


def test_lang_option_overrides_the_locale():
    assert _spanish("train", "--help", "--lang", "en").stdout.startswith("Usage:")
    result = _spanish("--lang=es", "train", "--help", lang="en_US.UTF-8")
    assert result.stdout.startswith("Uso:")
    bad = run("train", "--help", "--lang", "fr")
    assert bad.exit_code == 2
    assert "--lang: 'fr' is not one of es, en" in bad.stderr


@pytest.mark.filterwarnings("always::neurona.errors.SortedDataWarning")
def test_tables_notes_and_warnings_in_spanish():
    result = run("train", "--dataset", "iris", "--model", "adaline", "--lang", "es")
    assert result.exit_code == 0, result.output
    assert "Adaline entrenado con dataset iris" in result.stdout
    assert "puntuación en entrenamiento" in result.stdout
    lines = result.stderr.splitlines()
    assert "neurona: nota: el modelo no se guardó (indica --out ARCHIVO para conservarlo)" in lines
    warned = [line for line in lines if "SortedDataWarning" in line]
    assert warned
    assert warned[0].startswith("neurona: aviso: las 150 filas de entrenamiento llegan ordenadas")
    assert "usa --shuffle" in warned[0]


def test_json_stays_as_it_is_in_spanish():
    result = run("train", "--dataset", "iris-2", "--epochs", "2", "--json", "--lang", "es")
    assert result.exit_code == 0, result.output
    assert set(json.loads(result.stdout)) >= {"model", "training_score", "n_features"}


def test_every_help_text_of_the_commands_has_a_spanish_entry():
    group = typer.main.get_command(app)
    missing = []
    for name in COMMANDS:
        command = group.commands[name]
        texts = [command.help] + [getattr(p, "help", None) for p in command.params]
        missing += [(name, t) for t in texts if t and t not in _i18n.ES]
    for param in group.params:
        if param.help and param.help not in _i18n.ES:
            missing.append(("neurona", param.help))
    assert not missing


def test_messages_with_values_are_translated_around_them():
    _i18n.set_lang("es")
    try:
        assert _i18n.message("wrote 5 predictions to p.csv") == "escritas 5 predicciones en p.csv"
        assert _i18n.message("neurona: error: --exclude leaves no feature column") == (
            "neurona: error: --exclude no deja ninguna columna de características"
        )
        unknown = "neurona: error: something the catalog has not"
        assert _i18n.message(unknown) == unknown  # English rather than nothing
    finally:
        _i18n.set_lang(None)
    _i18n.set_lang("en")
    try:
        assert _i18n.message("wrote 5 predictions to p.csv") == "wrote 5 predictions to p.csv"
    finally:
        _i18n.set_lang(None)
