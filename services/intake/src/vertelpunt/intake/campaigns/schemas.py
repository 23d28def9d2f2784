from __future__ import annotations

from datetime import date

from pydantic import Field, model_validator

from vertelpunt.intake.text import CleanStr
from vertelpunt.kit.api_rules import Schema

_WAVE = ("Doe mee aan een meetronde van de sector: de id van die ronde (zoals de sector hem gaf). Een leeg "
         "veld bij een wijziging: niet meer meedoen. De periode van de meetronde moet binnen die van de sector vallen.")
_CLIENT_QUESTIONS = ("De vragen die klanten van deze meetronde zien, naast de vragen die altijd nodig zijn "
                     "(ids uit het raamwerk). Leeg laten: alle vragen voor klanten.")


class CampaignCreate(Schema):
    name: CleanStr = Field(min_length=2, max_length=120)
    starts_on: date
    ends_on: date
    client_questions: list[CleanStr] | None = Field(None, max_length=100, description=_CLIENT_QUESTIONS)
    wave_id: CleanStr | None = Field(None, max_length=40, description=_WAVE)

    @model_validator(mode="after")
    def _period(self) -> CampaignCreate:
        if self.ends_on < self.starts_on:
            raise ValueError("endsOn ligt voor startsOn")
        return self


class CampaignUpdate(Schema):
    name: CleanStr | None = Field(None, min_length=2, max_length=120)
    starts_on: date | None = None
    ends_on: date | None = None
    client_questions: list[CleanStr] | None = Field(None, max_length=100, description=_CLIENT_QUESTIONS)
    wave_id: CleanStr | None = Field(None, max_length=40, description=_WAVE)


class CampaignOut(Schema):
    id: str
    name: str
    # The label as it leaves the municipality with every shared story: anonymised like story text.
    published_name: str
    starts_on: date
    ends_on: date
    # The questions clients of this campaign see (required ones included); only administrators see it.
    client_questions: list[str] | None = None
    # The sector wave this campaign joined (its id), if any.
    wave_id: str | None = None
    # The link (and its QR code) lets anyone tell without an account: only administrators see it.
    link: str | None = None
    qr_code: str | None = None
