"""Dutch de-identification of story text: structured identifiers with checksums, names, places, addresses."""

from vertelpunt.anonymisation.anonymiser import AnonymiserConfig, anonymise, apply_review, find_entities, render
from vertelpunt.anonymisation.entities import AnonymisedText, Entity, EntityType
from vertelpunt.anonymisation.gazetteers import warm_up
from vertelpunt.anonymisation.normalise import normalise_for_detection
from vertelpunt.anonymisation.patterns import UnsupportedPattern

__all__ = ["AnonymisedText", "AnonymiserConfig", "Entity", "EntityType", "UnsupportedPattern", "anonymise",
           "apply_review", "find_entities", "normalise_for_detection", "render", "warm_up"]
