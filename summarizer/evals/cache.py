"""Record and replay model responses, keyed by a hash of the full request.

Why: an eval that is re-run unchanged should cost zero model calls, and CI should be able to score a prompt
change from committed recordings. The key covers everything that determines the answer — model, messages
(which embed the prompt version's text), response format or tools, sampling parameters — so any change to
prompt, schema or parameters is a miss, never a stale hit. One small JSON file per request hash under
``evals/recordings/`` keeps diffs readable.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from ..errors import SummarizerError

CacheMode = Literal["auto", "replay", "record", "off"]
DEFAULT_RECORDINGS_DIR = Path("evals/recordings")
# Transport-only options that do not change the answer.
_IGNORED_KEYS = {"timeout", "extra_headers", "extra_query", "stream_options"}


class CacheMiss(SummarizerError):
    """--replay found no recording for a request."""


def _canon(value: Any) -> Any:
    """A JSON-serialisable, order-stable form of request arguments (pydantic models by their schema)."""
    if isinstance(value, BaseModel):
        return _canon(value.model_dump(mode="json"))
    if isinstance(value, type) and issubclass(value, BaseModel):
        return {"$pydantic": value.model_json_schema()}
    if isinstance(value, dict):
        return {str(k): _canon(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple):
        return [_canon(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(_canon(v) for v in value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return repr(value)


def request_key(kwargs: dict[str, Any], salt: str = "") -> str:
    """sha256 of the canonical request (plus ``salt``, e.g. a repeat index)."""
    payload = {k: v for k, v in kwargs.items() if k not in _IGNORED_KEYS}
    blob = json.dumps({"salt": salt, "request": _canon(payload)}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


def _preview(kwargs: dict[str, Any]) -> str:
    msgs = kwargs.get("messages") or []
    last = msgs[-1].get("content") if msgs and isinstance(msgs[-1], dict) else ""
    return str(last)[:160]


@dataclass
class Recorder:
    """Wraps a backend's raw create: ``backend.wrap_create(recorder.wrap)``. Counts hits, misses and calls."""

    directory: Path = DEFAULT_RECORDINGS_DIR
    mode: CacheMode = "auto"
    salt: str = ""
    preview: bool = True  # False: keep no request text (dev sets' article text must not enter the repository)
    hits: int = 0
    misses: int = 0
    calls: int = 0
    missed_keys: list[str] = field(default_factory=list)
    used_keys: set[str] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def path_for(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def wrap(self, inner: Callable[..., Any]) -> Callable[..., Any]:
        from openai.types.chat import ChatCompletion

        def create(*args: Any, **kwargs: Any) -> Any:
            if self.mode == "off":
                with self._lock:
                    self.calls += 1
                return inner(*args, **kwargs)
            key = request_key({"args": list(args), **kwargs}, self.salt)
            with self._lock:
                self.used_keys.add(key)
            path = self.path_for(key)
            if self.mode in ("auto", "replay") and path.is_file():
                with self._lock:
                    self.hits += 1
                data = json.loads(path.read_text(encoding="utf-8"))
                return ChatCompletion.model_validate(data["completion"])
            if self.mode == "replay":
                with self._lock:
                    self.misses += 1
                    self.missed_keys.append(key)
                raise CacheMiss(
                    f"--replay: no recording for request {key[:12]} ({kwargs.get('model')}); "
                    "run once with --record (or without --replay) to record it"
                )
            completion = inner(*args, **kwargs)
            with self._lock:
                self.calls += 1
            dump = completion.model_dump(mode="json") if hasattr(completion, "model_dump") else completion
            record = {"key": key, "model": kwargs.get("model"), "preview": _preview(kwargs) if self.preview else "",
                      "completion": dump}
            self.directory.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(record, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
            tmp.replace(path)
            return completion

        return create

    def prune(self) -> list[Path]:
        """Delete recordings this run did not use (after a full run, they belong to old prompts or code)."""
        stale = [p for p in self.directory.glob("*.json") if p.stem not in self.used_keys]
        for p in stale:
            p.unlink()
        return stale
