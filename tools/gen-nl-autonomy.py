#!/usr/bin/env python3
"""Generate rules/frameworks/nl-autonomy.json, the Dutch autonomy extension
scored beside the CSF (never mixed into it).

usage: gen-nl-autonomy.py OUT.json

Every criterion is derived from facts of the bid declaration (a missing fact
leaves it unknown), on a 0-4 ladder whose rung is also its SEAL-like level;
each group's criteria share 1000 points evenly, so a group scores like a CSF
objective. Sources: ../shared/research/frameworks.md, "Consolidated criterion
catalogue" (EXIT-, CONC-, AI- rows) and section 9 (own/share/access), and
../shared/research/ai-models.md section 5.2 (ladders A-H). Laws and clauses are
cited in each criterion's basis.
"""

import json
import sys

DATA_ACT = "EU Data Act (Regulation (EU) 2023/2854)"
DATA_ACT_URL = "https://eur-lex.europa.eu/eli/reg/2023/2854/oj"
CHAIN = "sov:chain(/bid/tenderer | /bid/entities[role = 'member']/id)"
SHARE = "sov:portfolio-share(sov:chain(/bid/tenderer))"
CTPP = "count(sov:chain(/bid/tenderer)[designation = 'DORA CTPP']) > 0"
TOP_EEA = "count(sov:outside('EEA', (sov:chain(/bid/tenderer))[last()]/country)) = 0"


def enum_rung(path, values):
    """XPath: the rung of an enumerated fact; values worst first."""
    return " + ".join(f"number({path} = '{v}') * {k}"
                      for k, v in enumerate(values) if k) or "0"


def ladder(labels):
    return labels


def crit(cid, title, question, labels, rung, needs, flag=None, basis="",
         applies=None, note=None):
    return {"id": cid, "title": title, "question": question, "labels": labels,
            "rung": rung, "needs": needs, "flag": flag, "basis": basis,
            "applies": applies, "note": note}


def flag(code, family, severity, when, en, nl, basis, detail=None):
    f = {"code": code, "family": family, "severity": severity, "when": when,
         "en": en, "nl": nl, "basis": basis}
    if detail:
        f["detail"] = detail
    return f


EX = "service/exit"
CT = "service/control"
AI = "service/ai_model"
AI_PRESENT = f"count({AI}) > 0"
OP = "service/openness"
charges_commercial = f"({EX}/egress_charges = 'commercial' or {EX}/switching_charges = 'commercial')"
charges_cost = f"({EX}/egress_charges = 'cost-based' or {EX}/switching_charges = 'cost-based')"
art25_ok = (f"({EX}/notice_months <= 2 and {EX}/transition_days <= 30 and "
            f"{EX}/retrieval_days >= 30)")
closed = f"({AI}/weights = 'api-only' or {AI}/weights = 'restrictive')"
origin = f"{AI}/origin_country"
eea_origin = f"sov:in-group('EEA', {origin})"
controlled_origin = f"sov:in-group('AI-MODEL-EXPORT-CONTROL', {origin})"
local = f"({AI}/self_hosting = 'large-node' or {AI}/self_hosting = 'single-node')"
EEA_ONLY_DATA = ("count(service/data_locations[not(@empty)]) > 0 and "
                 "count(sov:outside('EEA', service/data_locations)) = 0")

