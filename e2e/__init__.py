"""The production-shaped run (`make e2e`) and the local servers it, and some tests, use."""
