/*
 * ted.c - the reader of the older TED publication format, TED_EXPORT
 * (schemas R2.0.8 and R2.0.9): the standard forms F01-F25 of the 2014
 * directives, the defence forms of directive 2009/81/EC (R2.0.8 layout,
 * still published in 2021) and, as far as they share element names, the
 * pre-2016 R2.0.8 forms.
 *
 * Elements are matched by local name: the namespace differs per schema
 * version (research/eforms-fields.md §1). The form body is the element of
 * FORM_SECTION with CATEGORY="ORIGINAL"; translated copies are ignored.
 * R2.0.9 forms are read by fixed paths. An R2.0.8 body (FD_<form>) nests
 * its sections differently per form, so it is searched for the element
 * names the defence forms use (bounded depth; lot and award sections are
 * not entered when a notice-level value is wanted).
 *
 * Mapping. F is the form body, OC = F/OBJECT_CONTRACT, OD = OC/OBJECT_DESCR,
 * AW = F/AWARD_CONTRACT, AC = AW/AWARDED_CONTRACT, N = CODED_DATA_SECTION/
 * NOTICE_DATA, C = CODED_DATA_SECTION/CODIF_DATA; other paths start at
 * TED_EXPORT. "D:" is the R2.0.8 defence body, searched by element name.
 *
 *  member             source
 *  -----------------  -----------------------------------------------------
 *  format_version     @VERSION, else the "R2.0.x" part of the namespace
 *  id,                @DOC_ID, else N/NO_DOC_OJS ("2020/S 102-209416" as
 *   publication_num.  "209416-2020")
 *  procedure_id       none
 *  subtype            local name of F ("F03_2014", "CONTRACT_DEFENCE")
 *  notice_type        table form_types; F01/F04/F21/F22/F23 by
 *                     F/NOTICE/@TYPE; unknown forms: C/TD_DOCUMENT_TYPE/
 *                     @CODE (table doc_types)
 *  form_type          from notice_type (table form_kinds)
 *  publication_date   CODED_DATA_SECTION/REF_OJS/DATE_PUB (YYYYMMDD)
 *  dispatch_date      C/DS_DATE_DISPATCH
 *  language           F/@LG in lower case, else N/LG_ORIG
 *  changes            corrigenda: F/COMPLEMENTARY_INFO/NOTICE_NUMBER_OJ,
 *                     else N/REF_NOTICE/NO_DOC_OJS, as NNNNNN-YYYY
 *  buyers             F/CONTRACTING_BODY/ADDRESS_CONTRACTING_BODY and each
 *                     ADDRESS_CONTRACTING_BODY_ADDITIONAL: OFFICIALNAME,
 *                     COUNTRY/@VALUE; D: the first CA_CE_CONCESSIONAIRE_
 *                     PROFILE (ORGANISATION/OFFICIALNAME); a first buyer
 *                     without name: TRANSLATION_SECTION/ML_AA_NAMES/
 *                     AA_NAME, without country: N/ISO_COUNTRY/@VALUE
 *  title              OC/TITLE (its P joined by a space); D: TITLE_CONTRACT
 *  description        OC/SHORT_DESCR; D: SHORT_CONTRACT_DESCRIPTION, else
 *                     TOTAL_QUANTITY_OR_SCOPE
 *  nature             OC/TYPE_CONTRACT/@CTYPE; D: @CTYPE of the body; else
 *                     C/NC_CONTRACT_NATURE/@CODE (1 works, 2 supplies,
 *                     4 services)
 *  cpv_main           OC/CPV_MAIN/CPV_CODE/@CODE; D: CPV/CPV_MAIN; else the
 *                     first N/ORIGINAL_CPV/@CODE
 *  cpv_additional     every lot's CPV_ADDITIONAL, each code once; D: also
 *                     the notice's CPV/CPV_ADDITIONAL
 *  estimated          OC/VAL_ESTIMATED_TOTAL[@CURRENCY]; D: NATURE_QUANTITY_
 *                     SCOPE/COSTS_RANGE_AND_CURRENCY/VALUE_COST
 *  procedure_type     the first PT_ element of F (an "Fnn_" prefix dropped):
 *                     ..WITHOUT.. neg-wo-call, ..OPEN open, ..RESTRICTED
 *                     restricted, ..DIALOGUE comp-dial, ..INNOVATION
 *                     innovation, ..NEGOTIAT.. neg-w-call; else
 *                     C/PR_PROC/@CODE (table proc_codes)
 *  direct_award       elements under D_ACCORDANCE_ARTICLE (Annex D1-D4);
 *                     D: under ANNEX_D.. (Annex D3); table justifications
 *  direct_award_text  D_JUSTIFICATION; D: REASON_CONTRACT_LAWFUL
 *  lots               one per OD of every OC (F01/F04/F08 may have several
 *                     OC); D: one per F17_ANNEX_B, LOT_PRIOR_INFORMATION or
 *                     other ..ANNEX_B, else one lot for the whole object
 *   id                OD/LOT_NO; D: LOT_NUMBER
 *   title             OD/TITLE; D: LOT_TITLE
 *   description       OD/SHORT_DESCR; D: LOT_DESCRIPTION
 *   cpv_main          the enclosing OC's CPV_MAIN; D: the lot's CPV/
 *                     CPV_MAIN; else the notice's
 *   cpv_additional    OD/CPV_ADDITIONAL/CPV_CODE/@CODE; D: CPV/CPV_ADDITIONAL
 *   estimated         OD/VAL_OBJECT[@CURRENCY]; D: NATURE_QUANTITY_SCOPE/
 *                     COSTS_RANGE_AND_CURRENCY
 *   criteria          in OD/AC, OD/DIRECTIVE_xx/AC or OD itself (S01):
 *                     AC_QUALITY quality, AC_COST cost, AC_PRICE price, with
 *                     AC_CRITERION and nt_number(AC_WEIGHTING); a bare
 *                     AC_CRITERION (concessions) has no type; only
 *                     AC_PROCUREMENT_DOC: basis "documents";
 *                     D: AWARD_CRITERIA_DETAIL..: LOWEST_PRICE price,
 *                     CRITERIA_DEFINITION (CRITERIA, WEIGHTING; no type),
 *                     CRITERIA_STATED_IN_OTHER_DOCUMENT "documents"
 *   duration_months   OD/DURATION[@TYPE], else OD/DATE_START..DATE_END;
 *                     D: PERIOD_WORK_DATE_STARTING/MONTHS|DAYS|INTERVAL_DATE
 *   renewal           OD/RENEWAL 1, OD/NO_RENEWAL 0
 *   framework_        F/PROCEDURE/FRAMEWORK present 1, else not given;
 *    agreement        D: NOTICE_INVOLVES_DEFENCE/@VALUE (..FRAMEWORK.. 1,
 *                     else 0), else FRAMEWORK_AGREEMENT/@VALUE (YES 1, NO 0)
 *  results            each AW to the lot of its LOT_NO; with one described
 *                     lot, that lot when AW or the lot has no number; AW
 *                     without LOT_NO to the first lot without id; else a
 *                     new lot; D: each AWARD_OF_CONTRACT.. (LOT_NUMBER)
 *   result            AC 1; AW/NO_AWARDED_CONTRACT 0 unless awarded; D: 1
 *   award id          AW/CONTRACT_NO; D: CONTRACT_NUMBER
 *   award date        AC/DATE_CONCLUSION_CONTRACT; D: CONTRACT_AWARD_DATE
 *                     (DAY, MONTH, YEAR)
 *   award value       AC/VALUES/VAL_TOTAL (S01/S02: AC/VAL_TOTAL);
 *                     D: CONTRACT_VALUE_INFORMATION/COSTS_RANGE_AND_CURRENCY_
 *                     WITH_VAT_RATE/VALUE_COST
 *   winners           AC/CONTRACTORS/CONTRACTOR (S01/S02: AC/CONTRACTOR)/
 *                     ADDRESS_CONTRACTOR: OFFICIALNAME, COUNTRY/@VALUE;
 *                     D: ECONOMIC_OPERATOR_NAME_ADDRESS/CONTACT_DATA_WITHOUT_
 *                     RESPONSIBLE_NAME
 *   tenders_received  AC/TENDERS/NB_TENDERS_RECEIVED (S01/S02: directly in
 *                     AC); D: OFFERS_RECEIVED_NUMBER; the largest in the lot
 *  F13 prizes         F/RESULTS/AWARDED_PRIZE as an award: WINNERS/WINNER/
 *                     ADDRESS_WINNER, VAL_PRIZE, DATE_DECISION_JURY,
 *                     PARTICIPANTS/NB_PARTICIPANTS; NO_AWARDED_PRIZE 0
 *  text               titles, descriptions, criterion names, RENEWAL_DESCR,
 *                     OPTIONS_DESCR, INFO_ADD, contract titles,
 *                     D_JUSTIFICATION, CHANGES/CHANGE/NEW_VALUE/TEXT,
 *                     MODIFICATIONS_CONTRACT/INFO_MODIFICATIONS/SHORT_DESCR,
 *                     CRITERIA_EVALUATION; D: ADDITIONAL_INFORMATION,
 *                     ADDITIONAL_INFORMATION_ABOUT_LOTS, CONTRACT_TITLE,
 *                     REASON_CONTRACT_LAWFUL
 *
 * Errors: a TED_EXPORT without an original form in FORM_SECTION, or
 * without any identifier, is ASSESS_ERR_INVALID and delivers nothing; more
 * than ASSESS_MAX_NOTICE_LOTS lots is ASSESS_ERR_LIMIT (the notice is
 * delivered with the first ones); no memory is ASSESS_ERR_NOMEM (from
 * nt_emit()).
 */
