/*
 * eforms.c - eForms (UBL 2.3) notices of every kind into notice facts.
 *
 * One pass over the DOM, matching elements by local name (the cbc, cac,
 * efac, efbc and ext prefixes never share a local name on the paths read
 * here). Business terms (eForms SDK 1.15.1, fields.json; EXT is
 * UBLExtensions/UBLExtension/ExtensionContent/EformsExtension):
 *
 *   id                  BT-701   cbc:ID
 *   format_version      -        cbc:CustomizationID
 *   procedure_id        BT-04    cbc:ContractFolderID
 *   notice_type         BT-02    cbc:NoticeTypeCode
 *   form_type           BT-03    cbc:NoticeTypeCode/@listName
 *   subtype             OPP-070  EXT/efac:NoticeSubType/cbc:SubTypeCode
 *   publication_number  OPP-010  EXT/efac:Publication/efbc:NoticePublicationID
 *   publication_date    OPP-012  EXT/efac:Publication/efbc:PublicationDate
 *   dispatch_date       BT-05    cbc:IssueDate
 *   language            BT-702   cbc:NoticeLanguageCode (ISO 639-3 -> 639-1)
 *   changes             BT-758   EXT/efac:Changes/efbc:ChangedNoticeIdentifier
 *   buyers              OPT-300  cac:ContractingParty/cac:Party/../cbc:ID
 *                                -> organisation BT-500 name, BT-514 country
 *   title, description  BT-21, BT-24 of cac:ProcurementProject
 *   nature              BT-23    cbc:ProcurementTypeCode
 *   cpv_main            BT-262   MainCommodityClassification
 *   cpv_additional      BT-263   of the procedure and every lot, and every
 *                                lot's BT-262 other than the procedure's
 *   procedure_type      BT-105   cac:TenderingProcess/cbc:ProcedureCode
 *   direct_award        BT-136   ProcessJustification (direct-award-
 *                                justification), text BT-135
 *   estimated_value     BT-27    RequestedTenderTotal/
 *                                EstimatedOverallContractAmount
 *   lots                BT-137   cac:ProcurementProjectLot, schemeName Lot
 *                                (PIN-only notices: Part)
 *     duration_months   BT-36    PlannedPeriod/DurationMeasure, else
 *                                BT-536/537 start and end dates (both
 *                                days counted, 365.25 / 12 days a month)
 *     max_renewals      BT-58    ContractExtension/MaximumNumberNumeric
 *     framework         BT-765   ContractingSystemTypeCode (framework-
 *                                agreement): fa-* yes, none no
 *     award_criteria    BT-539 type, BT-734 name, BT-540 description,
 *                       BT-541 weight with BT-5421 kind
 *     tenders_received  BT-759 where BT-760 = tenders, of the lot's results
 *     awards            winners through the settled contract: LotResult
 *                       (BT-142 selec-w) -> SettledContract (OPT-315) ->
 *                       its LotTender (BT-3202) -> TenderingParty
 *                       (OPT-310) -> Tenderer (OPT-300) -> organisation;
 *                       a touch point resolves to its organisation. Value
 *                       BT-720 of the tenders, date BT-145. A selec-w
 *                       result without a settled contract falls back to
 *                       its own LotTender list. A result without BT-142
 *                       (not allowed in VEAT and modification notices)
 *                       with a settled contract is awarded. UBO
 *                       nationalities BT-706.
 *
 * Texts in several languages: the notice language first, else the first.
 */
#include "notice/notice_internal.h"

#include <math.h>
#include <string.h>

/* ---- small lookups ----------------------------------------------------- */

static const char *const languages[][2] = {
    {"BUL", "bg"}, {"CES", "cs"}, {"DAN", "da"}, {"DEU", "de"},
    {"ELL", "el"}, {"ENG", "en"}, {"EST", "et"}, {"FIN", "fi"},
    {"FRA", "fr"}, {"GLE", "ga"}, {"HRV", "hr"}, {"HUN", "hu"},
    {"ITA", "it"}, {"LAV", "lv"}, {"LIT", "lt"}, {"MLT", "mt"},
    {"NLD", "nl"}, {"POL", "pl"}, {"POR", "pt"}, {"RON", "ro"},
    {"SLK", "sk"}, {"SLV", "sl"}, {"SPA", "es"}, {"SWE", "sv"},
};

static const char *language_code(const char *iso3)
{
    for (size_t i = 0; iso3 && i < sizeof languages / sizeof *languages; i++)
        if (strcmp(languages[i][0], iso3) == 0)
            return languages[i][1];
    return NULL;
}

