"""Where the repository and ../shared/data are, for the benchmark scripts beside this file."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def shared_data():
    """../shared/data beside the checkout (or one level higher, from a git worktree); None if absent."""
    for cand in (os.path.join(ROOT, "..", "shared", "data"), os.path.join(ROOT, "..", "..", "shared", "data")):
        if os.path.isdir(cand):
            return os.path.abspath(cand)
    return None
