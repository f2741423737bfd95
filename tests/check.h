/*
 * check.h - the tests' assertion macros: each CHECK counts, a failure prints
 * file, line and the values, and check_done() prints the closing line
 * "N passed, M failed" and returns the exit status.
 */
#ifndef ASSESS_TEST_CHECK_H
#define ASSESS_TEST_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond, ...)                                                       \
    do {                                                                       \
        if (cond) {                                                            \
            check_passed++;                                                    \
        } else {                                                               \
            check_failed++;                                                    \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__,  \
                    #cond);                                                    \
            fprintf(stderr, __VA_ARGS__);                                      \
            fputc('\n', stderr);                                               \
        }                                                                      \
    } while (0)

#define CHECK_NUM(actual, expected, tol, what)                                 \
    do {                                                                       \
        double a_ = (actual), e_ = (expected);                                 \
        CHECK(fabs(a_ - e_) <= (tol), "%s: expected %.10g, got %.10g", what,   \
              e_, a_);                                                         \
    } while (0)

#define CHECK_STR(actual, expected, what)                                      \
    do {                                                                       \
        const char *a_ = (actual), *e_ = (expected);                           \
        CHECK(a_ && e_ && strcmp(a_, e_) == 0, "%s: expected '%s', got '%s'",  \
              what, e_ ? e_ : "(null)", a_ ? a_ : "(null)");                   \
    } while (0)

static inline int check_done(const char *name)
{
    printf("%s: %d passed, %d failed\n", name, check_passed, check_failed);
    return check_failed ? 1 : 0;
}

#endif
