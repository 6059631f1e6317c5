"""Floor 3, kind words: the message library a sender can start from, and the kindness check that
gently flags hurtful phrasing. Built on the design vocabulary; no Flask."""
