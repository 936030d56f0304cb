"""Each participant's name from each of its later words on, so that a name search reads an index.

The search box finds a man by the beginning of any word of his name: "kam" finds Mohamed
Kamara, "sesay m" finds Abu Sesay Mohamed. On `participants.name_key` alone that is a prefix
range for the first word, which its index answers in name order, but a `LIKE '% kam%'` for the
others, which no index answers: the search walked the whole name index in order until it had a
page, and a word that few or no men have after their first ("sesay m", "fatm", "p") walked all
of it (at four times national scale, 450,000 names: up to 2.8 million SQLite steps, ~60 ms a
keystroke). So each name is also kept here from each of its later words to its end ("abu sesay
mohamed" gives "sesay mohamed" and "mohamed"): the later-word matches are a prefix range on
`from_word`, read from its index, and the first-word matches stay a range on name_key.

Kept by the ORM events below in the same flush, so the same transaction, as the participant
they describe (a name edited rewrites its rows; a participant deleted takes them with him, by
the foreign key). Writers that go past the ORM (the demo builder, the participant import) call
`add_name_words` for the rows they insert. `mwp-desktop check` compares every participant's
rows with his name split afresh (`wrong_name_words`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter

from sqlalchemy import ForeignKey, Index, String, delete, event, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base
from .registry import Participant
from .stored_counts.orm_events import before_flush_value


class NameWord(Base):
    __tablename__ = "name_words"
    __table_args__ = (Index("ix_name_words_from_word", "from_word", "participant_id"),)

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    # The name key from one of its later words (after a space) to its end.
    from_word: Mapped[str] = mapped_column(String(250), primary_key=True)


_words = NameWord.__table__


def later_words(name_key: str) -> set[str]:
    """The name key from each of its later words on: what follows each of its spaces, exactly
    where `LIKE '% …%'` could start a match."""
    return {name_key[i + 1 :] for i, ch in enumerate(name_key) if ch == " "}


def _rows(names: Iterable[tuple[int, str]]) -> Iterator[dict]:
    for participant_id, name_key in names:
        for words in later_words(name_key):
            yield {"participant_id": participant_id, "from_word": words}


def add_name_words(connection: Connection, names: Iterable[tuple[int, str]]) -> None:
    """Write the rows of participants (id, name key) just inserted past the ORM."""
    rows = list(_rows(names))
    if rows:
        connection.execute(insert(_words), rows)


def wrong_name_words(connection: Connection) -> list[int]:
    """The ids of the participants whose rows here differ from their name split afresh, in
    order (and of rows whose participant is gone). Both are read in participant order and
    compared as they stream by: at four times national scale there are 900,000 rows."""
    people = connection.execute(
        select(Participant.id, Participant.name_key).order_by(Participant.id)
    )
    kept = groupby(
        connection.execute(
            select(_words.c.participant_id, _words.c.from_word).order_by(_words.c.participant_id)
        ),
        key=itemgetter(0),
    )
    wrong = []
    person, rows = next(people, None), next(kept, None)
    while person is not None or rows is not None:
        if rows is None or (person is not None and person.id < rows[0]):
            if later_words(person.name_key):  # a one-word name has none
                wrong.append(person.id)
            person = next(people, None)
        elif person is None or rows[0] < person.id:
            wrong.append(rows[0])
            rows = next(kept, None)
        else:
            if {words for _, words in rows[1]} != later_words(person.name_key):
                wrong.append(person.id)
            person, rows = next(people, None), next(kept, None)
    return wrong


@event.listens_for(Participant, "after_insert")
def _added(_mapper, connection: Connection, target: Participant) -> None:
    add_name_words(connection, [(target.id, target.name_key)])


@event.listens_for(Participant, "after_update")
def _renamed(_mapper, connection: Connection, target: Participant) -> None:
    if before_flush_value(target, "name_key") != target.name_key:
        connection.execute(delete(_words).where(_words.c.participant_id == target.id))
        add_name_words(connection, [(target.id, target.name_key)])