GROUPS = [
    ("EXIT", "Exit and lock-in (EU Data Act switching rules)", [
        crit("EXIT-01", "Switching and egress charges",
             "What does the provider charge for switching away and for data egress?",
             ["Charges above cost, or any charge on or after 12 January 2027",
              "-", "Cost-based charges only (allowed until 12 January 2027)", "-",
              "No switching or egress charges"],
             f"number(not{charges_commercial} and not{charges_cost}) * 4 + "
             f"number(not{charges_commercial} and {charges_cost} and "
             f"sov:before('2027-01-12')) * 2",
             [f"{EX}/egress_charges", f"{EX}/switching_charges"],
             flag("SWITCHING-CHARGES", "LOCK-IN", "high",
                  f"{charges_commercial} or ({charges_cost} and not(sov:before('2027-01-12')))",
                  "the bid charges for switching or data egress ({detail}); the Data Act "
                  "allows at most cost-based charges until 12 January 2027 and none after",
                  "de inschrijving rekent kosten voor overstappen of uitgaand dataverkeer "
                  "({detail}); de Data Act staat tot 12 januari 2027 hoogstens kostprijs toe "
                  "en daarna niets",
                  f"{DATA_ACT} art. 29 ({DATA_ACT_URL})",
                  detail=f"{EX}/egress_charges | {EX}/switching_charges"),
             f"{DATA_ACT} art. 29: switching charges reduced to cost until 12 January "
             f"2027, none after ({DATA_ACT_URL}); judged on the tender's assessment date"),
        crit("EXIT-02", "Contractual switching terms",
             "Notice period, transition period and data retrieval window of the contract",
             ["A limit of art. 25 is breached", "-", "-", "-",
              "Notice at most 2 months, transition at most 30 days, retrieval at least 30 days"],
             f"number({art25_ok}) * 4",
             [f"{EX}/notice_months", f"{EX}/transition_days", f"{EX}/retrieval_days"],
             flag("SWITCHING-TERMS", "LOCK-IN", "high", f"not{art25_ok}",
                  "the switching terms breach the Data Act: notice {detail} (months, "
                  "transition days, retrieval days); at most 2 months, 30 days and at "
                  "least 30 days are required",
                  "de overstapvoorwaarden schenden de Data Act: opzegging {detail} "
                  "(maanden, overgangsdagen, dagen om gegevens op te halen); ten hoogste "
                  "2 maanden, 30 dagen en ten minste 30 dagen zijn vereist",
                  f"{DATA_ACT} art. 25 ({DATA_ACT_URL})",
                  detail=f"{EX}/notice_months | {EX}/transition_days | {EX}/retrieval_days"),
             f"{DATA_ACT} art. 25 ({DATA_ACT_URL})"),
        crit("EXIT-03", "Export formats and completeness",
             "What data export does the provider offer at exit?",
             ["Partial", "-", "Complete, in a documented proprietary format", "-",
              "Complete, in open documented formats"],
             enum_rung(f"{EX}/export", ["partial", "-", "documented", "-", "open-complete"]),
             [f"{EX}/export"],
             flag("PARTIAL-EXPORT", "LOCK-IN", "high", f"{EX}/export = 'partial'",
                  "the provider offers only a partial export of the buyer's data at exit",
                  "de aanbieder biedt bij vertrek slechts een gedeeltelijke export van de "
                  "gegevens van de opdrachtgever",
                  f"{DATA_ACT} art. 26 ({DATA_ACT_URL})"),
             f"{DATA_ACT} art. 26; Gaia-X P4.1.1; frameworks.md EXIT-03"),
        crit("EXIT-04", "Functional equivalence support",
             "Does the provider support functional equivalence at the destination?",
             ["No support", "-", "Best effort", "-", "Yes, with tooling"],
             enum_rung(f"{EX}/functional_equivalence", ["none", "-", "best-effort", "-", "tooling"]),
             [f"{EX}/functional_equivalence"], None,
             f"{DATA_ACT} art. 30 ({DATA_ACT_URL})"),
        crit("EXIT-05", "Licence portability",
             "May the buyer run its software licences on another provider's infrastructure?",
             ["Prohibited", "-", "With a surcharge", "-", "Without restriction"],
             enum_rung(f"{EX}/licence_portability", ["prohibited", "-", "surcharge", "-", "unrestricted"]),
             [f"{EX}/licence_portability"],
             flag("LICENCE-NOT-PORTABLE", "LOCK-IN", "medium",
                  f"{EX}/licence_portability = 'prohibited'",
                  "software licences may not be used on another provider's infrastructure",
                  "softwarelicenties mogen niet op de infrastructuur van een andere aanbieder "
                  "worden gebruikt",
                  "frameworks.md, consolidated catalogue EXIT-07 (licence portability)"),
             "frameworks.md, consolidated catalogue EXIT-07"),
        crit("EXIT-06", "Share built on provider-unique managed services",
             "Which share of the solution runs on managed services only this provider offers?",
             ["75 % or more", "50 to 75 %", "25 to 50 %", "10 to 25 %", "Less than 10 %"],
             f"number({EX}/unique_services_percent < 75) + number({EX}/unique_services_percent < 50)"
             f" + number({EX}/unique_services_percent < 25) + number({EX}/unique_services_percent < 10)",
             [f"{EX}/unique_services_percent"],
             flag("PROVIDER-UNIQUE-SERVICES", "LOCK-IN", "medium",
                  f"{EX}/unique_services_percent >= 50",
                  "{detail} % of the solution runs on managed services only this provider offers",
                  "{detail} % van de oplossing draait op beheerde diensten die alleen deze "
                  "aanbieder levert",
                  "frameworks.md §5 lock-in criteria", detail=f"{EX}/unique_services_percent"),
             "frameworks.md §5 lock-in criteria; Data Act art. 30 (open interfaces)"),
        crit("EXIT-07", "Identity-provider independence",
             "Which open identity standards does the service support (OIDC or SAML, SCIM)?",
             ["None", "-", "Single sign-on by OIDC or SAML, or SCIM only", "-",
              "OIDC or SAML, and SCIM"],
             f"number({EX}/identity_standards = 'oidc' or {EX}/identity_standards = 'saml') * 2"
             f" + number({EX}/identity_standards = 'scim') * 2",
             [f"{EX}/identity_standards"], None,
             "frameworks.md §5.3 open standards (Forum Standaardisatie list)"),
        crit("EXIT-08", "Tested exit plan",
             "Is there an exit plan, and has the migration been tested?",
             ["No exit plan", "-", "An exit plan, not tested", "-", "A tested exit plan"],
             f"number({EX}/plan = 'true') * 2 + number({EX}/plan = 'true' and {EX}/plan_tested = 'true') * 2",
             [f"{EX}/plan"], None,
             "CSF 2026 SOV-4.1; DORA art. 28(8) exit strategies; frameworks.md EXIT-06"),
        crit("EXIT-09", "SWIPO code of conduct",
             "Does the provider adhere to a SWIPO code of conduct?",
             ["No", "-", "Declared", "-", "Declared and audited"],
             enum_rung(f"{EX}/swipo", ["none", "-", "declared", "-", "audited"]),
             [f"{EX}/swipo"], None, "SWIPO codes of conduct; frameworks.md §5.2"),
    ]),
    ("CONTROL", "Control: fallback, kill switches, knowledge and keys", [
        crit("CTL-01", "Tested fallback and disconnect",
             "Has a fallback option (terugvaloptie) been tested, and a disconnect from the provider?",
             ["Neither tested", "-", "One of the two tested", "-", "Both tested"],
             f"number({CT}/fallback_tested = 'true') * 2 + number({CT}/disconnect_tested = 'true') * 2",
             [f"{CT}/fallback_tested", f"{CT}/disconnect_tested"],
             flag("NO-TESTED-FALLBACK", "CONTROL-LOSS", "high",
                  f"{CT}/fallback_tested = 'false'",
                  "no fallback option has been tested: the buyer cannot keep its process "
                  "running without this provider",
                  "er is geen terugvaloptie getest: de opdrachtgever kan het proces niet "
                  "zonder deze aanbieder voortzetten",
                  "Dutch cyber security picture 2025 (loss of control: no fallback); "
                  "frameworks.md §9 (tested disconnect, C3A SOV-4-09-C)"),
             "frameworks.md §9 own/share/access, tested disconnect (C3A SOV-4-09-C)"),
        crit("CTL-02", "Remote kill-switch dependencies",
             "Can the vendor stop the service remotely (licence activation, mandatory telemetry, vendor control plane)?",
             ["Two or more such dependencies", "-", "One dependency", "-", "None"],
             f"number(count({CT}/kill_switches[not(@empty)]) = 0) * 4"
             f" + number(count({CT}/kill_switches[not(@empty)]) = 1) * 2",
             [f"{CT}/kill_switches"],
             flag("KILL-SWITCH", "CONTROL-LOSS", "high",
                  f"count({CT}/kill_switches[not(@empty)]) > 0",
                  "the vendor can stop the service remotely through {detail}",
                  "de leverancier kan de dienst op afstand stilzetten via {detail}",
                  "ai-models.md §4.1 (call-home and licence servers); frameworks.md §9",
                  detail=f"{CT}/kill_switches"),
             "ai-models.md §4.1; frameworks.md §9"),
        crit("CTL-03", "Knowledge retention and source-code escrow",
             "Is knowledge transferred to the buyer, and is the source code in escrow (in the EU)?",
             ["Neither", "Escrow outside the EU", "Escrow in the EU, or knowledge transfer", "Knowledge transfer and escrow outside the EU",
              "Knowledge transfer and escrow in the EU"],
             f"number({CT}/escrow = 'non-eu') + number({CT}/escrow = 'eu') * 2"
             f" + number({CT}/knowledge_transfer = 'true') * 2",
             [f"{CT}/escrow", f"{CT}/knowledge_transfer"], None,
             "frameworks.md §9 (source-code escrow in the EU for own)"),
        crit("CTL-04", "Who holds the keys",
             "Who controls the encryption keys?",
             ["The provider", "Mainly the provider", "Shared", "Mainly the customer",
              "The customer alone"],
             enum_rung("service/key_management", ["provider", "provider-primary", "shared",
                                                  "customer-primary", "customer-exclusive"]),
             ["service/key_management"], None, "CSF 2026 SOV-3.1; frameworks.md §9 (HYOK for own)"),
    ]),
    ("CONCENTRATION", "Concentration", [
        crit("CONC-01", "The provider group's share after this award",
             "Which share of the buyer's spend or critical workloads would the bidder's provider group hold after this award (buyer portfolio)?",
             ["70 % or more", "50 to 70 %", "35 to 50 %", "20 to 35 %", "Less than 20 %"],
             f"number({SHARE} < 70) + number({SHARE} < 50) + number({SHARE} < 35)"
             f" + number({SHARE} < 20)",
             [f"{SHARE} >= 0"],
             flag("PROVIDER-GROUP-SHARE", "CONCENTRATION", "high", f"{SHARE} >= 50",
                  "after this award the bidder's provider group would hold {detail} % of "
                  "the buyer's portfolio: a single point of failure",
                  "na deze gunning zou de concerngroep van de inschrijver {detail} % van de "
                  "portefeuille van de opdrachtgever in handen hebben: een enkelvoudig "
                  "faalpunt",
                  "DORA art. 28-29 (concentration risk, https://eur-lex.europa.eu/eli/reg/2022/2554/oj); "
                  "frameworks.md catalogue CONC-01",
                  detail=f"round({SHARE})"),
             "DORA art. 28-29; Dutch cyber security picture (concentration); frameworks.md CONC-01",
             applies=f"{SHARE} >= 0",
             note="buyer data, not the bidder's: without a portfolio in the tender the criterion does not apply"),
        crit("CONC-02", "Sovereign wrapper on a single hyperscaler's stack",
             "Does the offer run on technology licensed from one non-EU hyperscaler?",
             ["Yes", "-", "-", "-", "No"],
             f"number(count(sov:outside('EEA', {CHAIN}/technology/country)) = 0) * 4",
             [],
             flag("HYPERSCALER-WRAPPER", "CONCENTRATION", "medium",
                  f"count(sov:outside('EEA', {CHAIN}/technology/country)) > 0",
                  "the offer runs on technology licensed from outside the EU/EEA ({detail}): "
                  "a 'sovereign' wrapper keeps the dependency on one hyperscaler",
                  "het aanbod draait op technologie in licentie van buiten de EU/EER ({detail}): "
                  "een 'soevereine' schil houdt de afhankelijkheid van een hyperscaler in stand",
                  "frameworks.md consolidated catalogue CONC-02 (S3NS-type offers); CSF 2026 SOV-5.6",
                  detail=f"({CHAIN}/technology[sov:outside('EEA', country)])/licensor"),
             "frameworks.md CONC-02; CSF 2026 SOV-5.6 and SOV-1.8"),
        crit("CONC-03", "Designated critical ICT third-party provider",
             "Is the bidder's provider group designated a critical ICT third-party provider (CTPP) under DORA?",
             ["Designated, and controlled from outside the EU/EEA", "-",
              "Designated, controlled within the EU/EEA", "-", "Not designated"],
             f"number(not({CTPP})) * 4 + number({CTPP} and {TOP_EEA}) * 2",
             [],
             flag("CTPP-DESIGNATED", "CONCENTRATION", "medium", CTPP,
                  "the provider group is designated a critical ICT third-party provider "
                  "under DORA ({detail}): much of the EU financial sector already depends on it",
                  "de concerngroep van de aanbieder is onder DORA aangewezen als kritieke "
                  "derde aanbieder van ICT-diensten ({detail}): een groot deel van de "
                  "Europese financiele sector is er al van afhankelijk",
                  "DORA art. 31 (https://eur-lex.europa.eu/eli/reg/2022/2554/oj); ESAs' first "
                  "list of 19 CTPPs, 18 November 2025 (registry certifications, scheme DORA CTPP)",
                  detail=f"sov:chain(/bid/tenderer)[designation = 'DORA CTPP']/name"),
             "DORA art. 31; frameworks.md catalogue CONC-03"),
    ]),
    ("AI", "AI models", [
        crit("AI-01", "Weights availability",
             "Are the model's weights available?",
             ["API only", "Restrictive licence", "-", "Open weights", "Open weights with data information"],
             enum_rung(f"{AI}/weights", ["api-only", "restrictive", "-", "open-weights", "open-with-data"]),
             [f"{AI}/weights"],
             flag("CLOSED-WEIGHTS", "OPENNESS", "medium", closed,
                  "the model's weights are not openly available ({detail})",
                  "de gewichten van het model zijn niet openlijk beschikbaar ({detail})",
                  "ai-models.md §5.2 ladder A; Dutch government standpoint on generative AI",
                  detail=f"{AI}/name | {AI}/weights"),
             "ai-models.md §5.2 ladder A; OSAID 1.0", applies=AI_PRESENT),
        crit("AI-02", "Licence freedom", "How free is the model's licence?",
             ["Proprietary", "Non-commercial", "Material restrictions", "Light conditions", "OSI-approved"],
             enum_rung(f"{AI}/licence_class", ["proprietary", "non-commercial", "restricted",
                                               "permissive-conditions", "osi"]),
             [f"{AI}/licence_class"], None, "ai-models.md §5.2 ladder B", applies=AI_PRESENT),
        crit("AI-03", "Training-data transparency", "What is published about the training data?",
             ["Nothing", "AI Act summary only", "Data card", "Source list and most data",
              "Complete open data"],
             enum_rung(f"{AI}/training_data", ["none", "summary", "data-card", "source-list", "open"]),
             [f"{AI}/training_data"], None,
             "AI Act art. 53(1)(d) (https://eur-lex.europa.eu/eli/reg/2024/1689/oj); ai-models.md ladder C",
             applies=AI_PRESENT),
        crit("AI-04", "Runs without the vendor",
             "Can the model run on the buyer's or another EU provider's infrastructure without calling home?",
             ["API only", "Vendor-managed or licence server", "Restricted licence",
              "Freely, on a large multi-GPU node", "Freely, air-gapped on a single GPU or small node"],
             enum_rung(f"{AI}/self_hosting", ["api-only", "vendor-managed", "restricted",
                                              "large-node", "single-node"]),
             [f"{AI}/self_hosting"],
             flag("MODEL-NEEDS-VENDOR", "LOCK-IN", "medium",
                  f"{AI}/self_hosting = 'api-only' or {AI}/self_hosting = 'vendor-managed'",
                  "the model runs only with the vendor ({detail}: API only, or a vendor-managed "
                  "deployment or licence contract needed to run it)",
                  "het model draait alleen met de leverancier ({detail}: alleen via een API, of "
                  "een door de leverancier beheerde installatie of licentiecontract nodig)",
                  "ai-models.md §4.1 and §5.2 ladder D", detail=f"{AI}/self_hosting"),
             "ai-models.md §5.2 ladder D", applies=AI_PRESENT),
        crit("AI-05", "Fine-tunes and embeddings owned", "Who owns fine-tunes and embeddings, and can they be exported?",
             ["The provider", "-", "Shared", "-", "The customer"],
             enum_rung(f"{AI}/fine_tune_ownership", ["provider", "-", "shared", "-", "customer"]),
             [f"{AI}/fine_tune_ownership"], None,
             f"{DATA_ACT} art. 23 and 25 (digital assets); ai-models.md ladder E", applies=AI_PRESENT),
        crit("AI-06", "Standard inference API", "Does the service use a standard inference API?",
             ["A proprietary API", "-", "A widely compatible API", "-", "An open standard, self-hostable runtime"],
             enum_rung(f"{AI}/inference_api", ["proprietary", "-", "compatible", "-", "open-standard"]),
             [f"{AI}/inference_api"], None, "ai-models.md §4.2", applies=AI_PRESENT),
        crit("AI-07", "Where the model comes from", "Country of the model's developer",
             ["A country of concern (risk class D)", "A country whose export controls have reached AI models",
              "Another country", "The EU/EEA", "The Netherlands"],
             f"number(sov:risk-class({origin}) != 'D') * (1 + number(not({controlled_origin}))"
             f" + number({eea_origin}) + number({origin} = 'NL'))",
             [origin], None, "ai-models.md §5.2 ladder F; Dutch generative-AI standpoint (NL/EU preferred)",
             applies=AI_PRESENT),
        crit("AI-08", "Export-control exposure", "Can a foreign authority cut off or restrict the model?",
             ["Suspended before, or banned",
              "Closed model from a controlling country, served from outside the EEA",
              "Closed model from a controlling country served from the EEA, another non-EU closed model, or open weights not held locally",
              "Open weights from outside the EEA held locally, or a closed EU model",
              "EU open weights held locally"],
             # closed: EEA 3; controlling country 1, or 2 when served only
             # from the EEA; other 2. open: held locally 3, EEA origin 4;
             # not held locally 2. A suspension before: 0.
             f"number({AI}/suspended != 'true') * ("
             f"number({closed} and {eea_origin}) * 3"
             f" + number({closed} and {controlled_origin}) * (1 + number({EEA_ONLY_DATA}))"
             f" + number({closed} and not({eea_origin}) and not({controlled_origin})) * 2"
             f" + number(not{closed} and {local}) * (3 + number({eea_origin}))"
             f" + number(not{closed} and not{local}) * 2)",
             [f"{AI}/weights", origin, f"{AI}/suspended", "service/data_locations"],
             flag("MODEL-CAN-BE-CUT-OFF", "EXPORT-CONTROL", "high",
                  f"{AI}/suspended = 'true' or ({closed} and {controlled_origin})",
                  "an export directive can cut off access to the model ({detail}), as a US "
                  "directive did to two frontier models in June 2026",
                  "een exportrichtlijn kan de toegang tot het model afsluiten ({detail}), zoals "
                  "een Amerikaanse richtlijn in juni 2026 bij twee frontiermodellen deed",
                  "ai-models.md §3.3 (12 June 2026 directive) and §5.2 ladder G",
                  detail=f"{AI}/name | {origin}"),
             "ai-models.md §3 and §5.2 ladder G", applies=AI_PRESENT),
        crit("AI-09", "No training on customer data", "Does the contract forbid training on customer data?",
             ["No", "-", "-", "-", "Yes"],
             f"number({AI}/no_training_on_customer_data = 'true') * 4",
             [f"{AI}/no_training_on_customer_data"],
             flag("TRAINS-ON-CUSTOMER-DATA", "CONTROL-LOSS", "high",
                  f"{AI}/no_training_on_customer_data = 'false'",
                  "the contract does not forbid training the model on the buyer's data",
                  "het contract verbiedt niet dat het model op gegevens van de opdrachtgever "
                  "wordt getraind",
                  "Dutch generative-AI standpoint, required contract topics (ai-models.md §2, [20])"),
             "ai-models.md §4.3 and §5.1 item 9", applies=AI_PRESENT),
        crit("AI-10", "Dutch language quality", "What evidence is there of Dutch language quality?",
             ["No Dutch support", "Incidental", "Supported, no benchmark", "Evaluated on Dutch benchmarks",
              "Top tier on Dutch benchmarks"],
             enum_rung(f"{AI}/dutch_quality", ["none", "incidental", "supported", "evaluated", "top-tier"]),
             [f"{AI}/dutch_quality"], None, "ai-models.md §5.2 ladder H", applies=AI_PRESENT),
        crit("AI-11", "EU or Dutch open model", "Is the model an EU (or Dutch) open model?",
             ["Non-EU closed", "Non-EU open", "-", "EU closed", "EU open"],
             f"number(not{closed}) + number({eea_origin}) * 3",
             [f"{AI}/weights", origin],
             flag("NON-EU-MODEL", "EU-PREFERENCE", "low", f"not({eea_origin})",
                  "the model comes from outside the EU/EEA ({detail}); Dutch policy prefers "
                  "open, Dutch or European models such as GPT-NL",
                  "het model komt van buiten de EU/EER ({detail}); het Nederlandse beleid geeft "
                  "de voorkeur aan open, Nederlandse of Europese modellen zoals GPT-NL",
                  "Dutch generative-AI standpoint (ai-models.md §2); frameworks.md catalogue AI-09",
                  detail=origin),
             "frameworks.md catalogue AI-09", applies=AI_PRESENT),
    ]),
    ("OPENNESS", "Openness", [
        crit("OPN-01", "Open standards", "Does the service follow the Dutch comply-or-explain list of open standards?",
             ["No", "-", "Partly", "-", "Fully"],
             enum_rung(f"{OP}/open_standards", ["none", "-", "partial", "-", "comply-or-explain"]),
             [f"{OP}/open_standards"], None,
             "Forum Standaardisatie comply-or-explain list; frameworks.md §5.3"),
        crit("OPN-02", "Open-source licence", "Is the software under an open-source licence?",
             ["No", "-", "Partly", "-", "Fully, OSI-approved"],
             enum_rung(f"{OP}/open_source", ["none", "-", "partial", "-", "osi"]),
             [f"{OP}/open_source"],
             flag("CLOSED-SOURCE", "OPENNESS", "low", f"{OP}/open_source = 'none'",
                  "the software is not open source", "de software is niet open source",
                  "frameworks.md §5.3 open source criteria"),
             "frameworks.md §5.3"),
        crit("OPN-03", "Open-source governance", "Who governs the software?",
             ["The vendor", "-", "A foundation", "-", "An EU foundation"],
             enum_rung(f"{OP}/governance", ["vendor", "-", "foundation", "-", "eu-foundation"]),
             [f"{OP}/governance"], None, "frameworks.md §5.3"),
    ]),
]

