"""The shared words of the catalogue: sender fields and the categories designs and messages are tagged with.

Designs, the message library, the gallery filters and the form all take their names from here,
so a slug means the same thing everywhere.
"""

from __future__ import annotations

# Fields a sender can fill, in the order the form shows them.
FIELDS: tuple[str, ...] = ("recipient", "baby_name", "date", "message", "signoff", "sender")
REQUIRED_FIELDS: frozenset[str] = frozenset({"message"})

FIELD_LABELS: dict[str, str] = {
    "recipient": "Who the card is for",
    "baby_name": "Baby's name",
    "date": "A date to remember",
    "message": "Your message",
    "signoff": "Sign-off",
    "sender": "From",
}

# The most characters the form accepts for each field. Every design must fit text this long at its
# slots' minimum sizes; `designs check` verifies that.
FIELD_MAX_LENGTHS: dict[str, int] = {
    "recipient": 60,
    "baby_name": 40,
    "date": 40,
    "message": 450,
    "signoff": 40,
    "sender": 60,
}

# Category slug -> label shown to senders. Order is the order filters show them.
LOSS: dict[str, str] = {
    "early-miscarriage": "Early miscarriage",
    "miscarriage": "Miscarriage",
    "ectopic-or-molar": "Ectopic or molar pregnancy",
    "stillbirth": "Stillbirth",
    "neonatal-death": "Neonatal death",
    "tfmr": "Termination for medical reasons",
    "recurrent-loss": "Recurrent loss",
}
RECIPIENT: dict[str, str] = {
    "both-parents": "Both parents",
    "mother": "A mother",
    "father-or-partner": "A father or partner",
    "same-sex-parents": "Same-sex parents",
    "grandparents": "Grandparents",
    "own-news": "Sharing news of your own loss",
}
OCCASION: dict[str, str] = {
    "just-heard": "Just heard",
    "due-date-or-anniversary": "Due date or anniversary",
    "remembrance-day": "15 October remembrance",
    "mothers-or-fathers-day": "Mother's or Father's Day",
    "winter-holidays": "Winter holidays",
    "pregnancy-after-loss": "Pregnancy after loss",
}
TONE: dict[str, str] = {
    "quiet": "Quiet and simple",
    "botanical": "Botanical",
    "celestial": "Celestial",
    "faith": "Faith-based",
    "typographic": "Message-led",
}

CATEGORY_VOCABULARY: dict[str, dict[str, str]] = {
    "loss": LOSS,
    "recipient": RECIPIENT,
    "occasion": OCCASION,
    "tone": TONE,
}
