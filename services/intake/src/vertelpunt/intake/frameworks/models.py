"""The signification framework: versioned prompts and questions with stable ids (pure domain, no I/O)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.alias_generators import to_camel

from vertelpunt.intake.text import CleanStr

QuestionType = Literal["triad", "dyad", "single_choice", "multiple_choice"]
Category = Literal["situation", "intervention", "outcome", "signification", "demographic"]
Audience = Literal["staff", "client"]
ID_PATTERN = r"^[a-z0-9][a-z0-9+\-]{0,62}$"


class Option(BaseModel):
    # REST shapes are camelCase (Dutch API Design Rules); stored JSON and Python keep the field names.
    model_config = ConfigDict(frozen=True, alias_generator=to_camel, populate_by_name=True)

    id: str = Field(pattern=ID_PATTERN)
    label: dict[CleanStr, CleanStr]
    # Plain-language (B1) wording shown to clients where the staff wording is harder; same id, same meaning.
    client_label: dict[CleanStr, CleanStr] | None = None


class Question(BaseModel):
    model_config = ConfigDict(frozen=True, alias_generator=to_camel, populate_by_name=True)

    id: str = Field(pattern=ID_PATTERN)
    type: QuestionType
    category: Category
    label: dict[CleanStr, CleanStr]
    required: bool = False
    allow_na: bool = True
    allow_other: bool = False
    # Questions about the storyteller that could identify them (their team) stay in the municipality.
    shared: bool = True
    # Who is asked this question: staff, clients (campaign link), or both.
    audience: tuple[Audience, ...] = ("staff", "client")
    client_label: dict[CleanStr, CleanStr] | None = None
    options: tuple[Option, ...] = ()
    corners: tuple[Option, ...] = ()
    poles: tuple[Option, ...] = ()

    @model_validator(mode="after")
    def _shape(self) -> Question:
        if self.type == "triad" and len(self.corners) != 3:
            raise ValueError(f"triad {self.id} needs exactly three corners")
        if self.type == "dyad" and len(self.poles) != 2:
            raise ValueError(f"dyad {self.id} needs exactly two poles")
        if self.type in ("single_choice", "multiple_choice") and len(self.options) < 2:
            raise ValueError(f"choice question {self.id} needs at least two options")
        ids = [o.id for o in (*self.options, *self.corners, *self.poles)]
        if len(ids) != len(set(ids)):
            raise ValueError(f"question {self.id} has duplicate option ids")
        return self


class Framework(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    version: str
    title: dict[CleanStr, CleanStr]
    prompts: tuple[Option, ...]
    questions: tuple[Question, ...]

    @model_validator(mode="after")
    def _unique_ids(self) -> Framework:
        ids = [q.id for q in self.questions]
        if len(ids) != len(set(ids)):
            raise ValueError("duplicate question ids")
        return self

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)
