"""A fake OpenAI-compatible server on 127.0.0.1 for tests and benchmarks (never any other address).

By default it answers ``/v1/chat/completions`` with the smallest valid instance of whatever JSON schema
the request asks for (``response_format`` json_schema, a tool's parameters, or a schema in the system
message), so summarizer's real client path runs end to end. Tests script faults (status codes, headers,
dropped connections, bad payloads) by pushing ``Reply`` objects; every request is recorded.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int = 200
    content: str | None = None  # JSON text of the structured answer; None = auto from the schema
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False  # close the connection without answering
    delay: float = 0.0
    body: dict[str, Any] | None = None  # raw response body (overrides everything else)
    echo_auth: bool = False  # an error body that repeats the request's Authorization header (a leaky proxy)


def minimal_instance(schema: dict[str, Any], defs: dict[str, Any] | None = None, key: str = "") -> Any:
    """The smallest value that satisfies ``schema`` (enough for summarizer's response models).

    Arrays get ``minItems`` items, except a top-level ``claims`` list, which gets one, so that a brief
    has a claim and the synthesis stage runs too.
    """
    defs = defs if defs is not None else schema.get("$defs", {})
    if "$ref" in schema:
        return minimal_instance(defs[schema["$ref"].split("/")[-1]], defs, key)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    for combinator in ("anyOf", "oneOf", "allOf"):
        if combinator in schema:
            options = [s for s in schema[combinator] if s.get("type") != "null"] or schema[combinator]
            return minimal_instance(options[0], defs, key)
    t = schema.get("type")
    if t == "object" or "properties" in schema:
        props = schema.get("properties", {})
        return {k: minimal_instance(props[k], defs, k) for k in schema.get("required", props)}
    if t == "array":
        n = schema.get("minItems", 0) or (1 if key == "claims" and schema.get("maxItems", 1) > 0 else 0)
        return [minimal_instance(schema.get("items", {}), defs) for _ in range(n)]
    if t == "string":
        return "x" * max(4, schema.get("minLength", 0))
    if t == "integer":
        return schema.get("minimum", 1)
    if t == "number":
        return schema.get("minimum", 0.0)
    if t == "boolean":
        return False
    return None


def request_schema(req: dict[str, Any]) -> dict[str, Any] | None:
    rf = req.get("response_format") or {}
    if rf.get("type") == "json_schema":
        return rf["json_schema"]["schema"]
    if rf.get("schema"):
        return rf["schema"]
    tools = req.get("tools") or []
    if tools:
        return tools[0]["function"]["parameters"]
    for m in req.get("messages", []):
        content = m.get("content")
        if isinstance(content, str) and "json_schema" in content or isinstance(content, str) and '"properties"' in content:
            match = re.search(r"(\{.*\})", content, re.DOTALL)
            if match:
                try:
                    return json.loads(match.group(1))
                except ValueError:
                    continue
    return None


def completion_body(req: dict[str, Any], content: str, prompt_tokens: int = 100, completion_tokens: int = 20) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if req.get("tools"):
        name = req["tools"][0]["function"]["name"]
        message = {
            "role": "assistant",
            "content": None,
            "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": name, "arguments": content}}],
        }
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": req.get("model", "fake-model"),
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }


class FakeOpenAI:
    """Start with ``with FakeOpenAI() as srv:``; ``srv.base_url`` is ``http://127.0.0.1:PORT/v1``."""

    def __init__(self, latency: float = 0.0, auto: Callable[[dict[str, Any]], str] | None = None) -> None:
        self.latency = latency
        self.replies: deque[Reply] = deque()
        self.default: Reply | None = None  # answered when no reply is queued (None: a valid answer)
        self.requests: list[dict[str, Any]] = []
        self.auto = auto or (lambda req: json.dumps(minimal_instance(request_schema(req) or {"type": "object"})))
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out in two writes; don't wait ~40 ms per reply

            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/models"):
                    self._send(200, {"object": "list", "data": [{"id": "fake-model", "object": "model", "created": 0, "owned_by": "test"}]})
                else:
                    self._send(404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:
                # The answer is made before the wait and the wait is shortened by the time that took, so the
                # server answers ``latency`` after the request arrived (a "200 ms server" answers in 200 ms,
                # not 200 ms plus its own JSON work queued behind the other requests' on 2 cores).
                arrived = time.monotonic()
                length = int(self.headers.get("Content-Length", "0"))
                req = json.loads(self.rfile.read(length) or b"{}")
                with outer._lock:
                    outer.requests.append(req)
                    reply = outer.replies.popleft() if outer.replies else (outer.default or Reply())
                status, body, headers = 200, None, reply.headers
                if reply.drop:
                    pass
                elif reply.body is not None:
                    status, body = reply.status, reply.body
                elif reply.status != 200:
                    message = f"fake error {reply.status}"
                    if reply.echo_auth:
                        message += f"; you sent Authorization: {self.headers.get('Authorization')}"
                    status, body = reply.status, {"error": {"message": message, "type": "fake"}}
                else:
                    content = reply.content if reply.content is not None else outer.auto(req)
                    body = completion_body(req, content)
                time.sleep(max(0.0, outer.latency + reply.delay - (time.monotonic() - arrived)))
                if reply.drop:
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                assert body is not None
                self._send(status, body, headers)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def push(self, *replies: Reply) -> None:
        with self._lock:
            self.replies.extend(replies)

    def __enter__(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


class FakeOpenAIProcess:
    """The default fake in a child process: a benchmark then measures the client alone, not a server that
    shares its interpreter (and GIL). ``srv.base_url`` as above; ``srv.request_count`` once it has stopped.
    Scripted replies and the request list stay in the child; use ``FakeOpenAI`` for those."""

    def __init__(self, latency: float = 0.0) -> None:
        self.latency = latency
        self.request_count: int | None = None

    def __enter__(self) -> FakeOpenAIProcess:
        import subprocess
        import sys

        self._proc = subprocess.Popen([sys.executable, __file__, "--latency", str(self.latency)],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self._proc.stdout is not None
        self.base_url = self._proc.stdout.readline().strip()
        if not self.base_url.startswith("http://127.0.0.1:"):
            self._proc.kill()
            raise RuntimeError(f"the fake server did not start (said {self.base_url!r})")
        return self

    def __exit__(self, *exc: object) -> None:
        out, _ = self._proc.communicate(input="", timeout=30)  # closing its stdin stops it
        self.request_count = int(out.strip() or 0)


def _serve() -> None:
    """``python tests/fake_openai.py --latency S``: print the base URL, serve until stdin closes, then print
    how many requests were answered."""
    import argparse
    import sys

    ap = argparse.ArgumentParser()
    ap.add_argument("--latency", type=float, default=0.0)
    args = ap.parse_args()
    with FakeOpenAI(latency=args.latency) as srv:
        print(srv.base_url, flush=True)
        sys.stdin.read()
        print(len(srv.requests), flush=True)


if __name__ == "__main__":
    _serve()
