/*
 * letter.c - what one bidder may see of the award decision (`assess
 * letter`): its own scores per criterion with the evaluators' reasons, the
 * intended winner's scores and relative advantages, its rank, and the end
 * of the standstill period. Nothing about any other bidder is written: the
 * letter is built only from the bidder's own row and the winner's.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "assess/report.h"
#include "report/labels.h"
#include "report/workbook.h"
#include "session_internal.h"
#include "util/util.h"

#define L(id) (lb->text[LBL_##id])

/* The bid with this id; else the one bid whose tenderer has this entity id
   (entity ids are chosen by each bidder: two bids may share one, and then
   the letter is refused rather than sent to the wrong bidder: -2). */
static long find_bid(const assess_session *s, const char *id)
{
    for (size_t i = 0; i < s->n_bids; i++)
        if (!strcmp(s->bids[i]->id, id))
            return (long)i;
    long hit = -1;
    for (size_t i = 0; i < s->n_bids; i++)
        if (!strcmp(s->bids[i]->tenderer, id)) {
            if (hit >= 0)
                return -2;
            hit = (long)i;
        }
    return hit;
}

/* The intended winner of the lot; -1 when none, -2 when several bids share
   the first rank (a tie the published rules leave to a draw). */
static long winner(const assess_session *s, long lot)
{
    long w = -1;
    for (size_t i = 0; i < s->n_bids; i++)
        if (s->award[i].lot == lot && s->award[i].rank == 1) {
            if (w >= 0)
                return -2;
            w = (long)i;
        }
    return w;
}

static const char *name_of(const assess_session *s, size_t i)
{
    const assess_bid *b = s->bids[i];
    const assess_entity *e = assess_bid_entity(b, b->tenderer);
    return e ? e->name : b->tenderer;
}

