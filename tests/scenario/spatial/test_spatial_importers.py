"""KTAB CSV/XML, Decide and actor-table readers, including their located errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from accord.errors import ScenarioError
from accord.scenario.spatial.loader import load_spatial
from accord.scenario.spatial.readers.actor_table import parse_actor_table
from accord.scenario.spatial.readers.decide import parse_decide
from accord.scenario.spatial.readers.ktab_csv import parse_ktab_csv
from accord.scenario.spatial.readers.ktab_xml import ktab_xml_parameters, parse_ktab_xml

DATA = Path(__file__).resolve().parents[2] / "data" / "forecast"


def test_ktab_csv_and_xml_agree() -> None:
    a = load_spatial(DATA / "dummyData_3Dim.csv")
    b = load_spatial(DATA / "dummyData_3Dim.xml")
    assert a.actors == b.actors and a.dimensions == b.dimensions == ("Pstn1", "Pstn2", "Pstn3")
    np.testing.assert_allclose(a.position, b.position)
    np.testing.assert_allclose(a.salience, b.salience)
    np.testing.assert_allclose(a.capability, b.capability)
    assert a.salience[0, 0] == pytest.approx(0.4953)


def test_ktab_csv_6dim_header_names() -> None:
    d = load_spatial(DATA / "dummyData_6Dim.csv")
    assert d.n_actors == 27 and d.dimensions[0] == "Dim0"


def test_ktab_csv_errors_are_located() -> None:
    with pytest.raises(ScenarioError) as exc:
        load_spatial(DATA / "bad-ktab.csv")
    text = str(exc.value)
    assert "bad-ktab.csv:3: saliences sum to 110; KTAB allows at most 100 per actor" in text
    assert "bad-ktab.csv:4: actor row needs 7 fields" in text


def test_ktab_csv_position_off_scale() -> None:
    text = "s,d,2,1\nActor,Description,Power,P,S\nA,x,1,50,10\nB,x,1,150,10\n"
    with pytest.raises(ScenarioError, match=r"<string>:4: P position 150 is off the scale"):
        parse_ktab_csv(text)


def test_ktab_csv_needs_two_actors() -> None:
    with pytest.raises(ScenarioError, match="needs at least 2 actors, found 1"):
        parse_ktab_csv("s,d,1,1\nActor,Description,Power,P,S\nA,x,1,50,10\n")


def test_ktab_xml_errors_are_located() -> None:
    text = (DATA / "dummyData_3Dim.xml").read_text(encoding="utf-8-sig")
    bad = text.replace("<dSal>49.53</dSal>", "<dSal></dSal>", 1).replace(
        "<dCoord>82.72</dCoord>", "<dCoord>182.72</dCoord>"
    )
    with pytest.raises(ScenarioError) as exc:
        parse_ktab_xml(bad, "d.xml")
    msg = str(exc.value)
    assert (
        "d.xml:22: Scenario.Actors.Actor[0].Salience.dSal[0]: empty <dSal> (missing salience)"
        in msg
    )
    assert (
        "d.xml:32: Scenario.Actors.Actor[1].Position.dCoord[0]: position 182.72 is off the scale"
        in msg
    )


def test_ktab_xml_refuses_entities() -> None:
    evil = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Scenario>&a;</Scenario>'
    with pytest.raises(ScenarioError, match="refused"):
        parse_ktab_xml(evil)


def test_ktab_xml_parameters() -> None:
    text = """<Scenario><name>s</name><desc>d</desc>
