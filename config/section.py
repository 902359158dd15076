"""The base of every group of settings: pydantic-settings reads the variables, we word the errors.

Two ways in, on purpose:

- ``Section.from_env(environ)`` reads a mapping of environment variables (the process
  environment over `.env`, from ``config.settings.load_environment``). Each field's variable
  is the class's ``env_prefix`` plus the field name in capitals, or the field's
  ``validation_alias`` where the name does not follow the prefix (``PORT``, ``REDIS_URL``).
  A blank variable counts as unset. A bad value raises one ``SettingsError`` line.
- ``Section(**fields)`` in code and tests takes the keyword arguments only and never looks at
  the process environment: a test's ``Settings()`` must not pick up the developer's
  ``REDIS_URL``, and no module but config reads ``os.environ``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, Self, get_args

from pydantic import SecretStr, ValidationError
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from config.errors import SettingsError

_VALUE_ERROR = "Value error, "


class Section(BaseSettings):
    """A frozen group of settings. Variable names match regardless of case (pydantic-settings'
    ``case_sensitive=False``, needed for prefix + field name); the README spells them in
    capitals."""

    model_config: ClassVar[SettingsConfigDict] = SettingsConfigDict(
        frozen=True,
        extra="forbid",
        case_sensitive=False,
        validate_by_name=True,
        enable_decoding=False,  # a host list is "a.com, b.org", not JSON
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Keyword arguments only; ``from_env`` is the one door for environment variables."""
        return (init_settings,)

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Self:
        """This section, and the sections inside it, from environment variables."""
        values = _MappingSource(cls, environ)()
        for name, section in _sections(cls):
            values[name] = section.from_env(environ)
        try:
            return cls(**values)
        except ValidationError as error:
            raise _first_problem(cls, error) from None

    @classmethod
    def variables(cls) -> Iterator[tuple[str, FieldInfo]]:
        """Every environment variable this section and those inside it read, with its field."""
        inside = dict(_sections(cls))
        for name, field in cls.model_fields.items():
            if name in inside:
                yield from inside[name].variables()
            else:
                yield variable_name(cls, name), field


def variable_name(section: type[Section], field_name: str) -> str:
    """The environment variable of a field, as pydantic-settings looks it up."""
    alias = section.model_fields[field_name].validation_alias
    if isinstance(alias, str):
        return alias
    return (section.model_config.get("env_prefix", "") + field_name).upper()


def _sections(cls: type[Section]) -> Iterator[tuple[str, type[Section]]]:
    for name, field in cls.model_fields.items():
        if isinstance(field.annotation, type) and issubclass(field.annotation, Section):
            yield name, field.annotation


def _first_problem(section: type[Section], error: ValidationError) -> SettingsError:
    """The first failure as one line naming the variable; a secret's value is never shown."""
    detail = error.errors()[0]
    key = str(detail["loc"][0]) if detail["loc"] else ""
    field_name = _field_named(section, key)
    problem = detail["msg"].removeprefix(_VALUE_ERROR)
    if field_name is None:
        return SettingsError(key, problem)
    field = section.model_fields[field_name]
    shown = "the value is not shown" if _is_secret(field) else f"got {detail['input']!r}"
    return SettingsError(variable_name(section, field_name), f"{problem} ({shown})")


def _field_named(section: type[Section], key: str) -> str | None:
    """The field a validation error's location points at: by its name or by its alias."""
    for name, field in section.model_fields.items():
        if key in (name, field.validation_alias):
            return name
    return None


def _is_secret(field: FieldInfo) -> bool:
    return field.annotation is SecretStr or SecretStr in get_args(field.annotation)


class _MappingSource(EnvSettingsSource):
    """pydantic-settings' environment source, reading a given mapping instead of os.environ.

    Each field is looked up under its one documented variable: pydantic-settings would also
    try prefix + field name for an aliased field (``SLACK_PORT`` besides ``PORT``), a second,
    undocumented name for the same setting.
    """

    def __init__(self, section: type[Section], environ: Mapping[str, str]) -> None:
        self._environ = environ
        super().__init__(section)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        stripped = {name.lower(): value.strip() for name, value in self._environ.items()}
        return {name: value for name, value in stripped.items() if value}

    def _extract_field_info(
        self, field: FieldInfo, field_name: str, model_config: Mapping[str, Any] | None = None
    ) -> list[tuple[str, str, bool]]:
        return super()._extract_field_info(field, field_name, model_config)[:1]
