"""Where the pipeline reads and writes; set by the CLI, or by environment variables for `dagster dev`."""


import os
from pathlib import Path

import dagster as dg

REPO_ROOT = Path(__file__).resolve().parents[3]


class FypPaths(dg.ConfigurableResource):
    raw_dir: str = os.environ.get("FYP_RAW", str(REPO_ROOT / "raw"))
    warehouse_path: str = os.environ.get("FYP_WAREHOUSE", str(REPO_ROOT / "warehouse" / "fyp.duckdb"))
    exports_dir: str = os.environ.get("FYP_EXPORTS", str(REPO_ROOT / "exports"))
    gold_dir: str = os.environ.get("FYP_GOLD", str(REPO_ROOT / "gold"))
    # Per-notice extraction results; empty means "cache/ beside the warehouse".
    cache_dir: str = os.environ.get("FYP_CACHE", "")

    @property
    def raw(self) -> Path:
        return Path(self.raw_dir)

    @property
    def warehouse(self) -> Path:
        return Path(self.warehouse_path)

    @property
    def exports(self) -> Path:
        return Path(self.exports_dir)

    @property
    def gold(self) -> Path:
        return Path(self.gold_dir)

    @property
    def cache(self) -> Path:
        return Path(self.cache_dir) if self.cache_dir else self.warehouse.parent / "cache"
