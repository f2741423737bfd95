/*
 * layout.c - the questionnaire's lists and service facts (layout.h).
 */
#include <stddef.h>

#include "questionnaire/layout.h"

static const char *const roles[] = {"tenderer", "member", "parent",
                                    "subcontractor", "supplier", NULL};
static const char *const kinds[] = {"company", "person", NULL};
static const char *const access[] = {"none", "data", "privileged", NULL};
static const char *const layers[] = {"compute", "storage", "network", "iam",
                                     "platform", "security", "software-supply",
                                     "edge", "facilities", "support", "admin",
                                     NULL};
static const char *const confidence[] = {"high", "medium", "low", "none", NULL};
static const char *const keys[] = {"provider", "provider-primary", "shared",
                                   "customer-primary", "customer-exclusive",
                                   NULL};
static const char *const charges[] = {"none", "cost-based", "commercial", NULL};
static const char *const weights[] = {"api-only", "restrictive",
                                      "open-weights", "open-with-data", NULL};
static const char *const finetune[] = {"customer", "shared", "provider", NULL};

const char *const *const q_lists[QL_COUNT] = {
    [QL_ROLES] = roles,     [QL_KINDS] = kinds,     [QL_ACCESS] = access,
    [QL_LAYERS] = layers,   [QL_CONFIDENCE] = confidence,
    [QL_KEYS] = keys,       [QL_CHARGES] = charges, [QL_WEIGHTS] = weights,
    [QL_FINETUNE] = finetune};

const qfield q_fields[] = {
    {NULL, "name", LBL_SVC_NAME, QF_TEXT, 0, 0},
    {NULL, "description", LBL_SVC_DESCRIPTION, QF_TEXT, 0, 0},
    {NULL, "data_locations", LBL_SVC_DATA_LOCATIONS, QF_COUNTRIES, 0, 0},
    {NULL, "backup_locations", LBL_SVC_BACKUP_LOCATIONS, QF_COUNTRIES, 0, 0},
    {NULL, "support_locations", LBL_SVC_SUPPORT_LOCATIONS, QF_COUNTRIES, 0, 0},
    {NULL, "admin_locations", LBL_SVC_ADMIN_LOCATIONS, QF_COUNTRIES, 0, 0},
    {NULL, "key_management", LBL_SVC_KEY_MANAGEMENT, QF_ENUM, QL_KEYS, 0},
    {NULL, "certifications", LBL_SVC_CERTIFICATIONS, QF_TEXTS, 0, 0},
    {NULL, "controlled_items", LBL_SVC_CONTROLLED_ITEMS, QF_TEXTS, 0, 0},
    {"exit", "plan", LBL_SVC_EXIT_PLAN, QF_YESNO, 0, 0},
    {"exit", "plan_tested", LBL_SVC_EXIT_PLAN_TESTED, QF_YESNO, 0, 0},
    {"exit", "formats", LBL_SVC_EXIT_FORMATS, QF_TEXTS, 0, 0},
    {"exit", "egress_charges", LBL_SVC_EGRESS_CHARGES, QF_ENUM, QL_CHARGES, 0},
    {"exit", "switching_charges", LBL_SVC_SWITCHING_CHARGES, QF_ENUM, QL_CHARGES, 0},
    {"exit", "notice_months", LBL_SVC_NOTICE_MONTHS, QF_NUMBER, 0, 1200},
    {"exit", "transition_days", LBL_SVC_TRANSITION_DAYS, QF_NUMBER, 0, 36500},
    {"exit", "retrieval_days", LBL_SVC_RETRIEVAL_DAYS, QF_NUMBER, 0, 36500},
    {"ai_model", "name", LBL_SVC_AI_NAME, QF_TEXT, 0, 0},
    {"ai_model", "weights", LBL_SVC_AI_WEIGHTS, QF_ENUM, QL_WEIGHTS, 0},
    {"ai_model", "licence", LBL_SVC_AI_LICENCE, QF_TEXT, 0, 0},
    {"ai_model", "origin_country", LBL_SVC_AI_ORIGIN, QF_COUNTRY, 0, 0},
    {"ai_model", "self_hostable", LBL_SVC_AI_SELF_HOSTABLE, QF_YESNO, 0, 0},
    {"ai_model", "training_data_summary", LBL_SVC_AI_TRAINING_DATA, QF_YESNO, 0, 0},
    {"ai_model", "fine_tune_ownership", LBL_SVC_AI_FINE_TUNE, QF_ENUM, QL_FINETUNE, 0},
    {"ai_model", "export_control", LBL_SVC_AI_EXPORT_CONTROL, QF_TEXT, 0, 0},
};
const size_t q_n_fields = sizeof q_fields / sizeof q_fields[0];
