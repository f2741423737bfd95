/*
 * layout.c - the questionnaire's lists and service facts (layout.h).
 */
#include <stddef.h>

#include "questionnaire/layout.h"
#include "read/enums.h"

/* the bid format's own lists (read/enums.h); QL_COUNTRIES, QL_YESNO and
   QL_LOTS are made at run time */
const char *const *const q_lists[QL_COUNT] = {
    [QL_ROLES] = assess_enum_role,
    [QL_KINDS] = assess_enum_kind,
    [QL_ACCESS] = assess_enum_access,
    [QL_LAYERS] = assess_enum_layer,
    [QL_CONFIDENCE] = assess_enum_conf,
    [QL_KEYS] = assess_enum_key,
    [QL_CHARGES] = assess_enum_charge,
    [QL_WEIGHTS] = assess_enum_weights,
    [QL_FINETUNE] = assess_enum_ownership,
    [QL_EQUIVALENCE] = assess_enum_equivalence,
    [QL_PORTABILITY] = assess_enum_portability,
    [QL_IDENTITY] = assess_enum_identity,
    [QL_SWIPO] = assess_enum_swipo,
    [QL_KILLSWITCH] = assess_enum_killswitch,
    [QL_ESCROW] = assess_enum_escrow,
    [QL_LICENCE_CLASS] = assess_enum_licence_class,
    [QL_TRAINING_DATA] = assess_enum_training_data,
    [QL_SELF_HOSTING] = assess_enum_self_hosting,
    [QL_INFERENCE_API] = assess_enum_inference_api,
    [QL_DUTCH] = assess_enum_dutch,
    [QL_STANDARDS] = assess_enum_standards,
    [QL_OSS] = assess_enum_oss,
    [QL_GOVERNANCE] = assess_enum_governance};

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
    {"exit", "functional_equivalence", LBL_SVC_EQUIVALENCE, QF_ENUM, QL_EQUIVALENCE, 0},
    {"exit", "licence_portability", LBL_SVC_PORTABILITY, QF_ENUM, QL_PORTABILITY, 0},
    {"exit", "unique_services_percent", LBL_SVC_UNIQUE_SERVICES, QF_NUMBER, 0, 100},
    {"exit", "identity_standards", LBL_SVC_IDENTITY, QF_CODES, QL_IDENTITY, 0},
    {"exit", "swipo", LBL_SVC_SWIPO, QF_ENUM, QL_SWIPO, 0},
    {"control", "fallback_tested", LBL_SVC_FALLBACK, QF_YESNO, 0, 0},
    {"control", "disconnect_tested", LBL_SVC_DISCONNECT, QF_YESNO, 0, 0},
    {"control", "kill_switches", LBL_SVC_KILL_SWITCHES, QF_CODES, QL_KILLSWITCH, 0},
    {"control", "escrow", LBL_SVC_ESCROW, QF_ENUM, QL_ESCROW, 0},
    {"control", "knowledge_transfer", LBL_SVC_KNOWLEDGE, QF_YESNO, 0, 0},
    {"openness", "open_standards", LBL_SVC_OPEN_STANDARDS, QF_ENUM, QL_STANDARDS, 0},
    {"openness", "open_source", LBL_SVC_OPEN_SOURCE, QF_ENUM, QL_OSS, 0},
    {"openness", "governance", LBL_SVC_GOVERNANCE, QF_ENUM, QL_GOVERNANCE, 0},
    {"ai_model", "name", LBL_SVC_AI_NAME, QF_TEXT, 0, 0},
    {"ai_model", "weights", LBL_SVC_AI_WEIGHTS, QF_ENUM, QL_WEIGHTS, 0},
    {"ai_model", "licence", LBL_SVC_AI_LICENCE, QF_TEXT, 0, 0},
    {"ai_model", "origin_country", LBL_SVC_AI_ORIGIN, QF_COUNTRY, 0, 0},
    {"ai_model", "self_hostable", LBL_SVC_AI_SELF_HOSTABLE, QF_YESNO, 0, 0},
    {"ai_model", "training_data_summary", LBL_SVC_AI_TRAINING_DATA, QF_YESNO, 0, 0},
    {"ai_model", "fine_tune_ownership", LBL_SVC_AI_FINE_TUNE, QF_ENUM, QL_FINETUNE, 0},
    {"ai_model", "export_control", LBL_SVC_AI_EXPORT_CONTROL, QF_TEXT, 0, 0},
    {"ai_model", "licence_class", LBL_SVC_AI_LICENCE_CLASS, QF_ENUM, QL_LICENCE_CLASS, 0},
    {"ai_model", "training_data", LBL_SVC_AI_TRAINING, QF_ENUM, QL_TRAINING_DATA, 0},
    {"ai_model", "self_hosting", LBL_SVC_AI_SELF_HOSTING, QF_ENUM, QL_SELF_HOSTING, 0},
    {"ai_model", "inference_api", LBL_SVC_AI_API, QF_ENUM, QL_INFERENCE_API, 0},
    {"ai_model", "no_training_on_customer_data", LBL_SVC_AI_NO_TRAINING, QF_YESNO, 0, 0},
    {"ai_model", "dutch_quality", LBL_SVC_AI_DUTCH, QF_ENUM, QL_DUTCH, 0},
    {"ai_model", "suspended", LBL_SVC_AI_SUSPENDED, QF_YESNO, 0, 0},
};
const size_t q_n_fields = sizeof q_fields / sizeof q_fields[0];
