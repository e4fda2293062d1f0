"""Delivering the scheduled jobs' messages exactly once: the delivery ledger, the e-mail
adapter (SMTP), and the lease that lets one scheduler run per graph."""
