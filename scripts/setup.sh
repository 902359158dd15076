# Sourced by scripts/run and scripts/test: create .venv/ and install newsbot with everything it
# needs (the spaCy model included). Safe to run again: reinstalls only when pyproject.toml changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

find_python() {
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    echo "newsbot: Python 3.11 or newer is needed (python3.11 -m venv must work)" >&2
    return 1
}

if [ ! -x .venv/bin/python ]; then
    python="$(find_python)"
    echo "Creating .venv with $("$python" --version)" >&2
    "$python" -m venv .venv
fi

stamp=.venv/.newsbot-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "Installing newsbot and its dependencies into .venv (first run takes a minute)" >&2
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e '.[dev]'
    touch "$stamp"
fi
