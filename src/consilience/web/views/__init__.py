"""Views derived from one story's JSON document: list rows, matrix, diff, timeline, places, graph.

Each view takes the `--format json` document (outputs.json_report.to_json) and returns plain data
that both the /api routes and the HTML pages use, so the two can never disagree.
"""
