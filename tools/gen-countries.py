#!/usr/bin/env python3
"""Generate rules/registry/countries.json for assess.

The country list (ISO 3166-1 alpha-2, alpha-3, numeric, English names) comes
from Debian's iso-codes package; Dutch names come from its gettext catalogue.
Group memberships and risk classes come from the hand-kept tables below, each
fact with its source URL and source date taken from the project's research
notes (/work/shared/research/frameworks.md §4 and §7, providers.md §8.4,
ai-models.md §3). rules/registry/README.md explains the fields, the risk-class
scheme and the source-date rules.

Usage:
    python3 tools/gen-countries.py [OUTPUT]

OUTPUT defaults to "-" (standard output). A regular file is written to a
temporary name beside it and renamed into place. The output depends only on
the input files and these tables: keys sorted, 1-space indent, UTF-8, one
trailing newline, no timestamps. Exit status 0 on success, 1 when an input is
missing or a consistency check fails (the message names the check), 64 on a
usage error.

Python 3 standard library only.
"""

import argparse
import gettext
import hashlib
import json
import os
import subprocess
import sys
import tempfile

FORMAT = "assess-registry-countries/1"
ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"
NL_MO = "/usr/share/locale/nl/LC_MESSAGES/iso_3166-1.mo"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAWS_JSON = os.path.join(ROOT, "rules", "registry", "laws.json")

RESEARCH = [
    "/work/shared/research/frameworks.md (§4.1, §4.2, §4.3, §7.1, §7.3, §7.4, §7.6)",
    "/work/shared/research/providers.md (§8.4)",
    "/work/shared/research/ai-models.md (§3.1, §7 sources 57-59)",
]

# ---------------------------------------------------------------------------
# Sources. key -> (url, source_date, basis, precision).
# basis (see README "Source dates"):
#   notes          the notes give this date for the source itself
#   source-url     the notes give no date; the date is in the URL path
#   notes-as-of    the notes give no date for the source; the latest date the
#                  notes report in statements cited to it (the date the
#                  statement is current as of)
#   official       URL not in the notes, supplied while writing this registry;
#                  the date of the instrument
#   notes-compiled URL not in the notes and a living page; the month the
#                  research notes are current as of (June 2026)
# precision: day | month | year (month and year dates use the first day).
# ---------------------------------------------------------------------------
SOURCES = {
    "eu-official": ("https://european-union.europa.eu/principles-countries-history/eu-countries_en",
                    "2020-02-01", "official", "day"),
    "efta-eea": ("https://www.efta.int/eea", "2020-02-01", "official", "day"),
    "tfeu-355": ("https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:12016E355",
                 "2016-06-07", "official", "day"),
    "wto-egpa": ("https://e-gpa.wto.org/", "2023-10-30", "notes-as-of", "day"),
    "ec-adequacy": ("https://commission.europa.eu/law/law-topic/data-protection/"
                    "international-dimension-data-protection/adequacy-decisions_en",
                    "2026-01-26", "notes-as-of", "day"),
    "cms-brazil": ("https://cms.law/en/prt/news-information/uniao-europeia-e-brasil-adotam-decisao-"
                   "de-adequacao-mutua-em-materia-de-protecao-de-dados-pessoais",
                   "2026-01-26", "notes-as-of", "day"),
    "dpocentre-uk": ("https://www.dpocentre.com/news/eu-renews-uk-personal-data-adequacy-decisions",
                     "2025-12-19", "notes-as-of", "day"),
    "kslaw-dpf": ("https://www.kslaw.com/news-and-insights/framework-intact-for-now-eu-us-data-flows-"
                  "dodge-another-bullet", "2025-09-03", "notes-as-of", "day"),
    "hklaw-ear": ("https://www.hklaw.com/en/insights/publications/2026/06/bis-publishes-guidance-"
                  "license-requirements-advanced-computing-items", "2026-06-01", "source-url", "month"),
    "lumanet-fable5": ("https://lumanet.info/blog/tech-corner-1/the-fable-5-standoff-how-the-us-"
                       "government-switched-off-a-frontier-ai-model-and-switched-it-back-on-44",
                       "2026-07-03", "notes", "day"),
    "synced-cn-catalogue": ("https://syncedreview.com/2020/08/31/the-chinese-government-restricts-ai-"
                            "technology-exports-to-stop-the-selling-of-tiktok/",
                            "2020-08-31", "notes", "day"),
    "wilmerhale-aidiff": ("https://wilmerhale.com/en/insights/publications/20250205-bis-issues-long-"
                          "awaited-export-controls-on-ai", "2025-02-05", "notes", "day"),
    "6699-aidiff": ("https://www.6699global.com/content/1092-the-united-states-announced-the-"
                    "revocation-of-the-ai-diffusion-rule-and-the-new-control-measures-are-aimed-at-huawei",
                    "2025-05-14", "notes", "day"),
    "specht-5k": ("https://www.specht-partner.com/eu-sanctions-faq/", "2022-04-09", "notes-as-of", "day"),
    "medtech-ipi": ("https://www.medtecheurope.org/news-and-events/news/the-european-commission-"
                    "publishes-the-international-procurement-instruction-measure-legal-text-and-faqs",
                    "2025-06-30", "notes-as-of", "day"),
    "cadafaq-assoc": ("https://www.cadafaq.com/en/how-does-third-country-recognition-work-for-"
                      "sovereignty-level-3/", "2026-06-03", "notes-as-of", "day"),
    "insideprivacy": ("https://www.insideprivacy.com/surveillance-law-enforcement-access/"
                      "reaching-for-the-cloud/", "2024-01-01", "notes-as-of", "year"),
    "govuk-ipa": ("https://www.gov.uk/government/publications/investigatory-powers-amendment-bill-"
                  "factsheets/investigatory-powers-amendment-bill-overview-of-the-notices-regime",
                  "2025-02-01", "notes-as-of", "month"),
    "legis-au-tola": ("https://www.legislation.gov.au/C2018A00148", "2018-12-08", "official", "day"),
    "mit-cn": ("https://direct.mit.edu/view-large/3983138", "2023-01-01", "notes-as-of", "year"),
    "ukrainianlaw-ru": ("https://ukrainianlaw.blogspot.com/2016/07/yarovaya-law-new-data-retention.html",
                        "2016-07-01", "source-url", "month"),
    "ofac-programs": ("https://ofac.treasury.gov/sanctions-programs-and-country-information",
                      "2026-06-01", "notes-compiled", "month"),
}

