"""The project's WSGI application with one test-only addition: each response
names the node that served it (X-Served-By: $NODE_NAME)."""

import os

from mentorship.wsgi import application as django_application

NODE = os.environ.get("NODE_NAME", "node")


def application(environ, start_response):
    def start(status, headers, exc_info=None):
        return start_response(status, [*headers, ("X-Served-By", NODE)], exc_info)

    return django_application(environ, start)
