"""Stage 4, events: PLOVER events coded from sentences by the codebook under `data/events/`."""
