"""The user's config file: theme, key remapping, stage cadences, review day, my profile.

The file is TOML so people can edit it by hand. netui writes it back only to
save the chosen theme, keeping every other setting the user wrote.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from netui.domain.cadence import DEFAULT_STAGE_CADENCE, STAGES
from netui.i18n import _
from netui.paths import config_path

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class ConfigError(ValueError):
    """The config file cannot be read; the message names the file and the problem."""


@dataclass(frozen=True)
class Profile:
    """Who I am, for the planner's prep card: my name, a one-line introduction and what I
    can offer people (`[profile]`: name, one_line, offers)."""

    name: str = ""
    one_line: str = ""
    offers: tuple[str, ...] = ()


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
    profile: Profile = field(default_factory=Profile)
    path: Path | None = None

    def with_theme(self, theme: str) -> Config:
        """A copy with another theme."""
        return replace(self, theme=theme)


def _stage_cadence(raw: object, where: Path) -> dict[str, int | None]:
    cadence = dict(DEFAULT_STAGE_CADENCE)
    if raw is None:
        return cadence
    if not isinstance(raw, dict):
        raise ConfigError(
            _("{where}: [stages] must be a table of stage = days").format(where=where)
        )
    for stage, days in raw.items():
        if stage not in STAGES:
            raise ConfigError(
                _("{where}: [stages] unknown stage {stage} (expected {values})").format(
                    where=where, stage=repr(stage), values=", ".join(STAGES)
                )
            )
        if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= 3650:
            raise ConfigError(
                _(
                    "{where}: [stages] {stage} must be a whole number of days from 0 (none) to 3650"
                ).format(where=where, stage=stage)
            )
        cadence[stage] = days or None
    return cadence


# Every setting netui reads: the top-level keys, and each section's keys.
# Anything else in the file is a typo or a setting of another version, and is
# refused rather than silently ignored.
_SECTIONS: dict[str, tuple[str, ...] | None] = {
    "stages": STAGES,
    "keys": None,  # binding ids, checked against the key table
    "review": ("day",),
    "capture": ("thanks",),
    "profile": ("name", "one_line", "offers"),
}
_TOP_LEVEL = ("theme", *_SECTIONS)


def _check_names(raw: dict[str, object], where: Path) -> None:
    """Refuse an unknown top-level setting or section, or an unknown key in a section."""
    for name, value in raw.items():
        if name not in _TOP_LEVEL:
            expected = ", ".join(["theme", *(f"[{section}]" for section in _SECTIONS)])
            if isinstance(value, dict):
                message = _("{where}: unknown section [{name}] (expected {expected})")
            else:
                message = _("{where}: unknown setting {name} (expected {expected})")
                name = repr(name)
            raise ConfigError(message.format(where=where, name=name, expected=expected))
    for section, keys in _SECTIONS.items():
        table = raw.get(section)
        if keys is None or section == "stages" or not isinstance(table, dict):
            continue  # [stages] and [keys] name their own unknown keys
        for key in table:
            if key not in keys:
                raise ConfigError(
                    _("{where}: [{section}] unknown key {key} (expected {values})").format(
                        where=where, section=section, key=repr(key), values=", ".join(keys)
                    )
                )


def _section(raw: dict[str, object], section: str, where: Path) -> dict[str, object]:
    table = raw.get(section, {})
    if not isinstance(table, dict):
        raise ConfigError(
            _("{where}: [{section}] must be a table, not {table}").format(
                where=where, section=section, table=repr(table)
            )
        )
    return table


def _keys(raw: dict[str, object], where: Path) -> dict[str, str]:
    keys = raw.get("keys", {})
    if not isinstance(keys, dict) or not all(isinstance(v, str) for v in keys.values()):
        raise ConfigError(
            _('{where}: [keys] must map binding ids to key names, e.g. new = "N"').format(
                where=where
            )
        )
    if keys:
        # The key table is read only when there are keys to check against it.
        from netui.areas import keymap_problem

        problem = keymap_problem(keys)
        if problem is not None:
            raise ConfigError(_("{where}: [keys] {problem}").format(where=where, problem=problem))
    return dict(keys)


def _profile(raw: dict[str, object], where: Path) -> Profile:
    table = _section(raw, "profile", where)
    texts = {}
    for key in ("name", "one_line"):
        value = table.get(key, "")
        if not isinstance(value, str):
            raise ConfigError(
                _("{where}: [profile] {key} must be text in quotes, not {value}").format(
                    where=where, key=key, value=repr(value)
                )
            )
        texts[key] = " ".join(value.split())
    offers = table.get("offers", [])
    if isinstance(offers, str):
        offers = offers.split(",")
    if not isinstance(offers, list) or not all(isinstance(offer, str) for offer in offers):
        raise ConfigError(
            _(
                '{where}: [profile] offers must be a list of text, e.g. ["legal advice", "Python"]'
            ).format(where=where)
        )
    cleaned = tuple(dict.fromkeys(" ".join(offer.split()) for offer in offers if offer.strip()))
    return Profile(name=texts["name"], one_line=texts["one_line"], offers=cleaned)


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file gives the defaults.

    Every setting is checked: an unknown section or key, a value of the wrong
    type, or a `[keys]` entry netui cannot bind is refused, naming it.

    Raises:
        ConfigError: the file is not valid TOML or holds a bad or unknown setting.
    """
    import tomllib  # imported on use: without a config file, no TOML parser is loaded

    path = path or config_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config(path=path)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(
            _("{path}: not valid TOML: {error}").format(path=path, error=error)
        ) from None
    except OSError as error:
        raise ConfigError(
            _("{path}: cannot read: {strerror}").format(path=path, strerror=error.strerror)
        ) from None
    _check_names(raw, path)
    theme = raw.get("theme", "textual-dark")
    if not isinstance(theme, str):
        raise ConfigError(
            _('{path}: theme must be a theme name in quotes, e.g. "nord", not {theme}').format(
                path=path, theme=repr(theme)
            )
        )
    day = _section(raw, "review", path).get("day", "sunday")
    if not isinstance(day, str) or day.lower() not in WEEKDAYS:
        raise ConfigError(
            _("{path}: [review] day must be a weekday name, not {day}").format(
                path=path, day=repr(day)
            )
        )
    thanks = _section(raw, "capture", path).get("thanks", False)
    if not isinstance(thanks, bool):
        raise ConfigError(
            _("{path}: [capture] thanks must be true or false, not {thanks}").format(
                path=path, thanks=repr(thanks)
            )
        )
    return Config(
        theme=theme,
        keys=_keys(raw, path),
        stage_cadence=_stage_cadence(raw.get("stages"), path),
        review_day=day.lower(),
        capture_thanks=thanks,
        profile=_profile(raw, path),
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
        raise ConfigError(
            _("{path}: not valid TOML, theme not saved: {error}").format(path=path, error=error)
        ) from None
    raw["theme"] = theme
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(tomli_w.dumps(raw), encoding="utf-8")
    os.replace(tmp, path)
    return config.with_theme(theme)