#include "notice/notice_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bound of the descendant searches; real notices nest less than 12 deep. */
#define TED_MAX_DEPTH 24

typedef struct ted {
    nt_build *b;
    const char *name; /* the input, for diagnostics */
    assess_diags *d;
    xmlNodePtr root;  /* TED_EXPORT */
    xmlNodePtr coded; /* CODED_DATA_SECTION */
    xmlNodePtr form;  /* the original form element */
    xmlNodePtr body;  /* the form, or its FD_* child (R2.0.8) */
    int r208;         /* body is an FD_* child */
    size_t described; /* lots made from the form's lot sections */
    int framework;    /* -1, 0, 1 for every described lot */
    int lot_limit;    /* the lot bound was reached */
} ted;

/* ---- small DOM helpers -------------------------------------------------- */

static int is_elem(const xmlNode *n)
{
    return n && n->type == XML_ELEMENT_NODE;
}

static int name_starts(const xmlNode *n, const char *prefix)
{
    return is_elem(n) &&
           strncmp((const char *)n->name, prefix, strlen(prefix)) == 0;
}

static int name_ends(const xmlNode *n, const char *suffix)
{
    if (!is_elem(n))
        return 0;
    size_t a = strlen((const char *)n->name), s = strlen(suffix);
    return a >= s && strcmp((const char *)n->name + a - s, suffix) == 0;
}

/* The element name without an "Fnn_" form prefix ("F18_PT_RESTRICTED"). */
static const char *bare_name(const xmlNode *n)
{
    const char *s = (const char *)n->name;
    if (s[0] == 'F' && isdigit((unsigned char)s[1]) &&
        isdigit((unsigned char)s[2]) && s[3] == '_')
        return s + 4;
    return s;
}

/* Is `n` a lot or award section of an R2.0.8 body? Notice-level searches
   do not enter them. */
static int is_lot_section(const xmlNode *n)
{
    return name_ends(n, "ANNEX_B") || nx_is(n, "LOT_PRIOR_INFORMATION") ||
           name_starts(n, "AWARD_OF_CONTRACT");
}

/* First descendant (document order, depth-first) named `local`, or with
   that prefix when `prefix` is set; `skip_lots` keeps out of lot and award
   sections. NULL when none within TED_MAX_DEPTH. */
static xmlNodePtr find_in(const xmlNode *node, const char *local, int prefix,
                          int skip_lots, int depth)
{
    if (!node || depth >= TED_MAX_DEPTH)
        return NULL;
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (!is_elem(c))
            continue;
        if (prefix ? name_starts(c, local) : nx_is(c, local))
            return c;
        if (skip_lots && is_lot_section(c))
            continue;
        xmlNodePtr hit = find_in(c, local, prefix, skip_lots, depth + 1);
        if (hit)
            return hit;
    }
    return NULL;
}

static xmlNodePtr find(const xmlNode *node, const char *local)
{
    return find_in(node, local, 0, 0, 0);
}

/* Paragraphs of a text element joined by one space; the element's own
   text when it has no P. NULL when empty. */
static const char *paras(nt_build *b, const xmlNode *node)
{
    if (!node)
        return NULL;
    if (!nx_child(node, "P"))
        return nx_text(b, node);
    assess_buf buf = {0};
    for (xmlNodePtr p = nx_child(node, "P"); p; p = nx_next(p, "P")) {
        const char *s = nx_text(b, p);
        if (!s)
            continue;
        if (buf.len)
            assess_buf_add(&buf, " ", 1);
        assess_buf_puts(&buf, s);
    }
    if (buf.failed)
        b->oom = 1;
    const char *r = buf.len ? nt_strn(b, buf.data, buf.len) : NULL;
    assess_buf_release(&buf);
    return r;
}

/* paras() of a child, added to the folded text. */
static const char *text_of(nt_build *b, const xmlNode *node, const char *path)
{
    const char *s = paras(b, path ? nx_path(node, path) : node);
    nt_text(b, s);
    return s;
}

/* Lower-case arena copy. */
static const char *lower(nt_build *b, const char *s)
{
    if (!s)
        return NULL;
    char *p = (char *)nt_str(b, s);
    for (char *q = p; q && *q; q++)
        *q = (char)tolower((unsigned char)*q);
    return p;
}

/* "2020/S 244-603769" (an OJ S reference) as the notice id "603769-2020";
   other text as it is. */
