"""Development tools that are not part of the app: the local fake Stripe launcher."""
