"""Floor 3, orders: printed and posted cards. `print_batch.py` turns a batch of orders into the press
PDF (imposed sheets and per-card press files), the envelopes and the dispatch list
(`dispatch_list.py`, WeasyPrint, loaded lazily)."""
