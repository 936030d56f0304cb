"""Each man's part in a round: his consent, and his answers typed one at a time.

No answers are kept without consent: recording a refusal removes any, and an answer is refused
for a man who declined. The first answer typed for a man with nothing recorded records his
consent as given (the questionnaire is only read to a man who agreed), dated the day it is
typed unless the round's day is given. Each call is one change: called in its own
`with db.session()`, the answer is on disk when that block ends."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ...errors import NotFound, ValidationError
from ...models import (
    CONSENT_CHOICES,
    Enrollment,
    Participant,
    SurveyAnswer,
    SurveyResponse,
    SurveyRound,
)
from ...models.stored_counts import count_sessions_attended
from .. import scope
from ..actor import Actor
from ..admin import audit
from ..permissions import require
from .instruments import CODES, Instrument
from .rounds import ROUND_TITLES, check_round_day, instrument_of
from .scoring import Score, score


@dataclass(frozen=True)
class AnswerChange:
    participant_id: int
    item_number: int
    before: int | None
    after: int | None
    cleared: bool  # True when the answer was removed (not entered), not marked missing


def _round(session: Session, actor: Actor, round_id: int) -> SurveyRound:
    found = session.get(SurveyRound, round_id)
    if found is None:
        raise NotFound("That survey round no longer exists.")
    scope.require_group(session, actor, found.group_id)
    return found


def _check_member(session: Session, survey_round: SurveyRound, participant_id: int) -> str:
    """The man's code, when he is or was a member of the round's group."""
    code = session.scalar(
        select(Participant.code)
        .join(Enrollment, Enrollment.participant_id == Participant.id)
        .where(Participant.id == participant_id, Enrollment.group_id == survey_round.group_id)
        .limit(1)
    )
    if code is None:
        raise ValidationError({"participant": "is not a member of this group"})
    return code


def _response(session: Session, round_id: int, participant_id: int) -> SurveyResponse | None:
    return session.scalar(
        select(SurveyResponse).where(
            SurveyResponse.round_id == round_id, SurveyResponse.participant_id == participant_id
        )
    )


def record_consent(
    session: Session,
    actor: Actor,
    round_id: int,
    participant_id: int,
    consent: str,
    taken_on: date,
    *,
    today: date | None = None,
) -> int:
    """Record that the man agreed to answer this round, or refused (his answers, if any, are
    removed). Returns his response's id."""
    require(actor, "survey_entry")
    if consent not in CONSENT_CHOICES:
        raise ValidationError({"consent": f"{consent!r} is neither given nor refused"})
    survey_round = _round(session, actor, round_id)
    code = _check_member(session, survey_round, participant_id)
    check_round_day(session, survey_round, taken_on, today or date.today())
    response = _response(session, round_id, participant_id)
    before = None if response is None else {"consent": response.consent,
                                            "taken_on": response.taken_on.isoformat()}  # fmt: skip
    if response is None:
        # Counted once here; from now on his marks keep it (models/stored_counts/survey_sessions.py).
        attended = count_sessions_attended(session.connection(), participant_id,
                                           survey_round.group_id)  # fmt: skip
        response = SurveyResponse(round_id=round_id, participant_id=participant_id,
                                  sessions_attended=attended)  # fmt: skip
        session.add(response)
    response.consent = consent
    response.taken_on = taken_on
    response.recorded_by_id = actor.user_id
    session.flush()
    if consent == "refused":
        session.execute(delete(SurveyAnswer).where(SurveyAnswer.response_id == response.id))
        rescore(session, response)
    after = {"consent": consent, "taken_on": taken_on.isoformat()}
    if before != after:
        title = ROUND_TITLES[survey_round.kind].lower()
        audit.record(session, actor, "create" if before is None else "update", "survey_response",
                     response.id, before=before, after=after,
                     summary=f"Consent of {code} to the {title} survey recorded as {consent}")  # fmt: skip
    return response.id


def set_answer(
    session: Session,
    actor: Actor,
    round_id: int,
    participant_id: int,
    item_number: int,
    code: int | None,
    *,
    taken_on: date | None = None,
    today: date | None = None,
) -> AnswerChange:
    """Record one answer: 1 Agree, 2 Partially agree, 3 Do not agree, None refused or not known."""
    require(actor, "survey_entry")
    if code is not None and code not in CODES:
        raise ValidationError({"answer": f"{code!r} is not an answer (1, 2 or 3)"})
    survey_round = _round(session, actor, round_id)
    instrument = instrument_of(session, survey_round.instrument_id)
    if instrument.item(item_number) is None:
        raise ValidationError({"statement": f"the questionnaire has no statement {item_number}"})
    response = _consenting_response(session, actor, survey_round, participant_id, taken_on, today)
    row = session.scalar(
        select(SurveyAnswer).where(
            SurveyAnswer.response_id == response.id, SurveyAnswer.item_number == item_number
        )
    )
    existed, before = row is not None, (row.code if row is not None else None)
    if row is None:
        session.add(SurveyAnswer(response_id=response.id, item_number=item_number, code=code))
    else:
        row.code = code
    session.flush()
    rescore(session, response, instrument)
    if not existed or before != code:
        _audit_answer(session, actor, response, item_number, before if existed else "", code)
    return AnswerChange(participant_id, item_number, before, code, cleared=False)


