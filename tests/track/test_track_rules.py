"""The rules every event must keep (one clear error each), and the fold of accepted events."""

from __future__ import annotations

import pytest

from accord.errors import InputError
from accord.track.state import apply_event

from .conftest import HANOI_STARTS, hanoi_plan
from .ledgers import Book, confirm


@pytest.fixture
def book() -> Book:
    return Book(hanoi_plan())


def test_the_plan_is_the_one_accord_phase_finds() -> None:
    from accord.api import plan_phasing

    assert dict(plan_phasing("hanoi-2019", explain=False).starts) == HANOI_STARTS


@pytest.mark.parametrize(
    ("kind", "by", "data", "match"),
    [
        ("started", "us", {"action": "nope"}, "unknown action 'nope'; the plan's actions are"),
        ("started", "kim", {"action": "carve_outs"}, "unknown author 'kim'"),
        ("completed", "dprk", {"action": "declaration"}, "it has not started"),
        (
            "verification",
            "iaea",
            {"action": "declaration", "result": "confirmed", "confidence": 1, "evidence": "x"},
            "it has not started",
        ),
        ("violation", "us", {"action": "declaration", "evidence": "x"}, "it has not started"),
        ("review", "us", {"closes": 2}, "the current phase is 1"),
        ("started", "us", {"action": "carve_outs", "evidence": "x"}, "no field 'evidence'"),
        ("opened", "us", {}, "opened once"),
        ("launch", "us", {}, "unknown event kind"),
        ("note", "us", {"text": " "}, "text is required"),
    ],
)
def test_bad_events_are_refused_with_one_clear_error(
    book: Book, kind: str, by: str, data: dict[str, object], match: str
) -> None:
    with pytest.raises(InputError, match=match):
        book.add(kind, by, **data)
    assert book.state.seq == 0


def test_only_a_verifier_the_plan_names_can_verify(book: Book) -> None:
    book.add("started", "dprk", action="yongbyon_freeze")
    book.add("completed", "dprk", action="yongbyon_freeze")
    with pytest.raises(
        InputError, match=r"'us' is not a verifier .* the plan names iaea \(the IAEA\)"
    ):
        confirm(book, "yongbyon_freeze", "us")
    with pytest.raises(InputError, match="is not a verifier"):
        confirm(book, "yongbyon_freeze", "us_experts")
    confirm(book, "yongbyon_freeze", "iaea")
    assert book.state.records["yongbyon_freeze"].state == "verified"


def test_verification_needs_a_completed_step_and_valid_fields(book: Book) -> None:
    book.add("started", "dprk", action="yongbyon_freeze")
    with pytest.raises(InputError, match="not completed yet"):
        confirm(book, "yongbyon_freeze", "iaea")
    book.add("completed", "dprk", action="yongbyon_freeze")
    for fields, match in [
        ({"result": "maybe", "confidence": 1, "evidence": "x"}, "result must be one of"),
        ({"result": "confirmed", "confidence": 1.5, "evidence": "x"}, "confidence must be"),
        ({"result": "confirmed", "confidence": True, "evidence": "x"}, "confidence must be"),
        ({"result": "confirmed", "confidence": 1}, "evidence is required"),
    ]:
        with pytest.raises(InputError, match=match):
            book.add("verification", "iaea", action="yongbyon_freeze", **fields)


def test_a_failed_verification_leaves_the_step_unverified_until_one_confirms(book: Book) -> None:
    book.add("started", "dprk", action="yongbyon_freeze")
    book.add("completed", "dprk", action="yongbyon_freeze")
    book.add(
        "verification",
        "iaea",
        action="yongbyon_freeze",
        result="not_confirmed",
        confidence=0.6,
        evidence="seals broken",
    )
    rec = book.state.records["yongbyon_freeze"]
    assert rec.state == "done_unverified" and rec.verified is None
    assert [r.confirmed for r in rec.reports] == [False]
    book.add("review", "us", closes=1)
    confirm(book, "yongbyon_freeze", "iaea")
    rec = book.state.records["yongbyon_freeze"]
    assert (rec.state, rec.started, rec.completed, rec.verified) == ("verified", 1, 1, 2)


def test_a_violated_step_can_resume_but_not_complete_before_it(book: Book) -> None:
    book.add("started", "dprk", action="test_moratorium")
    book.add("violation", "us_ntm", action="test_moratorium", evidence="seismic event")
    rec = book.state.records["test_moratorium"]
    assert rec.state == "violated" and rec.breaches[0].evidence == "seismic event"
    with pytest.raises(InputError, match="already recorded as violated"):
        book.add("violation", "us", action="test_moratorium", evidence="again")
    with pytest.raises(InputError, match="was violated in phase 1"):
        book.add("completed", "dprk", action="test_moratorium")
    book.add("started", "dprk", action="test_moratorium")
    assert book.state.records["test_moratorium"].state == "in_progress"
    with pytest.raises(InputError, match="already started"):
        book.add("started", "dprk", action="test_moratorium")


def test_a_start_out_of_the_plans_order_is_recorded(book: Book) -> None:
    book.add("started", "dprk", action="yongbyon_dismantle")
    assert book.state.records["yongbyon_dismantle"].out_of_order == (
        ("prerequisite", "yongbyon_freeze"),
    )
    book.add("started", "us", action="us_statutory_suspension")
    assert book.state.records["us_statutory_suspension"].out_of_order == (("gate", "congress"),)


def test_reviews_count_the_phases(book: Book) -> None:
    book.add("review", "us", closes=1)
    book.add("review", "dprk", closes=2)
    rec = book.add("note", "iaea", text="inspectors back in Yongbyon")
    assert book.state.phase == 3 and rec.event.phase == 3
    assert book.state.notes == ("inspectors back in Yongbyon",)


def test_events_must_follow_one_another(book: Book) -> None:
    rec = book.add("note", "us", text="a")
    with pytest.raises(InputError, match="does not follow"):
        apply_event(book.state, rec.event, rec.hash)
