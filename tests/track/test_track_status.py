"""Status facts and the verdict in plain words, on the Hanoi plan (numbers checked by hand)."""

from __future__ import annotations

import pytest

from accord.phasing import check
from accord.report.track import status_sentences, status_to_dict
from accord.track.replan import replan
from accord.track.status import Wait, ledger_status

from .conftest import hanoi_plan
from .ledgers import Book, confirm, hanoi_to_phase_three


@pytest.fixture
def book() -> Book:
    b = Book(hanoi_plan())
    hanoi_to_phase_three(b)
    return b


def test_a_fresh_ledger_is_on_plan_and_phase_one_can_start() -> None:
    st = ledger_status(Book(hanoi_plan()).state)
    assert st.phase == 1 and st.next is not None and st.next.phase == 1
    assert st.next.can_start
    assert all(c.state == "pending" and c.overdue is None for c in st.commitments)
    words = status_sentences(st)
    assert words[0].endswith("phase 1 of 8: on plan.")
    assert words[1].startswith("Phase 1 can start: nothing stands in the way of")


def test_after_a_failed_verification_phase_three_waits(book: Book) -> None:
    st = ledger_status(book.state)
    assert st.phase == 3
    states = {c.action: c.state for c in st.commitments}
    assert states["yongbyon_freeze"] == "done_unverified"
    assert states["inspector_access"] == "verified"
    assert states["declaration"] == "done_unverified"
    # exposures by hand: US gave 0.3*4 + 0.2*2 + 0.7*6 = 5.8 and verifiably received
    # inspector access 0.3*10 = 3; cap 6 + 4 per verified DPRK step. DPRK gave
    # 0.2*5 + 0.3*8 + 0.7*10 = 10.4 and received 0.3*8 + 0.2*5 + 0.7*10 = 10.4; cap 30 + 3*3.
    expo = {e.party: (round(e.exposure, 6), e.cap) for e in st.exposures}
    assert expo == {"us": (2.8, 10.0), "dprk": (0.0, 39.0)}
    assert st.next is not None and st.next.phase == 3
    assert st.next.steps == ("yongbyon_dismantle", "sector_relief")
    assert st.next.waits == (
        Wait("prerequisite", "yongbyon_freeze", ("yongbyon_dismantle",)),
        # relief tranche 1 would add its cost less what its snapback recovers:
        # 15 - (0.5 * 15 - 2) = 9.5 (reversibility 0.5, reimposition cost 2)
        Wait("exposure", "us", ("sector_relief",), pytest.approx(12.3), 10.0),
    )
    late = {c.action: c.overdue for c in st.commitments if c.overdue}
    assert list(late) == ["yongbyon_freeze"]
    assert (late["yongbyon_freeze"].what, late["yongbyon_freeze"].due) == ("verification", 2)


def test_the_verdict_in_plain_words(book: Book) -> None:
    words = status_sentences(ledger_status(book.state))
    assert words[0].endswith("phase 3 of 8: behind plan.")
    assert words[1] == (
        "Phase 3 cannot start: the IAEA has not verified 'Yongbyon shutdown and IAEA return' "
        "(the IAEA reported in phase 2 that it could not confirm it) (needed before "
        "'Yongbyon's dismantlement'); United States' exposure would be 12.3 against its cap of "
        "10 if 'relief tranche 1 (textiles, seafood)' started; United States' exposure 2.8 of "
        "cap 10; DPRK's exposure 0 of cap 39."
    )
    assert words[2] == (
        "'Yongbyon shutdown and IAEA return' (DPRK) is 1 phase late: the IAEA was due to verify "
        "it by the end of phase 2, and the last report did not confirm it."
    )


def test_verification_unlocks_the_phase(book: Book) -> None:
    confirm(book, "yongbyon_freeze", "iaea")
    st = ledger_status(book.state)
    assert st.next is not None and st.next.can_start
    assert status_sentences(st)[0].endswith("phase 3 of 8: on plan.")  # nothing is late now
    assert st.commitment("yongbyon_freeze").record.verified == 3


def test_violations_and_gates_are_reported(book: Book) -> None:
    book.add("violation", "iaea", action="inspector_access", evidence="inspectors expelled")
    book.add("started", "us", action="us_statutory_suspension")
    st = ledger_status(book.state)
    words = status_sentences(st)
    assert "a commitment is violated" in words[0]
    assert "DPRK violated 'inspector access': recorded in phase 3 by the IAEA" in " ".join(words)
    assert (
        "'US statutory suspension' started before US Congress had the verified credit it "
        "requires, out of the plan's order." in words
    )
    d = status_to_dict(st)
    assert d["verdict"] == words
    row = next(c for c in d["commitments"] if c["action"] == "inspector_access")
    assert row["state"] == "violated" and row["violations"][0]["by"] == "iaea"


def test_replan_after_the_failed_verification(book: Book) -> None:
    rp = replan(book.state)
    res = rp.result
    assert res.status == "optimal" and rp.first_phase == 3 and rp.horizon == 8
    assert rp.previous_t_end == 5 and res.t_end == 6
    assert dict(rp.fixed) == {
        "yongbyon_freeze": 1,
        "declaration": 2,
        "inspector_access": 1,
        "carve_outs": 1,
        "liaison_offices": 1,
        "end_of_war": 1,
    }
    # what is under way keeps its history; the rest starts from phase 3 and breaks no rule
    assert all(res.starts[a] == s for a, s in rp.fixed.items())
    assert all(s >= 3 for a, s in res.starts.items() if a not in rp.fixed)
    assert check.check_plan(res.spec, res.starts, fixed=rp.fixed, first_phase=3) == []
    # the shutdown is verified at the end of phase 3 at the earliest, so what waits moves
    assert res.spec.action("yongbyon_freeze").lag == 2
    assert res.starts["yongbyon_dismantle"] == 4 and res.starts["sector_relief"] == 4
    # recording it makes the status follow the new plan
    book.add("replanned", "us", starts=dict(res.starts), horizon=rp.horizon, t_end=res.t_end)
    st = ledger_status(book.state)
    assert st.replans == 1 and st.next is not None and st.next.phase == 4


def test_a_violated_step_is_taken_again_from_the_current_phase(book: Book) -> None:
    book.add("violation", "iaea", action="inspector_access", evidence="inspectors expelled")
    rp = replan(book.state)
    assert "inspector_access" not in rp.fixed
    assert rp.result.feasible
    s = rp.result.starts.get("inspector_access")
    assert s is None or s >= 3


def test_a_recorded_replan_must_keep_the_history(book: Book) -> None:
    from accord.errors import InputError

    starts = dict(book.state.planned)
    with pytest.raises(InputError, match="a re-plan keeps that"):
        book.add("replanned", "us", starts={**starts, "declaration": 3}, horizon=8, t_end=5)
    # the ledger records the declaration started in phase 2 (the plan had phase 1)
    kept = {**starts, "declaration": 2}
    with pytest.raises(InputError, match="the current phase is 3"):
        book.add("replanned", "us", starts={**kept, "sector_relief": 2}, horizon=8, t_end=5)
