"""gunicorn settings for cardshop, read by `scripts/serve.sh --production` (and by any gunicorn started
in this folder). Command-line options given there override these.

Logging keeps nothing a sender sent: no access log, and gunicorn's own error lines about requests
keep only their first words (see cardshop/web/gunicorn_log.py). The app logs one private line per
request itself (cardshop/web/request_log.py).
"""

worker_class = "sync"
logger_class = "cardshop.web.gunicorn_log.PrivateLogger"
accesslog = None
errorlog = "-"
loglevel = "info"
timeout = 30
graceful_timeout = 10
# Request lines and headers are short here (a path, a form post); nginx caps them first.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
