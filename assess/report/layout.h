/*
 * layout.h - where things are in the XLSX report (internal). The writer
 * (xlsx.c) places cells by these constants and verify.c reads them back by
 * the same ones. Rows and columns are 0-based.
 */
#ifndef ASSESS_REPORT_LAYOUT_H
#define ASSESS_REPORT_LAYOUT_H

#define LAYOUT_SHEET_NAME_BYTES 128 /* 31 UTF-16 units, up to 4 bytes each */

/* Summary: title, note, an information block, then one row per bid */
#define LAYOUT_SUMMARY_INFO_ROW 3
#define LAYOUT_SUMMARY_HEADER_ROW 15
#define LAYOUT_SUMMARY_FIXED_COLS 8 /* lot .. rank; objectives follow */
#define LAYOUT_RADAR_BIDS 5         /* best bids per lot on the radar chart */

/* Bid sheet: information rows 1-8, the objectives table with the score and
   SEAL below it, then the criteria table */
#define LAYOUT_BID_OBJ_HEADER_ROW 10
#define LAYOUT_BID_OBJ_ROW 11
#define LAYOUT_BID_OBJ_SCORE 4    /* column of the objective score (%) */
#define LAYOUT_BID_OBJ_WEIGHTED 6 /* column of weighted %, score and SEAL */
#define LAYOUT_BID_SCORE_ROW(n_obj) (LAYOUT_BID_OBJ_ROW + (unsigned)(n_obj))
#define LAYOUT_BID_SEAL_ROW(n_obj) (LAYOUT_BID_SCORE_ROW(n_obj) + 1)
#define LAYOUT_BID_CRIT_ROW(n_obj) (LAYOUT_BID_SEAL_ROW(n_obj) + 3)
#define LAYOUT_BID_COL_POINTS 6
#define LAYOUT_BID_COL_SEAL 7

/* Audit: settings (stable code, label, value), then the inputs table
   (kind code, kind label, file, SHA-256, version) after a heading row */
#define LAYOUT_AUDIT_SETTINGS_ROW 3
#define LAYOUT_SET_TOOL "tool"
#define LAYOUT_SET_LANG "lang"
#define LAYOUT_SET_TIME "generated"
#define LAYOUT_SET_TENDER "tender_file"
#define LAYOUT_SET_SANCTIONS "sanctions_file"
/* custom document property of an input's digest: kind and 1-based row of
   the Audit sheet ("sha256 bid row 27") */
#define LAYOUT_PROPERTY "sha256 %s row %u"

#endif
