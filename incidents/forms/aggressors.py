"""Aggressors as persons: create, complete, search."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gir.dateinput import DutchDateField
from gir.uploads import validate_image_upload
from incidents.models import Aggressor


class AggressorForm(forms.ModelForm):
    use_required_attribute = False  # no red fields before typing; aria-required stays

    confirm_new = forms.BooleanField(required=False, widget=forms.HiddenInput)
    date_of_birth = DutchDateField(label=_("Geboortedatum"), required=False)

    class Meta:
        model = Aggressor
        fields = [
            "last_name",
            "initials",
            "first_name",
            "date_of_birth",
            "street",
            "postal_code",
            "city",
            "client_number",
            "description",
            "photo",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "photo": forms.FileInput,
        }
        help_texts = {
            "description": _("Uiterlijk, kleding, stem: zo kan de dader later worden herkend."),
            "photo": _("JPEG of PNG. Alleen als er een rechtmatige bron is, zoals een identiteitsbewijs."),
        }

    def clean_date_of_birth(self):
        value = self.cleaned_data.get("date_of_birth")
        if value and value > timezone.localdate():
            raise ValidationError(_("Een geboortedatum kan niet in de toekomst liggen."))
        if value and value.year < 1900:
            raise ValidationError(_("Vul een geboortedatum na 1900 in."))
        return value

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "content_type"):
            return validate_image_upload(photo)
        return None

    def clean(self):
        data = super().clean()
        if not data.get("last_name", "").strip() and not data.get("description", "").strip():
            raise ValidationError(
                _("Vul een achternaam in, of beschrijf de dader als de naam niet bekend is.")
            )
        return data

    def _post_clean(self):
        # Validation only; the service creates or updates the person.
        pass

    def data_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "photo"}


def initial_from_name(name: str) -> dict[str, str]:
    """Pre-fill the new-person form from the name a reporter typed (``Incident.aggressor_name``):
    "Jan de Vries" gives first name Jan and last name "de Vries", "J. de Vries" initials J.
    A guess the manager checks before saving; nothing is stored until they do."""
    words = name.split()
    if len(words) < 2:
        return {"last_name": name.strip()}
    first, rest = words[0], " ".join(words[1:])
    return {"initials" if first.endswith(".") else "first_name": first, "last_name": rest}


class AggressorSearchForm(forms.Form):
    use_required_attribute = False  # no red fields before typing; aria-required stays
    name = forms.CharField(label=_("Naam"), max_length=120, required=False)
    date_of_birth = DutchDateField(label=_("Geboortedatum"), required=False)
