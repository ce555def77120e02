"""Opening the store a `--store` value names: a SPARQL server URL or an Oxigraph folder."""

from __future__ import annotations

from collections.abc import Callable

from graph.store.base import ReadableStore, Store
from graph.store.local import GraphStore
from graph.store.remote import RemoteSettings, RemoteStore, is_remote


def open_store(
    store: str, *, must_exist: bool = False, wait: float = 0.0, on_wait: Callable[[str], None] | None = None
) -> Store:
    """The store a `--store` value names: a SPARQL server URL or an Oxigraph folder (queued
    behind another process using the folder for up to `wait` seconds)."""
    if is_remote(store):
        return RemoteStore(RemoteSettings.from_environment(store))
    return GraphStore(store, must_exist=must_exist, wait=wait, on_wait=on_wait)


def readable_store(store: str, *, wait: float = 0.0, on_wait: Callable[[str], None] | None = None) -> ReadableStore:
    """A store that holds the data locally: the folder itself, or a snapshot of the server."""
    if is_remote(store):
        return RemoteStore(RemoteSettings.from_environment(store)).snapshot()
    return GraphStore(store, must_exist=True, wait=wait, on_wait=on_wait)
