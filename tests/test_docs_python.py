"""The Python snippets of the README and docs/ import public names only, and those exist."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import re
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^( *)```python\n(.*?)^\1```", re.S | re.M)


def _imports(text: str) -> list[tuple[str, str | None]]:
    """``(module, name)`` for every ``from accord... import name`` and ``import accord...``."""
    out: list[tuple[str, str | None]] = []
    for _indent, body in FENCE.findall(text):
        code = textwrap.dedent(body)
        # keep the import lines only: the snippets show outputs as comments and may not run
        lines = [ln for ln in code.splitlines() if re.match(r"\s*(from|import) ", ln)]
        for node in ast.walk(ast.parse("\n".join(ln.strip() for ln in lines))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("accord"):
                out += [(node.module or "", a.name) for a in node.names]
            elif isinstance(node, ast.Import):
                out += [(a.name, None) for a in node.names if a.name.startswith("accord")]
    return out


def test_the_docs_have_python_snippets() -> None:
    assert sum(len(_imports(p.read_text())) for p in DOCS) >= 5


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_snippets_import_public_names_that_exist(doc: Path) -> None:
    for module, name in _imports(doc.read_text()):
        private = [part for part in module.split(".") if part.startswith("_")]
        assert not private, f"{doc.name}: imports the private module {module}"
        assert name is None or not name.startswith("_"), f"{doc.name}: imports {module}.{name}"
        mod = importlib.import_module(module)
        submodule = hasattr(mod, "__path__") and importlib.util.find_spec(f"{module}.{name}")
        if name is not None and not submodule:
            assert hasattr(mod, name), f"{doc.name}: {module} has no {name}"
            public = getattr(mod, "__all__", None)
            assert public is None or name in public, f"{doc.name}: {module}.{name} not in __all__"
