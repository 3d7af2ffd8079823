"""Settings: packaged defaults (data/settings.toml) with a user's file on top."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path
from typing import Any

DEFAULT_SETTINGS = "settings.toml"
CHOICES = {"coder": ("model", "rules")}  # settings that take one of a few words


@dataclass(frozen=True)
class Options:
    """Every tunable value, read by the stages instead of module constants."""

    max_document_bytes: int
    encoding: str
    min_extracted_chars: int
    min_text_chars: int
    tail_fraction: float
    header_lines: int
    num_perm: int
    shingle_words: int
    threshold: float
    min_words: int
    story_window_days: int
    quantity_ratio: float
    ner_model: bool
    edge_model: bool
    coder: str
    sentence_encoder: bool
    rule_dyads: bool = True
    lock_wait_seconds: float = 10.0
    section_chars: int = 100_000
    rules_dir: str = ""
    fetch_delay_seconds: float = 5.0
    fetch_timeout_seconds: float = 20.0
    fetch_retries: int = 2
    fetch_backoff_seconds: float = 2.0
    fetch_max_bytes: int = 10_000_000
    user_agent: str = "warta"
    # names the web app answers besides the loopback ones (a Host header naming any other gets 400)
    allowed_hosts: tuple[str, ...] | list[str] = ()


def _flatten(tree: dict[str, Any]) -> dict[str, Any]:
    """Keys of every [section], and keys given outside any section: the sections are
    for reading, a user's file may set `ner_model = true` on its own."""
    flat: dict[str, Any] = {}
    for name, value in tree.items():
        if isinstance(value, dict):
            flat.update(value)
        else:
            flat[name] = value
    return flat


def load_options(user_file: str | os.PathLike[str] | None = None, **overrides: Any) -> Options:
    """Read the packaged defaults, then `user_file` (or $WARTA_CONFIG), then `overrides`.

    Raises ValueError naming the file and key when a user setting is unknown or of
    the wrong type, so a typo never passes silently.
    """
    text = resources.files("warta.data").joinpath(DEFAULT_SETTINGS).read_text("utf-8")
    values = _flatten(tomllib.loads(text))
    user_file = user_file or os.environ.get("WARTA_CONFIG")
    if user_file:
        path = Path(user_file)
        try:
            user = _flatten(tomllib.loads(path.read_text("utf-8")))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ValueError(f"{path}: cannot read settings ({exc})") from None
        for key, value in user.items():
            if key not in values:
                raise ValueError(f"{path}: unknown setting '{key}'")
            if type(value) is not type(values[key]) and not (
                isinstance(value, int) and isinstance(values[key], float)
            ):
                raise ValueError(f"{path}: setting '{key}' must be {type(values[key]).__name__}")
        for key, allowed in CHOICES.items():
            if key in user and user[key] not in allowed:
                raise ValueError(f"{path}: setting '{key}' must be one of {', '.join(allowed)}")
        if user.get("rules_dir") and not Path(user["rules_dir"]).expanduser().is_absolute():
            user["rules_dir"] = str(path.parent / Path(user["rules_dir"]).expanduser())
        values.update(user)
    values.update({k: v for k, v in overrides.items() if v is not None})
    known = {f.name for f in fields(Options)}
    return Options(**{k: v for k, v in values.items() if k in known})
