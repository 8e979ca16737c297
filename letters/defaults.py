# ruff: noqa: E501 - letter texts are prose; one paragraph per line keeps them readable
"""The default letter templates of GIR, in plain Dutch (B1), written for GIR.

The facts follow the protocols in the seeds (seed 002 Bijlage 4, seed 004 ch. 8): the
ordegesprek, the written warning, the notice of intent and the decision to ban (at least three
months, locations, contact by letter or through a representative, objection within six weeks),
the letter after a breach (aangifte for lokaalvredebreuk, art. 138/139 Sr), the declaration for a
necessary visit, the reaction to written or digital aggression and the damage claim.

Installed by data migration 0003 as version 1 of each template; the coordinator edits them in
the browser (each edit is a new version). The letterhead, reference, date, subject line,
signature and privacy notice come from the letter layout, not from these texts.
"""

from letters.constants import LetterKind

# Opens a sentence: "Op 16 november 2026 om 10:30 uur" or, without a date, "Onlangs".
INCIDENT_LINE = (
    '{% if incident.datum %}Op {{ incident.datum|date:"j F Y" }}{% if incident.tijd %} '
    'om {{ incident.tijd|date:"H:i" }} uur{% endif %}{% else %}Onlangs{% endif %}'
)
WHAT_HAPPENED = "{% if incident.samenvatting %}<p>Wat er gebeurde: {{ incident.samenvatting }}</p>{% endif %}"

