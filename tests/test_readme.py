"""The README's examples print what the README says they print."""

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def _block(after: str) -> str:
    text = README.read_text(encoding="utf-8")
    return re.search(r"```python\n(.*?)```", text[text.index(after) :], re.S).group(1)


def test_ten_line_example_prints_what_its_comments_say():
    code = _block("## Ten lines")
    expected = [
        line.split("# ", 1)[1].strip() for line in code.splitlines() if line.startswith("print(")
    ]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    assert out.getvalue().splitlines() == expected


def test_gradient_example_matches_the_lecture():
    code = _block("rounding error). The lecture's example")
    lines = code.splitlines()
    namespace: dict = {}
    for line in lines[:-2]:
        exec(line.removeprefix(">>> "), namespace)
    assert repr(eval(lines[-2].removeprefix(">>> "), namespace)) == lines[-1]
