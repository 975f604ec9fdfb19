"""summarizer: neutral, verifiable briefs of a set of news articles about one event.

The CLI is a thin layer over this API::

    import summarizer
    loaded = summarizer.load_articles(["examples/pak-afghan-clashes/articles"])
    b = summarizer.brief(loaded.articles, backend=summarizer.get_backend("auto"), notes=loaded.notes)
    print(summarizer.render_markdown(b))
"""

from __future__ import annotations

__version__ = "0.1.0"

from .backends import Backend, get_backend  # noqa: E402
from .briefing import brief  # noqa: E402
from .errors import ConfigError, InputError, ModelError, SummarizerError  # noqa: E402
from .grounding import brief_problems, find_quote  # noqa: E402
from .ingest import LoadResult, load_articles  # noqa: E402
from .prompts import DEFAULT_PROMPT_VERSION, list_prompts, load_prompt  # noqa: E402
from .render import render_html, render_json, render_markdown  # noqa: E402
from .schemas import SCHEMA_VERSION, Article, Brief, Claim, Disagreement, Evidence, Meta  # noqa: E402

__all__ = [
    "Article",
    "Backend",
    "Brief",
    "Claim",
    "ConfigError",
    "DEFAULT_PROMPT_VERSION",
    "Disagreement",
    "Evidence",
    "InputError",
    "LoadResult",
    "Meta",
    "ModelError",
    "SCHEMA_VERSION",
    "SummarizerError",
    "__version__",
    "brief",
    "brief_problems",
    "find_quote",
    "get_backend",
    "list_prompts",
    "load_articles",
    "load_prompt",
    "render_html",
    "render_json",
    "render_markdown",
]
