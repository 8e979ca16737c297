"""Trust at the edges: caching, second factor, segregation of duties, throttling (issue 12)."""