DEFAULT_TEMPLATES: list[dict[str, str]] = [
    {
        "code": LetterKind.ORDEGESPREK_INVITATION,
        "title": "Uitnodiging ordegesprek",
        "description": "Na een incident: de dader komt op gesprek, binnen een week.",
        "subject": "Uitnodiging voor een gesprek over uw gedrag",
        "body": f"""<p>Beste {{{{ dader.naam|default:"heer, mevrouw" }}}},</p>
<p>{INCIDENT_LINE} was u bij de afdeling {{{{ afdeling.naam|default:"van de gemeente" }}}}. Daar gedroeg u zich op een manier die wij niet accepteren.</p>
{WHAT_HAPPENED}
<p>Onze medewerkers moeten veilig hun werk kunnen doen. Daarom willen wij met u over uw gedrag praten voordat wij u verder helpen.</p>
<h2>Wanneer en waar is het gesprek?</h2>
<ul>
<li>Datum: {{{{ ordegesprek.datum|date:"l j F Y"|default:"wij bellen of schrijven u over de datum" }}}}</li>
<li>Tijd: {{% if ordegesprek.tijd %}}{{{{ ordegesprek.tijd|date:"H:i" }}}} uur{{% else %}}volgt nog{{% endif %}}</li>
<li>Plaats: {{{{ ordegesprek.plaats|default:"het stadhuis; meld u bij de receptie" }}}}</li>
</ul>
<p>Neem een geldig identiteitsbewijs mee.</p>
<h2>Wat gebeurt er als u niet komt?</h2>
<p>Komt u niet, of gedraagt u zich opnieuw zo? Dan kunnen wij verdere maatregelen nemen. U mag dan bijvoorbeeld alleen nog op afspraak komen, of u krijgt een verbod om onze gebouwen te bezoeken.</p>
<p>Kunt u echt niet op deze dag? Bel ons dan zo snel mogelijk en noem het kenmerk van deze brief.</p>""",
    },
    {
        "code": LetterKind.AGREEMENTS,
        "title": "Bevestiging gemaakte afspraken",
        "description": "Na het ordegesprek: de afspraken op papier.",
        "subject": "De afspraken uit ons gesprek",
        "body": """<p>Beste {{ dader.naam|default:"heer, mevrouw" }},</p>
<p>{% if ordegesprek.datum %}Op {{ ordegesprek.datum|date:"j F Y" }}{% else %}Onlangs{% endif %} hebben wij met u gesproken over uw gedrag{% if incident.datum %} op {{ incident.datum|date:"j F Y" }}{% endif %}. In deze brief staan de afspraken die wij in dat gesprek met u hebben gemaakt.</p>
{% if incident.samenvatting %}<p>Het ging over het volgende: {{ incident.samenvatting }}</p>{% endif %}
<h2>Dit hebben wij afgesproken</h2>
{% if ordegesprek.afspraken %}<p>{{ ordegesprek.afspraken|linebreaksbr }}</p>{% else %}<p>U gedraagt zich voortaan rustig en met respect tegen onze medewerkers.</p>{% endif %}
<h2>Waarom deze afspraken?</h2>
<p>Door wat er gebeurde is het contact tussen u en onze medewerkers niet meer goed. Met deze afspraken willen wij dat herstellen. Wij gaan ervan uit dat wij u voortaan weer normaal kunnen helpen.</p>
<h2>Wat als u zich niet aan de afspraken houdt?</h2>
<p>Dan nemen wij zwaardere maatregelen. U kunt dan bijvoorbeeld een verbod krijgen om onze gebouwen te bezoeken.</p>""",
    },
    {
        "code": LetterKind.WARNING,
        "title": "Schriftelijke waarschuwing",
        "description": "Een waarschuwing op papier na agressief gedrag.",
        "subject": "Waarschuwing voor uw gedrag",
        "body": f"""<p>Beste {{{{ dader.naam|default:"heer, mevrouw" }}}},</p>
<p>{INCIDENT_LINE} gedroeg u zich agressief tegen een medewerker van de afdeling {{{{ afdeling.naam|default:"van de gemeente" }}}}.</p>
{WHAT_HAPPENED}
<p>Dit gedrag accepteren wij niet. Iedereen die bij ons komt of ons belt, moet onze medewerkers met respect behandelen. Daarom krijgt u met deze brief een <strong>officiële waarschuwing</strong>.</p>
{{% if maatregel.toelichting %}}<p>{{{{ maatregel.toelichting|linebreaksbr }}}}</p>{{% endif %}}
<h2>Wat gebeurt er als het weer gebeurt?</h2>
<p>Gedraagt u zich opnieuw agressief? Dan nemen wij zwaardere maatregelen. U kunt dan een verbod krijgen om onze gebouwen te bezoeken. Bij bedreiging of geweld doen wij altijd aangifte bij de politie.</p>
<p>Wij hopen dat dit niet nodig is en dat wij u weer op een normale manier kunnen helpen.</p>""",
    },
    {
        "code": LetterKind.BAN_INTENT,
        "title": "Voornemen tot toegangsverbod",
        "description": "Vooraankondiging: de gemeente wil een toegangsverbod opleggen; de dader mag reageren.",
        "subject": "Wij zijn van plan u een toegangsverbod te geven",
        "body": f"""<p>Beste {{{{ dader.naam|default:"heer, mevrouw" }}}},</p>
<p>{INCIDENT_LINE} gedroeg u zich agressief tegen medewerkers van de afdeling {{{{ afdeling.naam|default:"van de gemeente" }}}}.</p>
{WHAT_HAPPENED}
<p>Door uw gedrag kunnen onze medewerkers niet meer veilig met u werken. Daarom zijn wij van plan u de toegang tot onze gebouwen te verbieden. Dit is nog geen besluit.</p>
<h2>Wat houdt het verbod in?</h2>
<ul>
<li>Het verbod geldt voor: {{{{ verbod.locaties|default:"alle gebouwen van de gemeente" }}}}.</li>
<li>Periode: {{% if verbod.begindatum and verbod.einddatum %}}van {{{{ verbod.begindatum|date:"j F Y" }}}} tot en met {{{{ verbod.einddatum|date:"j F Y" }}}}{{% else %}}minimaal drie maanden{{% endif %}}.</li>
</ul>
<h2>U mag eerst reageren</h2>
<p>Wilt u vertellen wat u van dit plan vindt? Dat kan schriftelijk of in een gesprek. Laat het ons weten {{% if reactie.uiterlijk %}}vóór {{{{ reactie.uiterlijk|date:"j F Y" }}}}{{% else %}}binnen twee weken na de datum van deze brief{{% endif %}}. Noem het kenmerk van deze brief. Daarna nemen wij een besluit. Dat besluit krijgt u op papier.</p>""",
    },
    {
        "code": LetterKind.BAN_DECISION,
        "title": "Besluit toegangsverbod",
        "description": "Het besluit van de burgemeester: periode, locaties, contact in de tussentijd, bezwaar.",
        "subject": "Besluit: u mag onze gebouwen tijdelijk niet bezoeken",
        "body": f"""<p>Beste {{{{ dader.naam|default:"heer, mevrouw" }}}},</p>
<p>{INCIDENT_LINE} gedroeg u zich agressief tegen medewerkers van de afdeling {{{{ afdeling.naam|default:"van de gemeente" }}}}.</p>
{WHAT_HAPPENED}
<p>Onze medewerkers moeten veilig kunnen werken. Daarom heeft de burgemeester{{% if verbod.besluitdatum %}} op {{{{ verbod.besluitdatum|date:"j F Y" }}}}{{% endif %}} besloten dat u onze gebouwen tijdelijk niet mag bezoeken. Dit heet een toegangsverbod.</p>
<h2>Wat houdt het verbod in?</h2>
<ul>
<li>Het verbod geldt van <strong>{{{{ verbod.begindatum|date:"j F Y"|default:"de datum van deze brief" }}}}</strong> tot en met <strong>{{{{ verbod.einddatum|date:"j F Y"|default:"de datum die wij u nog laten weten" }}}}</strong>.</li>
<li>Het verbod geldt voor: {{{{ verbod.locaties|default:"alle gebouwen van de gemeente" }}}}.</li>
<li>Komt u toch? Dan bellen onze medewerkers de politie. Wij doen dan aangifte van lokaalvredebreuk (artikel 138 en 139 van het Wetboek van Strafrecht).</li>
</ul>
<h2>Hoe bereikt u ons in deze periode?</h2>
<p>{{{{ verbod.contact|default:"Stuur ons een brief. U kunt ook iemand vragen om namens u contact met ons op te nemen. Die persoon moet dan een schriftelijke machtiging van u laten zien." }}}}</p>
<p>Moet u echt naar een gebouw van de gemeente komen, bijvoorbeeld voor een paspoort? Vraag dat dan eerst schriftelijk aan. Als het nodig is, krijgt u een brief waarin staat wanneer en waar u mag komen.</p>
<h2>Bent u het niet eens met dit besluit?</h2>
<p>Dan kunt u bezwaar maken. Doe dat binnen <strong>zes weken</strong> na de datum van deze brief. Stuur een brief aan de burgemeester van {{{{ organisatie.naam }}}}{{% if organisatie.postadres %}}, {{{{ organisatie.postadres }}}}{{% endif %}}. Schrijf in uw brief:</p>
<ul>
<li>uw naam en adres;</li>
<li>de datum en het kenmerk van deze brief;</li>
<li>waarom u het niet eens bent met het besluit;</li>
<li>uw handtekening.</li>
</ul>
<p>Het verbod blijft gelden terwijl wij uw bezwaar behandelen. Is het dringend? Dan kunt u de voorzieningenrechter van de rechtbank vragen om een voorlopige voorziening.</p>""",
    },
    {
        "code": LetterKind.BAN_BREACH,
        "title": "Brief na overtreding van het toegangsverbod",
        "description": "De dader kwam ondanks het verbod: aangifte en herhaling van het verbod.",
        "subject": "U kwam in een gebouw ondanks uw toegangsverbod",
        "body": """<p>Beste {{ dader.naam|default:"heer, mevrouw" }},</p>
<p>U heeft een toegangsverbod voor {{ verbod.locaties|default:"de gebouwen van de gemeente" }}{% if verbod.besluitdatum %}. Dat hebben wij u laten weten met ons besluit van {{ verbod.besluitdatum|date:"j F Y" }}{% endif %}.</p>
<p>Toch was u {% if overtreding.datum %}op {{ overtreding.datum|date:"j F Y" }}{% if overtreding.tijd %} om {{ overtreding.tijd|date:"H:i" }} uur{% endif %}{% else %}onlangs{% endif %} in {{ overtreding.locatie|default:"een gebouw van de gemeente" }}. Dat mag niet.</p>
<h2>Wij doen aangifte</h2>
<p>Een gebouw binnengaan terwijl u dat verboden is, is strafbaar. Dit heet lokaalvredebreuk (artikel 138 en 139 van het Wetboek van Strafrecht). Wij doen daarom aangifte bij de politie.</p>
<h2>Het verbod blijft gelden</h2>
<p>Uw toegangsverbod blijft gewoon gelden{% if verbod.einddatum %}, tot en met {{ verbod.einddatum|date:"j F Y" }}{% endif %}. Komt u nog een keer? Dan bellen onze medewerkers direct de politie.</p>
<p>Heeft u iets van ons nodig? Stuur ons dan een brief, of vraag iemand om namens u contact op te nemen.</p>""",
    },
    {
        "code": LetterKind.VISIT_PERMIT,
        "title": "Verklaring voor een noodzakelijk bezoek",
        "description": "Ondanks het verbod mag de dader één keer komen voor iets wat niet anders kan.",
        "subject": "Toestemming voor één bezoek ondanks uw toegangsverbod",
        "body": """<p>Beste {{ dader.naam|default:"heer, mevrouw" }},</p>
<p>U heeft een toegangsverbod{% if verbod.einddatum %} tot en met {{ verbod.einddatum|date:"j F Y" }}{% endif %}. U moet toch bij ons langskomen voor {{ bezoek.doel|default:"een zaak die niet op een andere manier kan" }}. Daarom krijgt u toestemming voor <strong>één bezoek</strong>.</p>
<h2>Wanneer en waar?</h2>
<ul>
<li>Datum: {{ bezoek.datum|date:"l j F Y"|default:"volgt nog" }}</li>
<li>Tijd: {% if bezoek.tijd %}{{ bezoek.tijd|date:"H:i" }} uur{% else %}volgt nog{% endif %}</li>
<li>Plaats: {{ bezoek.plaats|default:"het stadhuis" }}</li>
{% if bezoek.contactpersoon %}<li>U wordt ontvangen door: {{ bezoek.contactpersoon }}</li>{% endif %}
</ul>
<h2>Waar moet u zich aan houden?</h2>
<ul>
<li>Meld u bij de receptie en laat deze brief en uw identiteitsbewijs zien.</li>
<li>U mag alleen komen voor de zaak die hierboven staat.</li>
<li>Daarna verlaat u direct het gebouw.</li>
</ul>
<p>Houdt u zich hier niet aan? Dan vragen wij u het gebouw te verlaten. Gaat u niet weg, dan bellen wij de politie en doen wij aangifte. Deze toestemming geldt alleen voor dit ene bezoek. Daarna geldt uw toegangsverbod weer gewoon.</p>""",
    },
    {
        "code": LetterKind.WRITTEN_AGGRESSION,
        "title": "Reactie op schriftelijke of digitale agressie",
        "description": "Na een dreigende of beledigende brief, e-mail of bericht op sociale media.",
        "subject": "Uw bericht aan onze medewerker",
        "body": f"""<p>Beste {{{{ dader.naam|default:"heer, mevrouw" }}}},</p>
<p>{INCIDENT_LINE} stuurde of plaatste u een bericht over of aan een medewerker van de afdeling {{{{ afdeling.naam|default:"van de gemeente" }}}}. Dat kan een brief, e-mail of bericht op sociale media zijn.</p>
{WHAT_HAPPENED}
<p>Wij vinden de inhoud van dit bericht niet acceptabel. Iemand beledigen, bedreigen of online zwartmaken is ook agressie, ook als het via een bericht of internet gaat. Onze medewerkers doen hun werk voor de gemeente. Zij moeten dat veilig kunnen doen, ook online.</p>
<h2>Wat vragen wij van u?</h2>
<ul>
<li>Stop met zulke berichten.</li>
<li>Haal berichten over onze medewerkers die u op internet of sociale media heeft gezet, direct weg.</li>
<li>Heeft u een vraag of klacht? Stuur ons een gewone brief of e-mail. Dan helpen wij u verder.</li>
</ul>
{{% if maatregel.toelichting %}}<p>{{{{ maatregel.toelichting|linebreaksbr }}}}</p>{{% endif %}}
<p>Wij hebben het bericht bewaard. Bij bedreiging doen wij aangifte bij de politie. Gaat u door? Dan nemen wij verdere maatregelen.</p>""",
    },
    {
        "code": LetterKind.DAMAGE_CLAIM,
        "title": "Aansprakelijkstelling voor schade",
        "description": "De dader betaalt de schade die hij of zij heeft veroorzaakt.",
        "subject": "U moet de schade betalen",
        "body": f"""<p>Beste {{{{ dader.naam|default:"heer, mevrouw" }}}},</p>
<p>{INCIDENT_LINE} was er een incident bij de afdeling {{{{ afdeling.naam|default:"van de gemeente" }}}}. Daarbij heeft u schade veroorzaakt.</p>
{WHAT_HAPPENED}
<p>U bent zelf verantwoordelijk voor deze schade. Daarom stellen wij u <strong>aansprakelijk</strong>: u moet de schade aan ons betalen.</p>
<h2>Welke schade?</h2>
<p>{{{{ schade.omschrijving|default:"De schade die wij u eerder hebben laten zien."|linebreaksbr }}}}</p>
<p>Het bedrag is: <strong>{{{{ schade.bedrag|default:"het bedrag op de bijgevoegde rekening" }}}}</strong>.</p>
<h2>Hoe en wanneer betaalt u?</h2>
<p>Betaal het bedrag {{% if schade.betalen_voor %}}uiterlijk op {{{{ schade.betalen_voor|date:"j F Y" }}}}{{% else %}}binnen vier weken na de datum van deze brief{{% endif %}}.</p>
{{% if schade.betaalwijze %}}<p>{{{{ schade.betaalwijze|linebreaksbr }}}}</p>{{% else %}}<p>Zet het kenmerk van deze brief bij uw betaling.</p>{{% endif %}}
<p>Betaalt u niet op tijd? Dan kunnen wij de rechter vragen om u tot betaling te verplichten. De extra kosten daarvan komen dan ook voor uw rekening.</p>
<p>Bent u het niet eens met het bedrag, of kunt u niet in één keer betalen? Neem dan vóór de betaaldatum contact met ons op.</p>""",
    },
]
