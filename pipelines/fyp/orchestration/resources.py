"""Where the pipeline reads and writes: set by the CLI from its options, or for `dagster dev` from the
FYP_* environment variables (fyp.orchestration.definitions gives each field as a ``dg.EnvVar``, which
Dagster reads when a run or a tick starts). Relative paths are taken from the working folder."""

from pathlib import Path

import dagster as dg

# Each field and the variable that sets it (the README's settings table lists them all).
ENVIRONMENT = {
    "raw_dir": "FYP_RAW",
    "warehouse_path": "FYP_WAREHOUSE",
    "cache_dir": "FYP_CACHE",
    "exports_dir": "FYP_EXPORTS",
    "gold_dir": "FYP_GOLD",
}


class FypPaths(dg.ConfigurableResource):
    raw_dir: str = "raw"
    warehouse_path: str = "warehouse/fyp.duckdb"
    exports_dir: str = "exports"
    # The folder whose quality.json (written by `make evaluate`) each release reports.
    gold_dir: str = "gold"
    # Per-notice extraction results; empty means "cache/ beside the warehouse".
    cache_dir: str = ""

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
