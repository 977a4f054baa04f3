"""One module per command (or command group); each registers itself on ``main`` when imported."""
