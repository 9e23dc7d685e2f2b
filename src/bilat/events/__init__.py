"""Coding events: patterns, the argument finder, the coder, factuality and pairs of actors."""
