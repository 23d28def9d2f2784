from __future__ import annotations

from datetime import date

from pydantic import Field, model_validator

from vertelpunt.intake.stories.schemas import Schema


class CampaignCreate(Schema):
    name: str = Field(min_length=2, max_length=120)
    starts_on: date
    ends_on: date

    @model_validator(mode="after")
    def _period(self) -> CampaignCreate:
        if self.ends_on < self.starts_on:
            raise ValueError("endsOn ligt voor startsOn")
        return self


class CampaignOut(Schema):
    id: str
    name: str
    starts_on: date
    ends_on: date
    link: str
    qr_code: str
