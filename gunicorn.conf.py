"""gunicorn settings, read from the working directory by every `gunicorn`
start (Dockerfile, docker-compose.yml, the two-node test)."""

import os  # noqa: PLC0415 (only in Prometheus multi-process mode)

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = 120
forwarded_allow_ips = "*"  # only the reverse proxy reaches gunicorn (internal network)
accesslog = "-"
# the path without query string, reset tokens masked (mentorship.gunicorn_logging)
logger_class = "mentorship.gunicorn_logging.AccessLogger"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'


def child_exit(server, worker):
    """Prometheus multi-process mode: forget a dead worker's live gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess  # noqa: PLC0415 (only in Prometheus multi-process mode)

        multiprocess.mark_process_dead(worker.pid)