static assess_status build(const assess_session *s, const assess_labels *lb, long me,
                           long long ts, const char *file, const char *target,
                           assess_diags *d)
{
    const assess_award *a = &s->tender->award;
    const award_bid *mine = &s->award[me];
    long win = winner(s, mine->lot);
    time_t tt = (time_t)ts, end = tt + (time_t)a->standstill_days * 86400;
    struct tm tm;
    char today[16], until[16];
    if (!gmtime_r(&tt, &tm))
        return assess_diags_add(d, ASSESS_ERR_USAGE, NULL, NULL, "bad time");
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    gmtime_r(&end, &tm);
    strftime(until, sizeof until, "%Y-%m-%d", &tm);

    lxw_workbook_options wo = {0};
    lxw_workbook *wb = workbook_new_opt(file, &wo);
    if (!wb)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "cannot start the letter");
    lxw_doc_properties props = {.title = L(LETTER_TITLE), .created = tt > 0 ? tt : 1};
    workbook_set_properties(wb, &props);
    lxw_format *bold = workbook_add_format(wb), *num = workbook_add_format(wb);
    if (bold)
        format_set_bold(bold);
    if (num)
        format_set_num_format(num, "0.00");
    lxw_worksheet *ws = workbook_add_worksheet(wb, L(SHEET_LETTER));
    if (!ws) {
        workbook_close(wb);
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    }
    worksheet_set_column(ws, 0, 0, 34, NULL);
    worksheet_set_column(ws, 1, 3, 18, NULL);
    worksheet_set_column(ws, 4, 4, 70, NULL);
    lxw_row_t r = 0;
    worksheet_write_string(ws, r++, 0, L(LETTER_TITLE), bold);
    worksheet_write_string(ws, r++, 0, L(LETTER_INTRO), NULL);
    r++;
    worksheet_write_string(ws, r, 0, L(TENDER), bold);
    worksheet_write_string(ws, r++, 1, s->tender->title, NULL);
    worksheet_write_string(ws, r, 0, L(LETTER_BIDDER), bold);
    worksheet_write_string(ws, r++, 1, name_of(s, (size_t)me), NULL);
    worksheet_write_string(ws, r, 0, L(COL_LOT), bold);
    worksheet_write_string(ws, r++, 1, s->results[me]->lot ? s->results[me]->lot->id
                                                           : s->bids[me]->lot, NULL);
    worksheet_write_string(ws, r, 0, L(LETTER_DECISION_DATE), bold);
    worksheet_write_string(ws, r++, 1, today, NULL);
    worksheet_write_string(ws, r, 0, L(LETTER_STANDSTILL), bold);
    worksheet_write_string(ws, r++, 1, until, NULL);
    r++;
    if (mine->rank > 0) {
        worksheet_write_string(ws, r, 0, L(LETTER_YOUR_RANK), bold);
        worksheet_write_number(ws, r++, 1, (double)mine->rank, NULL);
        worksheet_write_string(ws, r, 0, L(LETTER_YOUR_TOTAL), bold);
        worksheet_write_number(ws, r++, 1, mine->total_rounded, num);
    } else {
        worksheet_write_string(ws, r, 0, L(LETTER_NOT_RANKED), bold);
        worksheet_write_string(ws, r++, 1, mine->knock_out, NULL);
    }
    if (win == -2) {
        worksheet_write_string(ws, r++, 0, L(LETTER_TIE), bold);
    } else if (win == me) {
        worksheet_write_string(ws, r++, 0, L(LETTER_YOU_WIN), bold);
    } else if (win >= 0) {
        worksheet_write_string(ws, r, 0, L(LETTER_WINNER), bold);
        worksheet_write_string(ws, r++, 1, name_of(s, (size_t)win), NULL);
        worksheet_write_string(ws, r, 0, L(LETTER_WINNER_TOTAL), bold);
        worksheet_write_number(ws, r++, 1, s->award[win].total_rounded, num);
    }
    r++;
    worksheet_write_string(ws, r, 0, L(COL_CRITERION), bold);
    worksheet_write_string(ws, r, 1, L(LETTER_YOUR_SCORE), bold);
    if (win >= 0 && win != me) {
        worksheet_write_string(ws, r, 2, L(LETTER_WINNER_SCORE), bold);
        worksheet_write_string(ws, r, 3, L(LETTER_ADVANTAGE), bold);
    }
    worksheet_write_string(ws, r++, 4, L(LETTER_REASONS), bold);
    /* the price, then each quality criterion */
    if (a->method == ASSESS_AWARD_WEIGHTED && isfinite(mine->price_score)) {
        worksheet_write_string(ws, r, 0, L(COL_PRICE_SCORE), NULL);
        worksheet_write_number(ws, r, 1, mine->price_score, num);
        if (win >= 0 && win != me && isfinite(s->award[win].price_score)) {
            worksheet_write_number(ws, r, 2, s->award[win].price_score, num);
            worksheet_write_number(ws, r, 3, s->award[win].price_score - mine->price_score,
                                   num);
        }
        r++;
    }
    for (size_t k = 0; k < a->n_criteria; k++, r++) {
        const char *cid = a->criteria[k].id;
        worksheet_write_string(ws, r, 0, cid, NULL);
        if (!isnan(mine->crit[k]))
            worksheet_write_number(ws, r, 1, mine->crit[k], num);
        if (win >= 0 && win != me && !isnan(s->award[win].crit[k])) {
            worksheet_write_number(ws, r, 2, s->award[win].crit[k], num);
            if (!isnan(mine->crit[k]))
                worksheet_write_number(ws, r, 3, s->award[win].crit[k] - mine->crit[k],
                                       num);
        }
        /* only this bidder's own reasons */
        award_score_row rows[32];
        size_t n = assess_award_scores_rows(s->scores, s->bids[me]->id, cid, rows, 32);
        assess_buf rb = {0};
        for (size_t i = 0; i < n; i++)
            assess_buf_printf(&rb, "%s%s", i ? " / " : "", rows[i].reason);
        const award_override *ov = assess_award_override(s->scores, s->bids[me]->id, cid);
        if (ov)
            assess_buf_printf(&rb, "%s%s (%s)", rb.len ? " / " : "", ov->reason, ov->date);
        char *reasons = assess_buf_take(&rb);
        if (reasons && *reasons)
            worksheet_write_string(ws, r, 4, reasons, NULL);
        free(reasons);
    }
    worksheet_protect(ws, NULL, NULL);
    return assess_workbook_close(wb, LXW_NO_ERROR, target, "letter", d);
}

assess_status assess_session_write_letter(assess_session *s, const char *bidder,
                                          const char *path,
                                          const assess_report_options *o,
                                          assess_diags *d)
{
    if (!s->tender || !s->tender->award.present)
        return assess_diags_add(d, ASSESS_ERR_USAGE, NULL, NULL,
                                "a letter needs a tender with an award section");
    if (!s->finished)
        assess_session_finish(s);
    long me = find_bid(s, bidder);
    if (me == -2)
        return assess_diags_add(d, ASSESS_ERR_INVALID, NULL, NULL,
                                "'%s' is the tenderer of several bids: give the bid id",
                                bidder);
    if (me < 0)
        return assess_diags_add(d, ASSESS_ERR_INVALID, NULL, NULL,
                                "no scored bid or tenderer '%s'", bidder);
    if (!s->award)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    assess_labels lb;
    char *tdir = assess_session_templates_dir(s);
    if (!tdir)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    assess_status st = assess_labels_load(&lb, tdir, o && o->lang ? o->lang : "en", d);
    free(tdir);
    if (st != ASSESS_OK)
        return st;
    char *tmp = assess_workbook_tmp(d);
    if (!tmp)
        st = ASSESS_ERR_IO;
    else if ((st = build(s, &lb, me, o ? o->timestamp : 0, tmp, path, d)) == ASSESS_OK)
        st = assess_workbook_commit(tmp, path, d);
    assess_workbook_tmp_drop(tmp);
    assess_labels_release(&lb);
    return st;
}
