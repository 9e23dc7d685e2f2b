"""Presenters: what a page or an answer shows, shared by the CLI, the API and the dashboard."""