static const char *oj_to_id(nt_build *b, const char *s)
{
    if (!s)
        return NULL;
    const char *dash = strrchr(s, '-');
    size_t digits = dash ? strlen(dash + 1) : 0;
    if (strspn(s, "0123456789") == 4 && s[4] == '/' && digits >= 1 &&
        digits <= 12 && strspn(dash + 1, "0123456789") == digits) {
        char buf[64];
        snprintf(buf, sizeof buf, "%s-%.4s", dash + 1, s);
        return nt_str(b, buf);
    }
    return s;
}

/* An R2.0.8 date: DAY, MONTH, YEAR children. */
static const char *dmy_date(nt_build *b, const xmlNode *node)
{
    const char *d = nx_ptext(b, node, "DAY"), *m = nx_ptext(b, node, "MONTH"),
               *y = nx_ptext(b, node, "YEAR");
    if (!d || !m || !y || strlen(d) > 2 || strlen(m) > 2 || strlen(y) != 4)
        return NULL;
    char buf[16];
    snprintf(buf, sizeof buf, "%s-%02d-%02d", y, atoi(m), atoi(d));
    return nt_date(b, buf);
}

/* ---- code tables -------------------------------------------------------- */

typedef struct pair {
    const char *from, *to;
} pair;

static const char *lookup(const pair *t, const char *key)
{
    for (; key && t->from; t++)
        if (strcmp(t->from, key) == 0)
            return t->to;
    return NULL;
}

/* Form element -> eForms notice type (BT-02), after the TED XML Data
   Converter's notice-type-mapping.xml; F01/F04/F21-F23 are decided by
   NOTICE/@TYPE in notice_type(). */
static const pair form_types[] = {
    {"F02_2014", "cn-standard"},
    {"F03_2014", "can-standard"},
    {"F05_2014", "cn-standard"},
    {"F06_2014", "can-standard"},
    {"F07_2014", "qu-sy"},
    {"F08_2014", "pin-buyer"},
    {"F12_2014", "cn-desg"},
    {"F13_2014", "can-desg"},
    {"F14_2014", "corr"},
    {"F15_2014", "veat"},
    {"F20_2014", "can-modif"},
    {"F24_2014", "cn-standard"},
    {"F25_2014", "can-standard"},
    {"PRIOR_INFORMATION_DEFENCE", "pin-only"},
    {"CONTRACT_DEFENCE", "cn-standard"},
    {"CONTRACT_AWARD_DEFENCE", "can-standard"},
    {"CONTRACT_CONCESSIONAIRE_DEFENCE", "subco"},
    /* pre-2016 R2.0.8 forms */
    {"PRIOR_INFORMATION", "pin-only"},
    {"CONTRACT", "cn-standard"},
    {"CONTRACT_AWARD", "can-standard"},
    {"PERIODIC_INDICATIVE_UTILITIES", "pin-only"},
    {"CONTRACT_UTILITIES", "cn-standard"},
    {"CONTRACT_AWARD_UTILITIES", "can-standard"},
    {"QUALIFICATION_SYSTEM_UTILITIES", "qu-sy"},
    {"BUYER_PROFILE", "pin-buyer"},
    {"SIMPLIFIED_CONTRACT", "cn-standard"},
    {"CONCESSION", "cn-standard"},
    {"CONTRACT_CONCESSIONAIRE", "cn-standard"},
    {"DESIGN_CONTEST", "cn-desg"},
    {"RESULT_DESIGN_CONTEST", "can-desg"},
    {"VOLUNTARY_EX_ANTE_TRANSPARENCY_NOTICE", "veat"},
    {"ADDITIONAL_INFORMATION_CORRIGENDUM", "corr"},
    {"PRIOR_INFORMATION_MOVE", "pin-tran"},
    {"CONTRACT_MOVE", "can-tran"},
    {NULL, NULL}};

/* CODIF_DATA/TD_DOCUMENT_TYPE/@CODE -> notice type, for unknown forms. */
static const pair doc_types[] = {
    {"0", "pin-only"},     {"A", "pin-cfc-standard"},
    {"3", "cn-standard"},  {"Y", "cn-standard"},
    {"7", "can-standard"}, {"M", "pin-cfc-standard"},
    {"P", "pin-only"},     {"Q", "qu-sy"},
    {"O", "qu-sy"},        {"B", "pin-buyer"},
    {"D", "cn-desg"},      {"R", "can-desg"},
    {"1", "corr"},         {"2", "corr"},
    {"V", "veat"},         {"K", "can-modif"},
    {"J", "can-standard"}, {"H", "cn-standard"},
    {"C", "cn-standard"},  {"E", "cn-standard"},
    {"F", "subco"},        {NULL, NULL}};

/* Notice type -> form type (BT-03, eForms notice-types.json). */
static const pair form_kinds[] = {
    {"pin-only", "planning"},
    {"pin-buyer", "planning"},
    {"pin-rtl", "planning"},
    {"pin-tran", "planning"},
    {"pin-cfc-standard", "competition"},
    {"pin-cfc-social", "competition"},
    {"qu-sy", "competition"},
    {"cn-standard", "competition"},
    {"cn-social", "competition"},
    {"cn-desg", "competition"},
    {"subco", "competition"},
    {"veat", "dir-awa-pre"},
    {"can-standard", "result"},
    {"can-social", "result"},
    {"can-desg", "result"},
    {"can-tran", "result"},
    {"can-modif", "cont-modif"},
    {"corr", "change"},
    {NULL, NULL}};

/* CODIF_DATA/PR_PROC/@CODE -> procedure type, when the form names none. */
static const pair proc_codes[] = {
    {"1", "open"},        {"2", "restricted"},  {"3", "restricted"},
    {"4", "neg-w-call"},  {"6", "neg-w-call"},  {"B", "neg-w-call"},
    {"C", "comp-dial"},   {"G", "innovation"},  {"T", "neg-wo-call"},
    {"V", "neg-wo-call"}, {"F", "neg-wo-call"}, {NULL, NULL}};

/* Annex D elements -> eForms direct-award-justification codes (BT-136).
   R2.0.9 Annex D1-D4 (D_*) and R2.0.8 defence Annex D3; a "NO_" element
   of the defence annex is a box left unticked and maps to nothing. */
