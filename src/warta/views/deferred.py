"""rich.markdown, loaded when it is used rather than when typer formats help.

typer's help formatter (typer.rich_utils) imports rich.markdown, and with it markdown-it
and its regular expressions, a sixth of `warta --help`, for its "markdown" markup mode,
which warta never uses. `defer_rich_markdown` puts a stand-in module in its place: the
first Markdown built, or any other name read from it, loads the real module, which
then takes its place for good. The help printed is the same either way
(tests/test_settings.py).
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any


class _StandIn(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system asking (__path__: a package?), not a user
            raise AttributeError(name)
        return getattr(_real(), name)


class _Markdown:
    """Builds a real rich.markdown.Markdown (typer's annotations read `Markdown | Text`,
    so this is a class)."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        return _real().Markdown(*args, **kwargs)


def _real() -> types.ModuleType:
    if isinstance(sys.modules.get("rich.markdown"), _StandIn):
        del sys.modules["rich.markdown"]
    return importlib.import_module("rich.markdown")


def defer_rich_markdown() -> None:
    """Stand in for rich.markdown until it is used, unless it is loaded already."""
    if "rich.markdown" not in sys.modules:
        stand_in = _StandIn("rich.markdown")
        stand_in.Markdown = _Markdown  # type: ignore[attr-defined]
        sys.modules["rich.markdown"] = stand_in
