"""Worker processes: takes nothing from the pipeline; gives the build and the server worker
processes that die with their parent (`guard`, and `preload` for the forkserver), and the
command's Ctrl-C handling that stops them (`interrupts`).
"""
