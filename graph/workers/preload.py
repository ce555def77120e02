"""Imported by multiprocessing's forkserver only (its preload): arm it to die with its parent."""

from graph.workers.guard import arm_forkserver

arm_forkserver()
