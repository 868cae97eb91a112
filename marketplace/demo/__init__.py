"""The demo world (`flask seed-demo`, `make run`): part of the shell, above every feature."""