# Further URLs the notes give for the same statement (no dates needed).
SEE_ALSO = {
    "wto-egpa": ["https://www.gepaghana.org/news-abroad/parties-to-government-procurement-pact-"
                 "welcome-new-party-new-acceding-country/",
                 "https://trade.djaghe.com/tag/north-macedonia/"],
    "ec-adequacy": ["https://cms.law/en/prt/news-information/uniao-europeia-e-brasil-adotam-decisao-"
                    "de-adequacao-mutua-em-materia-de-protecao-de-dados-pessoais",
                    "https://www.dpocentre.com/news/eu-renews-uk-personal-data-adequacy-decisions",
                    "https://www.globalpolicywatch.com/2025/07/adequacy-decision-for-the-european-"
                    "patent-organisation/"],
    "kslaw-dpf": ["https://captaincompliance.com/?p=10750",
                  "https://www.privacycompany.eu/blog/latombe-v-european-commission-the-dpf-ca-tombe"],
    "hklaw-ear": ["https://www.hoganlovells.com/en/publications/biss-new-enforcement-guidance-"
                  "clarifies-license-requirement-for-exports-of-advanced-computing-items"],
    "wilmerhale-aidiff": ["https://www.6699global.com/content/1092-the-united-states-announced-the-"
                          "revocation-of-the-ai-diffusion-rule-and-the-new-control-measures-are-"
                          "aimed-at-huawei",
                          "https://akingump.com/en/insights/ai-law-and-regulation-tracker/bis-issues-"
                          "new-framework-for-ai-diffusion"],
    "6699-aidiff": ["https://velaw.com/insights/sweeping-new-framework-expands-bis-export-controls-on-"
                    "advanced-computing-ics-and-ai-technologies"],
    "specht-5k": ["https://www.respectus.space/goods-transport-by-road-copy"],
    "medtech-ipi": ["https://www.lexaris.de/book/version/documentflat/head/8737923",
                    "https://portolano.it/en/blog/life-sciences/public-procuremen-medical-devices-eu-"
                    "new-restrictions-access-economic-operators-devices-china"],
    "cadafaq-assoc": ["https://radiobruxelleslibera.com/2026/05/29/habemus-tech-sovereignity-package-quasi/"],
    "insideprivacy": ["https://docslib.org/doc/6581169/demystifying-the-u-s-cloud-act-assessing-the-"
                      "law-s-compatibility-with-international-norms-and-the-gdpr"],
    "govuk-ipa": ["https://shoosmiths.com/insights/articles/apple-makes-it-crunch-time-for-encryption-in-the-uk",
                  "https://privacyinternational.org./long-read/5547/our-challenge-against-uks-secret-tcn-powers"],
    "mit-cn": ["https://stop.zona-m.net/2020/05/some-articles-of-some-chinese-laws-that-interest-everybody/",
               "https://www.wiki3.en-us.nina.az/Cybersecurity_Law_of_the_People%27s_Republic_of_China.html"],
    "ukrainianlaw-ru": ["https://bgcrb.ru/en/lighting/putin-podpisal-zakon-yarovoi-o-hranenii-i-"
                        "rasshifrovke-dannyh/",
                        "https://arewescrewed.pages.dev/reference/russia-localisation.html",
                        "https://www.specht-partner.com/eu-sanctions-faq/"],
    "tfeu-355": ["https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:12016E349"],
}