/* An attribute compared without copying. */
static int attr_is(const xmlNode *node, const char *name, const char *value)
{
    for (xmlAttrPtr a = node ? node->properties : NULL; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0 && a->children &&
            a->children->content)
            return strcmp((const char *)a->children->content, value) == 0;
    return 0;
}

/* A node's own text, not copied (the common single text child), or NULL. */
static const char *raw_text(const xmlNode *node)
{
    const xmlNode *c = node ? node->children : NULL;
    if (c && !c->next && c->type == XML_TEXT_NODE)
        return (const char *)c->content;
    return NULL;
}

/* Does the trimmed text of `node` equal `s`? */
static int text_is(nt_build *b, const xmlNode *node, const char *s)
{
    const char *t = raw_text(node);
    if (t) {
        while (*t == ' ' || *t == '\n' || *t == '\t' || *t == '\r')
            t++;
        size_t n = strlen(s);
        if (strncmp(t, s, n) != 0)
            return 0;
        for (t += n; *t; t++)
            if (*t != ' ' && *t != '\n' && *t != '\t' && *t != '\r')
                return 0;
        return 1;
    }
    const char *v = nx_text(b, node);
    return v && strcmp(v, s) == 0;
}

/* The child `local` of `parent` in the notice language, else the first. */
static const char *ml_text(nt_build *b, const xmlNode *parent,
                           const char *local, const char *lang3)
{
    xmlNodePtr first = nx_child(parent, local);
    for (xmlNodePtr c = first; c && lang3; c = nx_next(c, local))
        if (attr_is(c, "languageID", lang3))
            return nx_text(b, c);
    return nx_text(b, first);
}

/* The amount element `node` into `a`. */
static void amount_of(nt_build *b, assess_amount *a, const xmlNode *node)
{
    if (node)
        nt_amount(b, a, nx_text(b, node), nx_attr(b, node, "currencyID"));
}

static xmlNodePtr extension(const xmlNode *node)
{
    return nx_path(node, "UBLExtensions/UBLExtension/ExtensionContent/"
                         "EformsExtension");
}

/* ---- organisations ------------------------------------------------------ */

typedef struct org_ref {
    const char *id;         /* ORG-, TPO- or UBO- id */
    const xmlNode *node;    /* efac:Organization, or the UBO element */
} org_ref;

typedef struct eforms {
    nt_build *b;
    const char *lang3;
    const xmlNode *root, *ext, *result;
    org_ref *orgs;          /* organisations and their touch points */
    size_t n_orgs;
    org_ref *ubos;
    size_t n_ubos;
    int lot_limit;       /* more lots than ASSESS_MAX_NOTICE_LOTS */
} eforms;

static void index_organisations(eforms *e)
{
    xmlNodePtr list = nx_child(e->ext, "Organizations");
    for (xmlNodePtr o = nx_child(list, "Organization"); o;
         o = nx_next(o, "Organization")) {
        const char *id = nx_ptext(e->b, o, "Company/PartyIdentification/ID");
        org_ref *r;
        if (id && (r = nt_push(e->b, &e->orgs, &e->n_orgs, sizeof *r))) {
            r->id = id;
            r->node = o;
        }
        for (xmlNodePtr t = nx_child(o, "TouchPoint"); t;
             t = nx_next(t, "TouchPoint")) {
            const char *tid = nx_ptext(e->b, t, "PartyIdentification/ID");
            if (tid && (r = nt_push(e->b, &e->orgs, &e->n_orgs, sizeof *r))) {
                r->id = tid;
                r->node = o;
            }
        }
    }
    for (xmlNodePtr u = nx_child(list, "UltimateBeneficialOwner"); u;
         u = nx_next(u, "UltimateBeneficialOwner")) {
        const char *id = nx_ptext(e->b, u, "ID");
        org_ref *r;
        if (id && (r = nt_push(e->b, &e->ubos, &e->n_ubos, sizeof *r))) {
            r->id = id;
            r->node = u;
        }
    }
}

static const xmlNode *find_ref(const org_ref *refs, size_t n, const char *id)
{
    for (size_t i = 0; id && i < n; i++)
        if (strcmp(refs[i].id, id) == 0)
            return refs[i].node;
    return NULL;
}

/* Fill a party from the organisation with technical id `id`; a winner
   also gets its owners' nationalities. An unknown id keeps the id as the
   name, so that the party is not lost. */
