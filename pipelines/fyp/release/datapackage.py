"""datapackage.json (Frictionless Data Package v2) of a release."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from fyp.release.files import sha256_file
from fyp.tables.registry import table

PACKAGE_NAME = "fyp-notices"
PACKAGE_TITLE = (
    "fyp-notices: targets, deadlines and responsible agencies of Chinese energy-saving and emission-reduction "
    "work plans (11th-14th Five-Year Plans)"
)
LICENSES = [
    {
        "name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
        "title": "Creative Commons Attribution 4.0"
    }
]
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"


def deprecations(name: str) -> dict[str, str]:
    """Columns of table ``name`` that schemas/<name>.yaml marks ``deprecated: <what replaces it, when it
    goes>`` (the table itself under the key ``""``): announced in every release until a major one removes them."""
    from fyp.tables.registry import all_tables

    spec = all_tables().get(name)
    if spec is None:
        return {}
    out = {"": spec.deprecated} if spec.deprecated else {}
    out.update({f.name: f.deprecated for f in spec.fields if f.deprecated})
    return out


def table_schema(name: str) -> dict:
    """The Table Schema of a resource, from the registry (types, descriptions, constraints, keys), with
    each deprecated column marked ``fyp:deprecated`` (so that a deprecation is itself a release)."""
    schema = {"$schema": TABLE_SCHEMA_PROFILE, **table(name).frictionless_schema()}
    # "vocabulary" codes are checked by pandera and Great Expectations; the Table Schema needs no more.
    marked = deprecations(name)
    for f in schema["fields"]:
        if f["name"] in marked:
            f["fyp:deprecated"] = marked[f["name"]]
    if "" in marked:
        schema["fyp:deprecated"] = marked[""]
    return schema


def sources(notices: pl.DataFrame) -> list[dict]:
    out = [
        {
            "title": "Provincial and city energy-saving and emission-reduction work plans (节能减排工作方案); "
            "one per row of the notices table",
        },
        {
            "title": "National targets: State Council comprehensive work plans for energy saving and emission "
            "reduction (see national_targets.document_number and source)",
        },
    ]
    if "source_url" in notices.columns:
        for url in sorted({u for u in notices["source_url"].to_list() if u}):
            out.append({"title": url, "path": url})
    return out


def _notices(source) -> pl.DataFrame:
    if source is None:
        return pl.DataFrame()
    if isinstance(source, pl.DataFrame):
        return source
    return (
        pl.read_parquet(source, columns=["source_url"])
        if "source_url" in pl.read_parquet_schema(source) else pl.DataFrame()
    )


def file_resource(release_dir: Path, rel: str) -> dict:
    path = release_dir / rel
    return {"path": rel, "bytes": path.stat().st_size, "hash": f"sha256:{sha256_file(path)}"}


def _rows(source) -> int:
    if isinstance(source, pl.DataFrame):
        return source.height
    import pyarrow.parquet as pq

    return pq.ParquetFile(source).metadata.num_rows


def build_datapackage(
    release_dir: Path, frames: dict[str, pl.DataFrame | Path], *, version: str, created: str, extra_files: list[str]
) -> dict:
    """Resources: one CSV per table (validated by `frictionless validate`), with the matching Parquet file
    and the other release files described under ``fyp:files``. A frame may be given as its Parquet file."""
    resources = []
    for name, df in frames.items():
        spec = table(name)
        csv_rel, parquet_rel = f"csv/{name}.csv", f"parquet/{name}.parquet"
        res = {
            "$schema": RESOURCE_PROFILE,
            "name": name,
            "type": "table",
            "title": f"{spec.title_zh} / {spec.title_en}",
            "description": spec.description,
            **file_resource(release_dir, csv_rel),
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "quoteChar": '"', "lineTerminator": "\r\n", "header": True},
            "schema": table_schema(name),
            "fyp:rows": _rows(df),
            "fyp:kind": spec.kind,
            "fyp:parquet": file_resource(release_dir, parquet_rel),
        }
        resources.append(res)
    return {
        "$schema": PROFILE,
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "version": version,
        "created": created,
        "licenses": LICENSES,
        "languages": ["zh", "en"],
        "keywords": ["节能减排", "energy saving", "emission reduction", "Five-Year Plan", "China", "targets"],
        "sources": sources(_notices(frames.get("notices"))),
        "resources": resources,
        "fyp:files": [file_resource(release_dir, rel) for rel in extra_files],
    }
