"""Adding or replacing a ban's photo after the decision."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gir.access import perm_required
from gir.errors import RuleViolation, show_on_form
from gir.uploads import validate_image_upload
from sanctions.access import ban_for
from sanctions.services.photos import ban_photo_set
from sanctions.views.common import form_page


class BanPhotoForm(forms.Form):
    use_required_attribute = False  # no red fields before typing; aria-required stays

    from_aggressor = forms.BooleanField(
        label=gettext_lazy("De foto uit het daderdossier gebruiken"), required=False
    )
    photo = forms.FileField(
        label=gettext_lazy("Of kies een nieuwe foto"),
        required=False,
        help_text=gettext_lazy("JPEG of PNG. De receptie ziet altijd de nieuwste foto."),
    )

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        return validate_image_upload(photo) if photo else None


@perm_required("sanctions.decide_measure")
def ban_photo_set_view(request, pk: int):
    ban = ban_for(request.user, pk)
    form = BanPhotoForm(request.POST if request.method == "POST" else None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ban_photo_set(
                ban=ban, by=request.user, upload=data["photo"], from_aggressor=data["from_aggressor"]
            )
        except RuleViolation as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, _("De foto is opgeslagen. De receptie ziet nu deze foto."))
            return redirect("sanctions:detail", pk=ban.pk)
    return form_page(request, form, title=_("Foto van het toegangsverbod"), measure=ban.measure)