static void party_from(eforms *e, assess_notice_party *p, const char *id,
                       int winner)
{
    nt_build *b = e->b;
    const xmlNode *o = find_ref(e->orgs, e->n_orgs, id);
    xmlNodePtr company = nx_child(o, "Company");
    p->name = NULL;
    for (xmlNodePtr pn = nx_child(company, "PartyName"); pn && e->lang3;
         pn = nx_next(pn, "PartyName")) {
        xmlNodePtr nm = nx_child(pn, "Name");
        if (attr_is(nm, "languageID", e->lang3)) {
            p->name = nx_text(b, nm);
            break;
        }
    }
    if (!p->name)
        p->name = nx_ptext(b, company, "PartyName/Name");
    if (!p->name)
        p->name = id;
    nt_country(b, p->country,
               nx_ptext(b, company, "PostalAddress/Country/IdentificationCode"));
    if (!winner || !o)
        return;
    for (xmlNodePtr u = nx_child(o, "UltimateBeneficialOwner"); u;
         u = nx_next(u, "UltimateBeneficialOwner")) {
        const xmlNode *owner = find_ref(e->ubos, e->n_ubos, nx_ptext(b, u, "ID"));
        for (xmlNodePtr n = nx_child(owner, "Nationality"); n;
             n = nx_next(n, "Nationality")) {
            char c[3];
            if (nt_country(b, c, nx_ptext(b, n, "NationalityID")))
                nt_push_str(b, &p->ubo, &p->n_ubo, nt_str(b, c));
        }
    }
}

/* ---- the procedure ------------------------------------------------------ */

static void read_identity(eforms *e)
{
    nt_build *b = e->b;
    assess_notice *n = &b->n;
    const xmlNode *root = e->root;
    n->id = nx_ptext(b, root, "ID");
    n->format_version = nx_ptext(b, root, "CustomizationID");
    n->procedure_id = nx_ptext(b, root, "ContractFolderID");
    xmlNodePtr type = nx_child(root, "NoticeTypeCode");
    n->notice_type = nx_text(b, type);
    n->form_type = nx_attr(b, type, "listName");
    n->subtype = nx_ptext(b, e->ext, "NoticeSubType/SubTypeCode");
    xmlNodePtr pub = nx_child(e->ext, "Publication");
    n->publication_number = nx_ptext(b, pub, "NoticePublicationID");
    n->publication_date = nt_date(b, nx_ptext(b, pub, "PublicationDate"));
    n->dispatch_date = nt_date(b, nx_ptext(b, root, "IssueDate"));
    e->lang3 = nx_ptext(b, root, "NoticeLanguageCode");
    n->language = language_code(e->lang3);
    n->changes = nx_ptext(b, e->ext, "Changes/ChangedNoticeIdentifier");
    if (nx_is(root, "BusinessRegistrationInformationNotice") && !n->form_type)
        n->form_type = "bri";
}

static void read_buyers(eforms *e)
{
    nt_build *b = e->b;
    for (xmlNodePtr cp = nx_child(e->root, "ContractingParty"); cp;
         cp = nx_next(cp, "ContractingParty")) {
        const char *id = nx_ptext(b, cp, "Party/PartyIdentification/ID");
        assess_notice_party *p;
        if (id && (p = nt_party(b, &b->n.buyers, &b->n.n_buyers)))
            party_from(e, p, id, 0);
    }
}

/* cbc:ItemClassificationCode of every `local` child of `project`. */
static void add_cpvs(nt_build *b, const xmlNode *project, const char ***out,
                     size_t *n)
{
    for (xmlNodePtr c = nx_child(project, "AdditionalCommodityClassification");
         c; c = nx_next(c, "AdditionalCommodityClassification"))
        nt_push_str(b, out, n, nt_cpv(b, nx_ptext(b, c, "ItemClassificationCode")));
}

