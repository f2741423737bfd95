/* fuzz_scores.c - libFuzzer target: the evaluator scores reader of the
   award and the lookups on what it read. Any input must give scores or a
   diagnostic. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "score/award.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    assess_diags d;
    award_scores *s = NULL;
    assess_diags_init(&d);
    assess_status st = assess_award_scores_parse(&s, "fuzz.json", (const char *)data,
                                                 size, &d);
    if ((st == ASSESS_OK) != (s != NULL) || (st != ASSESS_OK && d.count == 0))
        abort();
    if (s) {
        double v = assess_award_scores_value(s, "A", "Q", 0);
        if (!isnan(v) && !(v > -1e300 && v < 1e300))
            abort();
        award_score_row rows[4];
        assess_award_scores_rows(s, "A", "Q", rows, 4);
        (void)assess_award_scores_has(s, "Q");
    }
    assess_award_scores_free(s);
    assess_diags_release(&d);
    return 0;
}
