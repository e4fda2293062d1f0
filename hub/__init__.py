"""UCCN Hub: settings, composition root, ASGI app and the `uccn` command line."""
