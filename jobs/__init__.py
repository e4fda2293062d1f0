"""Scheduled jobs, declared in one registry (`jobs.registry`) and idempotent."""
