"""Warming and single flight in a real `pledgegraph serve` on loopback: the first page of every
named query is computed before the port opens, and identical requests that arrive together
cost one computation. `X-Cache` says whether the query ran for a request (`miss`) or not
(`hit`: kept; `shared`: awaited from the identical request under way). No timing is asserted."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import store_from_dump
from processes import serving


@pytest.fixture(scope="module")
def store(seed_dump: bytes, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("served-warm") / "store"
    store_from_dump(path, seed_dump).flush()
    return path


@pytest.fixture(scope="module")
def warm(store: Path) -> Iterator[tuple[str, Path]]:
    """The base URL of a `serve` with its default warming, and its log."""
    log = store.parent / "serve.log"
    with serving(store, log) as base:
        yield base, log


def test_every_named_query_s_first_page_is_kept_before_the_first_request(warm: tuple[str, Path]) -> None:
    base, log = warm
    names = [query["name"] for query in httpx.get(f"{base}/queries").json()]
    for name in names:
        first = httpx.get(f"{base}/queries/{name}", timeout=60)
        assert first.status_code == 200 and first.headers["X-Cache"] == "hit", (name, first.headers.get("X-Cache"), first.text[:200])
    assert f"warmed: the first page of {len(names)} named queries computed" in log.read_text() and "failed" not in log.read_text()
    as_json = httpx.get(f"{base}/queries/claims_table")
    as_csv = httpx.get(f"{base}/queries/claims_table", headers={"Accept": "text/csv"})
    explicit = httpx.get(f"{base}/queries/claims_table", params={"format": "tsv", "limit": "1000", "offset": "0"})
    for page in (as_csv, explicit):  # the kept page, re-encoded: no query ran for these either
        assert page.status_code == 200 and page.headers["X-Cache"] == "hit"
        assert int(page.headers["X-Result-Rows"]) == len(as_json.json()["results"]["bindings"]) == len(page.text.splitlines()) - 1
    assert as_csv.headers["content-type"].startswith("text/csv") and explicit.headers["content-type"].startswith("text/tab-separated-values")


def test_identical_requests_that_arrive_together_cost_one_computation(warm: tuple[str, Path]) -> None:
    base, _ = warm

    async def together(params: dict[str, str]) -> list[httpx.Response]:
        async with httpx.AsyncClient(timeout=60) as client:
            return list(await asyncio.gather(*(client.get(f"{base}/queries/support_by_actor", params=params) for _ in range(12))))

    page = {"limit": "7", "offset": "3", "format": "csv"}  # not a first page: nothing kept yet
    responses = asyncio.run(together(page))
    assert {response.status_code for response in responses} == {200} and len({response.text for response in responses}) == 1
    assert [response.headers["X-Cache"] for response in responses].count("miss") == 1
    assert set(response.headers["X-Cache"] for response in asyncio.run(together(page))) == {"hit"}
    wrong = asyncio.run(together({"nobody": "x"}))  # an error is answered to all, and never kept
    assert {response.status_code for response in wrong} == {400} and "no parameter nobody" in wrong[0].text


def test_without_warming_the_first_request_computes_its_page(store: Path, warm: tuple[str, Path]) -> None:
    log = store.parent / "cold.log"
    with serving(store, log, "--no-warm") as base:
        first = httpx.get(f"{base}/queries/claims_table", timeout=60)
        again = httpx.get(f"{base}/queries/claims_table", timeout=60)
    assert (first.headers["X-Cache"], again.headers["X-Cache"]) == ("miss", "hit") and first.content == again.content
    assert "warming:" not in log.read_text() and "the first page of" not in log.read_text()