static const pair justifications[] = {
    {"D_TECHNICAL", "technical"},
    {"D_ARTISTIC", "artistic"},
    {"D_PROTECT_RIGHTS", "exclusive"},
    {"D_EXCLUSIVE_RIGHT", "exclusive"},
    {"D_EXTREME_URGENCY", "urgency"},
    {"D_ADD_DELIVERIES_ORDERED", "existing"},
    {"D_REPETITION_EXISTING", "repetition"},
    {"D_CONTRACT_AWARDED_DESIGN_CONTEST", "contest"},
    {"D_COMMODITY_MARKET", "commodity"},
    {"D_FROM_WINDING_PROVIDER", "closure"},
    {"D_FROM_LIQUIDATOR_CREDITOR", "liquidator"},
    {"D_NO_TENDERS_REQUESTS", "unsuitable"},
    {"D_ALL_TENDERS", "irregular"},
    {"D_MANUF_FOR_RESEARCH", "resd"},
    {"D_PURE_RESEARCH", "resd"},
    {"D_OTHER_SERVICES", "rd"},
    {"D_PERIODS_INCOMPATIBLE", "crisis"},
    {"D_MARITIME_SERVICES", "dir81-transport"},
    {"D_SERVICES_LISTED", "dir81-annexii"},
    {"D_BARGAIN_PURCHASE", "bargain"},
    {"D_OUTSIDE_SCOPE", "other-legal"},
    {"NO_OPEN_RESTRICTED", "unsuitable"},
    {"ONLY_IRREGULAR_INACCEPTABLE_TENDERERS", "irregular"},
    {"PERIOD_FOR_PROCEDURE_INCOMPATIBLE_WITH_CRISIS", "crisis"},
    {"EXTREME_URGENCY_EVENTS_UNFORESEEABLE", "urgency"},
    {"REASONS_PROVIDED_PARTICULAR_TENDERER_TECHNICAL", "technical"},
    {"REASONS_PROVIDED_PARTICULAR_TENDERER_EXCLUSIVE_RIGHTS", "exclusive"},
    {"CONTRACT_RESEARCH_DIRECTIVE", "rd"},
    {"MANUFACTURED_BY_DIRECTIVE", "resd"},
    {"ADDITIONAL_WORKS", "additional"},
    {"SUPPLIES_QUOTED_PURCHASED_COMMODITY_MARKET", "commodity"},
    {"SUPPLIER_WINDING_UP_BUSINESS", "closure"},
    {"RECEIVERS_ARRANGEMENT_CREDITORS", "liquidator"},
    {"WORKS_REPETITION_EXISTING_WORKS", "repetition"},
    {"AIR_MARITIME_TRANSPORT_FOR_ARMED_FORCES_DEPLOYMENT", "dir81-transport"},
    {"CONTRACT_SERVICES_LISTED_IN_DIRECTIVE", "dir81-annexii"},
    {"CONTRACT_SERVICES_OUTSIDE_DIRECTIVE", "other-legal"},
    {NULL, NULL}};

/* ---- identity ----------------------------------------------------------- */

/* "R2.0.9.S02" from a namespace such as "ted/R2.0.9.S02/publication";
   the 2014 exports' "TED_schema/Export" is R2.0.8. */
static const char *version_of_namespace(nt_build *b, const xmlNode *root)
{
    const char *href =
        root->ns && root->ns->href ? (const char *)root->ns->href : NULL;
    if (!href)
        return NULL;
    const char *v = strstr(href, "R2.0.");
    if (v) {
        size_t n = strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.");
        while (n && v[n - 1] == '.')
            n--;
        return nt_strn(b, v, n);
    }
    return strstr(href, "TED_schema/Export") ? "R2.0.8" : NULL;
}

/* The eForms notice type of a form; NULL for a form the tables do not
   know (the caller falls back to the coded document type). */
static const char *notice_type(ted *t, const char *form)
{
    const char *kind = nx_attr(t->b, nx_child(t->form, "NOTICE"), "TYPE");
    if (strcmp(form, "F01_2014") == 0 || strcmp(form, "F04_2014") == 0) {
        if (kind && strstr(kind, "CALL_COMPETITION"))
            return "pin-cfc-standard";
        if (kind && strstr(kind, "REDUCING_TIME_LIMITS"))
            return "pin-rtl";
        return "pin-only";
    }
    if (strcmp(form, "F21_2014") == 0 || strcmp(form, "F22_2014") == 0 ||
        strcmp(form, "F23_2014") == 0) {
        if (!kind)
            return NULL;
        if (strstr(kind, "AWARD"))
            return "can-social";
        if (strncmp(kind, "QSU", 3) == 0)
            return "qu-sy";
        if (strstr(kind, "CONTRACT"))
            return "cn-social";
        if (strstr(kind, "_ONLY"))
            return "pin-only";
        return "pin-cfc-social"; /* PRI, PRI_/PER_CALL_COMPETITION */
    }
    return lookup(form_types, form);
}

static void read_identity(ted *t)
{
    nt_build *b = t->b;
    assess_notice *n = &b->n;
    xmlNodePtr data = nx_child(t->coded, "NOTICE_DATA");
    xmlNodePtr codif = nx_child(t->coded, "CODIF_DATA");

    n->format_version = nx_attr(b, t->root, "VERSION");
    if (!n->format_version)
        n->format_version = version_of_namespace(b, t->root);
    n->id = nx_attr(b, t->root, "DOC_ID");
    if (!n->id)
        n->id = oj_to_id(b, nx_ptext(b, data, "NO_DOC_OJS"));
    n->publication_number = n->id;

    const char *form = (const char *)t->form->name;
    n->subtype = nt_str(b, form);
    n->notice_type = notice_type(t, form);
    if (!n->notice_type)
        n->notice_type = lookup(
            doc_types, nx_attr(b, nx_child(codif, "TD_DOCUMENT_TYPE"), "CODE"));
    n->form_type = lookup(form_kinds, n->notice_type);

    n->publication_date = nt_date(b, nx_ptext(b, t->coded, "REF_OJS/DATE_PUB"));
    n->dispatch_date = nt_date(b, nx_ptext(b, codif, "DS_DATE_DISPATCH"));
    n->language = lower(b, nx_attr(b, t->form, "LG"));
    if (!n->language)
        n->language = lower(b, nx_ptext(b, data, "LG_ORIG"));

    if (n->notice_type && strcmp(n->notice_type, "corr") == 0) {
        const char *ref =
            nx_ptext(b, t->form, "COMPLEMENTARY_INFO/NOTICE_NUMBER_OJ");
        if (!ref)
            ref = nx_ptext(b, data, "REF_NOTICE/NO_DOC_OJS");
        n->changes = oj_to_id(b, ref);
    }
}

/* ---- buyers ------------------------------------------------------------- */

static void add_party(nt_build *b, assess_notice_party **items, size_t *count,
                      const char *name, const char *country)
{
    assess_notice_party *p = nt_party(b, items, count);
    if (!p)
        return;
    p->name = name;
    nt_country(b, p->country, country);
}

/* OFFICIALNAME and COUNTRY/@VALUE of an address, also under ORGANISATION. */
static void add_address(nt_build *b, assess_notice_party **items, size_t *count,
                        const xmlNode *addr)
{
    const char *name = nx_ptext(b, addr, "OFFICIALNAME");
    if (!name)
        name = nx_ptext(b, addr, "ORGANISATION/OFFICIALNAME");
    add_party(b, items, count, name,
              nx_attr(b, nx_child(addr, "COUNTRY"), "VALUE"));
}

