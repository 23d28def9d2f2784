"""View models: from the gateway's GraphQL answers to what a page shows (tables, charts, CSV). Pure code."""
