"""The annotated corpus: its format, the article texts it points into, the validator,
the compiler from annotators' sheets, the frozen splits and the scorer.

The files live in the repository's top-level `corpus/` (see corpus/README.md and
docs/annotation.md); this package only reads and checks them.
"""