static void read_buyers(ted *t)
{
    nt_build *b = t->b;
    assess_notice *n = &b->n;
    if (t->r208) {
        xmlNodePtr p = find(t->body, "CA_CE_CONCESSIONAIRE_PROFILE");
        if (p)
            add_address(b, &n->buyers, &n->n_buyers, p);
    } else {
        xmlNodePtr cb = nx_child(t->form, "CONTRACTING_BODY");
        for (xmlNodePtr c = cb ? cb->children : NULL; c; c = c->next)
            if (nx_is(c, "ADDRESS_CONTRACTING_BODY") ||
                nx_is(c, "ADDRESS_CONTRACTING_BODY_ADDITIONAL"))
                add_address(b, &n->buyers, &n->n_buyers, c);
    }
    /* what the form leaves out, the coded data and the translations have */
    const char *aa =
        nx_ptext(b, t->root, "TRANSLATION_SECTION/ML_AA_NAMES/AA_NAME");
    const char *iso =
        nx_attr(b, nx_path(t->coded, "NOTICE_DATA/ISO_COUNTRY"), "VALUE");
    if (n->n_buyers == 0 && (aa || iso))
        add_party(b, &n->buyers, &n->n_buyers, aa, iso);
    else if (n->n_buyers > 0) {
        if (!n->buyers[0].name)
            n->buyers[0].name = aa;
        if (!n->buyers[0].country[0])
            nt_country(b, n->buyers[0].country, iso);
    }
}

/* ---- procedure ---------------------------------------------------------- */

static const char *procedure_code(const char *name)
{
    if (strncmp(name, "PT_", 3) != 0)
        return NULL;
    if (strstr(name, "WITHOUT"))
        return "neg-wo-call";
    if (strstr(name, "OPEN"))
        return "open";
    if (strstr(name, "RESTRICTED"))
        return "restricted";
    if (strstr(name, "DIALOGUE"))
        return "comp-dial";
    if (strstr(name, "INNOVATION"))
        return "innovation";
    if (strstr(name, "NEGOTIAT"))
        return "neg-w-call";
    return NULL;
}

/* The first PT_* element (after an "Fnn_" prefix) below node. */
static xmlNodePtr find_procedure(const xmlNode *node, int depth)
{
    if (!node || depth >= TED_MAX_DEPTH)
        return NULL;
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (!is_elem(c))
            continue;
        if (strncmp(bare_name(c), "PT_", 3) == 0)
            return c;
        if (is_lot_section(c) || nx_is(c, "AWARD_CONTRACT"))
            continue;
        xmlNodePtr hit = find_procedure(c, depth + 1);
        if (hit)
            return hit;
    }
    return NULL;
}

/* Every element under node named in the justification table. */
static void add_justifications(nt_build *b, const xmlNode *node, int depth)
{
    if (!node || depth >= TED_MAX_DEPTH)
        return;
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (!is_elem(c))
            continue;
        nt_push_str(b, &b->n.direct_award, &b->n.n_direct_award,
                    lookup(justifications, (const char *)c->name));
        add_justifications(b, c, depth + 1);
    }
}

static void read_procedure(ted *t)
{
    nt_build *b = t->b;
    assess_notice *n = &b->n;
    xmlNodePtr pt = find_procedure(t->body, 0);
    if (pt)
        n->procedure_type = procedure_code(bare_name(pt));
    if (!n->procedure_type)
        n->procedure_type =
            lookup(proc_codes,
                   nx_attr(b, nx_path(t->coded, "CODIF_DATA/PR_PROC"), "CODE"));

    if (t->r208) {
        xmlNodePtr annex = find_in(t->body, "ANNEX_D", 1, 1, 0);
        add_justifications(b, annex, 0);
        n->direct_award_text =
            text_of(b, find(annex, "REASON_CONTRACT_LAWFUL"), NULL);
    } else {
        xmlNodePtr proc = nx_child(t->form, "PROCEDURE");
        add_justifications(b, find(proc, "D_ACCORDANCE_ARTICLE"), 0);
        n->direct_award_text = text_of(b, find(proc, "D_JUSTIFICATION"), NULL);
        text_of(b, proc, "CRITERIA_EVALUATION");
        t->framework = nx_child(proc, "FRAMEWORK") ? 1 : -1;
    }
}

/* ---- lots --------------------------------------------------------------- */

/* A new lot with the notice's main CPV; its index, or (size_t)-1 past the
   lot bound or on no memory. */
static size_t new_lot(ted *t, const char *id)
{
    nt_build *b = t->b;
    if (b->n.n_lots >= ASSESS_MAX_NOTICE_LOTS) {
        if (!t->lot_limit)
            assess_diags_add(t->d, ASSESS_ERR_LIMIT, t->name, NULL,
                             "more than %d lots in one notice; the rest "
                             "are ignored",
                             ASSESS_MAX_NOTICE_LOTS);
        t->lot_limit = 1;
        return (size_t)-1;
    }
    assess_notice_lot *l = nt_lot(b);
    if (!l)
        return (size_t)-1;
    l->id = id;
    l->cpv_main = b->n.cpv_main;
    return b->n.n_lots - 1;
}

static void add_cpv(nt_build *b, assess_notice_lot *l, const xmlNode *cpv)
{
    const char *code = nt_cpv(b, nx_attr(b, nx_child(cpv, "CPV_CODE"), "CODE"));
    nt_push_str(b, &l->cpv_additional, &l->n_cpv_additional, code);
    nt_push_str(b, &b->n.cpv_additional, &b->n.n_cpv_additional, code);
}

static void add_criterion(nt_build *b, assess_notice_lot *l, const char *type,
                          const char *name, const char *weight)
{
    if (!type && !name)
        return; /* an empty criterion says nothing */
    assess_notice_criterion *c = nt_criterion(b, l);
    if (!c)
        return;
    c->type = type;
    c->name = name;
    c->weight = nt_number(weight);
    nt_text(b, name);
}

/* The AC_* children of one criteria container; 1 if it says "in the
   procurement documents". */
static int read_ac(nt_build *b, assess_notice_lot *l, const xmlNode *ac)
{
    int docs = 0;
    for (xmlNodePtr c = ac ? ac->children : NULL; c; c = c->next) {
        const char *type = nx_is(c, "AC_QUALITY") ? "quality"
                           : nx_is(c, "AC_COST")  ? "cost"
                           : nx_is(c, "AC_PRICE") ? "price"
                                                  : NULL;
        if (type)
            add_criterion(b, l, type, nx_ptext(b, c, "AC_CRITERION"),
                          nx_ptext(b, c, "AC_WEIGHTING"));
        else if (nx_is(c, "AC_CRITERION")) /* concessions: no type */
            add_criterion(b, l, NULL, nx_text(b, c), NULL);
        else if (nx_is(c, "AC_PROCUREMENT_DOC"))
            docs = 1;
    }
    return docs;
}

static void read_criteria(nt_build *b, assess_notice_lot *l, const xmlNode *od)
{
    int docs = read_ac(b, l, nx_child(od, "AC"));
    docs |= read_ac(b, l, od); /* R2.0.9.S01: AC_* right in OBJECT_DESCR */
    for (xmlNodePtr c = od->children; c; c = c->next)
        if (name_starts(c, "DIRECTIVE_"))
            docs |= read_ac(b, l, nx_child(c, "AC"));
    nt_criteria_basis(l);
    if (!l->criteria_basis && docs)
        l->criteria_basis = "documents";
}

