"""Where the bundled sample corpus (the repository's `seeds/`) is, installed or not.

A regular install puts it in `tui/seeds/` (see pyproject's package-dir); an editable
install or a checkout leaves it at the top of the repository.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def seeds_path() -> Path:
    for folder in (_HERE / "seeds", _HERE.parent / "seeds"):
        if folder.is_dir() and any(folder.glob("*.txt")):
            return folder
    raise FileNotFoundError(f"the bundled sample corpus is missing (looked in {_HERE / 'seeds'})")