# ---------------------------------------------------------------------------
# Groups
# ---------------------------------------------------------------------------
EU = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
      "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"]
EEA_EFTA = ["IS", "LI", "NO"]
GPA_NON_EU = ["AM", "AU", "AW", "CA", "CH", "GB", "HK", "IL", "IS", "JP", "KR", "LI", "MD",
              "ME", "MK", "NO", "NZ", "SG", "TW", "UA", "US"]
ADEQUATE = ["AD", "AR", "BR", "CA", "CH", "FO", "GB", "GG", "IL", "IM", "JE", "JP", "KR",
            "NZ", "US", "UY"]
AIDIFF_TIER1 = ["AU", "BE", "CA", "DE", "DK", "ES", "FI", "FR", "GB", "IE", "IT", "JP", "KR",
                "NL", "NO", "NZ", "SE", "TW", "US"]

GROUPS = {
    "EU": dict(
        name={"en": "European Union", "nl": "Europese Unie"},
        src="eu-official", verified=True, complete=True, status=None,
        notes="The 27 member states (since 1 Feb 2020). Greece is GR in ISO 3166-1 (EL in EU usage). "
              "Outermost regions with their own ISO code (GF, GP, MQ, RE, YT, MF) and Åland (AX) are EU "
              "territory but not members; they carry eu_territory_of in the country list.",
        member_notes=[],
        members=EU),
    "EEA": dict(
        name={"en": "European Economic Area", "nl": "Europese Economische Ruimte"},
        src="efta-eea", verified=True, complete=True, status=None,
        notes="EU member states plus Iceland, Liechtenstein and Norway.",
        member_notes=[],
        members=EU + EEA_EFTA),
    "GPA": dict(
        name={"en": "Parties to the WTO Agreement on Government Procurement (GPA 2012)",
              "nl": "Partijen bij de WTO-Overeenkomst inzake overheidsopdrachten (GPA 2012)"},
        src="wto-egpa", verified=True, complete=True, status=None,
        notes="22 parties covering 49 WTO members (frameworks.md §7.4). EU member states are covered "
              "through the European Union, which is the party. Not parties (accession or observer status, "
              "list marked VERIFY in the notes): China, Costa Rica (applied 2023), Albania, Georgia, "
              "Jordan, Kazakhstan, Kyrgyz Republic, Oman, Tajikistan; Brazil withdrew its offer (2023).",
        member_notes=[{"alpha2": "AW", "note": "Party as 'Netherlands with respect to Aruba'."},
                      {"alpha2": "HK", "note": "Party as 'Hong Kong, China'."},
                      {"alpha2": "MK", "note": "Party since 30 Oct 2023."},
                      {"alpha2": "TW", "note": "Party as 'Chinese Taipei'."}]
                     + [{"alpha2": c, "note": "Covered through the European Union."} for c in EU],
        members=EU + GPA_NON_EU),
    "GDPR-ADEQUATE": dict(
        name={"en": "Third countries with a GDPR adequacy decision (Art. 45 GDPR)",
              "nl": "Derde landen met een adequaatheidsbesluit (art. 45 AVG)"},
        src="ec-adequacy", verified=True, complete=True, status=None,
        notes="Partial decisions (US, CA) are marked in each country's adequacy object. Also adequate: the "
              "European Patent Organisation, the first international organisation (15 July 2025), which "
              "has no country code. Counts differ between sources because the US and Canada decisions "
              "are partial.",
        member_notes=[],
        members=ADEQUATE),
    "EAR-D5-MACAU": dict(
        name={"en": "EAR Country Group D:5 or Macau (worldwide licence requirement for advanced computing "
                    "items; incomplete)",
              "nl": "EAR-landengroep D:5 of Macau (wereldwijde vergunningplicht voor geavanceerde "
                    "rekenchips; onvolledig)"},
        src="hklaw-ear", verified=True, complete=False, status="in force",
        notes="Entities headquartered in Country Group D:5 or Macau, or whose ultimate parent is, need a "
              "licence worldwide for advanced computing items (BIS guidance 31 May 2026; law us-ear). "
              "The notes name only China as a D:5 member, so the list holds CN and MO only and is "
              "incomplete: check the full D:5 list in the EAR before relying on absence from it.",
        member_notes=[],
        members=["CN", "MO"]),
    "AI-MODEL-EXPORT-CONTROL": dict(
        name={"en": "Countries whose export controls have reached AI models or AI services",
              "nl": "Landen waarvan exportcontroles AI-modellen of AI-diensten hebben geraakt"},
        src="lumanet-fable5", verified=False, complete=False, status="in force",
        notes="US: a Commerce export-control directive of 12 Jun 2026 suspended two frontier models for "
              "every foreign national; the vendor switched them off worldwide for 18 days (ai-models.md "
              "\u00a73.3; law us-ear). CN: the Catalogue of Technologies Prohibited or Restricted from Export "
              "(revised 28 Aug 2020 and 21 Dec 2023) needs a MOFCOM licence for AI interface technology "
              "(ai-models.md \u00a73.2). Closed-weight models from these countries can be cut off by their "
              "government; published open weights cannot be recalled. Other countries are not assessed.",
        member_notes=[],
        members=["CN", "US"]),
    "AIDIFF-TIER1": dict(
        name={"en": "AI Diffusion Rule tier 1 ('AI Authorization' countries; rule rescinded)",
              "nl": "AI Diffusion Rule niveau 1 ('AI Authorization'-landen; regel ingetrokken)"},
        src="wilmerhale-aidiff", verified=True, complete=True,
        status="rescinded: not enforced since 13 May 2025; replacement pending as of June 2026",
        notes="The United States plus 18 allies, incl. 10 EU member states, with no compute caps under the "
              "interim final rule of 13/15 Jan 2025 (law us-ai-diffusion-rule). Kept as a record of how "
              "quickly access can be tiered, not as a live control.",
        member_notes=[],
        members=AIDIFF_TIER1),
    "AIDIFF-TIER2-EU": dict(
        name={"en": "EU member states in AI Diffusion Rule tier 2 (compute caps; rule rescinded)",
              "nl": "EU-lidstaten in niveau 2 van de AI Diffusion Rule (rekenlimieten; regel ingetrokken)"},
        src="6699-aidiff", verified=False, complete=True,
        status="rescinded: not enforced since 13 May 2025; replacement pending as of June 2026",
        notes="The 17 EU member states outside tier 1, capped at a total processing performance of about "
              "790M for 2025-27 (about 50k H100). frameworks.md §4.1 marks this list VERIFY; it is derived "
              "here as EU minus tier 1. Tier 2 also held most non-EU countries, which are not listed.",
        member_notes=[],
        members=sorted(set(EU) - set(AIDIFF_TIER1))),
    "EU-RU-ART5K": dict(
        name={"en": "Countries under the EU public-contract ban of Reg. (EU) 833/2014 Art. 5k",
              "nl": "Landen onder het aanbestedingsverbod van Vo. (EU) 833/2014 art. 5k"},
        src="specht-5k", verified=True, complete=True, status="in force since 9 April 2022",
        notes="No public or concession contracts with Russian nationals or entities established in Russia, "
              "entities more than 50 % owned by them, or entities acting on their behalf, incl. "
              "subcontractors, suppliers or relied-on entities above 10 % of the contract value. A hard "
              "gate (frameworks.md §7.6, SAN-02).",
        member_notes=[],
        members=["RU"]),
    "IPI-MEASURE": dict(
        name={"en": "Countries with an International Procurement Instrument measure in force",
              "nl": "Landen waartegen een maatregel van het Internationaal Aanbestedingsinstrument geldt"},
        src="medtech-ipi", verified=True, complete=True, status="in force since 30 June 2025",
        notes="Implementing Regulation (EU) 2025/1197: PRC tenderers excluded from EU medical-device "
              "tenders of EUR 5 m or more; awarded contracts may hold at most 50 % PRC-origin devices. The "
              "measure is limited to that sector and threshold; check them before applying it.",
        member_notes=[],
        members=["CN"]),
    "CADA-ASSOCIATED": dict(
        name={"en": "CADA associated third countries (proposal; none designated)",
              "nl": "Geassocieerde derde landen onder CADA (voorstel; geen aangewezen)"},
        src="cadafaq-assoc", verified=False, complete=True,
        status="proposal COM(2026) 502 of 3 June 2026; not adopted",
        notes="Art. 18 of the proposal: the Commission may designate a controlling country as associated "
              "(six cumulative conditions incl. a GDPR adequacy decision). None designated. Article "
              "numbers come from a secondary Q&A site (VERIFY).",
        member_notes=[],
        members=[]),
}