GATES = [
    {"id": "DATA-ACT-EXIT", "kind": "gate",
     "needs": [f"{EX}/egress_charges", f"{EX}/switching_charges", f"{EX}/notice_months",
               f"{EX}/transition_days", f"{EX}/retrieval_days"],
     "when": f"not{art25_ok} or {charges_commercial} or ({charges_cost} and not(sov:before('2027-01-12')))",
     "reason": {"en": "the contract must meet the Data Act's switching rules: at most 2 months' notice, "
                      "30 days' transition, at least 30 days to retrieve data, and no switching or egress "
                      "charges above cost (none from 12 January 2027)",
                "nl": "het contract moet voldoen aan de overstapregels van de Data Act: ten hoogste 2 "
                      "maanden opzegging, 30 dagen overgang, ten minste 30 dagen om gegevens op te halen, "
                      "en geen overstap- of uitgaande datakosten boven kostprijs (vanaf 12 januari 2027 geen)"},
     "flag": {"family": "LOCK-IN", "code": "DATA-ACT-EXIT-FAILED", "severity": "blocker",
              "message": {"en": "the exit terms do not meet the Data Act's switching rules",
                          "nl": "de exitvoorwaarden voldoen niet aan de overstapregels van de Data Act"},
              "basis": f"{DATA_ACT} art. 25 and 29 ({DATA_ACT_URL})"}},
    {"id": "NO-CD-CONTROLLER", "kind": "gate",
     "when": f"count(({CHAIN})[risk_class = 'C' or risk_class = 'D']) > 0",
     "detail": f"({CHAIN})[risk_class = 'C' or risk_class = 'D']/name",
     "path": f"({CHAIN})[risk_class = 'C' or risk_class = 'D']",
     "reason": {"en": "for work the buyer must own, no entity of risk class C or D may control the tenderer "
                      "or a consortium member",
                "nl": "voor werk dat de opdrachtgever zelf moet beheersen, mag geen entiteit van risicoklasse "
                      "C of D de inschrijver of een consortiumlid beheersen"},
     "flag": {"family": "EXTRATERRITORIAL", "code": "CD-CONTROLLER", "severity": "blocker",
              "message": {"en": "a controller of risk class C or D is on the chain: {detail}",
                          "nl": "een beheersende entiteit van risicoklasse C of D staat in de keten: {detail}"},
              "basis": "frameworks.md §9 (own: no class C/D entity anywhere in the chain); "
                       "Gaia-X label 3 and SecNumCloud 3.2 §19.6 (no non-EU decisive influence)"}},
    {"id": "NO-D-CONTROLLER", "kind": "gate",
     "when": f"count(({CHAIN})[risk_class = 'D']) > 0",
     "detail": f"({CHAIN})[risk_class = 'D']/name",
     "path": f"({CHAIN})[risk_class = 'D']",
     "reason": {"en": "for work shared with trusted partners, no entity of risk class D may control the "
                      "tenderer or a consortium member",
                "nl": "voor werk dat met vertrouwde partners wordt gedeeld, mag geen entiteit van "
                      "risicoklasse D de inschrijver of een consortiumlid beheersen"},
     "flag": {"family": "EXTRATERRITORIAL", "code": "D-CONTROLLER", "severity": "blocker",
              "message": {"en": "a controller of risk class D is on the chain: {detail}",
                          "nl": "een beheersende entiteit van risicoklasse D staat in de keten: {detail}"},
              "basis": "frameworks.md §9 (share: class D entities excluded)"}},
    {"id": "NO-TRAINING-ON-CUSTOMER-DATA", "kind": "gate",
     "needs": [f"not({AI}) or {AI}/no_training_on_customer_data"],
     "when": f"{AI_PRESENT} and {AI}/no_training_on_customer_data = 'false'",
     "reason": {"en": "an AI service may not train its models on the buyer's data",
                "nl": "een AI-dienst mag zijn modellen niet trainen op gegevens van de opdrachtgever"},
     "flag": {"family": "CONTROL-LOSS", "code": "TRAINING-GATE-FAILED", "severity": "blocker",
              "message": {"en": "the AI service may train on the buyer's data",
                          "nl": "de AI-dienst mag trainen op gegevens van de opdrachtgever"},
              "basis": "frameworks.md §9 (access: no training on customer data); Dutch generative-AI standpoint"}},
]


