"""Precision and recall of the kindness check over the sentence lists in tests/data.

A hurtful sentence that is flagged is a true positive, one that is missed a false negative; a kind
sentence that is flagged is a false positive. Both lists were written alongside the rules, so these
figures are best read as a regression check rather than a measure of unseen wording.

Run from the repository root: ``python bench/kindness_precision.py`` (``-v`` lists every miss).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cardshop.words.kindness import check  # noqa: E402

DATA = ROOT / "tests" / "data"


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def main(argv: list[str]) -> int:
    """Print the counts and figures; list the misclassified sentences with ``-v``."""
    verbose = "-v" in argv
    hurtful = _lines("hurtful_phrases.txt")
    kind = _lines("kind_messages.txt")
    missed = [s for s in hurtful if not check(s)]
    wrongly = [(s, check(s)) for s in kind]
    wrongly = [(s, flags) for s, flags in wrongly if flags]
    tp = len(hurtful) - len(missed)
    fn = len(missed)
    fp = len(wrongly)
    tn = len(kind) - fp
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(f"hurtful sentences: {len(hurtful)}  kind sentences: {len(kind)}")
    print(f"TP={tp}  FP={fp}  FN={fn}  TN={tn}")
    print(f"precision={precision:.3f}  recall={recall:.3f}")
    if verbose:
        for sentence in missed:
            print(f"  missed: {sentence}")
        for sentence, flags in wrongly:
            print(f"  wrongly flagged: {sentence}  [{', '.join(f.rule_id for f in flags)}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
