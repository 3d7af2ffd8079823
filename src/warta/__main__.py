"""`python -m warta ...`: the same command as `warta ...`."""

from .views.cli import main

main()
