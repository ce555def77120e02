"""Pictures: takes a store (through the support network of graph/export/networks.py) and gives
pictures: the interactive network page (`viz`) and matplotlib figures (`figures`).
"""
