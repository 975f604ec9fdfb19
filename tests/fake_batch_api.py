"""A fake OpenAI Batch API on 127.0.0.1 (never any other address), for batch-mode tests.

Serves ``POST /v1/files`` (multipart, purpose ``batch``), ``GET /v1/files``, ``GET /v1/files/{id}/content``,
``POST /v1/batches``, ``GET /v1/batches`` (newest first, ``limit`` and ``after`` cursors) and
``GET /v1/batches/{id}``. A batch steps through ``statuses``
(one step per retrieve) and ends in ``final``; on ``completed`` (or ``expired`` / ``cancelled`` with
``partial`` lines done) the output and error files are made from the input lines with ``answer``, which
by default gives the smallest valid instance of the requested schema (``fake_openai``). Tests script
line errors (``line_errors``), HTTP faults on any route (``faults``), and read what was uploaded.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

from fake_openai import completion_body, minimal_instance, request_schema


@dataclass
class Fault:
    """Answer the next request whose method and path match with this status (e.g. 503, 429)."""

    method: str
    path: str  # a regex matched against the path without the query
    status: int = 503
    headers: dict[str, str] = field(default_factory=lambda: {"retry-after-ms": "10"})


def default_answer(body: dict[str, Any]) -> dict[str, Any]:
    return completion_body(body, json.dumps(minimal_instance(request_schema(body) or {"type": "object"})))


class FakeBatchAPI:
    """``with FakeBatchAPI() as api:``; ``api.base_url`` is ``http://127.0.0.1:PORT/v1``."""

    def __init__(self) -> None:
        self.files: dict[str, dict[str, Any]] = {}
        self.contents: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.statuses: list[str] = ["validating", "in_progress", "finalizing"]
        self.final = "completed"
        self.partial: int | None = None  # expired/cancelled: how many lines were done before the end
        #: custom_id predicate → (HTTP status of the line, message); matching lines fail
        self.line_errors: list[tuple[Callable[[str], bool], int, str]] = []
        self.answer: Callable[[dict[str, Any]], dict[str, Any]] = default_answer
        self.faults: deque[Fault] = deque()
        self.log: list[tuple[str, str]] = []
        self.auth: list[str] = []
        self._steps: dict[str, int] = {}
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: Any, headers: dict[str, str] | None = None,
                      raw: bytes | None = None) -> None:
                data = raw if raw is not None else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/octet-stream" if raw is not None else "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def _route(self, method: str) -> None:
                url = urlparse(self.path)
                path = url.path.rstrip("/")
                length = int(self.headers.get("Content-Length", "0"))
                payload = self.rfile.read(length) if length else b""
                with outer._lock:
                    outer.log.append((method, path))
                    outer.auth.append(self.headers.get("Authorization", ""))
                    fault = next((f for f in outer.faults if f.method == method and re.fullmatch(f.path, path)), None)
                    if fault is not None:
                        outer.faults.remove(fault)
                if fault is not None:
                    self._send(fault.status, {"error": {"message": f"fake {fault.status}", "type": "fake"}},
                               fault.headers)
                    return
                try:
                    status, body, raw = outer.handle(method, path, parse_qs(url.query), payload,
                                                     self.headers.get("Content-Type", ""))
                except KeyError as e:
                    self._send(404, {"error": {"message": f"no such object: {e}", "type": "invalid_request_error"}})
                    return
                self._send(status, body, raw=raw)

            def do_GET(self) -> None:
                self._route("GET")

            def do_POST(self) -> None:
                self._route("POST")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # ---------------------------------------------------------------- the API
    def handle(self, method: str, path: str, query: dict[str, list[str]], payload: bytes,
               ctype: str) -> tuple[int, Any, bytes | None]:
        with self._lock:
            if method == "POST" and path == "/v1/files":
                return 200, self._upload(payload, ctype), None
            if method == "GET" and path == "/v1/files":
                purpose = (query.get("purpose") or [None])[0]
                data = [f for f in self.files.values() if purpose in (None, f["purpose"])]
                return 200, {"object": "list", "data": data[::-1], "has_more": False}, None
            m = re.fullmatch(r"/v1/files/([^/]+)/content", path)
            if method == "GET" and m:
                return 200, None, self.contents[m.group(1)]
            if method == "POST" and path == "/v1/batches":
                return 200, self._create(json.loads(payload)), None
            if method == "GET" and path == "/v1/batches":
                return 200, self._list(query), None
            m = re.fullmatch(r"/v1/batches/([^/]+)", path)
            if method == "GET" and m:
                return 200, self._step(m.group(1)), None
        return 404, {"error": {"message": f"no route {method} {path}"}}, None

    def _list(self, query: dict[str, list[str]]) -> dict[str, Any]:
        """Newest first (by ``created_at``, then creation order), ``limit`` 1-100 (default 20), ``after`` an id:
        the OpenAI list contract, with ``first_id``, ``last_id`` and ``has_more``."""
        order = sorted(enumerate(self.batches.values()), key=lambda x: (x[1]["created_at"], x[0]), reverse=True)
        items = [b for _, b in order]
        limit = max(1, min(100, int((query.get("limit") or ["20"])[0])))
        after = (query.get("after") or [None])[0]
        if after is not None:
            ids = [b["id"] for b in items]
            if after not in ids:
                raise KeyError(after)
            items = items[ids.index(after) + 1:]
        page = items[:limit]
        return {"object": "list", "data": page, "first_id": page[0]["id"] if page else None,
                "last_id": page[-1]["id"] if page else None, "has_more": len(items) > limit}

    def add_batches(self, n: int, *, created_at: int | None = None, metadata: dict[str, str] | None = None) -> None:
        """``n`` finished batches of someone else using the same key (not ours: other metadata)."""
        with self._lock:
            for _ in range(n):
                bid = f"batch_{len(self.batches) + 1}"
                self.batches[bid] = {
                    "id": bid, "object": "batch", "endpoint": "/v1/chat/completions", "input_file_id": "file-other",
                    "completion_window": "24h", "status": "completed",
                    "created_at": int(time.time()) if created_at is None else created_at,
                    "metadata": metadata or {"owner": "someone else"}, "output_file_id": None,
                    "error_file_id": None, "request_counts": {"total": 1, "completed": 1, "failed": 0},
                }

    def _new_file(self, name: str, data: bytes, purpose: str) -> str:
        fid = f"file-{len(self.files) + 1}"
        self.files[fid] = {"id": fid, "object": "file", "bytes": len(data), "created_at": int(time.time()),
                           "filename": name, "purpose": purpose, "status": "processed"}
        self.contents[fid] = data
        return fid

    def _upload(self, payload: bytes, ctype: str) -> dict[str, Any]:
        msg = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {ctype}\r\n\r\n".encode() + payload)
        fields: dict[str, Any] = {}
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            fields[name] = (part.get_filename(), part.get_payload(decode=True))
        purpose = fields["purpose"][1].decode()
        filename, data = fields["file"]
        return self.files[self._new_file(filename, data, purpose)]

    def _create(self, req: dict[str, Any]) -> dict[str, Any]:
        fid = req["input_file_id"]
        lines = [json.loads(x) for x in self.contents[fid].decode().splitlines() if x.strip()]
        bid = f"batch_{len(self.batches) + 1}"
        self.batches[bid] = {
            "id": bid, "object": "batch", "endpoint": req["endpoint"], "input_file_id": fid,
            "completion_window": req["completion_window"], "status": "validating", "created_at": int(time.time()),
            "metadata": req.get("metadata") or {}, "output_file_id": None, "error_file_id": None,
            "request_counts": {"total": len(lines), "completed": 0, "failed": 0},
        }
        self._steps[bid] = 0
        return self.batches[bid]

    def _step(self, bid: str) -> dict[str, Any]:
        b = self.batches[bid]
        if b["status"] in ("completed", "failed", "expired", "cancelled"):
            return b
        k = self._steps[bid] = self._steps[bid] + 1
        if k < len(self.statuses):
            b["status"] = self.statuses[k]
            return b
        self._finish(b)
        return b

    def _finish(self, b: dict[str, Any]) -> None:
        b["status"] = self.final
        if self.final == "failed":
            b["errors"] = {"object": "list", "data": [{"code": "invalid_file", "message": "fake validation failure"}]}
            return
        lines = [json.loads(x) for x in self.contents[b["input_file_id"]].decode().splitlines() if x.strip()]
        done = lines if self.final == "completed" or self.partial is None else lines[: self.partial]
        out, err = [], []
        for i, line in enumerate(lines):
            cid = line["custom_id"]
            rid = f"batch_req_{b['id']}_{i}"
            if line not in done:
                err.append({"id": rid, "custom_id": cid, "response": None,
                            "error": {"code": "batch_expired", "message": "This request could not be executed "
                                      "before the completion window expired."}})
                continue
            bad = next(((s, m) for pred, s, m in self.line_errors if pred(cid)), None)
            if bad is not None:
                err.append({"id": rid, "custom_id": cid, "error": None,
                            "response": {"status_code": bad[0], "request_id": rid,
                                         "body": {"error": {"message": bad[1], "type": "server_error"}}}})
                continue
            out.append({"id": rid, "custom_id": cid, "error": None,
                        "response": {"status_code": 200, "request_id": rid, "body": self.answer(line["body"])}})
        out.reverse()  # order is not guaranteed
        if out:
            b["output_file_id"] = self._new_file(f"{b['id']}_output.jsonl",
                                                 "".join(json.dumps(x) + "\n" for x in out).encode(), "batch_output")
        if err:
            b["error_file_id"] = self._new_file(f"{b['id']}_error.jsonl",
                                                "".join(json.dumps(x) + "\n" for x in err).encode(), "batch_output")
        b["request_counts"] = {"total": len(lines), "completed": len(out), "failed": len(err)}

    # ---------------------------------------------------------------- helpers for tests
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def input_lines(self, batch_id: str) -> list[dict[str, Any]]:
        fid = self.batches[batch_id]["input_file_id"]
        return [json.loads(x) for x in self.contents[fid].decode().splitlines() if x.strip()]

    def uploads(self) -> list[dict[str, Any]]:
        return [f for f in self.files.values() if f["purpose"] == "batch"]

    def __enter__(self) -> FakeBatchAPI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
