"""The data side never imports the TUI or Textual: the TUI depends on it, never the reverse,
and only through the API the `index` package names."""

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_index_package_does_not_import_tui_or_textual():
    code = (
        "import pkgutil, importlib, sys, index\n"
        "for m in pkgutil.walk_packages(index.__path__, 'index.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('tui', 'textual'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_no_index_module_mentions_tui_imports():
    offenders = [str(p) for p in (REPO / "index").rglob("*.py")
                 if "from tui" in p.read_text() or "import tui" in p.read_text()
                 or "import textual" in p.read_text() or "from textual" in p.read_text()]
    assert offenders == []


def test_the_tui_uses_only_the_api_the_index_package_names():
    deep = re.compile(r"^\s*(?:from|import)\s+index\.\w", re.MULTILINE)
    offenders = [str(p.relative_to(REPO)) for p in (REPO / "tui").rglob("*.py") if deep.search(p.read_text())]
    assert offenders == []
    import index
    used = set()
    for path in (REPO / "tui").rglob("*.py"):
        for wrapped, line in re.findall(r"^\s*from index import (?:\(([^)]*)\)|(.*)$)", path.read_text(),
                                        re.MULTILINE):
            used.update(n.strip() for n in (wrapped or line).split(",") if n.strip())
    assert used and used <= set(index.__all__)
