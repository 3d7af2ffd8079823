"""Stage 5, stories: reports of one real-world event, across sentences and articles, merged."""
