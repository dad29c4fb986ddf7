"""A tiny HTTP service: GET /health answers 200."""
