"""What the jobs are configured with, built by the composition root from the settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class JobsConfig:
    backup_dir: Path = Path("var/backups")
    backup_keep: int = 14
    timezone: str = "UTC"
