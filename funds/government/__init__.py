"""Government programmes and their cost-share rules; split.py is the only place a cost is divided."""
