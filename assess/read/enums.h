/*
 * enums.h - the enumerations of the bid format (internal): the values each
 * enumerated fact may take, NULL-terminated, in ladder order (worst first)
 * where they form one. The bid reader checks against them and the
 * questionnaire offers them as dropdowns, so both use these lists.
 */
#ifndef ASSESS_READ_ENUMS_H
#define ASSESS_READ_ENUMS_H

extern const char *const assess_enum_role[];
extern const char *const assess_enum_layer[];
extern const char *const assess_enum_access[];
extern const char *const assess_enum_conf[];
extern const char *const assess_enum_key[];
extern const char *const assess_enum_charge[];
extern const char *const assess_enum_weights[];
extern const char *const assess_enum_equivalence[];
extern const char *const assess_enum_portability[];
extern const char *const assess_enum_identity[];
extern const char *const assess_enum_export[];
extern const char *const assess_enum_swipo[];
extern const char *const assess_enum_killswitch[];
extern const char *const assess_enum_escrow[];
extern const char *const assess_enum_licence_class[];
extern const char *const assess_enum_training_data[];
extern const char *const assess_enum_self_hosting[];
extern const char *const assess_enum_inference_api[];
extern const char *const assess_enum_dutch[];
extern const char *const assess_enum_standards[];
extern const char *const assess_enum_oss[];
extern const char *const assess_enum_governance[];
extern const char *const assess_enum_ownership[];
extern const char *const assess_enum_kind[];

#endif
