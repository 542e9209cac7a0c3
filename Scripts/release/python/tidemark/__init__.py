"""Tidemark: Cobertura coverage reports and JUnit results into a static site with history.

The wheel carries the self-contained ``tidemark`` binary in its scripts folder, the way ruff and uv ship
theirs: pip puts it on the PATH. This package only finds it, for ``python -m tidemark``.
"""

import os
import sys
import sysconfig


def find_binary() -> str:
    """Returns the path of the installed ``tidemark`` binary, or raises FileNotFoundError."""
    # This environment's scripts folder, then pip install --user's (posix_user: the wheel is Linux-only).
    folders = [sysconfig.get_path("scripts"), sysconfig.get_path("scripts", f"{os.name}_user")]
    # pip install --target DIR puts the scripts in DIR/bin, beside this package's folder.
    folders.append(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bin"))
    for folder in folders:
        candidate = os.path.join(folder, "tidemark")
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    raise FileNotFoundError("tidemark: the binary is not in " + ", ".join(folders))


def main() -> None:
    """Replaces this process with the binary, passing the arguments through."""
    try:
        binary = find_binary()
    except FileNotFoundError as error:
        sys.exit(str(error))
    os.execv(binary, [binary, *sys.argv[1:]])
