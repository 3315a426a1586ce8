"""A local stand-in for SendGrid's `POST /v3/mail/send`: records each request and answers as
told (202, 400, 500, or hangs). Used by the adapter tests and the dispatcher bench."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class SendGridStandIn:
    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.answers: deque[int | str] = deque()  # queued answers; then `default`
        self.default: int | str = 202
        self.refuse: set[str] = set()  # recipients answered with 400
        self.lock = threading.Lock()
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # noqa: ANN002
                pass

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with standin.lock:
                    answer = standin.answers.popleft() if standin.answers else standin.default
                    recipient = json.loads(body)["personalizations"][0]["to"][0]["email"]
                    if recipient in standin.refuse:
                        answer = 400
                    if answer == 202:
                        standin.requests.append({"path": self.path,
                                                 "auth": self.headers.get("Authorization"),
                                                 "body": json.loads(body)})
                if answer == "hang":
                    time.sleep(5)
                    return
                payload = b"" if answer == 202 else json.dumps(
                    {"errors": [{"message": f"stand-in answer {answer}"}]}).encode()
                self.send_response(int(answer))
                if answer == 202:
                    self.send_header("X-Message-Id", f"sg-{len(standin.requests)}")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> SendGridStandIn:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def sent_ids(self) -> list[int]:
        return [int(r["body"]["custom_args"]["portal_email_id"]) for r in self.requests]
