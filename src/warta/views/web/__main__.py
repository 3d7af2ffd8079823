"""`python -m warta.web --db FILE [--host H] [--port P]`: what `warta serve` runs."""

from __future__ import annotations

import argparse
import os
import sys

from ...store.database import StoreError
from .app import serve


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m warta.web", description=__doc__)
    parser.add_argument("--db", default=os.environ.get("WARTA_DB") or "warta.db")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--allow-ingest", action="store_true")
    parser.add_argument("--token")
    args = parser.parse_args()
    try:
        serve(args.db, args.host, args.port, allow_ingest=args.allow_ingest, token=args.token)
    except (StoreError, ValueError) as exc:
        print(f"warta: {exc}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
