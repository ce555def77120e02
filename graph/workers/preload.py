"""Imported by multiprocessing's forkserver only (its preload): arm it to die with its parent."""

from graph.workers.guard import die_with_parent

die_with_parent()
