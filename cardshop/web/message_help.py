"""Help with the message on the personalise page: suggested words that fit the design, and gentle notes.

Suggestions come from the message library (`catalog.messages`), narrowed to the design's kinds of loss,
occasions and recipients, and to who the card is for when the sender says. Messages in the design's
tone come first. Faith-based words are offered only when the sender asks or the design is itself
faith-based, and are always labelled. Nothing here keeps state: every choice arrives with the form.

The kindness notes are `catalog.kindness.check` grouped by rule, so a phrase repeated twice gives one
note. The same rules run in the browser (message_help.js) as the sender types; it fetches them from
/kindness-rules.json (pages.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from cardshop.design.models import Design
from cardshop.design.vocabulary import LOSS, RECIPIENT
from cardshop.words.kindness import check
from cardshop.words.messages import MAX_SUGGESTED_NAME_LENGTH, Message, load_messages, suggest

SUGGESTION_LIMIT = 8
FAITH_TONE = "faith"

# "Who is it for?": no choice is made for the sender (no gendered default).
WHO_CHOICES: tuple[tuple[str, str], ...] = (("", "Anyone"), *RECIPIENT.items())
WHO_PHRASES = {
    "both-parents": "both parents",
    "mother": "a mother",
    "father-or-partner": "a father or partner",
    "same-sex-parents": "same-sex parents",
    "own-news": "sharing your own news",
}

LOSS_PHRASES = {
    "early-miscarriage": "an early miscarriage",
    "miscarriage": "a miscarriage",
    "ectopic-or-molar": "an ectopic or molar pregnancy",
    "stillbirth": "a stillbirth",
    "neonatal-death": "the death of a newborn baby",
    "tfmr": "a termination for medical reasons",
    "recurrent-loss": "more than one loss",
}


@dataclass(frozen=True)
class HelpChoices:
    """What the sender chose in the suggestions panel, read from the posted form."""

    who: str | None = None
    include_faith: bool = False
    baby_name: str = ""
    loss: str | None = None  # the kind of loss chosen in the gallery, carried with the form

    @classmethod
    def from_form(cls, data, baby_name: str | None) -> HelpChoices:
        """From the posted form, or from the gallery's choices in the address (`loss`, `recipient`)."""
        who = data.get("who") or data.get("recipient") or None
        if who not in RECIPIENT:
            who = None  # only a hand-made request sends another value; show every suggestion
        loss = data.get("loss") or None
        if loss not in LOSS:
            loss = None
        name = " ".join((baby_name or "").split())
        if len(name) > MAX_SUGGESTED_NAME_LENGTH:
            name = ""  # longer than any design allows: the field says so; suggestions leave the name out
        return cls(who=who, include_faith=data.get("include_faith") == "y", baby_name=name, loss=loss)


def is_faith_design(design: Design) -> bool:
    return FAITH_TONE in design.categories.tone


def _fits_loss(message: Message, design: Design, loss: str | None) -> bool:
    """Never a message about another kind of loss: with the loss known, a message for it or for any
    loss; without, a message for any loss, or for the design's only kind of loss."""
    if "any" in message.loss:
        return True
    if loss is not None:
        return loss in message.loss and loss in design.categories.loss
    return len(design.categories.loss) == 1 and design.categories.loss[0] in message.loss


def _fits_design(message: Message, design: Design, loss: str | None = None) -> bool:
    categories = design.categories
    return (
        _fits_loss(message, design, loss)
        and any(message.matches("occasion", slug) for slug in categories.occasion)
        and any(message.matches("recipient", slug) for slug in categories.recipient)
    )