# ---------------------------------------------------------------------------
# Risk classes
# ---------------------------------------------------------------------------
CLASS_LEGEND = {
    "A": {"en": "EU/EEA: no extraterritorial flag",
          "nl": "EU/EER: geen extraterritorialiteitsvlag"},
    "B": {"en": "GDPR-adequate third country without a broad compelled-access law: third-country "
                "control, low EXTRATERRITORIAL weight",
          "nl": "Derde land met adequaatheidsbesluit, zonder brede wet die toegang afdwingt: "
                "controle vanuit een derde land, laag EXTRATERRITORIAAL gewicht"},
    "C": {"en": "Allied, but with extraterritorial compelled access and gag orders: EXTRATERRITORIAL high",
          "nl": "Bondgenoot, maar met extraterritoriaal afdwingbare toegang en zwijgplicht: "
                "EXTRATERRITORIAAL hoog"},
    "D": {"en": "State-cooperation or intelligence laws, strategic rival or sanctioned: usually a hard gate",
          "nl": "Wetten die medewerking aan de staat of inlichtingendiensten afdwingen, strategische "
                "rivaal of gesanctioneerd: meestal een harde drempel"},
    "X": {"en": "Not assessed: the research notes give no class; treat as unknown, not as safe",
          "nl": "Niet beoordeeld: de onderzoeksnotities geven geen klasse; behandel als onbekend, "
                "niet als veilig"},
}

