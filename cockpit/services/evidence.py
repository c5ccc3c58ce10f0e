"""The fingerprint a decision round keeps of its evidence, in a module of its own: ``cockpit verify`` checks
it without loading the rounds' service and the whole domain behind it."""

from __future__ import annotations

import hashlib


def evidence_hash(evidence: str) -> str:
    return hashlib.sha256(evidence.encode("utf-8")).hexdigest()