# Criteria without a flag of their own still belong to a flag family: at
# their worst rung they raise a flag of that family, so every criterion can
# show up in the flag register.
WORST = {
    "EXIT-04": ("LOCK-IN", "NO-FUNCTIONAL-EQUIVALENCE"),
    "EXIT-07": ("LOCK-IN", "NO-OPEN-IDENTITY-STANDARD"),
    "EXIT-08": ("LOCK-IN", "NO-EXIT-PLAN"),
    "EXIT-09": ("LOCK-IN", "NO-SWIPO"),
    "CTL-03": ("CONTROL-LOSS", "NO-ESCROW-OR-KNOWLEDGE"),
    "CTL-04": ("CONTROL-LOSS", "PROVIDER-HOLDS-KEYS"),
    "AI-02": ("OPENNESS", "PROPRIETARY-MODEL-LICENCE"),
    "AI-03": ("OPENNESS", "NO-TRAINING-DATA-INFORMATION"),
    "AI-05": ("LOCK-IN", "PROVIDER-OWNS-FINE-TUNES"),
    "AI-06": ("LOCK-IN", "PROPRIETARY-INFERENCE-API"),
    "AI-07": ("EXTRATERRITORIAL", "MODEL-FROM-COUNTRY-OF-CONCERN", "medium"),
    "AI-10": ("CONTROL-LOSS", "NO-DUTCH-SUPPORT"),
    "OPN-01": ("OPENNESS", "NO-OPEN-STANDARDS"),
    "OPN-03": ("OPENNESS", "VENDOR-GOVERNED-SOFTWARE"),
}


