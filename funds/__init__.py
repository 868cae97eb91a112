"""Funds: government programmes and their cost-share rules, co-investment projects, and the ledger.

`ledger.py` is the only writer of ledger entries; `split.py` is the only place a cost is divided.
"""
