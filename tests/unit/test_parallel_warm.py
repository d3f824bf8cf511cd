"""Workers forked for extraction inherit a warmed process (fyp.extract.warm) instead of each paying the first notice."""

import multiprocessing
import threading

import pytest

from fyp import parallel
from fyp.extract import warm as warm_module


def test_the_sample_goes_through_every_stage_in_each_form():
    extractions = warm_module.sample_extractions()
    assert len(extractions) == 3
    for x in extractions:
        # Every stage met something to read, so its first-use work (patterns, tables) is done by the warm-up.
        for table in ("notices", "provisions", "targets", "deadlines", "responsibilities"):
            assert x.count(table) > 0, (x.source_file, table)
        assert x.rows["notices"][0]["script"] in ("simplified", "traditional")
    page, text = extractions[2], extractions[0]
    assert page.rows["notices"][0]["source_format"] == "html" and text.rows["notices"][0]["source_format"] == "text"
    assert text.rows["notices"][0]["encoding"] != extractions[1].rows["notices"][0]["encoding"]


def _warmed(_):
    return warm_module.warm.cache_info().currsize


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs the fork start method")
def test_a_forked_pool_is_warmed_once_in_the_parent(monkeypatch):
    if threading.active_count() != 1:
        pytest.skip("other threads run: the pool uses a fork server")
    warm_module.warm.cache_clear()
    calls = []
    real = warm_module.sample_extractions
    monkeypatch.setattr(warm_module, "sample_extractions", lambda: calls.append(1) or real())
    seen = parallel.parallel_map(_warmed, range(40), workers=2)
    assert calls == [1]  # in this process, before the fork: the workers found it done
    assert warm_module.warm.cache_info().currsize == 1
    assert seen == [1] * 40


def test_a_failing_warm_up_does_not_stop_the_work(monkeypatch):
    warm_module.warm.cache_clear()

    def broken():
        raise ValueError("sample set aside")

    monkeypatch.setattr(warm_module, "sample_extractions", broken)
    warm_module.warm()  # no error: warming only saves time
    warm_module.warm.cache_clear()