def clear_answer(
    session: Session, actor: Actor, round_id: int, participant_id: int, item_number: int
) -> AnswerChange:
    """Remove an answer typed by mistake: the statement is again not entered."""
    require(actor, "survey_entry")
    survey_round = _round(session, actor, round_id)
    response = _response(session, survey_round.id, participant_id)
    row = None if response is None else session.scalar(
        select(SurveyAnswer).where(
            SurveyAnswer.response_id == response.id, SurveyAnswer.item_number == item_number
        )
    )  # fmt: skip
    if row is None:
        return AnswerChange(participant_id, item_number, None, None, cleared=True)
    before = row.code
    session.delete(row)
    session.flush()
    rescore(session, response)
    _audit_answer(session, actor, response, item_number, before, "")
    return AnswerChange(participant_id, item_number, before, None, cleared=True)


def _consenting_response(
    session: Session,
    actor: Actor,
    survey_round: SurveyRound,
    participant_id: int,
    taken_on: date | None,
    today: date | None,
) -> SurveyResponse:
    response = _response(session, survey_round.id, participant_id)
    if response is None:
        day = taken_on or today or date.today()
        record_consent(session, actor, survey_round.id, participant_id, "given", day, today=today)
        response = _response(session, survey_round.id, participant_id)
    elif response.consent == "refused":
        raise ValidationError(
            {"consent": "he refused this survey, so no answers are kept for him; "
                        "record his consent first if he has since agreed"}
        )  # fmt: skip
    return response


def _audit_answer(session: Session, actor: Actor, response: SurveyResponse, item: int,
                  before: int | str | None, after: int | str | None) -> None:  # fmt: skip
    """Each answer typed, changed or removed is audited under the man's response; "" is an
    answer not entered, None one refused or not known."""
    # Only his code: the audit names no one, so his name is not even read.
    code = session.scalar(select(Participant.code).where(Participant.id == response.participant_id))
    title = ROUND_TITLES[response.round.kind].lower()
    action = "create" if before == "" else "delete" if after == "" else "update"
    audit.record(session, actor, action, "survey_response", response.id,
                 before={"statement": item, "answer": before},
                 after={"statement": item, "answer": after},
                 summary=f"Answer of {code} to statement {item} of the {title} survey")  # fmt: skip


def replace_response(
    session: Session,
    actor: Actor,
    round_id: int,
    participant_id: int,
    consent: str,
    taken_on: date,
    answers: dict[int, int | None],
    *,
    today: date | None = None,
) -> int:
    """A man's whole round at once, as an import brings it: his consent and every answer,
    replacing what was recorded. Answers to statements the round's questionnaire lacks are
    refused; a refusal keeps none. Audited once for the man, not once per statement."""
    require(actor, "survey_entry")
    survey_round = _round(session, actor, round_id)
    instrument = instrument_of(session, survey_round.instrument_id)
    unknown = sorted(number for number in answers if instrument.item(number) is None)
    if unknown:
        raise ValidationError({"statement": f"the questionnaire has no statement {unknown[0]}"})
    if any(code is not None and code not in CODES for code in answers.values()):
        raise ValidationError({"answer": "answers are 1, 2 or 3"})
    response_id = record_consent(
        session, actor, round_id, participant_id, consent, taken_on, today=today
    )
    session.execute(delete(SurveyAnswer).where(SurveyAnswer.response_id == response_id))
    if consent == "given" and answers:
        session.execute(
            SurveyAnswer.__table__.insert(),
            [{"response_id": response_id, "item_number": number, "code": code}
             for number, code in sorted(answers.items())],
        )  # fmt: skip
        code = session.get(Participant, participant_id).code
        title = ROUND_TITLES[survey_round.kind].lower()
        audit.record(session, actor, "update", "survey_response", response_id,
                     after={"answers": len(answers)},
                     summary=f"{len(answers)} answers of {code} to the {title} survey imported")  # fmt: skip
    rescore(session, session.get(SurveyResponse, response_id), instrument)
    return response_id


def rescore(
    session: Session, response: SurveyResponse, instrument: Instrument | None = None
) -> Score:
    """Keep the man's score on his response (models/surveys.py says why), from his answers as
    they now are. Called after every change to them, in the same transaction. (His sessions
    attended, also kept there, follow his marks, not his answers.)"""
    instrument = instrument or instrument_of(session, response.round.instrument_id)
    answers = dict(
        session.execute(
            select(SurveyAnswer.item_number, SurveyAnswer.code).where(
                SurveyAnswer.response_id == response.id
            )
        ).all()
    )
    result = score(instrument, answers)
    response.answered = result.answered
    response.total, response.inequitable, response.equitable = (
        result.total, result.inequitable, result.equitable
    )  # fmt: skip
    session.flush()
    return result
