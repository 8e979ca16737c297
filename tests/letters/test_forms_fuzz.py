"""Every letters form, fuzzed: any input gives a valid form or Dutch errors, never an exception."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from gir.models import Signatory
from incidents.models import Aggressor
from letters.constants import Copy, DispatchMethod, LetterKind
from letters.forms import CopiesForm, DispatchForm, FinaliseForm, LetterCreateForm, LetterEditForm, field_name
from letters.merge_fields import KIND_DETAILS

TEXT = st.text(max_size=400)
VALUE = st.one_of(
    TEXT,
    st.dates().map(str),
    st.times().map(lambda t: t.strftime("%H:%M")),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
    st.integers().map(str),
)


class LetterFormsFuzz(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.signatory = Signatory.objects.create(
            name="M. van den Berg", function="Burgemeester", is_mayor=True
        )
        cls.aggressor = Aggressor.objects.create(last_name="Kramer")

    @settings(max_examples=60, deadline=None)
    @given(
        kind=st.sampled_from(LetterKind.values),
        data=st.dictionaries(
            st.sampled_from(sorted({field_name(p) for ps in KIND_DETAILS.values() for p in ps})), VALUE
        ),
        victim=st.booleans(),
    )
    def test_create_form(self, kind, data, victim):
        post = {"aggressor": str(self.aggressor.pk), "signatory": str(self.signatory.pk), **data}
        if victim:
            post["include_victim"] = "on"
        form = LetterCreateForm(post, kind=kind, aggressors=Aggressor.objects.all())
        if form.is_valid():
            details = form.details()
            assert set(details) == set(KIND_DETAILS[kind])
        else:
            assert form.errors

    @settings(max_examples=60, deadline=None)
    @given(subject=TEXT, body=TEXT, version=st.one_of(st.integers().map(str), TEXT))
    def test_edit_form(self, subject, body, version):
        form = LetterEditForm(
            {"subject": subject, "body_html": body, "signatory": str(self.signatory.pk), "version": version}
        )
        if form.is_valid():
            assert "<script" not in form.cleaned_data["body_html"]
            assert "{{" not in form.cleaned_data["subject"]
        else:
            assert form.errors

    @settings(max_examples=60, deadline=None)
    @given(
        method=st.one_of(st.sampled_from(DispatchMethod.values), TEXT),
        at=st.one_of(
            st.datetimes(min_value=dt.datetime(1900, 1, 1)).map(lambda d: d.strftime("%Y-%m-%dT%H:%M")), TEXT
        ),
        tracking=TEXT,
        email=TEXT,
        note=TEXT,
    )
    def test_dispatch_form(self, method, at, tracking, email, note):
        form = DispatchForm(
            {"method": method, "dispatched_at": at, "tracking_number": tracking, "email": email, "note": note}
        )
        if form.is_valid():
            if form.cleaned_data["method"] == DispatchMethod.REGISTERED:
                assert form.cleaned_data["tracking_number"].strip()
        else:
            assert form.errors

    @settings(max_examples=40, deadline=None)
    @given(
        copies=st.lists(st.one_of(st.sampled_from(Copy.values), TEXT), max_size=7),
        confirm=st.sampled_from(["", "on", "x"]),
    )
    def test_copies_and_finalise_forms(self, copies, confirm):
        for form in (CopiesForm({"copies": copies}), FinaliseForm({"copies": copies, "confirm": confirm})):
            if form.is_valid():
                assert set(form.cleaned_data["copies"]) <= set(Copy.values)
            else:
                assert form.errors
