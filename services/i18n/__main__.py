"""`python -m services.i18n update`: extract the messages and merge them into every `.po`."""

from __future__ import annotations

import sys

from services.i18n.extract import update


def main(argv: list[str]) -> int:
    if argv != ["update"]:
        print("usage: python -m services.i18n update", file=sys.stderr)
        return 2
    for path in update():
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
