/* test_session.c - the session facade after a failed step: a tender whose
   extension settings are wrong is refused, and the session then refuses
   bids with a clear error instead of evaluating with half-loaded state
   (a review found a NULL engine dereference here).
   usage: test_session RULES_DIR EXAMPLES_DIR TMP_DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess.h"
#include "check.h"

static int has(const assess_diags *d, const char *frag)
{
    for (size_t i = 0; i < d->count; i++)
        if (strstr(d->items[i].message, frag))
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 4)
        return 2;
    char tender[4096], bid[4096];
    snprintf(tender, sizeof tender, "%s/bad-extension-tender.json", argv[3]);
    snprintf(bid, sizeof bid, "%s/cloud/bid-kwelder.json", argv[2]);
    FILE *f = fopen(tender, "w");
    if (!f)
        return 2;
    /* a gate the extension does not have */
    fputs("{\"title\": \"t\", \"buyer\": \"b\", \"assessment_date\": \"2026-11-16\","
          " \"extensions\": [\"nl-autonomy\"],"
          " \"lots\": [{\"id\": \"1\", \"class\": \"share\","
          " \"extensions\": {\"nl-autonomy\": {\"gates\": [\"NO-SUCH-GATE\"]}}}]}",
          f);
    fclose(f);
    assess_diags d;
    assess_diags_init(&d);
    assess_session *s = NULL;
    CHECK(assess_session_new(&s, argv[1], &d) == ASSESS_OK, "session");
    CHECK(assess_session_load_tender(s, tender, &d) == ASSESS_ERR_INVALID,
          "the tender is refused");
    CHECK(has(&d, "no gate 'NO-SUCH-GATE' in extension nl-autonomy"), "named");
    CHECK(assess_session_add_bid_file(s, bid, &d) == ASSESS_ERR_USAGE,
          "a bid after the failed load is refused, not evaluated");
    CHECK(has(&d, "load a tender profile before the bids"), "and says why");
    CHECK(assess_session_bid_count(s) == 0, "nothing scored");
    assess_session_free(s);
    assess_diags_release(&d);
    remove(tender);
    return check_done("test_session");
}
