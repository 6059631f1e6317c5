"""The CMYK output profile that press files are separated with and carry as their output intent.

The shipped profile (profiles/, see its README for where it comes from) was built once from FOGRA39
characterisation data; an operator can point at another with CARDSHOP_CMYK_PROFILE or the CLI's
`--profile`. Profiles are read and checked once per path.
"""

from __future__ import annotations

import hashlib
import io
import os
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageCms

PROFILE_ENV = "CARDSHOP_CMYK_PROFILE"
DEFAULT_PROFILE = Path(__file__).parent / "profiles" / "cardshop-fogra39-300.icc"
# The registered characterisation the shipped profile was built from (ICC registry name).
DEFAULT_CONDITION = "FOGRA39"


class ProfileError(ValueError):
    """A CMYK profile that cannot be read or is not a CMYK output profile."""


@dataclass(frozen=True)
class PressProfile:
    path: Path
    data: bytes
    compressed: bytes  # zlib, once: every press file embeds it
    description: str
    condition: str  # OutputConditionIdentifier: FOGRA39 for ours, "Custom" for any other
    digest: str  # short content digest: names cached conversions made with this profile
    cms: ImageCms.ImageCmsProfile


def profile_path(override: str | os.PathLike | None = None) -> Path:
    """The profile to use: an explicit path, else CARDSHOP_CMYK_PROFILE, else the shipped one."""
    chosen = override or os.environ.get(PROFILE_ENV) or DEFAULT_PROFILE
    return Path(chosen).expanduser().resolve()


@lru_cache(maxsize=4)
def load_profile(path: Path = DEFAULT_PROFILE) -> PressProfile:
    try:
        data = Path(path).read_bytes()
        cms = ImageCms.ImageCmsProfile(io.BytesIO(data))
    except (OSError, ImageCms.PyCMSError) as error:
        raise ProfileError(f"{path}: not a readable ICC profile ({error})") from None
    if cms.profile.xcolor_space.strip() != "CMYK" or cms.profile.device_class != "prtr":
        raise ProfileError(f"{path}: not a CMYK output (printer) profile")
    description = (cms.profile.profile_description or Path(path).stem).strip()
    condition = DEFAULT_CONDITION if Path(path).resolve() == DEFAULT_PROFILE.resolve() else "Custom"
    digest = hashlib.sha256(data).hexdigest()[:12]
    return PressProfile(Path(path), data, zlib.compress(data, 9), description, condition, digest, cms)
