"""The user's config file: theme, key remapping, stage cadences, review day.

The file is TOML so people can edit it by hand. netui writes it back only to
save the chosen theme, keeping every other setting the user wrote.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from netui.domain.cadence import DEFAULT_STAGE_CADENCE, STAGES
from netui.paths import config_path

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class ConfigError(ValueError):
    """The config file cannot be read; the message names the file and the problem."""


@dataclass(frozen=True)
class Config:
    """Settings read from the config file, with defaults for anything missing."""

    theme: str = "textual-dark"
    keys: dict[str, str] = field(default_factory=dict)
    stage_cadence: dict[str, int | None] = field(
        default_factory=lambda: dict(DEFAULT_STAGE_CADENCE)
    )
    review_day: str = "sunday"
    capture_thanks: bool = False
    path: Path | None = None

    def with_theme(self, theme: str) -> Config:
        """A copy with another theme."""
        return replace(self, theme=theme)


def _stage_cadence(raw: object, where: Path) -> dict[str, int | None]:
    cadence = dict(DEFAULT_STAGE_CADENCE)
    if raw is None:
        return cadence
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: [stages] must be a table of stage = days")
    for stage, days in raw.items():
        if stage not in STAGES:
            raise ConfigError(
                f"{where}: [stages] unknown stage {stage!r} (expected {', '.join(STAGES)})"
            )
        if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= 3650:
            raise ConfigError(
                f"{where}: [stages] {stage} must be a whole number of days from 0 (none) to 3650"
            )
        cadence[stage] = days or None
    return cadence


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file gives the defaults.

    Raises:
        ConfigError: the file is not valid TOML or holds a bad value.
    """
    import tomllib  # imported on use: without a config file, no TOML parser is loaded

    path = path or config_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config(path=path)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror}") from None
    keys = raw.get("keys", {})
    if not isinstance(keys, dict) or not all(isinstance(v, str) for v in keys.values()):
        raise ConfigError(f'{path}: [keys] must map binding ids to key names, e.g. new = "N"')
    review = raw.get("review", {})
    day = str(review.get("day", "sunday")).lower() if isinstance(review, dict) else "sunday"
    if day not in WEEKDAYS:
        raise ConfigError(f"{path}: [review] day must be a weekday name, not {day!r}")
    capture = raw.get("capture", {})
    thanks = bool(capture.get("thanks", False)) if isinstance(capture, dict) else False
    theme = raw.get("theme", "textual-dark")
    return Config(
        theme=str(theme),
        keys=dict(keys),
        stage_cadence=_stage_cadence(raw.get("stages"), path),
        review_day=day,
        capture_thanks=thanks,
        path=path,
    )


def save_theme(config: Config, theme: str) -> Config:
    """Write the theme into the config file, keeping everything else in it."""
    import tomllib

    import tomli_w  # only ever needed to save

    path = config.path or config_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raw = {}
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        # Never overwrite a hand-written file we cannot read back.
        raise ConfigError(f"{path}: not valid TOML, theme not saved: {error}") from None
    raw["theme"] = theme
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(tomli_w.dumps(raw), encoding="utf-8")
    os.replace(tmp, path)
    return config.with_theme(theme)