<ModelParameters><VictoryProbModel>Square</VictoryProbModel><VotingRule>Binary</VotingRule>
<PCEModel>Conditional</PCEModel><StateTransitions>Deterministic</StateTransitions>
<BigRRange>Max</BigRRange><BigRAdjust>Half</BigRAdjust><ThirdPartyCommit>FullCommit</ThirdPartyCommit>
<InterVecBrgn>S1P1</InterVecBrgn><BargnModel>PWCompInterp</BargnModel></ModelParameters>
<Actors><Actor><name>A</name></Actor><Actor><name>B</name></Actor></Actors>
<IdealAdjustment><iaPair><adjustingIdeal>A</adjustingIdeal><referencePos>B</referencePos><adjust>0.3</adjust></iaPair></IdealAdjustment>
</Scenario>"""
    p = ktab_xml_parameters(text)
    assert p["victory_prob"] == "square" and p["third_party_commit"] == "full"
    assert p["bargain_model"] == "pw_comp"
    assert p["accommodation"] == [[1.0, 0.3], [0.0, 1.0]]


def test_decide_sample() -> None:
    d = load_spatial(DATA / "decide-sample.txt")
    assert d.actors == ("Northern bloc", "Southern bloc", "Eastern bloc", "Commission")
    assert d.scale == ((0.0, 100.0), (0.0, 50.0))
    assert d.power.shape == (4, 2) and d.capability[1] == 0.8


def test_decide_errors() -> None:
    text = (DATA / "decide-sample.txt").read_text()
    bad = text.replace("#D\tsouth\tfund\t45\t0.9\t0.8", "#D\tsouth\tfund\t60\t0.9\t0.8").replace(
        "#D\teast\tfund\t20\t0.3\t0.6", "#D\teast\tfund\t20\t\t0.6"
    )
    with pytest.raises(ScenarioError) as exc:
        parse_decide(bad, "x.txt")
    msg = str(exc.value)
    assert "x.txt:18: position on fund 60 is off the scale; valid: 0..50" in msg
    assert "x.txt:19: #D needs actor, issue, position, salience, power" in msg


def test_actor_table_and_errors() -> None:
    d = load_spatial(DATA / "actors.csv")
    assert d.actors[2] == "South Korea" and d.salience[0, 0] == 0.9
    with pytest.raises(ScenarioError) as exc:
        parse_actor_table(
            "actor,capability,position (0-100),salience (0-1)\nA,1,50,1.5\nB,1,,0.5\n", "t.csv"
        )
    msg = str(exc.value)
    assert "t.csv:2: salience: actor 'A': salience 1.5 is off the scale; valid: 0..1" in msg
    assert "t.csv:3: position: actor 'B': missing position" in msg


def test_actor_table_long_format() -> None:
    text = (
        "actor,dimension,capability,position,salience\n"
        "A,x,1,10,0.5\nA,y,1,20,0.5\nB,x,2,30,0.5\nB,y,2,40,0.5\n"
    )
    d = parse_actor_table(text, scale=(0, 100))
    assert d.dimensions == ("x", "y")
    np.testing.assert_array_equal(d.position, [[10, 20], [30, 40]])


@pytest.mark.parametrize(
    ("ktab", "accord"),
    [
        ("Prop", "proportional"),
        ("PropBin", "prop_bin"),
        ("ASymProsp", "asym_prosp"),
        ("ConditionalPCM", "conditional"),
        ("MarkovIPCM", "markov_incentive"),
        ("MarkovUPCM", "markov_uniform"),
        ("DeterministicSTM", "deterministic"),
        ("OneThirdRA", "one_third"),
        ("NoRA", "none"),
        ("SemiCommit", "semi"),
        ("NoCommit", "no"),
        ("S2PMax", "s2pmax"),
        ("PWCompInterp", "pw_comp"),
        ("Octic", "octic"),
    ],
)
def test_ktab_value_names_build_the_smp(ktab: str, accord: str) -> None:
    from accord.forecast.smp import SMPModel
    from accord.scenario.spatial.readers.ktab_xml import ktab_value_name

    assert ktab_value_name(ktab) == accord
    switch = {
        "proportional": "voting_rule",
        "prop_bin": "voting_rule",
        "asym_prosp": "voting_rule",
        "conditional": "pce",
        "markov_incentive": "pce",
        "markov_uniform": "pce",
        "deterministic": "state_transition",
        "one_third": "big_r_adjust",
        "none": "big_r_adjust",
        "semi": "third_party_commit",
        "no": "third_party_commit",
        "s2pmax": "inter_vec_bargain",
        "pw_comp": "bargain_model",
        "octic": "victory_prob",
    }[accord]
    SMPModel(**{switch: accord})  # type: ignore[arg-type]
