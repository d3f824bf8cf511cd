"""CHANGELOG.md of a release: what changed against the previous release, newest first."""

from __future__ import annotations

from fyp.release.versioning import ReleaseDiff


def _notice_line(n: dict) -> str:
    extra = ", ".join(
        str(v) for v in (n.get("region"), f"plan {n['plan_period']}" if n.get("plan_period") else None) if v
    )
    return f"- `{n['notice_id']}` {n.get('source_file') or ''}" + (f" ({extra})" if extra else "")


def deprecated_lines(names) -> list[str]:
    """The ``### Deprecated`` section: every table or column schemas/ marks deprecated (release/datapackage.py)."""
    from fyp.release.datapackage import deprecations

    items = []
    for name in names:
        for column, note in deprecations(name).items():
            items.append(f"- `{name}{'.' + column if column else ''}`: {note}")
    return ["### Deprecated", *items, ""] if items else []


def changelog_entry(version: str, created: str, previous: str | None, diff: ReleaseDiff) -> str:
    lines = [f"## {version} — {created[:10]}", ""]
    lines += deprecated_lines(diff.tables)
    if previous is None:
        lines.append("First release.")
        lines.append("")
        lines.append("| table | rows |")
        lines.append("|---|---|")
        for name, t in diff.tables.items():
            lines.append(f"| {name} | {t.rows_after} |")
        lines.append("")
        return "\n".join(lines) + "\n"
    level = diff.level or "none"
    lines.append(f"Changes against {previous} ({level} release).")
    lines.append("")
    if diff.notices_added:
        lines.append(f"### Notices added ({len(diff.notices_added)})")
        lines.extend(_notice_line(n) for n in diff.notices_added)
        lines.append("")
    if diff.notices_removed:
        lines.append(f"### Notices removed ({len(diff.notices_removed)})")
        lines.extend(_notice_line(n) for n in diff.notices_removed)
        lines.append("")
    lines.append("### Rows by table (matched by primary key)")
    lines.append("")
    lines.append("| table | rows before | rows after | added | removed | changed | changed columns |")
    lines.append("|---|---|---|---|---|---|---|")
    for name, t in diff.tables.items():
        status = " (new table)" if t.is_new else " (table removed)" if t.is_removed else ""
        cols = ", ".join(f"{c} ({n})" for c, n in t.changed_columns.items())
        lines.append(
            f"| {name}{status} | {t.rows_before} | {t.rows_after} | {t.added} | {t.removed} | {t.changed} | {cols} |"
        )
    lines.append("")
    schema_lines = []
    for name, t in diff.tables.items():
        for c in t.columns_added:
            schema_lines.append(f"- `{name}.{c}`: column added")
        for c in t.columns_removed:
            schema_lines.append(f"- `{name}.{c}`: column removed (breaking)")
        for c, old, new in t.columns_retyped:
            schema_lines.append(f"- `{name}.{c}`: type {old} → {new} (breaking)")
        if t.metadata_changed:
            schema_lines.append(f"- `{name}`: descriptions or constraints changed")
    if schema_lines:
        lines.append("### Schema")
        lines.extend(schema_lines)
        lines.append("")
    examples = []
    for name, t in diff.tables.items():
        for kind in ("added", "removed", "changed"):
            keys = t.examples.get(kind) or []
            if keys:
                total = getattr(t, kind)
                more = f" (and {total - len(keys)} more)" if total > len(keys) else ""
                examples.append(f"- {name}, {kind}: " + "; ".join(f"`{k}`" for k in keys) + more)
    if examples:
        lines.append("### Examples (primary keys)")
        lines.extend(examples)
        lines.append("")
    if diff.quality_changed:
        lines.append("The extraction quality report (quality.md) changed.")
        lines.append("")
    return "\n".join(lines) + "\n"


def changelog(entry: str, previous_changelog: str | None) -> str:
    head = "# Changelog\n\nEvery release of fyp-notices, newest first. Rows are compared by primary key.\n\n"
    older = ""
    if previous_changelog:
        marker = previous_changelog.find("\n## ")
        older = previous_changelog[marker + 1 :] if marker >= 0 else ""
    return head + entry + ("\n" + older if older else "")
