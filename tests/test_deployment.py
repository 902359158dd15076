"""The deployment files agree with each other and with the code: compose.yaml runs the
Procfile's processes in queue mode against a Redis that persists (AOF), and the Dockerfile
copies every package the console script needs. (No Docker engine runs here: the image is not
built by the tests, only its recipe checked.)"""

from __future__ import annotations

import shlex
import tomllib
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]


def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    return loaded


def procfile() -> dict[str, list[str]]:
    lines = (ROOT / "Procfile").read_text(encoding="utf-8").splitlines()
    return {name: shlex.split(command) for name, command in (line.split(":", 1) for line in lines)}


def test_compose_runs_every_procfile_process_in_queue_mode() -> None:
    services = compose()["services"]
    for name, command in procfile().items():
        service = services[name]
        assert service["command"] == command, name
        environment = service["environment"]
        assert environment["NEWSBOT_WORK_MODE"] == "queue", name
        assert environment["REDIS_URL"] == "redis://redis:6379/0", name
        assert environment["NEWSBOT_RUN_SCHEDULER"] == "false", name  # the clock runs apart
        assert service["depends_on"]["redis"]["condition"] == "service_healthy", name
    assert services["clock"]["deploy"]["replicas"] == 2  # one holds the lease, one stands by
    assert services["web"]["environment"]["PORT"] == "3000"


def test_redis_keeps_the_share_history_across_restarts() -> None:
    redis = compose()["services"]["redis"]
    command = redis["command"]
    assert command[command.index("--appendonly") + 1] == "yes"
    assert any(volume.endswith(":/data") for volume in redis["volumes"])


def test_the_image_copies_every_package_the_console_script_needs() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    roots = {package.split(".")[0] for package in project["tool"]["setuptools"]["packages"]}
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    copied = {
        line.split()[1].rstrip("/") for line in dockerfile.splitlines() if line.startswith("COPY")
    }
    assert roots <= copied
    assert "pip install ." in dockerfile
