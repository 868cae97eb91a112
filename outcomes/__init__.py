"""Outcomes: each project's KPIs (baseline, target, actuals), the dashboards and the public statistics built on them."""