US_LAWS = ["us-cloud-act", "us-ear", "us-eo-12333", "us-fisa-702", "us-ieepa-ofac", "us-itar",
           "us-nsl", "us-sca-2703", "us-sca-2705b"]
CN_LAWS = ["cn-anti-foreign-sanctions-law", "cn-counter-espionage-law", "cn-counter-terrorism-law",
           "cn-cybersecurity-law", "cn-data-security-law", "cn-national-intelligence-law",
           "cn-pipl", "cn-vulnerability-regulations", "us-ear"]
RU_LAWS = ["ru-242-fz", "ru-landing-law", "ru-sorm", "ru-sovereign-internet-law", "ru-yarovaya"]

B_TEXT = ("GDPR-adequate third country (Art. 45 GDPR); the notes identify no broad extraterritorial "
          "compelled-disclosure regime of the CLOUD Act type (frameworks.md §4.1, class B). Still "
          "'non-EU' for CSF SOV-1.1.")

# alpha2 -> (class, text, laws, source key, verified)
CLASSES = {}
for c in EU:
    CLASSES[c] = ("A", "EU member state.", [], "eu-official", True)
for c in EEA_EFTA:
    CLASSES[c] = ("A", "EEA EFTA state.", [], "efta-eea", True)
OUTERMOST = {"GF": "FR", "GP": "FR", "MQ": "FR", "RE": "FR", "YT": "FR", "MF": "FR", "AX": "FI"}
for c, parent in OUTERMOST.items():
    CLASSES[c] = ("A", "EU territory: %s of %s (TFEU Art. 355; Art. 349 for outermost regions). Not in "
                  "the research notes; added while writing this registry."
                  % ("autonomous region" if c == "AX" else "outermost region", parent),
                  [], "tfeu-355", False)
