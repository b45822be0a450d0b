"""The user's own keys: a small TOML file that gives any binding other keys.

Default keys can clash with a terminal multiplexer or with a reader's habits. As in
posting, every binding has an id (shown on the `?` screen) and the app hands the user's
choices to Textual's `App.set_keymap()`. The file is read with the standard library's
`tomllib`; a missing file means the default keys, a damaged one is reported and ignored.

    # ~/.config/quotewire/keymap.toml  (binding id = keys, comma-separated or a list)
    "app.next_quote" = "ctrl+n"
    "list.down" = ["down", "j", "ctrl+j"]
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

KEYMAP_FILENAME = "keymap.toml"


def default_keymap_file() -> Path:
    """`$QUOTEWIRE_KEYMAP` when set (tests, portable installs), else the user config folder."""
    override = os.environ.get("QUOTEWIRE_KEYMAP")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir("quotewire")) / KEYMAP_FILENAME


@dataclass
class UserKeymap:
    """Binding id -> keys ("ctrl+n,down"), and what was wrong in the file, one line each."""

    path: Path
    keys: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _flatten(table: Mapping[str, object], prefix: str = "") -> dict[str, object]:
    """`app.next_quote = "x"` written without quotes is a nested table in TOML: undo that."""
    flat: dict[str, object] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def load_keymap(path: Path | None = None, known_ids: Collection[str] | None = None) -> UserKeymap:
    """Read the keymap file; unknown ids and values that are not keys are left out and reported."""
    path = path or default_keymap_file()
    keymap = UserKeymap(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return keymap
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        keymap.problems.append(f"{path}: not read ({exc}); the default keys are used")
        return keymap
    for binding_id, value in _flatten(data).items():
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            value = ",".join(value)
        keys = ",".join(k.strip() for k in value.split(",") if k.strip()) if isinstance(value, str) else ""
        if not keys:
            keymap.problems.append(f"{binding_id}: give keys as a string or a list of strings")
        elif known_ids is not None and binding_id not in known_ids:
            keymap.problems.append(f"{binding_id}: no binding has this id (the ? screen lists them)")
        else:
            keymap.keys[binding_id] = keys
    return keymap
