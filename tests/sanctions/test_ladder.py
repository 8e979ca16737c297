"""The escalation ladder is a pure function: no database."""

from incidents.constants import AggressionForm as F
from sanctions.constants import MeasureType as T
from sanctions.ladder import propose


def test_a_first_incident_gets_a_warning():
    assert propose(earlier=[], forms=[F.INSULT]).types == (T.WRITTEN_WARNING,)


def test_after_a_verbal_or_written_warning_comes_an_ordegesprek():
    assert propose(earlier=[T.VERBAL_WARNING], forms=[F.INSULT]).types == (T.ORDEGESPREK,)
    assert propose(earlier=[T.WRITTEN_WARNING], forms=[F.SHOUTING]).types == (T.ORDEGESPREK,)


def test_after_an_ordegesprek_contact_goes_on_conditions():
    earlier = [T.WRITTEN_WARNING, T.ORDEGESPREK]
    assert propose(earlier=earlier, forms=[F.INSULT]).types == (T.CONTACT_CONDITIONS,)


def test_after_contact_on_conditions_comes_a_ban():
    earlier = [T.WRITTEN_WARNING, T.ORDEGESPREK, T.CONTACT_CONDITIONS]
    assert propose(earlier=earlier, forms=[F.INSULT]).types == (T.BAN,)


def test_after_a_ban_comes_a_new_ban_and_aangifte():
    assert propose(earlier=[T.BAN], forms=[F.INSULT]).types == (T.BAN, T.AANGIFTE)


def test_the_highest_rung_counts_not_the_latest():
    assert propose(earlier=[T.ORDEGESPREK, T.VERBAL_WARNING], forms=[F.INSULT]).types == (
        T.CONTACT_CONDITIONS,
    )


def test_police_and_damage_measures_are_not_rungs():
    earlier = [T.POLICE_NOTICE, T.DAMAGE_CLAIM, T.OTHER]
    assert propose(earlier=earlier, forms=[F.INSULT]).types == (T.WRITTEN_WARNING,)


def test_serious_forms_go_to_a_ban_and_aangifte_at_once():
    for form in (F.PHYSICAL, F.WEAPON, F.HOSTAGE):
        assert propose(earlier=[], forms=[F.INSULT, form]).types == (T.BAN, T.AANGIFTE)


def test_a_breach_of_an_active_ban_leads_to_aangifte():
    proposal = propose(earlier=[T.BAN], forms=[F.REFUSE_LEAVE], active_ban=True, breach=True)
    assert proposal.types == (T.AANGIFTE,)
    assert "aangifte" in proposal.reason


def test_a_breach_without_an_active_ban_follows_the_ladder():
    assert propose(earlier=[T.BAN], forms=[F.INSULT], active_ban=False, breach=True).types == (
        T.BAN,
        T.AANGIFTE,
    )


def test_threats_add_a_police_notice_and_damage_adds_a_claim():
    proposal = propose(earlier=[], forms=[F.THREAT], damage=True)
    assert proposal.types == (T.WRITTEN_WARNING, T.POLICE_NOTICE, T.DAMAGE_CLAIM)


def test_no_police_notice_next_to_an_aangifte():
    assert T.POLICE_NOTICE not in propose(earlier=[], forms=[F.WEAPON, F.THREAT]).types


def test_labels_are_dutch():
    assert propose(earlier=[], forms=[]).labels == ["Schriftelijke waarschuwing"]


def test_it_never_climbs_within_one_incident():
    """A warning for this incident does not lead to an ordegesprek for the same event."""
    proposal = propose(earlier=[], taken=[T.WRITTEN_WARNING], forms=[F.INSULT])
    assert proposal.types == ()
    assert "al besloten" in proposal.reason


def test_it_never_proposes_a_police_melding_after_an_aangifte_for_this_incident():
    assert propose(earlier=[], taken=[T.AANGIFTE], forms=[F.THREAT]).types == (T.WRITTEN_WARNING,)
    assert T.POLICE_NOTICE not in propose(earlier=[], taken=[T.POLICE_NOTICE], forms=[F.STALKING]).types


def test_measures_of_earlier_incidents_count_and_earlier_incidents_are_named():
    assert propose(earlier=[T.WRITTEN_WARNING], taken=[], forms=[F.INSULT]).types == (T.ORDEGESPREK,)
    reason = propose(earlier=[], earlier_incidents=2, forms=[F.INSULT]).reason
    assert "2 eerder" in reason


def test_an_aangifte_already_made_is_not_proposed_again_after_a_serious_form():
    assert propose(earlier=[], taken=[T.AANGIFTE], forms=[F.PHYSICAL]).types == (T.BAN,)
