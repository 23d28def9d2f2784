"""Export and import of signified stories in the open `vertelpunt-export` format (docs/exchange.md)."""
