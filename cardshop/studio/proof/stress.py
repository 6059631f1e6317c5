"""Texts that test a design's slots from the smallest to the largest a sender may write.

Each set fills every field. The words are the kind a sender would write (gentle, ordinary) so a
proof sheet can be shown to anyone; the right-to-left and Chinese sets say the same as the typical
set: that the sender is sorry, thinking of them, and there for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from cardshop.studio.samples import TYPICAL, longest


@dataclass(frozen=True)
class StressSet:
    slug: str
    title: str
    why: str
    values: dict[str, str]


def stress_sets() -> list[StressSet]:
    return [
        StressSet(
            "shortest",
            "Shortest",
            "One or two words in each field: the text stays at its preferred size.",
            {
                "recipient": "Sam",
                "baby_name": "Ivy",
                "date": "May",
                "message": "Love.",
                "signoff": "x",
                "sender": "Jo",
            },
        ),
        StressSet("typical", "Typical", "What most senders write.", dict(TYPICAL)),
        StressSet(
            "longest",
            "Longest allowed",
            "Every field as long as the form accepts: the text shrinks towards each slot's min_size.",
            longest(),
        ),
        StressSet(
            "long-names",
            "Long names",
            "Double-barrelled and very long names, and one long word that must be broken.",
            {
                "recipient": "Dear Maximiliane-Josephine and Bartholomew Featherstonehaugh",
                "baby_name": "Evangeline Rosalind Montgomery-Fairfax",
                "date": "Wednesday 30 September 2026",
                "message": (
                    "Thinking of you, Maximiliane-Josephine and Bartholomew, and of little Evangeline. "
                    "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch sends its love too."
                ),
                "signoff": "With all our love, always and always",
                "sender": "Anastasia Konstantinopoulou-Wolfeschlegelstein",
            },
        ),
        StressSet(
            "hebrew",
            "Right-to-left: Hebrew",
            "Hebrew, written right to left, with a date in digits.",
            {
                "recipient": "לנועה ולדניאל היקרים",
                "baby_name": "אור",
                "date": "15.3.2026",
                "message": "אני כל כך מצטערת על האובדן שלכם. אני חושבת עליכם כל יום, ואני כאן בשבילכם.",
                "signoff": "באהבה",
                "sender": "מיכל",
            },
        ),
        StressSet(
            "arabic",
            "Right-to-left: Arabic",
            "Arabic, whose letters join and change shape, written right to left.",
            {
                "recipient": "إلى سارة وعمر",
                "baby_name": "نور",
                "date": "15 مارس 2026",
                "message": "أنا آسفة جداً على خسارتكما. أفكر فيكما كل يوم، وأنا هنا متى احتجتما إليّ.",
                "signoff": "مع حبي",
                "sender": "ليلى",
            },
        ),
        StressSet(
            "chinese",
            "Chinese",
            "Chinese, with no spaces between words: lines break between characters.",
            {
                "recipient": "亲爱的小林和阿明",
                "baby_name": "安安",
                "date": "2026年3月15日",
                "message": "听到这个消息，我非常难过。我一直在想着你们。无论需要什么，我都在你们身边。",
                "signoff": "爱你们的",
                "sender": "王芳",
            },
        ),
    ]
