/*
 * layout.h - the questionnaire's shape, shared by its writer (write.c) and
 * its importer (import.c): where each sheet's cells are, the dropdown lists
 * and the service facts. Rows and columns are 0-based. Internal.
 */
#ifndef ASSESS_QUESTIONNAIRE_LAYOUT_H
#define ASSESS_QUESTIONNAIRE_LAYOUT_H

#include "report/labels.h"

#define Q_FORMAT "assess-questionnaire/1"

/* Bid sheet: label in column A, value in column B */
enum { Q_BID_ID = 1, Q_BID_TENDERER, Q_BID_LOT, Q_BID_AMOUNT, Q_BID_CURRENCY,
       Q_BID_NOTES, Q_BID_ROWS };

/* Answer sheets: a header row, then one row per criterion */
enum { Q_ANS_ID, Q_ANS_QUESTION, Q_ANS_ANSWER, Q_ANS_EVIDENCE,
       Q_ANS_CONFIDENCE, Q_ANS_REMARKS, Q_ANS_COLS };

/* Entities: a header row, then ASSESS_QUESTIONNAIRE_ENTITY_ROWS rows */
enum { Q_ENT_ID, Q_ENT_NAME, Q_ENT_COUNTRY, Q_ENT_ROLE, Q_ENT_KIND,
       Q_ENT_PARENT, Q_ENT_CONTROL, Q_ENT_DECISIVE, Q_ENT_REGISTRY,
       Q_ENT_LAYERS, Q_ENT_ACCESS, Q_ENT_SHARE, Q_ENT_COLS };

/* Technology licences: entity id, licensor, country, what */
enum { Q_LIC_ENTITY, Q_LIC_LICENSOR, Q_LIC_COUNTRY, Q_LIC_WHAT, Q_LIC_COLS };

/* Dropdown lists on the hidden Lists sheet: metadata in columns A:B, then
   one list per column from Q_LIST_COL0, the criteria's answers after the
   fixed lists. */
enum { QL_COUNTRIES, QL_ROLES, QL_KINDS, QL_ACCESS, QL_LAYERS, QL_YESNO,
       QL_CONFIDENCE, QL_KEYS, QL_CHARGES, QL_WEIGHTS, QL_FINETUNE, QL_LOTS,
       QL_EQUIVALENCE, QL_EXPORT, QL_PORTABILITY, QL_IDENTITY, QL_SWIPO, QL_KILLSWITCH,
       QL_ESCROW, QL_LICENCE_CLASS, QL_TRAINING_DATA, QL_SELF_HOSTING,
       QL_INFERENCE_API, QL_DUTCH, QL_STANDARDS, QL_OSS, QL_GOVERNANCE,
       QL_COUNT };
#define Q_LIST_COL0 3

/* The fixed lists' values (codes of the bid format), NULL-terminated;
   QL_COUNTRIES, QL_YESNO and QL_LOTS are made at run time. */
extern const char *const *const q_lists[QL_COUNT];

/* Service facts: label in column A, value in column B, one row each */
typedef enum { QF_TEXT, QF_TEXTS, QF_NUMBER, QF_YESNO, QF_ENUM, QF_COUNTRY,
               QF_COUNTRIES, QF_CODES /* listed values, by commas; none: [] */
} qfield_type;

typedef struct qfield {
    const char *object; /* NULL: service; "exit", "control", "openness",
                           "ai_model" */
    const char *key;    /* member name in the bid format */
    assess_label_id label;
    qfield_type type;
    int list;           /* QL_* for QF_ENUM */
    double max;         /* QF_NUMBER: the bid reader's bound */
} qfield;

extern const qfield q_fields[];
extern const size_t q_n_fields;

/* Separator of QF_TEXTS values (texts may hold commas) and of country and
   layer lists */
#define Q_TEXTS_SEP ';'
#define Q_CODES_SEP ','

#endif