static void read_procedure(eforms *e)
{
    nt_build *b = e->b;
    assess_notice *n = &b->n;
    xmlNodePtr pp = nx_child(e->root, "ProcurementProject");
    n->title = ml_text(b, pp, "Name", e->lang3);
    n->description = ml_text(b, pp, "Description", e->lang3);
    nt_text(b, n->title);
    nt_text(b, n->description);
    nt_text(b, ml_text(b, pp, "Note", e->lang3));
    n->nature = nx_ptext(b, pp, "ProcurementTypeCode");
    n->cpv_main = nt_cpv(b, nx_ptext(b, pp, "MainCommodityClassification/"
                                            "ItemClassificationCode"));
    add_cpvs(b, pp, &n->cpv_additional, &n->n_cpv_additional);
    amount_of(b, &n->estimated,
              nx_path(pp, "RequestedTenderTotal/EstimatedOverallContractAmount"));

    xmlNodePtr tp = nx_child(e->root, "TenderingProcess");
    n->procedure_type = nx_ptext(b, tp, "ProcedureCode");
    nt_text(b, ml_text(b, tp, "Description", e->lang3));
    for (xmlNodePtr j = nx_child(tp, "ProcessJustification"); j;
         j = nx_next(j, "ProcessJustification")) {
        xmlNodePtr code = nx_child(j, "ProcessReasonCode");
        if (!attr_is(code, "listName", "direct-award-justification"))
            continue;
        nt_push_str(b, &n->direct_award, &n->n_direct_award, nx_text(b, code));
        const char *why = ml_text(b, j, "ProcessReason", e->lang3);
        if (why && !n->direct_award_text)
            n->direct_award_text = why;
        nt_text(b, why);
    }
}

/* ---- lots --------------------------------------------------------------- */

static void read_criteria(eforms *e, assess_notice_lot *l, const xmlNode *terms)
{
    nt_build *b = e->b;
    xmlNodePtr ac = nx_path(terms, "AwardingTerms/AwardingCriterion");
    for (xmlNodePtr s = nx_child(ac, "SubordinateAwardingCriterion"); s;
         s = nx_next(s, "SubordinateAwardingCriterion")) {
        assess_notice_criterion *c = nt_criterion(b, l);
        if (!c)
            return;
        c->type = nx_ptext(b, s, "AwardingCriterionTypeCode");
        c->name = ml_text(b, s, "Name", e->lang3);
        c->description = ml_text(b, s, "Description", e->lang3);
        nt_text(b, c->name);
        nt_text(b, c->description);
        for (xmlNodePtr p = nx_child(extension(s), "AwardCriterionParameter");
             p; p = nx_next(p, "AwardCriterionParameter")) {
            xmlNodePtr code = nx_child(p, "ParameterCode");
            if (!attr_is(code, "listName", "number-weight"))
                continue;
            c->weight = nt_number(nx_ptext(b, p, "ParameterNumeric"));
            c->weight_kind = nx_text(b, code);
        }
    }
    nt_text(b, ml_text(b, ac, "Description", e->lang3));
    nt_text(b, ml_text(b, ac, "CalculationExpression", e->lang3));
    nt_criteria_basis(l);
}

static void read_lot(eforms *e, const xmlNode *node)
{
    nt_build *b = e->b;
    assess_notice *n = &b->n;
    assess_notice_lot *l = nt_lot(b);
    if (!l)
        return;
    l->id = nx_ptext(b, node, "ID");
    xmlNodePtr pp = nx_child(node, "ProcurementProject");
    l->title = ml_text(b, pp, "Name", e->lang3);
    l->description = ml_text(b, pp, "Description", e->lang3);
    nt_text(b, l->title);
    nt_text(b, l->description);
    nt_text(b, ml_text(b, pp, "Note", e->lang3));
    const char *main = nt_cpv(b, nx_ptext(b, pp, "MainCommodityClassification/"
                                                 "ItemClassificationCode"));
    l->cpv_main = main ? main : n->cpv_main;
    add_cpvs(b, pp, &l->cpv_additional, &l->n_cpv_additional);
    /* the notice's set: everything any lot names besides the main code */
    if (main && (!n->cpv_main || strcmp(main, n->cpv_main) != 0))
        nt_push_str(b, &n->cpv_additional, &n->n_cpv_additional, main);
    for (size_t i = 0; i < l->n_cpv_additional; i++)
        nt_push_str(b, &n->cpv_additional, &n->n_cpv_additional,
                    l->cpv_additional[i]);
    amount_of(b, &l->estimated,
              nx_path(pp, "RequestedTenderTotal/EstimatedOverallContractAmount"));

    xmlNodePtr period = nx_child(pp, "PlannedPeriod");
    xmlNodePtr dur = nx_child(period, "DurationMeasure");
    if (dur)
        l->duration_months = nt_months(nt_number(nx_text(b, dur)),
                                       nx_attr(b, dur, "unitCode"));
    else
        l->duration_months =
            nt_months_between(nt_date(b, nx_ptext(b, period, "StartDate")),
                           nt_date(b, nx_ptext(b, period, "EndDate")));
    xmlNodePtr ext = nx_child(pp, "ContractExtension");
    const char *max = nx_ptext(b, ext, "MaximumNumberNumeric");
    if (max) {
        double v = nt_number(max);
        l->max_renewals = v < 0 ? -1 : (long)v;
        l->renewal = l->max_renewals < 0 ? -1 : l->max_renewals > 0;
    }
    const char *renewal = ml_text(b, nx_path(ext, "Renewal/Period"),
                                  "Description", e->lang3);
    if (renewal && l->renewal < 0)
        l->renewal = 1;
    nt_text(b, renewal);
    nt_text(b, ml_text(b, ext, "OptionsDescription", e->lang3));

    xmlNodePtr tp = nx_child(node, "TenderingProcess");
    for (xmlNodePtr cs = nx_child(tp, "ContractingSystem"); cs;
         cs = nx_next(cs, "ContractingSystem")) {
        xmlNodePtr code = nx_child(cs, "ContractingSystemTypeCode");
        if (!attr_is(code, "listName", "framework-agreement"))
            continue;
        const char *v = nx_text(b, code);
        if (v)
            l->framework_agreement = strcmp(v, "none") != 0;
    }
    xmlNodePtr terms = nx_child(node, "TenderingTerms");
    read_criteria(e, l, terms);
    for (xmlNodePtr r = nx_child(terms, "ContractExecutionRequirement"); r;
         r = nx_next(r, "ContractExecutionRequirement"))
        nt_text(b, ml_text(b, r, "Description", e->lang3));
    xmlNodePtr sel = nx_child(extension(terms), "SelectionCriteria");
    for (; sel; sel = nx_next(sel, "SelectionCriteria"))
        nt_text(b, ml_text(b, sel, "Description", e->lang3));
}

