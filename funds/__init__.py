"""Funds: government programmes and their cost-share rules, co-investment projects, and the ledger.

One sub-package per aggregate (ledger, government, projects, energy, payments, reports); models/ holds
their tables. `funds.ledger` (ledger/__init__.py) is the only writer of ledger entries;
`funds.government.split` is the only place a cost is divided.
"""
