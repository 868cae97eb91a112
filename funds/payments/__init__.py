"""Card payments through Stripe: gateway.py is the only module that talks to Stripe."""
