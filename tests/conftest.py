from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "raw"
GOLD = REPO / "gold"
# Third-party notices used only for measuring; they live beside the project, never inside it.
SHARED = Path(os.environ.get("FYP_SHARED", REPO.parent / "shared"))
DEV_NOTICES = SHARED / "dev-notices"


@pytest.fixture
def dev_notices() -> Path:
    if not DEV_NOTICES.is_dir():
        pytest.skip(f"dev notices not available at {DEV_NOTICES}")
    return DEV_NOTICES
