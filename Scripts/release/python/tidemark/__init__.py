"""Tidemark: Cobertura coverage reports and JUnit results into a static site with history.

The wheel carries the self-contained ``tidemark`` binary in its scripts folder, the way ruff and uv ship
theirs: pip puts it on the PATH. This package only finds it, for ``python -m tidemark``.
"""

import os
import sys
import sysconfig


def find_binary() -> str:
    """Returns the path of the installed ``tidemark`` binary, or raises FileNotFoundError."""
    schemes = [sysconfig.get_default_scheme(), sysconfig.get_preferred_scheme("user")]
    folders = [sysconfig.get_path("scripts", scheme) for scheme in schemes]
    # pip install --target DIR puts the scripts in DIR/bin, beside this package's folder.
    folders.append(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bin"))
    for folder in folders:
        candidate = os.path.join(folder, "tidemark")
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    raise FileNotFoundError("tidemark: the binary is not in " + ", ".join(folders))


def main() -> None:
    """Replaces this process with the binary, passing the arguments through."""
    binary = find_binary()
    os.execv(binary, [binary, *sys.argv[1:]])