static void read_lot(ted *t, const xmlNode *od, const char *cpv_main)
{
    nt_build *b = t->b;
    size_t i = new_lot(t, nx_ptext(b, od, "LOT_NO"));
    if (i == (size_t)-1)
        return;
    t->described++;
    assess_notice_lot *l = &b->n.lots[i];
    if (cpv_main)
        l->cpv_main = cpv_main;
    l->title = text_of(b, od, "TITLE");
    l->description = text_of(b, od, "SHORT_DESCR");
    for (xmlNodePtr c = nx_child(od, "CPV_ADDITIONAL"); c;
         c = nx_next(c, "CPV_ADDITIONAL"))
        add_cpv(b, l, c);
    xmlNodePtr val = nx_child(od, "VAL_OBJECT");
    nt_amount(b, &l->estimated, nx_text(b, val), nx_attr(b, val, "CURRENCY"));
    read_criteria(b, l, od);

    xmlNodePtr dur = nx_child(od, "DURATION");
    if (dur)
        l->duration_months =
            nt_months(nt_number(nx_text(b, dur)), nx_attr(b, dur, "TYPE"));
    else
        l->duration_months =
            nt_months_between(nt_date(b, nx_ptext(b, od, "DATE_START")),
                           nt_date(b, nx_ptext(b, od, "DATE_END")));
    if (nx_child(od, "RENEWAL"))
        l->renewal = 1;
    else if (nx_child(od, "NO_RENEWAL"))
        l->renewal = 0;
    text_of(b, od, "RENEWAL_DESCR");
    text_of(b, od, "OPTIONS_DESCR");
    text_of(b, od, "INFO_ADD");
    l->framework_agreement = t->framework;
}

/* The notice-level object fields and the lots of an R2.0.9 form. */
static void read_object(ted *t)
{
    nt_build *b = t->b;
    assess_notice *n = &b->n;
    xmlNodePtr oc = nx_child(t->form, "OBJECT_CONTRACT");
    n->title = text_of(b, oc, "TITLE");
    n->description = text_of(b, oc, "SHORT_DESCR");
    n->nature = lower(b, nx_attr(b, nx_child(oc, "TYPE_CONTRACT"), "CTYPE"));
    n->cpv_main =
        nt_cpv(b, nx_attr(b, nx_path(oc, "CPV_MAIN/CPV_CODE"), "CODE"));
    xmlNodePtr val = nx_child(oc, "VAL_ESTIMATED_TOTAL");
    nt_amount(b, &n->estimated, nx_text(b, val), nx_attr(b, val, "CURRENCY"));
    if (!n->cpv_main)
        n->cpv_main =
            nt_cpv(b, nx_attr(b, nx_path(t->coded, "NOTICE_DATA/ORIGINAL_CPV"),
                              "CODE"));
    for (; oc; oc = nx_next(oc, "OBJECT_CONTRACT")) {
        const char *cpv =
            nt_cpv(b, nx_attr(b, nx_path(oc, "CPV_MAIN/CPV_CODE"), "CODE"));
        for (xmlNodePtr od = nx_child(oc, "OBJECT_DESCR"); od;
             od = nx_next(od, "OBJECT_DESCR"))
            read_lot(t, od, cpv);
    }
    text_of(b, t->form, "COMPLEMENTARY_INFO/INFO_ADD");
    /* corrigenda and modifications: the new texts */
    for (xmlNodePtr c = nx_path(t->form, "CHANGES/CHANGE"); c;
         c = nx_next(c, "CHANGE"))
        text_of(b, c, "NEW_VALUE/TEXT");
    text_of(b, t->form,
            "MODIFICATIONS_CONTRACT/INFO_MODIFICATIONS/SHORT_DESCR");
}

/* ---- R2.0.8 bodies ------------------------------------------------------ */

/* COSTS_RANGE_AND_CURRENCY[@CURRENCY]/VALUE_COST of a scope section. */
static void r208_amount(nt_build *b, assess_amount *a, const xmlNode *node)
{
    xmlNodePtr costs = find_in(node, "COSTS_RANGE_AND_CURRENCY", 0, 1, 0);
    nt_amount(b, a, nx_ptext(b, costs, "VALUE_COST"),
              nx_attr(b, costs, "CURRENCY"));
}

/* PERIOD_WORK_DATE_STARTING: MONTHS, DAYS or INTERVAL_DATE. */
static double r208_duration(nt_build *b, const xmlNode *node)
{
    xmlNodePtr p = find_in(node, "PERIOD_WORK_DATE_STARTING", 0, 1, 0);
    if (!p)
        return -1;
    if (nx_child(p, "MONTHS"))
        return nt_months(nt_number(nx_ptext(b, p, "MONTHS")), "MONTH");
    if (nx_child(p, "DAYS"))
        return nt_months(nt_number(nx_ptext(b, p, "DAYS")), "DAY");
    return nt_months_between(dmy_date(b, nx_path(p, "INTERVAL_DATE/START_DATE")),
                          dmy_date(b, nx_path(p, "INTERVAL_DATE/END_DATE")));
}

/* The award criteria of an R2.0.8 body, for lot l. */
static void r208_criteria(ted *t, assess_notice_lot *l)
{
    nt_build *b = t->b;
    xmlNodePtr detail = find_in(t->body, "AWARD_CRITERIA_DETAIL", 1, 1, 0);
    if (!detail)
        return;
    if (find(detail, "LOWEST_PRICE"))
        add_criterion(b, l, "price", NULL, NULL);
    xmlNodePtr meat =
        find_in(detail, "MOST_ECONOMICALLY_ADVANTAGEOUS_TENDER", 1, 0, 0);
    for (xmlNodePtr c = find(meat, "CRITERIA_DEFINITION"); c;
         c = nx_next(c, "CRITERIA_DEFINITION"))
        add_criterion(b, l, NULL, nx_ptext(b, c, "CRITERIA"),
                      nx_ptext(b, c, "WEIGHTING"));
    nt_criteria_basis(l);
    if (!l->criteria_basis && find(meat, "CRITERIA_STATED_IN_OTHER_DOCUMENT"))
        l->criteria_basis = "documents";
}

static void r208_lot_common(ted *t, size_t i, const xmlNode *scope)
{
    nt_build *b = t->b;
    assess_notice_lot *l = &b->n.lots[i];
    l->duration_months = r208_duration(b, scope);
    l->framework_agreement = t->framework;
    r208_criteria(t, l);
}

/* One lot per annex B (or LOT_PRIOR_INFORMATION) below node, in document
   order; award sections are not entered. */
