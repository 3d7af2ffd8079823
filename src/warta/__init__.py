"""warta: Indonesian news -> a cited record of who did what to whom, when, and according to whom."""

__version__ = "0.1.0"