for c in ["AD", "AR", "BR", "CH", "FO", "GG", "IM", "JE", "JP", "KR", "NZ", "UY"]:
    CLASSES[c] = ("B", B_TEXT, [], "ec-adequacy", True)
CLASSES["CA"] = ("B", B_TEXT + " frameworks.md lists Canada 'with caveats' without spelling them out; "
                 "adequacy covers only commercial organisations under PIPEDA.", [], "ec-adequacy", True)
CLASSES["IL"] = ("B", B_TEXT + " frameworks.md lists Israel 'with caveats' without spelling them out.",
                 [], "ec-adequacy", True)
CLASSES["US"] = ("C", "CLOUD Act control test, SCA orders with non-disclosure orders, National Security "
                 "Letters and FISA 702 directives reach US providers and their EU subsidiaries wherever "
                 "data is stored; sanctions and export controls can cut service (frameworks.md §4.1). "
                 "DPF adequacy does not change this (§4.3).", US_LAWS, "insideprivacy", True)
CLASSES["GB"] = ("C", "Investigatory Powers Act notices, incl. secret technical capability notices, reach "
                 "non-UK providers of UK services since 2024 (frameworks.md §4.1). GDPR-adequate, but "
                 "class C.", ["uk-ipa-2016"], "govuk-ipa", True)
CLASSES["AU"] = ("C", "Assistance and Access Act 2018: technical assistance and capability notices to "
                 "designated communications providers incl. foreign ones (frameworks.md §4.1, row marked "
                 "VERIFY). Not GDPR-adequate.", ["au-assistance-access-act-2018"], "legis-au-tola", False)
CLASSES["CN"] = ("D", "Mandatory state cooperation and secrecy (National Intelligence Law), technical "
                 "assistance and decryption duties, blocking rules, vulnerability reporting to the state, "
                 "countermeasures against sanctions compliance; EAR worldwide licence requirement for "
                 "D:5-headquartered entities (frameworks.md §4.1).", CN_LAWS, "mit-cn", True)
CLASSES["HK"] = ("D", "frameworks.md §4.1 puts China 'incl. HK/Macau' in class D. The notes name no law "
                 "that reaches entities in Hong Kong as such; PRC reach follows a PRC-headquartered parent "
                 "(providers.md §8.4). Class by extension, not assessed law by law.", [], "mit-cn", False)
CLASSES["MO"] = ("D", "frameworks.md §4.1 puts China 'incl. HK/Macau' in class D; entities headquartered "
                 "in Macau need an EAR licence worldwide for advanced computing items (BIS guidance "
                 "31 May 2026).", ["us-ear"], "hklaw-ear", True)
CLASSES["RU"] = ("D", "Full state access (SORM), retention and key disclosure (Yarovaya), data "
                 "localisation, landing and sovereign-internet laws; EU public-contract ban of "
                 "Reg. (EU) 833/2014 Art. 5k (group EU-RU-ART5K) (frameworks.md §4.1, §7.6).",
                 RU_LAWS, "ukrainianlaw-ru", True)
for c, nm in [("BY", "Belarus"), ("IR", "Iran"), ("KP", "North Korea")]:
    CLASSES[c] = ("D", "frameworks.md §4.1 lists %s in class D as sanctioned or a strategic rival, without "
                  "naming a law. Listed law: US sanctions programmes under IEEPA cover %s (source supplied "
                  "while writing this registry, VERIFY). EU sanctions apply too but are not modelled in "
                  "laws.json." % (nm, nm), ["us-ieepa-ofac"], "ofac-programs", False)

