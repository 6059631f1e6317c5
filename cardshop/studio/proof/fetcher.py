"""The only way WeasyPrint may load anything while making a proof sheet.

WeasyPrint's default fetcher reads any local file and follows HTTP redirects (see DESIGN.md). Proof
sheets are built from design folders that come from outside the team, so this fetcher allows only:

- `data:` URIs (the panel pictures and fonts the proof builder embeds itself);
- `file:` URLs of regular files inside the design's own folder or cardshop/web/static, after
  resolving symlinks and `..`.

Everything else (http, https, ftp, other files) is refused and remembered in `refused`, so a caller
can report it. Nothing goes over the network, so there is no redirect to follow.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

MAX_FILE_BYTES = 20_000_000


class RefusedURL(ValueError):
    """A URL the proof sheet may not load."""


class ProofURLFetcher(URLFetcher):
    def __init__(self, *folders: Path):
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False, fail_on_errors=False)
        self.roots = tuple(folder.resolve() for folder in folders)
        self.refused: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)  # decoded in memory by urllib's DataHandler
        if scheme == "file":
            path = self._allowed_path(url)
            if path is not None:
                return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": _content_type(path)})
        self.refused.append(url)
        raise RefusedURL(f"the proof sheet may not load {url}")

    def _allowed_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        try:
            path = Path(url2pathname(unquote(parts.path))).resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            return None
        if any(path.is_relative_to(root) for root in self.roots):
            return path
        return None


def _content_type(path: Path) -> str:
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"
