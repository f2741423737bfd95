/*
 * labels.h - the words around the numbers in a report (internal).
 *
 * Every string a user reads in the workbook comes from
 * templates/labels.<lang>.json (format "assess-labels/1"). The list below is
 * the one place that names the keys: the loader requires each of them in the
 * file and refuses keys it does not know, so a label missing in Dutch or
 * English is an error at load time (and the labels_complete test fails).
 */
#ifndef ASSESS_REPORT_LABELS_H
#define ASSESS_REPORT_LABELS_H

#include "assess/assess.h"

#define ASSESS_LABEL_LIST(X)                                                   \
    /* sheet names (at most 31 characters, none of []:*?/\) */                \
    X(SHEET_SUMMARY, "sheet.summary")                                          \
    X(SHEET_CHARTS, "sheet.charts")                                            \
    X(SHEET_FLAGS, "sheet.flags")                                              \
    X(SHEET_GAPS, "sheet.gaps")                                                \
    X(SHEET_FRAMEWORK, "sheet.framework")                                      \
    X(SHEET_AUDIT, "sheet.audit")                                              \
    /* summary header block */                                                 \
    X(REPORT_TITLE, "report.title")                                            \
    X(TENDER, "summary.tender")                                                \
    X(BUYER, "summary.buyer")                                                  \
    X(ASSESSMENT_DATE, "summary.assessment_date")                              \
    X(FRAMEWORK, "summary.framework")                                          \
    X(WEIGHT_PROFILE, "summary.weight_profile")                                \
    X(UNKNOWN_POLICY, "summary.unknown_policy")                                \
    X(CAPS, "summary.caps")                                                    \
    X(SANCTIONS, "summary.sanctions")                                          \
    X(BIDS_SCORED, "summary.bids_scored")                                      \
    X(INPUTS_FAILED, "summary.inputs_failed")                                  \
    X(GENERATED, "summary.generated")                                          \
    X(INTERNAL_NOTE, "summary.internal_note")                                  \
    X(POLICY_GAP, "policy.gap")                                                \
    X(POLICY_CONSERVATIVE, "policy.conservative")                              \
    X(POLICY_STRICT, "policy.strict")                                          \
    X(CAPS_ENFORCE, "caps.enforce")                                            \
    X(CAPS_ADVISORY, "caps.advisory")                                          \
    X(SCREENED, "sanctions.screened")                                          \
    X(NOT_SCREENED, "sanctions.not_screened")                                  \
    /* column headers */                                                       \
    X(COL_LOT, "col.lot")                                                      \
    X(COL_BID, "col.bid")                                                      \
    X(COL_TENDERER, "col.tenderer")                                            \
    X(COL_COUNTRY, "col.country")                                              \
    X(COL_SCORE, "col.score")                                                  \
    X(COL_SEAL, "col.seal")                                                    \
    X(COL_GATE, "col.gate")                                                    \
    X(COL_RANK, "col.rank")                                                    \
    X(COL_FLAGS, "col.flags")                                                  \
    X(COL_OBJECTIVE, "col.objective")                                          \
    X(COL_CRITERION, "col.criterion")                                          \
    X(COL_TITLE, "col.title")                                                  \
    X(COL_QUESTION, "col.question")                                            \
    X(COL_ANSWER, "col.answer")                                                \
    X(COL_RUNG, "col.rung")                                                    \
    X(COL_SOURCE, "col.source")                                                \
    X(COL_POINTS, "col.points")                                                \
    X(COL_OUTCOME, "col.outcome")                                              \
    X(COL_EVIDENCE, "col.evidence")                                            \
    X(COL_CONFIDENCE, "col.confidence")                                        \
    X(COL_BINDING, "col.binding")                                              \
    X(COL_WEIGHT, "col.weight")                                                \
    X(COL_OBJ_SCORE, "col.objective_score")                                    \
    X(COL_WEIGHTED, "col.weighted")                                            \
    X(COL_FAMILY, "col.family")                                                \
    X(COL_SEVERITY, "col.severity")                                            \
    X(COL_CODE, "col.code")                                                    \
    X(COL_MESSAGE, "col.message")                                              \
    X(COL_PATH, "col.path")                                                    \
    X(COL_LAWS, "col.laws")                                                    \
    X(COL_BASIS, "col.basis")                                                  \
    X(COL_MISSING, "col.missing")                                              \
    X(COL_KIND, "col.kind")                                                    \
    X(COL_FILE, "col.file")                                                    \
    X(COL_SHA256, "col.sha256")                                                \
    X(COL_VERSION, "col.version")                                              \
    X(COL_SETTING, "col.setting")                                              \
    X(COL_VALUE, "col.value")                                                  \
    /* values */                                                               \
    X(GATE_PASSED, "gate.passed")                                              \
    X(GATE_FAILED, "gate.failed")                                              \
    X(GATE_UNKNOWN, "gate.unknown")                                            \
    X(GATE_ERROR, "gate.error")                                                \
    X(OUTCOME_PASS, "outcome.pass")                                            \
    X(OUTCOME_PARTIAL, "outcome.partial")                                      \
    X(OUTCOME_FAIL, "outcome.fail")                                            \
    X(OUTCOME_UNKNOWN, "outcome.unknown")                                      \
    X(OUTCOME_NA, "outcome.not_applicable")                                    \
    X(OUTCOME_ERROR, "outcome.error")                                          \
    X(SOURCE_NONE, "source.none")                                              \
    X(SOURCE_DECLARED, "source.declared")                                      \
    X(SOURCE_DERIVED, "source.derived")                                        \
    X(SOURCE_CAPPED, "source.capped")                                          \
    X(SOURCE_POLICY, "source.policy")                                          \
    X(CONF_NONE, "confidence.none")                                            \
    X(CONF_LOW, "confidence.low")                                              \
    X(CONF_MEDIUM, "confidence.medium")                                        \
    X(CONF_HIGH, "confidence.high")                                            \
    X(SEV_INFO, "severity.info")                                               \
    X(SEV_LOW, "severity.low")                                                 \
    X(SEV_MEDIUM, "severity.medium")                                           \
    X(SEV_HIGH, "severity.high")                                               \
    X(SEV_BLOCKER, "severity.blocker")                                         \
    X(NOT_RANKED, "rank.none")                                                 \
    X(BINDING_MARK, "bid.binding_mark")                                        \
    X(UNANSWERED, "bid.unanswered")                                            \
    /* bid sheet */                                                            \
    X(BID_FILE, "bid.file")                                                    \
    X(BID_PRICE, "bid.price")                                                  \
    X(BID_CHAIN, "bid.chain")                                                  \
    X(BID_GATE_CHECKS, "bid.gate_checks")                                      \
    X(BID_GATE_FAILURES, "bid.gate_failures")                                  \
    X(BID_OBJECTIVES, "bid.objectives")                                        \
    X(SOVEREIGNTY_SCORE, "bid.sovereignty_score")                              \
    X(OVERALL_SEAL, "bid.overall_seal")                                        \
    X(CHAIN_ONLY, "bid.chain_flag")                                            \
    /* evidence gaps */                                                        \
    X(GAPS_ALL_BIDS, "gaps.all_bids")                                          \
    X(GAPS_NOT_SCREENED, "gaps.not_screened")                                  \
    X(GAPS_FAILED_INPUT, "gaps.failed_input")                                  \
    X(GAPS_GATE_UNKNOWN, "gaps.gate_unknown")                                  \
    X(GAPS_NONE, "gaps.none")                                                  \
    /* charts */                                                               \
    X(CHART_SCORES, "chart.scores")                                            \
    X(CHART_RADAR, "chart.radar")                                              \
    /* audit */                                                                \
    X(AUDIT_TOOL, "audit.tool")                                                \
    X(AUDIT_LANGUAGE, "audit.language")                                        \
    X(AUDIT_TIMESTAMP, "audit.timestamp")                                      \
    X(AUDIT_TENDER_FILE, "audit.tender_file")                                  \
    X(AUDIT_SANCTIONS_FILE, "audit.sanctions_file")                            \
    X(AUDIT_LOTS, "audit.lots")                                                \
    X(AUDIT_INPUTS, "audit.inputs")                                            \
    X(AUDIT_VERIFY, "audit.verify_hint")                                       \
    X(KIND_TENDER, "kind.tender")                                              \
    X(KIND_FRAMEWORK, "kind.framework")                                        \
    X(KIND_CLASS, "kind.class")                                                \
    X(KIND_REGISTRY, "kind.registry")                                          \
    X(KIND_SANCTIONS, "kind.sanctions")                                        \
    X(KIND_BID, "kind.bid")                                                    \
    X(KIND_LABELS, "kind.labels")                                              \
    X(KIND_EXTENSION, "kind.extension")                                        \
    X(KIND_PORTFOLIO, "kind.portfolio")                                        \
    X(SHEET_AWARD, "sheet.award")                                              \
    X(AWARD_TITLE, "award.title")                                              \
    X(AWARD_METHOD, "award.method")                                            \
    X(AWARD_ROUNDING, "award.rounding")                                        \
    X(AWARD_WEIGHTS, "award.weights")                                          \
    X(COL_PRICE, "col.price")                                                  \
    X(COL_PRICE_SCORE, "col.price_score")                                      \
    X(COL_QUALITY, "col.quality")                                              \
    X(COL_TOTAL, "col.total")                                                  \
    X(COL_TOTAL_ROUNDED, "col.total_rounded")                                  \
    X(COL_AWARD_RANK, "col.award_rank")                                        \
    X(COL_KNOCK_OUT, "col.knock_out")                                          \
    X(COL_TIE_BREAK, "col.tie_break")                                          \
    X(COL_ABNORMALLY_LOW, "col.abnormally_low")                                \
    X(COL_CHANGES_WINNER, "col.changes_winner")                                \
    X(COL_OVERRIDE, "col.override")                                            \
    X(KIND_SCORES, "kind.scores")                                              \
    X(SHEET_DIAGNOSTICS, "sheet.diagnostics")                                  \
    X(DIAG_NOTE, "diag.note")                                                  \
    X(DIAG_PREFERENCE, "diag.preference")                                      \
    X(DIAG_UAV, "diag.uav")                                                    \
    X(SHEET_LETTER, "sheet.letter")                                            \
    X(LETTER_TITLE, "letter.title")                                            \
    X(LETTER_INTRO, "letter.intro")                                            \
    X(LETTER_BIDDER, "letter.bidder")                                          \
    X(LETTER_DECISION_DATE, "letter.decision_date")                            \
    X(LETTER_STANDSTILL, "letter.standstill")                                  \
    X(LETTER_YOUR_RANK, "letter.your_rank")                                    \
    X(LETTER_YOUR_TOTAL, "letter.your_total")                                  \
    X(LETTER_WINNER, "letter.winner")                                          \
    X(LETTER_WINNER_TOTAL, "letter.winner_total")                              \
    X(LETTER_YOU_WIN, "letter.you_win")                                        \
    X(LETTER_NOT_RANKED, "letter.not_ranked")                                  \
    X(LETTER_YOUR_SCORE, "letter.your_score")                                  \
    X(LETTER_WINNER_SCORE, "letter.winner_score")                              \
    X(LETTER_ADVANTAGE, "letter.advantage")                                    \
    X(LETTER_REASONS, "letter.reasons")                                        \
    X(LETTER_TIE, "letter.tie")                                                \
    X(AWARD_STABLE, "award.stable")                                            \
    X(AWARD_SENSITIVITY, "award.sensitivity") \
    X(COL_GROUP, "col.group")                                                  \
    X(COL_EXTENSION_SCORE, "col.extension_score")                              \
    X(EXT_NOTE, "ext.note")                                                    \
    X(TRUNCATED, "text.truncated")                                             \
    /* questionnaire */                                                        \
    X(SHEET_Q_INSTRUCTIONS, "sheet.q_instructions")                             \
    X(SHEET_Q_BID, "sheet.q_bid")                                               \
    X(SHEET_Q_ANSWERS, "sheet.q_answers")                                       \
    X(SHEET_Q_ENTITIES, "sheet.q_entities")                                     \
    X(SHEET_Q_LICENCES, "sheet.q_licences")                                     \
    X(SHEET_Q_SERVICE, "sheet.q_service")                                       \
    X(SHEET_Q_LISTS, "sheet.q_lists")                                           \
    X(Q_TITLE, "q.title")                                                       \
    X(Q_INTRO_1, "q.intro.1")                                                   \
    X(Q_INTRO_2, "q.intro.2")                                                   \
    X(Q_INTRO_3, "q.intro.3")                                                   \
    X(Q_INTRO_4, "q.intro.4")                                                   \
    X(Q_INTRO_5, "q.intro.5")                                                   \
    X(Q_INTRO_6, "q.intro.6")                                                   \
    X(Q_FIELD, "q.field")                                                       \
    X(Q_BID_ID, "q.bid_id")                                                     \
    X(Q_TENDERER, "q.tenderer")                                                 \
    X(Q_PRICE_AMOUNT, "q.price_amount")                                         \
    X(Q_PRICE_CURRENCY, "q.price_currency")                                     \
    /* batch over tender archives */                                          \
    X(B_SHEET_NOTICES, "batch.sheet.notices")                                  \
    X(B_SHEET_ERRORS, "batch.sheet.errors")                                    \
    X(B_TITLE, "batch.title")                                                  \
    X(B_FOUND, "batch.found")                                                  \
    X(B_PROCESSED, "batch.processed")                                          \
    X(B_FAILED, "batch.failed")                                                \
    X(B_NOTICES, "batch.notices")                                              \
    X(B_ROWS, "batch.rows")                                                    \
    X(B_PATHS, "batch.paths")                                                  \
    X(B_TOOL, "batch.tool")                                                    \
    X(B_NOTE, "batch.note")                                                    \
    X(B_COL_SOURCE, "batch.col.source")                                        \
    X(B_COL_MEMBER, "batch.col.member")                                        \
    X(B_COL_FORMAT, "batch.col.format")                                        \
    X(B_COL_NOTICE, "batch.col.notice")                                        \
    X(B_COL_PUBLICATION, "batch.col.publication")                              \
    X(B_COL_TYPE, "batch.col.type")                                            \
    X(B_COL_FORM, "batch.col.form")                                            \
    X(B_COL_DATE, "batch.col.date")                                            \
    X(B_COL_BUYER, "batch.col.buyer")                                          \
    X(B_COL_BUYER_COUNTRY, "batch.col.buyer_country")                          \
    X(B_COL_CPV, "batch.col.cpv")                                              \
    X(B_COL_PROCEDURE, "batch.col.procedure")                                  \
    X(B_COL_LOT, "batch.col.lot")                                              \
    X(B_COL_LOT_TITLE, "batch.col.lot_title")                                  \
    X(B_COL_RESULT, "batch.col.result")                                        \
    X(B_COL_WINNERS, "batch.col.winners")                                      \
    X(B_COL_WINNER_COUNTRIES, "batch.col.winner_countries")                    \
    X(B_COL_GROUPS, "batch.col.groups")                                        \
    X(B_COL_GROUP_COUNTRIES, "batch.col.group_countries")                      \
    X(B_COL_VALUE, "batch.col.value")                                          \
    X(B_COL_CURRENCY, "batch.col.currency")                                    \
    X(B_COL_ESTIMATED, "batch.col.estimated")                                  \
    X(B_COL_ESTIMATED_CURRENCY, "batch.col.estimated_currency")                \
    X(B_COL_TENDERS, "batch.col.tenders")                                       \
    X(B_SHEET_BY_BUYER, "batch.sheet.by_buyer")                                \
    X(B_SHEET_BY_COUNTRY, "batch.sheet.by_country")                            \
    X(B_SHEET_BY_CPV, "batch.sheet.by_cpv")                                    \
    X(B_COL_CPV_GROUP, "batch.col.cpv_group")                                  \
    X(B_COL_AWARDS, "batch.col.awards")                                        \
    X(B_COL_GROUP_COUNT, "batch.col.group_count")                              \
    X(B_COL_HHI, "batch.col.hhi")                                              \
    X(B_COL_CR4, "batch.col.cr4")                                              \
    X(B_COL_LOTS_KNOWN, "batch.col.lots_known")                                \
    X(B_COL_SINGLE, "batch.col.single")                                        \
    X(B_COL_SINGLE_RATE, "batch.col.single_rate")                              \
    X(B_COL_CLOUD_LOTS, "batch.col.cloud_lots")                                \
    X(B_COL_CLOUD_SOV, "batch.col.cloud_sov")                                  \
    X(B_COL_CLOUD_SOV_RATE, "batch.col.cloud_sov_rate")                        \
    X(B_COL_CHECKS, "batch.col.checks")                                         \
    X(B_COL_REASON, "batch.col.reason")                                        \
    X(B_RESULT_AWARDED, "batch.result.awarded")                                \
    X(B_RESULT_NO_WINNER, "batch.result.no_winner")                            \
    X(B_SEVERAL, "batch.several")                                              \
    X(Q_NOTES, "q.notes")                                                       \
    X(COL_REMARKS, "col.remarks")                                               \
    X(COL_ID, "col.id")                                                         \
    X(COL_NAME, "col.name")                                                     \
    X(COL_ROLE, "col.role")                                                     \
    X(COL_PARENT, "col.parent")                                                 \
    X(COL_CONTROL, "col.control")                                               \
    X(COL_DECISIVE, "col.decisive")                                             \
    X(COL_REGISTRY_ID, "col.registry_id")                                       \
    X(COL_LAYERS, "col.layers")                                                 \
    X(COL_ACCESS, "col.access")                                                 \
    X(COL_SHARE, "col.share")                                                   \
    X(COL_ENTITY, "col.entity")                                                 \
    X(COL_LICENSOR, "col.licensor")                                             \
    X(COL_WHAT, "col.what")                                                     \
    X(SVC_NAME, "svc.name")                                                     \
    X(SVC_DESCRIPTION, "svc.description")                                       \
    X(SVC_DATA_LOCATIONS, "svc.data_locations")                                 \
    X(SVC_BACKUP_LOCATIONS, "svc.backup_locations")                             \
    X(SVC_SUPPORT_LOCATIONS, "svc.support_locations")                           \
    X(SVC_ADMIN_LOCATIONS, "svc.admin_locations")                               \
    X(SVC_KEY_MANAGEMENT, "svc.key_management")                                 \
    X(SVC_CERTIFICATIONS, "svc.certifications")                                 \
    X(SVC_CONTROLLED_ITEMS, "svc.controlled_items")                             \
    X(SVC_EXIT_PLAN, "svc.exit_plan")                                           \
    X(SVC_EXIT_PLAN_TESTED, "svc.exit_plan_tested")                             \
    X(SVC_EXIT_FORMATS, "svc.exit_formats")                                     \
    X(SVC_EGRESS_CHARGES, "svc.egress_charges")                                 \
    X(SVC_SWITCHING_CHARGES, "svc.switching_charges")                           \
    X(SVC_NOTICE_MONTHS, "svc.notice_months")                                   \
    X(SVC_TRANSITION_DAYS, "svc.transition_days")                               \
    X(SVC_RETRIEVAL_DAYS, "svc.retrieval_days")                                 \
    X(SVC_AI_NAME, "svc.ai_name")                                               \
    X(SVC_AI_WEIGHTS, "svc.ai_weights")                                         \
    X(SVC_AI_LICENCE, "svc.ai_licence")                                         \
    X(SVC_AI_ORIGIN, "svc.ai_origin")                                           \
    X(SVC_AI_SELF_HOSTABLE, "svc.ai_self_hostable")                             \
    X(SVC_AI_TRAINING_DATA, "svc.ai_training_data")                             \
    X(SVC_AI_FINE_TUNE, "svc.ai_fine_tune")                                     \
    X(SVC_EQUIVALENCE, "svc.equivalence")                                  \
    X(SVC_PORTABILITY, "svc.portability")                                  \
    X(SVC_UNIQUE_SERVICES, "svc.unique_services")                          \
    X(SVC_IDENTITY, "svc.identity")                                        \
    X(SVC_EXPORT, "svc.export")                                                \
    X(SVC_SWIPO, "svc.swipo")                                              \
    X(SVC_FALLBACK, "svc.fallback")                                        \
    X(SVC_DISCONNECT, "svc.disconnect")                                    \
    X(SVC_KILL_SWITCHES, "svc.kill_switches")                              \
    X(SVC_ESCROW, "svc.escrow")                                            \
    X(SVC_KNOWLEDGE, "svc.knowledge")                                      \
    X(SVC_OPEN_STANDARDS, "svc.open_standards")                            \
    X(SVC_OPEN_SOURCE, "svc.open_source")                                  \
    X(SVC_GOVERNANCE, "svc.governance")                                    \
    X(SVC_AI_LICENCE_CLASS, "svc.ai_licence_class")                        \
    X(SVC_AI_TRAINING, "svc.ai_training")                                  \
    X(SVC_AI_SELF_HOSTING, "svc.ai_self_hosting")                          \
    X(SVC_AI_API, "svc.ai_api")                                            \
    X(SVC_AI_NO_TRAINING, "svc.ai_no_training")                            \
    X(SVC_AI_DUTCH, "svc.ai_dutch")                                        \
    X(SVC_AI_SUSPENDED, "svc.ai_suspended")                                \
    X(SVC_AI_EXPORT_CONTROL, "svc.ai_export_control")                           \
    X(VALUE_YES, "value.yes")                                                   \
    X(VALUE_NO, "value.no")                                                     \
    X(VALUE_NONE, "value.none")                                                

typedef enum {
#define ASSESS_X_LABEL(name, key) LBL_##name,
    ASSESS_LABEL_LIST(ASSESS_X_LABEL)
#undef ASSESS_X_LABEL
    LBL_COUNT
} assess_label_id;

typedef struct assess_labels {
    char lang[3];
    char *file;        /* the file read */
    char sha256[65];
    char *text[LBL_COUNT];
} assess_labels;

/**
 * Load templates_dir/labels.<lang>.json. Every key of ASSESS_LABEL_LIST must
 * be there as a non-empty string, and no other key; each problem is a
 * diagnostic with its JSON path. `lang` must be "en" or "nl".
 * On error the labels are released.
 */
assess_status assess_labels_load(assess_labels *l, const char *templates_dir,
                                 const char *lang, assess_diags *d);
void assess_labels_release(assess_labels *l);

/** The stable key of a label ("sheet.summary"). */
const char *assess_label_key(assess_label_id id);

#endif
