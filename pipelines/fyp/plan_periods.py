"""The Five-Year Plan periods: which years each covers and how plans are named in the text.

Shared by the document model, metadata inference and the extractors, so that none of them has to
import another for it.
"""

from __future__ import annotations

# Five-Year Plan periods: number → (first year, last year).
PLAN_YEARS = {11: (2006, 2010), 12: (2011, 2015), 13: (2016, 2020), 14: (2021, 2025), 15: (2026, 2030)}
# Plan names as written → number. "十五" (the 10th plan) is only ever a baseline ("比“十五”末").
PLAN_NAMES = {"十五": 10, "十一五": 11, "十二五": 12, "十三五": 13, "十四五": 14, "十五五": 15}