X_TEXT = ("Not assessed: the research notes assign no risk class. Unknown, not safe; laws.json may still "
          "hold laws of this country (e.g. India).")

# Per-country adequacy detail: alpha2 -> (partial, scope, valid_until, source key)
ADEQUACY = {
    "BR": (False, "Decision (EU) 2026/179 of 26 Jan 2026 (mutual adequacy).", None, "cms-brazil"),
    "CA": (True, "Commercial organisations subject to PIPEDA only.", None, "ec-adequacy"),
    "GB": (False, "GDPR and Law Enforcement Directive decisions renewed 19 Dec 2025.", "2031-12-27",
           "dpocentre-uk"),
    "US": (True, "Only organisations certified under the EU-US Data Privacy Framework (Implementing "
                 "Decision (EU) 2023/1795 of 10 July 2023). The General Court dismissed Latombe "
                 "(T-553/23) on 3 Sept 2025; an appeal to the Court of Justice is pending. The DPF covers "
                 "personal-data transfers only; it does not remove CLOUD Act or FISA exposure and must "
                 "not raise SOV-2 scores.", None, "kslaw-dpf"),
}

COUNTRY_NOTES = {
    "AW": "Part of the Kingdom of the Netherlands, not EU territory; GPA-covered as 'Netherlands with "
          "respect to Aruba'.",
    "BQ": "Caribbean Netherlands: part of the Kingdom of the Netherlands, not EU territory.",
    "CW": "Part of the Kingdom of the Netherlands, not EU territory.",
    "SX": "Part of the Kingdom of the Netherlands, not EU territory.",
    "GB": "GDPR-adequate until 27 Dec 2031, yet class C; UK-US CLOUD Act agreement in force since "
          "Oct 2022.",
    "IN": "Laws in laws.json (in-it-act-s69, in-cert-in-directions-2022) but no class in the research "
          "notes.",
}


def die(msg):
    sys.stderr.write("gen-countries: %s\n" % msg)
    sys.exit(1)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(65536), b""):
            h.update(block)
    return h.hexdigest()


def iso_codes_version():
    try:
        r = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "iso-codes"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           universal_newlines=True, check=False)
    except OSError:
        return "unknown"
    v = r.stdout.strip()
    return v if r.returncode == 0 and v else "unknown"


def source(key):
    url, date, basis, precision = SOURCES[key]
    return {"source_url": url, "source_date": date, "source_date_basis": basis,
            "source_date_precision": precision, "see_also": sorted(SEE_ALSO.get(key, []))}


