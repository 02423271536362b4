"""Autogenerate the next Alembic revision: ``python tools/new_migration.py "message" 0002``.

Builds a scratch vault at the current head, compares it with the models, and writes a
revision whose column types are plain SQL types (migrations never import models).
"""

import sys
import tempfile
from pathlib import Path

from alembic import command

from desktop.models import Base
from desktop.storage import schema
from desktop.storage.database import make_sqlcipher_engine


def main() -> None:
    message, rev_id = sys.argv[1], sys.argv[2]
    engine = make_sqlcipher_engine(Path(tempfile.mkdtemp()) / "scratch.db", b"k" * 32)
    schema.upgrade(engine)
    with engine.begin() as conn:
        cfg = schema.alembic_config(conn, target_metadata=Base.metadata)
        command.revision(cfg, message=message, autogenerate=True, rev_id=rev_id)


if __name__ == "__main__":
    main()
