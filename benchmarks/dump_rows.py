"""Every row extract_all gives on some folders of notices, as JSON lines (to diff outputs before/after a change).

    python benchmarks/dump_rows.py OUT.jsonl RAW_DIR [RAW_DIR ...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pipelines"))


def main(argv: list[str]) -> int:
    from fyp.extract.notice import extract_all
    from fyp.ingest.folder import ingest_folder

    out = Path(argv[0])
    with out.open("w", encoding="utf-8") as fh:
        for raw in argv[1:]:
            r = ingest_folder(Path(raw))
            for p in r.problems:
                fh.write(json.dumps({"folder": raw, "problem": p.as_row()}, ensure_ascii=False, default=str) + "\n")
            for n in r.notices:
                fh.write(
                    json.dumps(
                        {
                            "folder": raw,
                            "file": n.source_file,
                            "encoding": n.encoding,
                            "format": n.source_format,
                            "chars": len(n.source),
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
            extractions, problems = extract_all(r.notices, r.provenance)
            for p in problems:
                fh.write(json.dumps({"folder": raw, "problem": p.as_row()}, ensure_ascii=False, default=str) + "\n")
            for x in extractions:
                for table in sorted(x.rows):
                    for row in x.rows[table]:
                        fh.write(
                            json.dumps(
                                {"folder": raw, "file": x.source_file, "table": table, **row},
                                ensure_ascii=False,
                                sort_keys=True,
                                default=str,
                            )
                            + "\n"
                        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