def worst_flag(c):
    family, code, *severity = WORST[c["id"]]
    label = c["labels"][0]
    return flag(code, family, severity[0] if severity else "low", f"({c['rung']}) = 0",
                f"{c['title']}: the lowest level ({label})",
                f"{c['title']}: het laagste niveau ({label})",
                c["basis"])


def build():
    objectives = []
    for gid, gtitle, crits in GROUPS:
        n = len(crits)
        out = []
        # the tops share exactly 1000 points (100000 hundredths); the first
        # criterion takes the remainder, so a group at its best is 100 %
        base = 100000 // n
        tops = [(base + (100000 - base * n if i == 0 else 0)) / 100 for i in range(n)]
        for i, c in enumerate(crits):
            top = tops[i]
            rungs = []
            for k, label in enumerate(c["labels"]):
                points = round(top * k / 4, 2)
                rungs.append({"label": label if label != "-" else f"(level {k})",
                              "points": points, "seal": k})
            rules = []
            if c["applies"]:
                rules.append({"id": f"{c['id']}/applies", "kind": "applies", "when": c["applies"]})
            rules.append({"id": f"{c['id']}/derive", "kind": "derive", "needs": c["needs"],
                          "rung": c["rung"]})
            if not c["flag"] and c["id"] in WORST:
                c["flag"] = worst_flag(c)
            if c["flag"]:
                f = c["flag"]
                r = {"id": f"{c['id']}/{f['code'].lower()}", "kind": "flag",
                     "needs": c["needs"], "when": f["when"],
                     "flag": {"family": f["family"], "code": f["code"], "severity": f["severity"],
                              "message": {"en": f["en"], "nl": f["nl"]}, "basis": f["basis"]}}
                if "detail" in f:
                    r["detail"] = f["detail"]
                if c["applies"]:
                    r["when"] = f"{c['applies']} and ({f['when']})"
                rules.append(r)
            item = {"id": c["id"], "title": c["title"], "question": c["question"],
                    "basis": c["basis"], "rungs": rungs, "rules": rules}
            if c["note"]:
                item["notes"] = c["note"]
            out.append(item)
        objectives.append({"id": gid, "title": gtitle, "criteria": out})
    weights = {gid: 100 // len(GROUPS) for gid, _, _ in GROUPS}
    missing = [c["id"] for _, _, crits in GROUPS for c in crits if not c["flag"]]
    if missing:
        raise SystemExit(f"criteria without a flag family: {missing}")
    return {
        "format": "assess-framework/1",
        "id": "nl-autonomy",
        "version": "2026-11-22",
        "title": "Dutch autonomy extension: exit and lock-in, control, concentration, AI models, openness",
        "attribution": "Built by the assess project from its research notes (frameworks.md consolidated "
                       "criterion catalogue, ai-models.md section 5); each criterion cites its legal or "
                       "framework basis.",
        "source": {"generator": "tools/gen-nl-autonomy.py"},
        "nominal_points": 1000,
        "seal_levels": [{"level": k, "name": {"en": f"Level {k}", "nl": f"Niveau {k}"}}
                        for k in range(5)],
        "weight_profiles": {"equal": {"label": "Equal group weights (used when a lot has no class)",
                                      "weights": weights}},
        "default_weight_profile": "equal",
        "objectives": objectives,
        "gates": GATES,
    }


if __name__ == "__main__":
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        json.dump(build(), f, ensure_ascii=False, indent=1)
        f.write("\n")
