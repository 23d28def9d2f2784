"""Dutch de-identification of story text: structured identifiers with checksums, names, places, addresses."""

from vertelpunt.anonymisation.anonymiser import AnonymiserConfig, anonymise, apply_review, find_entities, render
from vertelpunt.anonymisation.entities import AnonymisedText, Entity, EntityType

__all__ = ["AnonymisedText", "AnonymiserConfig", "Entity", "EntityType", "anonymise", "apply_review",
           "find_entities", "render"]