def build(iso_json, nl_mo, laws_json):
    for p in (iso_json, nl_mo, laws_json):
        if not os.path.isfile(p):
            die("input not found: '%s'" % p)
    with open(iso_json, encoding="utf-8") as f:
        iso = json.load(f)["3166-1"]
    with open(nl_mo, "rb") as f:
        nl = gettext.GNUTranslations(f)
    with open(laws_json, encoding="utf-8") as f:
        law_ids = {law["id"] for law in json.load(f)["laws"]}

    codes = {e["alpha_2"] for e in iso}
    if len(codes) != len(iso):
        die("duplicate alpha-2 codes in '%s'" % iso_json)

    # Consistency checks on the hand-kept tables.
    if len(set(EU)) != 27:
        die("EU must have 27 members, has %d" % len(set(EU)))
    if len(set(GROUPS["EEA"]["members"])) != 30:
        die("EEA must have 30 members")
    for gid, g in GROUPS.items():
        for c in g["members"]:
            if c not in codes:
                die("group %s: unknown alpha-2 '%s'" % (gid, c))
        if g["src"] not in SOURCES:
            die("group %s: unknown source key '%s'" % (gid, g["src"]))
    for c, (cls, _text, laws, src, _v) in CLASSES.items():
        if c not in codes:
            die("risk class: unknown alpha-2 '%s'" % c)
        if src not in SOURCES:
            die("risk class %s: unknown source key '%s'" % (c, src))
        for law in laws:
            if law not in law_ids:
                die("risk class %s: law '%s' not in '%s'" % (c, law, laws_json))
    for c in list(ADEQUACY) + list(COUNTRY_NOTES):
        if c not in codes:
            die("unknown alpha-2 '%s'" % c)
    if set(ADEQUACY) - set(ADEQUACY_MEMBERS()):
        die("adequacy detail for a country outside GDPR-ADEQUATE")

    groups_out = {}
    member_of = {c: [] for c in codes}
    for gid, g in GROUPS.items():
        out = {"name": g["name"], "verified": g["verified"], "complete": g["complete"],
               "status": g["status"], "notes": g["notes"],
               "member_notes": sorted(g["member_notes"], key=lambda m: m["alpha2"]),
               "members": sorted(set(g["members"]))}
        out.update(source(g["src"]))
        groups_out[gid] = out
        for c in out["members"]:
            member_of[c].append(gid)

    countries = []
    for e in sorted(iso, key=lambda e: e["alpha_2"]):
        a2 = e["alpha_2"]
        cname = e.get("common_name")
        entry = {
            "alpha2": a2,
            "alpha3": e["alpha_3"],
            "numeric": e["numeric"],
            "name": {"en": e["name"], "nl": nl.gettext(e["name"])},
            "common_name": {"en": cname, "nl": nl.gettext(cname)} if cname else None,
            "groups": sorted(member_of[a2]),
            "eu_territory_of": OUTERMOST.get(a2),
            "notes": COUNTRY_NOTES.get(a2),
        }
        if a2 in ADEQUACY_MEMBERS():
            partial, scope, until, src = ADEQUACY.get(
                a2, (False, "Adequacy decision for the country as listed by the Commission.", None,
                     "ec-adequacy"))
            adequacy = {"partial": partial, "scope": scope, "valid_until": until, "verified": True}
            adequacy.update(source(src))
            entry["adequacy"] = adequacy
        else:
            entry["adequacy"] = None
        if a2 in CLASSES:
            cls, text, laws, src, verified = CLASSES[a2]
            basis = {"text": text, "laws": sorted(laws), "verified": verified}
            basis.update(source(src))
        else:
            cls = "X"
            basis = {"text": X_TEXT, "laws": [], "verified": False, "source_url": None,
                     "source_date": None, "source_date_basis": None,
                     "source_date_precision": None, "see_also": []}
        entry["risk_class"] = cls
        entry["risk_basis"] = basis
        countries.append(entry)

    provenance = {
        "generator": "tools/gen-countries.py",
        "iso_codes_package": "iso-codes",
        "iso_codes_version": iso_codes_version(),
        "iso_codes_license": "LGPL-2.1+",
        "iso_3166_1_json": iso_json,
        "iso_3166_1_json_sha256": sha256(iso_json),
        "nl_catalogue": nl_mo,
        "nl_catalogue_sha256": sha256(nl_mo),
        "laws": display_path(laws_json),
        "research_notes": RESEARCH,
        "country_count": len(countries),
    }
    return {"format": FORMAT, "provenance": provenance, "risk_classes": CLASS_LEGEND,
            "groups": groups_out, "countries": countries}


def display_path(path):
    """Repository-relative path when inside the repository, else the path as given."""
    rel = os.path.relpath(os.path.abspath(path), ROOT)
    return path if rel.startswith("..") else rel


def ADEQUACY_MEMBERS():
    return GROUPS["GDPR-ADEQUATE"]["members"]


def write(text, out):
    data = text.encode("utf-8")
    if out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    if os.path.exists(out) and not os.path.isfile(out):
        with open(out, "wb") as f:  # pipe, /dev/null: write directly
            f.write(data)
        return
    d = os.path.dirname(os.path.abspath(out))
    fd, tmp = tempfile.mkstemp(prefix=".countries.", dir=d)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def main(argv):
    ap = argparse.ArgumentParser(description="Generate rules/registry/countries.json.")
    ap.add_argument("output", nargs="?", default="-", help="output file, '-' for stdout (default)")
    ap.add_argument("--iso-json", default=ISO_JSON, help="iso-codes ISO 3166-1 JSON (default: %(default)s)")
    ap.add_argument("--nl-mo", default=NL_MO, help="Dutch gettext catalogue (default: %(default)s)")
    ap.add_argument("--laws", default=LAWS_JSON, help="laws.json to check law ids against")
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:
        sys.exit(64 if e.code else 0)
    doc = build(args.iso_json, args.nl_mo, args.laws)
    write(json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n", args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
