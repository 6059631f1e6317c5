"""Configuration from the environment, with defaults that are safe to run locally.

Every setting can be given as an environment variable prefixed `CARDSHOP_`. Without a secret key a
random one is made for this process (fine for local use; sessions end on restart); with
`CARDSHOP_ENV=production` that is logged as a warning. A CMYK press profile that can't be used
(CARDSHOP_CMYK_PROFILE pointing at a missing or wrong file) stops the app from starting, with a
message naming the variable and the path, rather than failing every Gelato download later.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from cardshop.design.loader import TEMPLATES_DIR
from cardshop.render.press.profile import PROFILE_ENV, ProfileError, load_profile, profile_path


class ConfigError(RuntimeError):
    """A setting that would make the app fail later: raised when the app is built."""


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def load_config() -> dict:
    """The app's settings, read from the environment now."""
    secret = os.environ.get("CARDSHOP_SECRET_KEY", "")
    return {
        # "production" turns on the warnings that matter there (a missing secret key).
        "CARDSHOP_ENV": os.environ.get("CARDSHOP_ENV", "development"),
        "SECRET_KEY": secret or secrets.token_hex(32),
        "SECRET_KEY_GENERATED": not secret,
        "CARDSHOP_TEMPLATES_DIR": Path(os.environ.get("CARDSHOP_TEMPLATES_DIR", TEMPLATES_DIR)),
        # Watch design folders for changes (on with FLASK_DEBUG=1, or by setting this).
        "CARDSHOP_WATCH_DESIGNS": _flag("CARDSHOP_WATCH_DESIGNS", _flag("FLASK_DEBUG", False)),
        # Form posts are small: six short fields and two addresses. Anything bigger is refused (413).
        "MAX_CONTENT_LENGTH": int(os.environ.get("CARDSHOP_MAX_CONTENT_LENGTH", 32 * 1024)),
        "MAX_FORM_PARTS": 50,
        # A sender may take a long time over a message: keep the CSRF token valid for the session.
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _flag("CARDSHOP_SECURE_COOKIES", False),
    }


def check_press_profile() -> None:
    """Read the CMYK profile that press files are made with now, so a bad one stops the start."""
    path = profile_path()
    try:
        load_profile(path)
    except ProfileError as error:
        chosen = f"{PROFILE_ENV} is set to {path}" if os.environ.get(PROFILE_ENV) else f"{PROFILE_ENV} is not set"
        raise ConfigError(
            f"The CMYK press profile can't be used ({chosen}): {error}. Point {PROFILE_ENV} at a CMYK output "
            "(printer) ICC profile, or unset it to use the one shipped in cardshop/render/press/profiles/."
        ) from None
