"""matches_at: finditer's matches, trying the pattern only at the given starts."""

import random
import re

from fyp.text.matching import matches_at


def test_matches_at_every_possible_start_equals_finditer():
    pattern = re.compile(r"\((?:[^()]|\([^()]*\)){1,8}\)")  # overlapping candidates: nested brackets
    rng = random.Random(3)
    for _ in range(500):
        text = "".join(rng.choice("(()ab负责、") for _ in range(rng.randrange(0, 60)))
        starts = [i for i, ch in enumerate(text) if ch == "("]
        got = [(m.start(), m.end()) for m in matches_at(pattern, text, starts)]
        assert got == [(m.start(), m.end()) for m in pattern.finditer(text)], text


def test_a_start_inside_the_last_match_is_skipped():
    pattern = re.compile(r"ab+")
    assert [m.group() for m in matches_at(pattern, "abbb ab", [0, 1, 2, 5])] == ["abbb", "ab"]
