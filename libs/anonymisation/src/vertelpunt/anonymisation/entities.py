"""What the anonymiser finds: typed spans in the original text."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class EntityType(StrEnum):
    """Direct identifiers (product.md). The value is the Dutch placeholder label storytellers see."""

    PERSON = "PERSOON"
    ADDRESS = "ADRES"
    POSTCODE = "POSTCODE"
    PLACE = "PLAATS"
    DATE = "DATUM"
    BSN = "BSN"
    IBAN = "IBAN"
    PHONE = "TELEFOON"
    EMAIL = "EMAIL"
    URL = "URL"
    LICENCE_PLATE = "KENTEKEN"
    CASE_NUMBER = "ZAAKNUMMER"
    OTHER = "ANDERS"


# When two findings overlap, the more certain one wins (checksummed and structured before gazetteers).
# A phone number outranks a BSN: nine of its ten digits can pass the 11-test by chance.
PRIORITY: dict[EntityType, int] = {
    EntityType.EMAIL: 0, EntityType.URL: 1, EntityType.IBAN: 2, EntityType.PHONE: 3, EntityType.BSN: 4,
    EntityType.CASE_NUMBER: 5, EntityType.POSTCODE: 6, EntityType.LICENCE_PLATE: 7, EntityType.DATE: 8,
    # Word-list findings share one rank, so the longest wins ("Den Bosch" the place over "Bosch" the name).
    EntityType.ADDRESS: 9, EntityType.PERSON: 9, EntityType.PLACE: 9, EntityType.OTHER: 12,
}
# Between word-list findings of the same length: a street or place list is more specific than a name guess.
TIE_BREAK: dict[EntityType, int] = {EntityType.ADDRESS: 0, EntityType.PLACE: 1, EntityType.PERSON: 2}
TIE_BREAK.update({t: 0 for t in EntityType if t not in TIE_BREAK})


@dataclass(frozen=True, order=True)
class Entity:
    start: int
    end: int
    type: EntityType

    def overlaps(self, other: Entity) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class AnonymisedText:
    text: str
    entities: tuple[Entity, ...]
