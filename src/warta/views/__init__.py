"""Stage 7, views: the ways out of the store: command line, web app, exports, analyses, the Spark job."""
