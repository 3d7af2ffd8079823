"""The web app of `warta serve`: pages and a JSON API over a read-only store."""

from .app import create_app, serve

__all__ = ["create_app", "serve"]