static void read_lots(eforms *e)
{
    int lots = 0;
    for (xmlNodePtr l = nx_child(e->root, "ProcurementProjectLot"); l;
         l = nx_next(l, "ProcurementProjectLot"))
        lots |= attr_is(nx_child(l, "ID"), "schemeName", "Lot");
    const char *scheme = lots ? "Lot" : "Part";
    for (xmlNodePtr l = nx_child(e->root, "ProcurementProjectLot"); l;
         l = nx_next(l, "ProcurementProjectLot")) {
        if (!attr_is(nx_child(l, "ID"), "schemeName", scheme))
            continue;
        if (e->b->n.n_lots >= ASSESS_MAX_NOTICE_LOTS) {
            e->lot_limit = 1;
            return;
        }
        read_lot(e, l);
    }
}

/* ---- results ------------------------------------------------------------ */

/* The element `local` of the notice result whose cbc:ID is `id`. */
static xmlNodePtr result_item(eforms *e, const char *local, const char *id)
{
    if (!id)
        return NULL;
    for (xmlNodePtr c = nx_child(e->result, local); c; c = nx_next(c, local))
        if (text_is(e->b, nx_child(c, "ID"), id))
            return c;
    return NULL;
}

static assess_notice_lot *lot_by_id(nt_build *b, const char *id)
{
    for (size_t i = 0; id && i < b->n.n_lots; i++)
        if (b->n.lots[i].id && strcmp(b->n.lots[i].id, id) == 0)
            return &b->n.lots[i];
    return NULL;
}

/* Add the winners and value of tender `ten_id` to award `a`. */
static void add_tender(eforms *e, assess_notice_award *a, const char *ten_id,
                       int *tenders)
{
    nt_build *b = e->b;
    xmlNodePtr ten = result_item(e, "LotTender", ten_id);
    if (!ten)
        return;
    assess_amount v = {-1, ""};
    amount_of(b, &v, nx_path(ten, "LegalMonetaryTotal/PayableAmount"));
    if ((*tenders)++ == 0)
        a->value = v;
    else if (a->value.value >= 0 && v.value >= 0 &&
             strcmp(a->value.currency, v.currency) == 0)
        a->value.value += v.value; /* one contract with several tenders */
    else
        a->value.value = -1;
    xmlNodePtr tpa = result_item(e, "TenderingParty",
                                 nx_ptext(b, ten, "TenderingParty/ID"));
    for (xmlNodePtr t = nx_child(tpa, "Tenderer"); t; t = nx_next(t, "Tenderer")) {
        assess_notice_party *p = nt_party(b, &a->winners, &a->n_winners);
        if (p)
            party_from(e, p, nx_ptext(b, t, "ID"), 1);
    }
}

