"""Two web nodes behind a load balancer behave as one (issue #17), with no
Docker: two gunicorn instances on two ports against one PostgreSQL database
and one Redis, behind Debian's nginx (round robin) using the project's own
nginx snippets (deploy/nginx/), plus two real Celery workers.

A user signs in through the balancer (the CSRF cookie from one node is
checked by the other), uploads an attachment that the other node serves, two
nodes approving the same roster at once yield one order, two workers running
the term watch at once send each reminder once; /healthz and /metrics; access
logs hold no query string or reset token; a stopped node is routed around."""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import pytest
from django.conf import settings
from django_otp.oath import TOTP

from tests.conftest import nginx_binary
from tests.programs.helpers import MINIMAL_PDF

from .conftest import ROOT, free_port, process_env, wait_for_port

pytestmark = [pytest.mark.server_db, pytest.mark.redis, pytest.mark.nginx]

FIGURES: dict = {}


class Response:
    def __init__(self, status, headers, body, seconds):
        self.status, self.headers, self.body, self.seconds = status, headers, body, seconds
        self.node = headers.get("X-Served-By")

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


class Browser:
    """Cookies kept as a browser keeps them; no redirects followed."""

    def __init__(self, log: list | None = None):
        self.cookies: dict[str, str] = {}
        self.log = log

    def request(self, method, port, path, *, data=None, files=None, headers=None) -> Response:
        hdrs = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            hdrs["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if files:
            boundary = uuid.uuid4().hex
            parts = [
                f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                for k, v in (data or {}).items()
            ]
            for field, (filename, content, ctype) in files.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
                    f'filename="{filename}"\r\nContent-Type: {ctype}\r\n\r\n'.encode()
                    + content
                    + b"\r\n"
                )
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            hdrs["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        elif data is not None:
            body = urlencode(data).encode()
            hdrs["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=hdrs)
            raw = conn.getresponse()
            content = raw.read()
        finally:
            conn.close()
        response = Response(raw.status, raw.headers, content, time.monotonic() - started)
        for cookie in raw.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if "max-age=0" in cookie.lower() or value in ('""', ""):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        if self.log is not None:
            self.log.append((port, method, path, response.status, response.node, response.seconds))
        return response


def csrf_token(page: Response) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert match, page.text[:500]
    return match.group(1)


class Stack:
    """Two gunicorn nodes, nginx in front, two Celery workers; logs in tmp."""

    def __init__(self, url: str, tmp: Path):
        self.url, self.tmp, self.procs = url, tmp, {}
        self.ports = {"A": free_port(), "B": free_port()}
        self.balancer = free_port()
        self.worker_metrics = {"w1": free_port(), "w2": free_port()}
        self.mail = tmp / "mail"

    def start(self):
        for node, port in self.ports.items():
            metrics_dir = self.tmp / f"prometheus-{node}"
            metrics_dir.mkdir()
            env = process_env(
                self.url,
                NODE_NAME=node,
                GUNICORN_BIND=f"127.0.0.1:{port}",
                WEB_CONCURRENCY="2",
                BEHIND_PROXY="1",
                DEBUG="0",
                PROMETHEUS_MULTIPROC_DIR=str(metrics_dir),
            )
            self.spawn(
                node,
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "tests.deploy.node_wsgi:application",
                    "--access-logfile",
                    str(self.tmp / f"access-{node}.log"),
                ],
                env,
            )
        for worker, port in self.worker_metrics.items():
            queues = ",".join([*settings.CELERY_TASK_QUEUES_NAMES, worker])
            env = process_env(
                self.url,
                CELERY_METRICS_PORT=str(port),
                EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
                EMAIL_FILE_PATH=str(self.mail),
            )
            self.spawn(
                worker,
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "mentorship",
                    "worker",
                    "-Q",
                    queues,
                    "-n",
                    f"{worker}@%h",
                    "--pool=solo",
                    "--loglevel=INFO",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                ],
                env,
            )
        conf = self.tmp / "nginx.conf"
        conf.write_text(self.nginx_conf())
        self.spawn(
            "nginx",
            [
                nginx_binary(),
                "-p",
                str(self.tmp),
                "-c",
                str(conf),
                "-e",
                str(self.tmp / "nginx-error.log"),
            ],
            None,
        )
        for name, port in [
            *self.ports.items(),
            ("nginx", self.balancer),
            *self.worker_metrics.items(),
        ]:
            wait_for_port(port, self.procs[name], timeout=90)

    def spawn(self, name, args, env):
        out = open(self.tmp / f"{name}.out", "wb")  # noqa: SIM115
        self.procs[name] = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )

    def nginx_conf(self) -> str:
        deploy = ROOT / "deploy" / "nginx"
        user = "user root root;" if os.geteuid() == 0 else ""
        temp = "\n".join(
            f"    {kind}_temp_path {self.tmp}/{kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        return f"""{user}
daemon off;
worker_processes 1;
pid {self.tmp}/nginx.pid;
error_log {self.tmp}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    include {deploy}/logging.conf;
    access_log {self.tmp}/nginx-access.log mentorship;
{temp}
    upstream mentorship_app {{
        server 127.0.0.1:{self.ports["A"]} max_fails=1 fail_timeout=30s;
        server 127.0.0.1:{self.ports["B"]} max_fails=1 fail_timeout=30s;
    }}
    server {{
        listen 127.0.0.1:{self.balancer};
        set $forwarded_proto $scheme;
        set $mentorship_upstream mentorship_app;
        include {deploy}/locations.conf;
    }}
}}
"""

    def stop(self, name):
        proc = self.procs.pop(name, None)
        if proc and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except Exception:
                proc.kill()

    def stop_all(self):
        for name in list(self.procs):
            self.stop(name)

    def log(self, name) -> str:
        path = self.tmp / name
        return path.read_text(errors="replace") if path.exists() else ""


def query(url, sql, *args):
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(sql, args).fetchall()


def wait_until(condition, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return condition()


@pytest.fixture
def stack(populated_db, tmp_path):
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL)
    # nothing of an earlier run on the broker; no heartbeat of another test
    client.delete(*settings.CELERY_TASK_QUEUES_NAMES, "w1", "w2")
    for key in client.scan_iter("*heartbeat:*"):
        client.delete(key)
    url, info = populated_db
    s = Stack(url, tmp_path)
    started = time.monotonic()
    try:
        s.start()
        FIGURES["start_s"] = round(time.monotonic() - started, 1)
        yield s, url, info
    finally:
        s.stop_all()
        print("\nTWO-NODE FIGURES " + json.dumps({**FIGURES, **info["timings"]}))
        for name in ("A.out", "B.out", "w1.out", "w2.out", "nginx-error.log"):
            tail = s.log(name)[-1500:]
            if "Traceback" in tail or "[error]" in tail:
                print(f"--- {name}\n{tail}")


def test_two_nodes_and_two_workers_behave_as_one(stack):
    from mentorship.celery import app

    s, url, info = stack
    t0 = time.monotonic()
    log: list = []
    lb = s.balancer

    # --- sign in through the balancer; the client claims HTTPS, the proxy
    # overwrites it (with the claim trusted, a POST without Referer is refused)
    user = Browser(log)
    spoof = {"X-Forwarded-Proto": "https"}
    page = user.request("GET", lb, "/accounts/login/", headers=spoof)
    assert page.status == 200
    signed_in = user.request(
        "POST",
        lb,
        "/accounts/login/",
        headers=spoof,
        data={
            "csrfmiddlewaretoken": csrf_token(page),
            "username": info["mentor"],
            "password": info["password"],
        },
    )
    assert signed_in.status == 302, signed_in.text[:800]
    assert "sessionid" in user.cookies
    assert {page.node, signed_in.node} == {"A", "B"}  # the CSRF cookie crossed nodes

    direct = Browser()
    node_page = direct.request("GET", s.ports["A"], "/accounts/login/", headers=spoof)
    refused = direct.request(
        "POST",
        s.ports["A"],
        "/accounts/login/",
        headers=spoof,
        data={
            "csrfmiddlewaretoken": csrf_token(node_page),
            "username": info["mentor"],
            "password": info["password"],
        },
    )
    assert refused.status == 403  # BEHIND_PROXY trusts the header: only the proxy may set it

    # --- the session is valid on both nodes
    served = {user.request("GET", lb, "/").node for _ in range(2)}
    assert served == {"A", "B"}

    # --- upload through one node, download from the other
    report_path = f"/programme/reports/{info['report']}/"
    detail = user.request("GET", lb, report_path)
    assert detail.status == 200
    upload = user.request(
        "POST",
        lb,
        report_path + "upload/",
        data={"csrfmiddlewaretoken": csrf_token(detail)},
        files={"file": ("есеп.pdf", MINIMAL_PDF, "application/pdf")},
    )
    assert upload.status == 302, upload.text[:800]
    uploader = upload.node
    listing = user.request("GET", lb, report_path)
    ids = re.findall(r"/programme/attachments/(\d+)/", listing.text)
    assert ids, "the uploaded attachment is not listed"
    for _ in range(2):
        download = user.request("GET", lb, f"/programme/attachments/{ids[-1]}/")
        if download.node != uploader:
            break
    assert download.node != uploader and download.status == 200
    assert download.body == MINIMAL_PDF
    FIGURES["attachment"] = {"uploaded_by": uploader, "served_by": download.node}

    # --- two nodes approve the same roster at once: one order
    orders_before = query(url, "SELECT count(*) FROM programs_rosterorder")[0][0]
    chair = Browser(log)
    page = chair.request("GET", lb, "/accounts/login/")
    assert (
        chair.request(
            "POST",
            lb,
            "/accounts/login/",
            data={
                "csrfmiddlewaretoken": csrf_token(page),
                "username": info["chair"],
                "password": info["password"],
            },
        ).status
        == 302
    )
    second = chair.request("GET", lb, "/accounts/two-factor/")
    assert second.status == 200, second.text[:800]
    totp = TOTP(bytes.fromhex(info["chair_totp_key"]))
    totp.time = time.time()
    verified = chair.request(
        "POST",
        lb,
        "/accounts/two-factor/",
        data={
            "csrfmiddlewaretoken": csrf_token(second),
            "code": f"{totp.token():06d}",
            "next": "/",
        },
    )
    assert verified.status == 302, verified.text[:800]
    roster = chair.request("GET", lb, f"/programme/rosters/{info['region']}/")
    assert roster.status == 200
    token = csrf_token(roster)
    barrier = threading.Barrier(2)
    answers = {}

    def approve(node):
        barrier.wait()
        answers[node] = chair.request(
            "POST",
            s.ports[node],
            f"/programme/rosters/{info['region']}/approve/",
            data={"csrfmiddlewaretoken": token, "language": "kk"},
        )

    threads = [threading.Thread(target=approve, args=(n,)) for n in ("A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert {n: a.status for n, a in answers.items()} == {"A": 302, "B": 302}
    orders_after = query(url, "SELECT count(*) FROM programs_rosterorder")[0][0]
    assert orders_after == orders_before + 1
    FIGURES["roster_race"] = {
        "orders_issued": orders_after - orders_before,
        "seconds": {n: round(a.seconds, 2) for n, a in answers.items()},
    }

    # --- health: 503 until every queue's worker has beaten, then 200
    health = user.request("GET", lb, "/healthz/")
    assert health.status == 503 and not json.loads(health.body)["checks"]["workers"]["ok"]
    for queue in settings.CELERY_TASK_QUEUES_NAMES:
        app.send_task("mentorship.tasks.heartbeat", args=[queue], queue=queue)

    def healthy():
        return user.request("GET", lb, "/healthz/").status == 200

    assert wait_until(healthy, 30)
    health = Browser().request("GET", lb, "/healthz/")
    body = json.loads(health.body)
    assert body["status"] == "ok" and set(body["checks"]) == {
        "database",
        "redis",
        "workers",
        "disk",
    }
    assert info["mentor"] not in health.text and "@" not in health.text

    # --- two workers run the term watch at the same moment: each reminder once
    import datetime as dt

    day = (dt.date.fromisoformat(info["term_ends_on"]) - dt.timedelta(days=30)).isoformat()
    watch_started = time.monotonic()
    results = [
        app.send_task("programs.tasks.watch_terms", args=[day], queue=w) for w in ("w1", "w2")
    ]
    # (an in-process worker of an earlier test leaves Celery believing it runs in a task)
    outcomes = [r.get(timeout=90, disable_sync_subtasks=False) for r in results]
    FIGURES["term_watch_s"] = round(time.monotonic() - watch_started, 2)
    assert sorted(o["term_ending"] for o in outcomes) == [0, 1]
    reminded = query(
        url,
        "SELECT user_id, count(*) FROM mentorship_notification "
        "WHERE kind = 'term_ending' GROUP BY user_id ORDER BY user_id",
    )
    assert reminded == [(pk, 1) for pk in info["reminded"]]
    assert wait_until(
        lambda: (
            query(
                url,
                "SELECT count(*) FROM mentorship_notification WHERE "
                "kind = 'term_ending' AND emailed_at IS NULL",
            )[0][0]
            == 0
        ),
        60,
    )
    emails = {
        row[0]
        for row in query(url, "SELECT email FROM auth_user WHERE id = ANY(%s)", info["reminded"])
    }

    def sent_messages():
        return [p.read_text() for p in s.mail.glob("*.log")] if s.mail.exists() else []

    assert wait_until(lambda: sum(m.count("Message-ID:") for m in sent_messages()) >= 3, 30)
    recipients = Counter(re.findall(r"^To: (.+)$", "".join(sent_messages()), re.M))
    assert recipients == Counter({e: 1 for e in emails})
    ran = {
        w: len(re.findall(r"programs\.tasks\.watch_terms\[[^\]]+\] succeeded", s.log(f"{w}.out")))
        for w in ("w1", "w2")
    }
    assert ran == {"w1": 1, "w2": 1}, ran
    FIGURES["term_watch_runs"] = ran

    # --- metrics: refused by the proxy, scraped from the nodes and the workers
    assert user.request("GET", lb, "/metrics").status == 404
    scrape = Browser().request("GET", s.ports["A"], "/metrics")
    assert scrape.status == 200
    assert "django_http_requests_total_by_method_total" in scrape.text
    assert "django_db_execute_total" in scrape.text
    assert re.search(r'celery_queue_length\{queue="mail"\} \d', scrape.text)
    worker_scrape = Browser().request("GET", s.worker_metrics["w1"], "/metrics")
    assert re.search(
        r'celery_task_duration_seconds_count\{[^}]*task="programs.tasks.watch_'
        r'terms"[^}]*\} 1\.0',
        worker_scrape.text,
    ), worker_scrape.text[-2000:]

    # --- access logs: paths only, no query string or reset token
    user.request("GET", lb, "/verify/?code=SECRETQUERY42")
    user.request("GET", lb, "/accounts/reset/MTIz/secret-reset-token-42/")
    wait_until(lambda: "/accounts/reset/-/-/" in s.log("nginx-access.log"), 5)
    logs = {name: s.log(name) for name in ("nginx-access.log", "access-A.log", "access-B.log")}
    assert "/accounts/reset/-/-/" in logs["nginx-access.log"]
    assert "/verify/" in logs["nginx-access.log"]
    assert "/verify/" in logs["access-A.log"] + logs["access-B.log"]
    for name, text in logs.items():
        assert "SECRETQUERY42" not in text and "secret-reset-token-42" not in text, name
        assert "?" not in text, name

    # --- a stopped node is routed around
    through_balancer = [e for e in log if e[0] == lb]
    FIGURES["requests_through_balancer"] = len(through_balancer)
    # answered by a node (X-Served-By) or by nginx itself (/metrics refused)
    FIGURES["per_node"] = dict(Counter(e[4] or "nginx" for e in through_balancer))
    s.stop("A")
    after = [user.request("GET", lb, f"/programme/attachments/{ids[-1]}/") for _ in range(4)]
    assert [(r.status, r.node) for r in after] == [(200, "B")] * 4
    FIGURES["after_stopping_A"] = dict(Counter(r.node for r in after))
    timings = sorted(e[5] for e in through_balancer)
    FIGURES["balancer_latency_ms"] = {
        "median": round(timings[len(timings) // 2] * 1000),
        "max": round(timings[-1] * 1000),
    }
    FIGURES["test_body_s"] = round(time.monotonic() - t0, 1)