def suggestions_for(design: Design, choices: HelpChoices, limit: int | None = SUGGESTION_LIMIT) -> list[Message]:
    """Library messages that fit the design and the sender's choices, best first.

    Order: written for the chosen recipient themselves (rather than for anyone), then faith-based
    words when the sender asked for them or the design is faith-based (else they would sit below a
    long secular list), then messages saying the baby's name when there is one (parents long to hear
    it), then in the design's tone, then the library's own order."""
    wants_faith = choices.include_faith or is_faith_design(design)
    found = suggest(
        recipient=choices.who,
        include_faith=wants_faith,
        baby_name=choices.baby_name or None,
    )
    tones = set(design.categories.tone)
    fitting = [message for message in found if _fits_design(message, design, choices.loss)]
    ranked = sorted(
        enumerate(fitting),
        key=lambda pair: (
            bool(choices.who) and choices.who not in pair[1].recipient,
            wants_faith and not pair[1].faith,
            bool(choices.baby_name) and not pair[1].uses_baby_name,
            not tones & set(pair[1].tone),
            pair[0],
        ),
    )
    results = [message for _, message in ranked]
    return results if limit is None else results[:limit]


def find_suggestion(message_id: str, choices: HelpChoices) -> Message | None:
    """The library message with this id, its name filled in; None if unknown (or it needs a name
    that was not given)."""
    for message in load_messages():
        if message.id == message_id:
            if not message.uses_baby_name:
                return message
            return message.with_baby_name(choices.baby_name) if choices.baby_name else None
    return None


def insert_suggestion(current: str, text: str, choices: HelpChoices) -> str:
    """The message after choosing a suggestion: it replaces a message that is empty or still exactly
    one of our suggestions (the sender is trying them out); otherwise it goes below the sender's own
    words, so nothing they wrote is lost."""
    current = current.strip()
    if not current or current in _library_texts(choices):
        return text
    return f"{current}\n\n{text}"


def _library_texts(choices: HelpChoices) -> set[str]:
    texts = set()
    for message in load_messages():
        if message.uses_baby_name:
            if choices.baby_name:
                texts.add(message.with_baby_name(choices.baby_name).text)
        else:
            texts.add(message.text)
    return texts


def suggestions_status(design: Design, choices: HelpChoices, count: int) -> str:
    """One line saying what the list shows (read out politely when it changes)."""
    if count == 0:
        return "We have no suggested words on this card for that choice. Try another, or write your own."
    whom = f" for {WHO_PHRASES[choices.who]}" if choices.who else ""
    if choices.loss:
        whom += f" after {LOSS_PHRASES[choices.loss]}"
    faith = ""
    if is_faith_design(design):
        faith = " Faith-based words are included, as this card is faith-based, and are labelled."
    elif choices.include_faith:
        faith = " Faith-based words are included and labelled."
    words = "suggestion" if count == 1 else "suggestions"
    return f"{count} {words}{whom} that suit this card.{faith}"


def suggestion_items(design: Design, choices: HelpChoices) -> list[dict]:
    return [{"id": m.id, "text": m.text, "faith": m.faith} for m in suggestions_for(design, choices)]


@dataclass(frozen=True)
class KindNote:
    """One gentle note: the words as written, why they can hurt, and something kinder to say."""

    rule_id: str
    quoted: str
    why: str
    instead: str


def kindness_notes(text: str | None) -> list[KindNote]:
    """One note per rule that fires, quoting where it first fires, in the order they appear. Words
    already quoted by an earlier note get no second note ("at least you can try again" is one thought,
    not two), so the sender reads one gentle suggestion per phrase."""
    notes: dict[str, KindNote] = {}
    quoted: list[tuple[int, int]] = []
    for flag in check(text or ""):
        if flag.rule_id in notes or any(flag.start < end and start < flag.end for start, end in quoted):
            continue
        quoted.append((flag.start, flag.end))
        notes[flag.rule_id] = KindNote(flag.rule_id, " ".join(flag.matched_text.split()), flag.why, flag.instead)
    return list(notes.values())


def help_context(design: Design, choices: HelpChoices, message: str | None, opened: bool) -> dict:
    """Everything partials/message_help.html shows."""
    items = suggestion_items(design, choices)
    return {
        "choices": choices,
        "who_choices": WHO_CHOICES,
        "faith_design": is_faith_design(design),
        "suggestions": items,
        "status": suggestions_status(design, choices, len(items)),
        "notes": kindness_notes(message),
        "opened": opened,
    }
