/*
 * enums.c - the enumerations of the bid format (enums.h); the same values
 * as templates/bid.schema.json.
 */
#include <stddef.h>

#include "read/enums.h"

const char *const assess_enum_role[] = {"tenderer", "member", "parent",
                                         "subcontractor", "supplier", NULL};
const char *const assess_enum_layer[] = {
    "compute",  "storage",         "network", "iam",        "platform",
    "security", "software-supply", "edge",    "facilities", "support",
    "admin",    NULL};
const char *const assess_enum_access[] = {"none", "data", "privileged", NULL};
const char *const assess_enum_conf[] = {"none", "low", "medium", "high", NULL};
const char *const assess_enum_key[] = {"provider", "provider-primary", "shared",
                                        "customer-primary",
                                        "customer-exclusive", NULL};
const char *const assess_enum_charge[] = {"none", "cost-based", "commercial",
                                           NULL};
const char *const assess_enum_weights[] = {"api-only", "restrictive",
                                            "open-weights", "open-with-data",
                                            NULL};
/* facts of the nl-autonomy extension (rules/frameworks/nl-autonomy.json) */
const char *const assess_enum_equivalence[] = {"none", "best-effort", "tooling",
                                                NULL};
const char *const assess_enum_portability[] = {"prohibited", "surcharge",
                                                 "unrestricted", NULL};
const char *const assess_enum_identity[] = {"oidc", "saml", "scim", NULL};
const char *const assess_enum_export[] = {"partial", "documented",
                                         "open-complete", NULL};
const char *const assess_enum_swipo[] = {"none", "declared", "audited", NULL};
const char *const assess_enum_killswitch[] = {"licence-activation", "telemetry",
                                               "control-plane", NULL};
const char *const assess_enum_escrow[] = {"none", "non-eu", "eu", NULL};
const char *const assess_enum_licence_class[] = {
    "proprietary", "non-commercial", "restricted", "permissive-conditions", "osi",
    NULL};
const char *const assess_enum_training_data[] = {
    "none", "summary", "data-card", "source-list", "open", NULL};
const char *const assess_enum_self_hosting[] = {
    "api-only", "vendor-managed", "restricted", "large-node", "single-node", NULL};
const char *const assess_enum_inference_api[] = {"proprietary", "compatible",
                                                  "open-standard", NULL};
const char *const assess_enum_dutch[] = {"none", "incidental", "supported",
                                          "evaluated", "top-tier", NULL};
const char *const assess_enum_standards[] = {"none", "partial", "comply-or-explain",
                                              NULL};
const char *const assess_enum_oss[] = {"none", "partial", "osi", NULL};
const char *const assess_enum_governance[] = {"vendor", "foundation", "eu-foundation",
                                               NULL};
const char *const assess_enum_ownership[] = {"customer", "shared", "provider",
                                              NULL};
const char *const assess_enum_kind[] = {"company", "person", NULL};
