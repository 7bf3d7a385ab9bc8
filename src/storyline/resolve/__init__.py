"""Resolve: corpus-stage steps that work incrementally on what is stored (entities first)."""
