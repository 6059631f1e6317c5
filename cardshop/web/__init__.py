"""Floor 4, the web: the Flask app factory, blueprints, forms, templates and static files. A thin way
in: it turns requests into render calls and answers, and keeps nothing."""
