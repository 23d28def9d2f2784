"""The sector's own, independent check for direct identifiers that survived anonymisation.

Deliberately separate from vertelpunt.anonymisation (an architecture test enforces it): a second opinion with
different code and different word lists catches what the first one missed. It errs towards quarantine: a false
alarm costs a story, a miss costs a person's privacy.
"""

from vertelpunt.federation.pii.check import Finding, check_text, describe, find_identifiers, warm_up

__all__ = ["Finding", "check_text", "describe", "find_identifiers", "warm_up"]