static void r208_lots(ted *t, const xmlNode *node, int depth)
{
    nt_build *b = t->b;
    if (!node || depth >= TED_MAX_DEPTH)
        return;
    for (xmlNodePtr cur = node->children; cur && !t->lot_limit;
         cur = cur->next) {
        if (!is_elem(cur) || name_starts(cur, "AWARD_OF_CONTRACT"))
            continue;
        if (!name_ends(cur, "ANNEX_B") &&
            !nx_is(cur, "LOT_PRIOR_INFORMATION")) {
            r208_lots(t, cur, depth + 1);
            continue;
        }
        size_t i = new_lot(t, nx_ptext(b, cur, "LOT_NUMBER"));
        if (i == (size_t)-1)
            return;
        t->described++;
        assess_notice_lot *l = &b->n.lots[i];
        l->title = text_of(b, cur, "LOT_TITLE");
        l->description = text_of(b, cur, "LOT_DESCRIPTION");
        xmlNodePtr cpv = find(cur, "CPV");
        const char *own =
            nt_cpv(b, nx_attr(b, nx_path(cpv, "CPV_MAIN/CPV_CODE"), "CODE"));
        if (own)
            l->cpv_main = own;
        for (xmlNodePtr c = nx_child(cpv, "CPV_ADDITIONAL"); c;
             c = nx_next(c, "CPV_ADDITIONAL"))
            add_cpv(b, l, c);
        r208_amount(b, &l->estimated, cur);
        text_of(b, cur, "ADDITIONAL_INFORMATION_ABOUT_LOTS");
        r208_lot_common(t, i, cur);
    }
}

/* The notice-level object fields and the lots of an R2.0.8 body. */
static void r208_object(ted *t)
{
    nt_build *b = t->b;
    assess_notice *n = &b->n;
    xmlNodePtr obj = find_in(t->body, "OBJECT_", 1, 1, 0);
    if (!obj)
        obj = t->body;

    n->title = text_of(b, find_in(obj, "TITLE_CONTRACT", 0, 1, 0), NULL);
    xmlNodePtr descr = find_in(obj, "SHORT_CONTRACT_DESCRIPTION", 0, 1, 0);
    if (!descr)
        descr = find_in(obj, "TOTAL_QUANTITY_OR_SCOPE", 0, 1, 0);
    n->description = text_of(b, descr, NULL);
    text_of(b, find_in(obj, "ADDITIONAL_INFORMATION", 0, 1, 0), NULL);
    n->nature = lower(b, nx_attr(b, t->body, "CTYPE"));
    if (!n->nature)
        n->nature = lower(b, nx_attr(b, find(obj, "TYPE_CONTRACT"), "VALUE"));
    xmlNodePtr cpv_main = find_in(obj, "CPV_MAIN", 0, 1, 0);
    n->cpv_main = nt_cpv(b, nx_attr(b, nx_child(cpv_main, "CPV_CODE"), "CODE"));
    if (!n->cpv_main)
        n->cpv_main =
            nt_cpv(b, nx_attr(b, nx_path(t->coded, "NOTICE_DATA/ORIGINAL_CPV"),
                              "CODE"));
    r208_amount(b, &n->estimated,
                find_in(obj, "NATURE_QUANTITY_SCOPE", 0, 1, 0));

    const char *v =
        nx_attr(b, find(t->body, "NOTICE_INVOLVES_DEFENCE"), "VALUE");
    const char *fa = nx_attr(b, find(t->body, "FRAMEWORK_AGREEMENT"), "VALUE");
    t->framework = v                        ? (strstr(v, "FRAMEWORK") ? 1 : 0)
                   : !fa                    ? -1
                   : strcmp(fa, "YES") == 0 ? 1
                   : strcmp(fa, "NO") == 0  ? 0
                                            : -1;

    /* the notice's own CPV_ADDITIONAL (the CPV element of its CPV_MAIN) */
    xmlNodePtr cpv = cpv_main ? cpv_main->parent : NULL;
    for (xmlNodePtr c = nx_child(cpv, "CPV_ADDITIONAL"); c;
         c = nx_next(c, "CPV_ADDITIONAL"))
        nt_push_str(b, &n->cpv_additional, &n->n_cpv_additional,
                    nt_cpv(b, nx_attr(b, nx_child(c, "CPV_CODE"), "CODE")));

    r208_lots(t, obj, 0);
    if (t->described == 0 && !t->lot_limit) { /* not divided: one lot */
        size_t i = new_lot(t, NULL);
        if (i == (size_t)-1)
            return;
        t->described++;
        assess_notice_lot *l = &b->n.lots[i];
        for (size_t k = 0; k < n->n_cpv_additional; k++)
            nt_push_str(b, &l->cpv_additional, &l->n_cpv_additional,
                        n->cpv_additional[k]);
        r208_lot_common(t, i, obj);
    }
}

/* ---- results ------------------------------------------------------------ */

/* The lot a result belongs to: the lot of its number; with one described
   lot, that lot when the result or the lot has no number; a result without
   number goes to the first lot without id; else a new lot. (size_t)-1
   past the lot bound. */
static size_t result_lot(ted *t, const char *lot_no)
{
    assess_notice *n = &t->b->n;
    for (size_t i = 0; lot_no && i < n->n_lots; i++)
        if (n->lots[i].id && strcmp(n->lots[i].id, lot_no) == 0)
            return i;
    if (t->described == 1 && (!lot_no || !n->lots[0].id))
        return 0;
    for (size_t i = 0; !lot_no && i < n->n_lots; i++)
        if (!n->lots[i].id)
            return i;
    return new_lot(t, lot_no);
}

/* Count of tenders (or participants) into the lot: the largest given. */
static void set_tenders(assess_notice_lot *l, const char *s)
{
    double v = nt_number(s);
    if (v >= 0 && v < 1e15 && (long)v > l->tenders_received)
        l->tenders_received = (long)v;
}

/* An award of lot i; NULL on no memory. */
static assess_notice_award *award_of(nt_build *b, size_t i)
{
    assess_notice_lot *l = &b->n.lots[i];
    l->result = 1;
    return nt_award(b, l);
}

/* One AWARD_CONTRACT of an R2.0.9 form. */
static void read_award(ted *t, const xmlNode *aw)
{
    nt_build *b = t->b;
    size_t i = result_lot(t, nx_ptext(b, aw, "LOT_NO"));
    if (i == (size_t)-1)
        return;
    text_of(b, aw, "TITLE");
    xmlNodePtr ac = nx_child(aw, "AWARDED_CONTRACT");
    if (!ac) {
        if (nx_child(aw, "NO_AWARDED_CONTRACT") && b->n.lots[i].result != 1)
            b->n.lots[i].result = 0;
        return;
    }
    xmlNodePtr tenders = nx_child(ac, "TENDERS");
    set_tenders(&b->n.lots[i],
                nx_ptext(b, tenders ? tenders : ac, "NB_TENDERS_RECEIVED"));
    assess_notice_award *a = award_of(b, i);
    if (!a)
        return;
    a->id = nx_ptext(b, aw, "CONTRACT_NO");
    a->date = nt_date(b, nx_ptext(b, ac, "DATE_CONCLUSION_CONTRACT"));
    xmlNodePtr val = nx_path(ac, "VALUES/VAL_TOTAL");
    if (!val)
        val = nx_child(ac, "VAL_TOTAL");
    nt_amount(b, &a->value, nx_text(b, val), nx_attr(b, val, "CURRENCY"));
    xmlNodePtr cs = nx_child(ac, "CONTRACTORS");
    for (xmlNodePtr c = nx_child(cs ? cs : ac, "CONTRACTOR"); c;
         c = nx_next(c, "CONTRACTOR"))
        add_address(b, &a->winners, &a->n_winners,
                    nx_child(c, "ADDRESS_CONTRACTOR"));
}

