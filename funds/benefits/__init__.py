"""Service offers: consulting vouchers a sponsor programme grants, and tenant discounts on solutions."""
