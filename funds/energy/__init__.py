"""Energy pre-investment: the sponsor pays the SME's share and measured savings repay it."""
