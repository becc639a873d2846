"""Implementation tracking: a tamper-evident ledger of a phased plan's commitments.

Layer L4 (beside ``sweep``): it builds on the phasing model (L3) and is used by the facade
(L5). Modules, bottom up:

* :mod:`~accord.track.canonical`: what is hashed and signed (RFC 8785 JSON, SHA-256 links);
* :mod:`~accord.track.signing`: Ed25519 keys and signatures;
* :mod:`~accord.track.plan`: the plan a ledger tracks (phasing problem, schedule, keys);
* :mod:`~accord.track.events`: the event kinds and the hashed body;
* :mod:`~accord.track.state`: the fold of events and the rules each new event must keep;
* :mod:`~accord.track.chain`: the whole-ledger check (links, signatures, rules, head);
* :mod:`~accord.track.store`: SQLite / PostgreSQL storage through SQLAlchemy Core;
* :mod:`~accord.track.status`: facts on compliance (states, overdue, exposure, what waits);
* :mod:`~accord.track.replan`: re-solving the rest of the plan from the current state.

Heavy libraries (SQLAlchemy, psycopg, cryptography, rfc8785) are imported inside the
functions that use them; they come with the ``accord[track]`` extra.
"""

from __future__ import annotations

__all__: list[str] = []