static void read_result(eforms *e, const xmlNode *res)
{
    nt_build *b = e->b;
    const char *lot_id = nx_ptext(b, res, "TenderLot/ID");
    assess_notice_lot *l = lot_by_id(b, lot_id);
    if (!l) { /* a result for a lot this notice does not describe */
        if (b->n.n_lots >= ASSESS_MAX_NOTICE_LOTS) {
            e->lot_limit = 1;
            return;
        }
        if (!(l = nt_lot(b)))
            return;
        l->id = lot_id;
        l->cpv_main = b->n.cpv_main;
    }
    for (xmlNodePtr s = nx_child(res, "ReceivedSubmissionsStatistics"); s;
         s = nx_next(s, "ReceivedSubmissionsStatistics")) {
        if (!text_is(b, nx_child(s, "StatisticsCode"), "tenders"))
            continue;
        double v = nt_number(nx_ptext(b, s, "StatisticsNumeric"));
        if (v >= 0 && (long)v > l->tenders_received)
            l->tenders_received = (long)v;
    }
    /* BT-142 says whether a winner was chosen; VEAT (25-28) and
       modification notices (38-40) may not carry it, and a settled
       contract there is the award */
    xmlNodePtr code = nx_child(res, "TenderResultCode");
    int won = code ? text_is(b, code, "selec-w")
                   : nx_child(res, "SettledContract") != NULL;
    if (!won) {
        if (code && l->result < 0)
            l->result = 0;
        return;
    }
    l->result = 1;
    xmlNodePtr con = nx_child(res, "SettledContract");
    for (; con; con = nx_next(con, "SettledContract")) {
        const char *id = nx_ptext(b, con, "ID");
        int seen = 0;
        for (size_t i = 0; id && i < l->n_awards; i++)
            seen |= l->awards[i].id && strcmp(l->awards[i].id, id) == 0;
        xmlNodePtr c = result_item(e, "SettledContract", id);
        assess_notice_award *a;
        if (seen || !(a = nt_award(b, l)))
            continue;
        a->id = id;
        a->date = nt_date(b, nx_ptext(b, c, "IssueDate"));
        nt_text(b, ml_text(b, c, "Title", e->lang3));
        int tenders = 0;
        for (xmlNodePtr t = nx_child(c, "LotTender"); t; t = nx_next(t, "LotTender"))
            add_tender(e, a, nx_ptext(b, t, "ID"), &tenders);
    }
    if (nx_child(res, "SettledContract"))
        return;
    /* no settled contract: the result's own tenders, one award each */
    for (xmlNodePtr t = nx_child(res, "LotTender"); t; t = nx_next(t, "LotTender")) {
        assess_notice_award *a = nt_award(b, l);
        int tenders = 0;
        if (a)
            add_tender(e, a, nx_ptext(b, t, "ID"), &tenders);
    }
}

static void read_results(eforms *e)
{
    e->result = nx_child(e->ext, "NoticeResult");
    for (xmlNodePtr r = nx_child(e->result, "LotResult"); r;
         r = nx_next(r, "LotResult"))
        read_result(e, r);
}

/* ---- entry --------------------------------------------------------------- */

assess_status nt_read_eforms(const assess_registry *reg, const char *name,
                             xmlDocPtr doc, assess_notice_fn fn, void *ctx,
                             assess_diags *d)
{
    nt_build b;
    nt_init(&b, reg, ASSESS_NOTICE_EFORMS);
    eforms e = {.b = &b, .root = xmlDocGetRootElement(doc)};
    e.ext = extension(e.root);
    read_identity(&e);
    if (!b.n.id) {
        nt_release(&b);
        return assess_diags_add(d, ASSESS_ERR_INVALID, name, "/*/cbc:ID",
                                "the notice has no identifier (BT-701)");
    }
    index_organisations(&e);
    read_buyers(&e);
    read_procedure(&e);
    read_lots(&e);
    read_results(&e);
    int rc = nt_emit(&b, name, NULL, fn, ctx, d);
    nt_release(&b);
    if (rc < 0)
        return ASSESS_ERR_NOMEM;
    if (e.lot_limit) /* delivered with the first lots; said, not hidden */
        return assess_diags_add(d, ASSESS_ERR_LIMIT, name, NULL,
                                "more than %d lots: only the first %d were "
                                "read",
                                ASSESS_MAX_NOTICE_LOTS, ASSESS_MAX_NOTICE_LOTS);
    return ASSESS_OK;
}