/* F13: the prizes of a design contest. */
static void read_prizes(ted *t, const xmlNode *results)
{
    nt_build *b = t->b;
    for (xmlNodePtr r = results ? results->children : NULL; r; r = r->next) {
        int won = nx_is(r, "AWARDED_PRIZE");
        if (!won && !nx_is(r, "NO_AWARDED_PRIZE"))
            continue;
        size_t i = result_lot(t, nx_ptext(b, r, "LOT_NO"));
        if (i == (size_t)-1)
            return;
        if (!won) {
            if (b->n.lots[i].result != 1)
                b->n.lots[i].result = 0;
            continue;
        }
        set_tenders(&b->n.lots[i],
                    nx_ptext(b, r, "PARTICIPANTS/NB_PARTICIPANTS"));
        assess_notice_award *a = award_of(b, i);
        if (!a)
            return;
        a->date = nt_date(b, nx_ptext(b, r, "DATE_DECISION_JURY"));
        xmlNodePtr val = nx_child(r, "VAL_PRIZE");
        nt_amount(b, &a->value, nx_text(b, val), nx_attr(b, val, "CURRENCY"));
        for (xmlNodePtr w = nx_path(r, "WINNERS/WINNER"); w;
             w = nx_next(w, "WINNER"))
            add_address(b, &a->winners, &a->n_winners,
                        nx_child(w, "ADDRESS_WINNER"));
    }
}

/* R2.0.8: each AWARD_OF_CONTRACT* section of the body. */
static void r208_awards(ted *t)
{
    nt_build *b = t->b;
    for (xmlNodePtr aw = t->body->children; aw; aw = aw->next) {
        if (!name_starts(aw, "AWARD_OF_CONTRACT"))
            continue;
        size_t i = result_lot(t, nx_ptext(b, aw, "LOT_NUMBER"));
        if (i == (size_t)-1)
            return;
        text_of(b, aw, "CONTRACT_TITLE");
        set_tenders(&b->n.lots[i], nx_ptext(b, aw, "OFFERS_RECEIVED_NUMBER"));
        assess_notice_award *a = award_of(b, i);
        if (!a)
            return;
        a->id = nx_ptext(b, aw, "CONTRACT_NUMBER");
        a->date = dmy_date(b, nx_child(aw, "CONTRACT_AWARD_DATE"));
        xmlNodePtr costs =
            nx_path(aw, "CONTRACT_VALUE_INFORMATION/"
                        "COSTS_RANGE_AND_CURRENCY_WITH_VAT_RATE");
        nt_amount(b, &a->value, nx_ptext(b, costs, "VALUE_COST"),
                  nx_attr(b, costs, "CURRENCY"));
        for (xmlNodePtr e = nx_child(aw, "ECONOMIC_OPERATOR_NAME_ADDRESS"); e;
             e = nx_next(e, "ECONOMIC_OPERATOR_NAME_ADDRESS")) {
            xmlNodePtr addr =
                nx_child(e, "CONTACT_DATA_WITHOUT_RESPONSIBLE_NAME");
            add_address(b, &a->winners, &a->n_winners, addr ? addr : e);
        }
    }
}

static void read_results(ted *t)
{
    if (t->r208) {
        r208_awards(t);
        return;
    }
    for (xmlNodePtr aw = nx_child(t->form, "AWARD_CONTRACT"); aw;
         aw = nx_next(aw, "AWARD_CONTRACT"))
        read_award(t, aw);
    read_prizes(t, nx_child(t->form, "RESULTS"));
}

/* ---- entry -------------------------------------------------------------- */

/* The original form of FORM_SECTION: CATEGORY="ORIGINAL", else the first
   form without a CATEGORY; translations and NOTICE_UUID are not forms. */
static xmlNodePtr original_form(nt_build *b, const xmlNode *section)
{
    xmlNodePtr plain = NULL;
    for (xmlNodePtr c = section ? section->children : NULL; c; c = c->next) {
        if (!is_elem(c) || nx_is(c, "NOTICE_UUID"))
            continue;
        const char *cat = nx_attr(b, c, "CATEGORY");
        if (cat && strcmp(cat, "ORIGINAL") == 0)
            return c;
        if (!cat && !plain)
            plain = c;
    }
    return plain;
}

/* The nature from CODIF_DATA/NC_CONTRACT_NATURE when the form has none,
   and only the three codes of BT-23. */
static void check_nature(ted *t)
{
    assess_notice *n = &t->b->n;
    if (n->nature && strcmp(n->nature, "works") &&
        strcmp(n->nature, "supplies") && strcmp(n->nature, "services"))
        n->nature = NULL;
    if (n->nature)
        return;
    const char *code = nx_attr(
        t->b, nx_path(t->coded, "CODIF_DATA/NC_CONTRACT_NATURE"), "CODE");
    static const pair natures[] = {
        {"1", "works"}, {"2", "supplies"}, {"4", "services"}, {NULL, NULL}};
    n->nature = lookup(natures, code);
}

assess_status nt_read_ted(const assess_registry *reg, const char *name,
                          xmlDocPtr doc, assess_notice_fn fn, void *ctx,
                          assess_diags *d)
{
    nt_build b;
    nt_init(&b, reg, ASSESS_NOTICE_TED);
    ted t = {.b = &b, .name = name, .d = d, .framework = -1};
    t.root = xmlDocGetRootElement(doc);
    t.coded = nx_child(t.root, "CODED_DATA_SECTION");
    t.form = original_form(&b, nx_child(t.root, "FORM_SECTION"));
    if (!t.form) {
        nt_release(&b);
        return assess_diags_add(
            d, ASSESS_ERR_INVALID, name, "/TED_EXPORT/FORM_SECTION",
            "no form in FORM_SECTION: no element with CATEGORY=\"ORIGINAL\"");
    }
    t.body = t.form;
    for (xmlNodePtr c = t.form->children; c; c = c->next)
        if (name_starts(c, "FD_")) {
            t.body = c;
            t.r208 = 1;
            break;
        }

    read_identity(&t);
    if (!b.n.id) {
        nt_release(&b);
        return assess_diags_add(d, ASSESS_ERR_INVALID, name,
                                "/TED_EXPORT/@DOC_ID",
                                "the notice has no identifier (no DOC_ID, no "
                                "NO_DOC_OJS)");
    }
    read_buyers(&t);
    if (t.r208) {
        r208_object(&t);
        read_procedure(&t);
    } else {
        read_procedure(&t); /* the framework flag, before the lots */
        read_object(&t);
    }
    check_nature(&t);
    read_results(&t);

    int rc = nt_emit(&b, name, NULL, fn, ctx, d);
    nt_release(&b);
    if (rc < 0)
        return ASSESS_ERR_NOMEM;
    return t.lot_limit ? ASSESS_ERR_LIMIT : ASSESS_OK;
}
