"""Floor 3, orders: printed cards posted to the family on the right day. The order store (SQLAlchemy
models and Alembic migrations), personal fields encrypted at rest, postal addresses and posting dates,
the order's life from received to posted, print batches claimed atomically, operators, and the purge
that forgets what was written. `print_batch.py` turns a batch into the press PDF (imposed sheets and
per-card press files), the envelopes and the dispatch list (`dispatch_list.py`, WeasyPrint, loaded
lazily). No Flask."""
