"""The answer cache of `serve`: kept answers within a byte budget, and one computation for
identical requests that arrive together."""

from __future__ import annotations

import asyncio

from graph.serve.cache import AnswerCache


def test_answers_are_kept_within_the_budget_least_recently_used_out() -> None:
    cache: AnswerCache[str] = AnswerCache(max_bytes=800)
    cache.keep("a", "answer a", 100)
    cache.keep("b", "answer b", 100)
    assert cache.get("a") == "answer a"  # now a is the most recently used
    for key in "cdefgh":
        cache.keep(key, f"answer {key}", 100)
    cache.keep("i", "answer i", 100)  # 900 bytes: the least recently used (b) goes
    assert cache.get("b") is None and cache.get("a") == "answer a" and cache.get("i") == "answer i"
    assert cache.bytes == 800
    cache.keep("huge", "too big", 101)  # more than an eighth of the budget: never kept
    assert cache.get("huge") is None


def test_a_request_waits_for_the_identical_one_under_way() -> None:
    async def scenario() -> tuple[str | None, str | None]:
        cache: AnswerCache[str] = AnswerCache(max_bytes=1000)
        cache.start("q")
        waiting = cache.under_way("q")
        assert waiting is not None and cache.under_way("other") is None
        cache.finish("q", "the answer")
        given_up = cache.start("r")
        cache.finish("r", None)  # its client left: waiters compute it themselves
        return await waiting, await given_up

    assert asyncio.run(scenario()) == ("the answer", None)


def test_obtain_says_whether_it_computed_shared_or_kept() -> None:
    async def scenario() -> list[tuple[str | None, str]]:
        cache: AnswerCache[str] = AnswerCache(max_bytes=1000, size_of=lambda outcome: None if outcome.startswith("error") else len(outcome))
        computed: list[str] = []
        release = asyncio.Event()

        async def compute(outcome: str) -> str:
            computed.append(outcome)
            await release.wait()
            return outcome

        async def until_done(future: asyncio.Future[object]) -> bool:
            await future
            return True

        first = asyncio.ensure_future(cache.obtain("q", lambda: compute("answer"), until_done))
        second = asyncio.ensure_future(cache.obtain("q", lambda: compute("again"), until_done))
        await asyncio.sleep(0)
        release.set()
        outcomes = [await first, await second, await cache.obtain("q", lambda: compute("third"), until_done)]
        outcomes.append(await cache.obtain("e", lambda: compute("error: refused"), until_done))
        outcomes.append(await cache.obtain("e", lambda: compute("error: again"), until_done))  # errors are not kept
        assert computed == ["answer", "error: refused", "error: again"]
        return outcomes

    assert asyncio.run(scenario()) == [("answer", "miss"), ("answer", "shared"), ("answer", "hit"),
                                       ("error: refused", "miss"), ("error: again", "miss")]
