/*
 * Tests: the references plugin, loaded with the dates plugin it requires
 * by the real loader and run on real documents. Each case gives a text,
 * optionally the document's opening, and every reference expected in
 * order, as "span|symbol|kind|organ" joined by " ; " ("-" for no symbol),
 * or "" for none.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unmine/annot.h>
#include <unmine/doc.h>
#include <unmine/loader.h>

#include "suites.h"
#include "testutil.h"


struct rcase {
	const char *text;
	const char *want;
};

static const struct rcase cases[] = {
	/* General Assembly, numbered sessions */
	{ "Recalling its resolution 62/209 on South-South cooperation,",
	  "62/209|A/RES/62/209|resolution|GA" },
	{ "General Assembly resolution 62/209 of 19 December 2007",
	  "62/209|A/RES/62/209|resolution|GA" },
	{ "resolutions 62/209 of 19 December 2007 and 63/233 of 19 December 2008",
	  "62/209|A/RES/62/209|resolution|GA ; 63/233|A/RES/63/233|resolution|GA" },
	{ "Reaffirming resolutions 55/2, 60/1 and 64/222,",
	  "55/2|A/RES/55/2|resolution|GA ; 60/1|A/RES/60/1|resolution|GA ; "
	  "64/222|A/RES/64/222|resolution|GA" },
	{ "Recalling its resolution 60/1 of 16 September 2005,",
	  "60/1|A/RES/60/1|resolution|GA" },
	{ "in accordance with resolution 64/222 A,",
	  "64/222 A|A/RES/64/222|resolution|GA" },
	{ "its resolutions 64/243 A and 64/243 B of 24 December 2009",
	  "64/243 A|A/RES/64/243|resolution|GA ; 64/243 B|A/RES/64/243|resolution|GA" },
	{ "as set out in A/RES/64/222, annex",
	  "A/RES/64/222|A/RES/64/222|resolution|GA" },
	{ "the annex to resolution 70/1, entitled",
	  "70/1|A/RES/70/1|resolution|GA" },
	{ "Recalling its resolutions 73/263, 74/168, 75/192 and 76/179,",
	  "73/263|A/RES/73/263|resolution|GA ; 74/168|A/RES/74/168|resolution|GA ; "
	  "75/192|A/RES/75/192|resolution|GA ; 76/179|A/RES/76/179|resolution|GA" },
	{ "its resolutions 55/192 of 20 December 2000, 57/249 of 20 December 2002 "
	  "concerning culture and development, 66/288 of 27 July 2012, entitled",
	  "55/192|A/RES/55/192|resolution|GA ; 57/249|A/RES/57/249|resolution|GA ; "
	  "66/288|A/RES/66/288|resolution|GA" },
	{ "section V of resolution 57/305 of 15 April 2003",
	  "57/305|A/RES/57/305|resolution|GA" },
	{ "pursuant to General Assembly resolution 72/229;",
	  "72/229|A/RES/72/229|resolution|GA" },
	{ "the relevant resolutions of the General Assembly, including 68/1",
	  "68/1|A/RES/68/1|resolution|GA" },
	{ "Assembly resolution 76/266 of 7 June 2022,",
	  "76/266|A/RES/76/266|resolution|GA" },

	/* Roman numerals, special and emergency special sessions */
	{ "resolution 3251 (XXIX) of 4 December 1974",
	  "3251 (XXIX)|A/RES/3251(XXIX)|resolution|GA" },
	{ "the Declaration in resolution 1514 (XV),",
	  "1514 (XV)|A/RES/1514(XV)|resolution|GA" },
	{ "Recalling its resolutions 73 (I) and 77 (I),",
	  "73 (I)|A/RES/73(I)|resolution|GA ; 77 (I)|A/RES/77(I)|resolution|GA" },
	{ "resolutions 3201 (S-VI) and 3202 (S-VI) of 1 May 1974",
	  "3201 (S-VI)|A/RES/3201(S-VI)|resolution|GA ; "
	  "3202 (S-VI)|A/RES/3202(S-VI)|resolution|GA" },
	{ "its resolution 1000 (ES-I) of 5 November 1956",
	  "1000 (ES-I)|A/RES/1000(ES-I)|resolution|GA" },
	{ "Recalling its resolution ES-10/2 of 25 April 1997,",
	  "ES-10/2|A/RES/ES-10/2|resolution|GA" },
	{ "Recalling also its resolutions ES-11/1 of 2 March 2022 on the aggression "
	  "against Ukraine, ES-11/2 of 24 March 2022 on the humanitarian",
	  "ES-11/1|A/RES/ES-11/1|resolution|GA ; ES-11/2|A/RES/ES-11/2|resolution|GA" },
	{ "the outcome of its special session, resolution S-26/2,",
	  "S-26/2|A/RES/S-26/2|resolution|GA" },
	{ "General Assembly resolution 2106 A (XX) of 21 December 1965",
	  "2106 A (XX)|A/RES/2106(XX)|resolution|GA" },
	{ "resolution 992 (X) of 21 November 1955",
	  "992 (X)|A/RES/992(X)|resolution|GA" },
	{ "resolutions 2222 (XXI), 2345 (XXII) and 2777 (XXVI)",
	  "2222 (XXI)|A/RES/2222(XXI)|resolution|GA ; 2345 (XXII)|A/RES/2345(XXII)|resolution|GA ; "
	  "2777 (XXVI)|A/RES/2777(XXVI)|resolution|GA" },
	{ "its resolution 274 (III)\xc2\xb3\xc2\xb9 of 11 May 1949,",
	  "274 (III)|A/RES/274(III)|resolution|GA" },
	{ "resolution 3349 (XXIX) of the General Assembly",
	  "3349 (XXIX)|A/RES/3349(XXIX)|resolution|GA" },

	/* Security Council */
	{ "Security Council resolution 1325 (2000) on women and peace",
	  "1325 (2000)|S/RES/1325(2000)|resolution|SC" },
	{ "resolutions 1325 (2000), 1820 (2008) and 1888 (2009)",
	  "1325 (2000)|S/RES/1325(2000)|resolution|SC ; 1820 (2008)|S/RES/1820(2008)|resolution|SC ; "
	  "1888 (2009)|S/RES/1888(2009)|resolution|SC" },
	{ "in accordance with S/RES/1325 (2000), the",
	  "S/RES/1325 (2000)|S/RES/1325(2000)|resolution|SC" },
	{ "Council resolutions 242 (1967) and 338 (1973)",
	  "242 (1967)|S/RES/242(1967)|resolution|SC ; 338 (1973)|S/RES/338(1973)|resolution|SC" },
	{ "its resolution 1325(2000) and",
	  "1325(2000)|S/RES/1325(2000)|resolution|SC" },
	{ "Recalling all its previous relevant resolutions on Iraq, in particular "
	  "1500 (2003), 1546 (2004) and 1557 (2004),",
	  "1500 (2003)|S/RES/1500(2003)|resolution|SC ; 1546 (2004)|S/RES/1546(2004)|resolution|SC ; "
	  "1557 (2004)|S/RES/1557(2004)|resolution|SC" },
	{ "the Committee established pursuant to resolution 1970 (2011) concerning Libya",
	  "1970 (2011)|S/RES/1970(2011)|resolution|SC" },
	{ "paragraph 11 of resolution 1970 (2011).",
	  "1970 (2011)|S/RES/1970(2011)|resolution|SC" },
	{ "the S/RES/2250(2015) youth agenda",
	  "S/RES/2250(2015)|S/RES/2250(2015)|resolution|SC" },
	{ "reiterating resolutions 2107 (2013) and 2621 (2022) on the situation "
	  "between Iraq and Kuwait, and the values set forth in 2367 (2017),",
	  "2107 (2013)|S/RES/2107(2013)|resolution|SC ; 2621 (2022)|S/RES/2621(2022)|resolution|SC ; "
	  "2367 (2017)|S/RES/2367(2017)|resolution|SC" },
	{ "Security Council resolution 2046 and the Roadmap",
	  "2046|-|resolution|SC" },
	/* a bare number cited earlier in full is that resolution, whether
	 * the organ is named again or not; another organ's is another */
	{ "Recalling resolutions 1990 (2011) and 2046 (2012). Implement "
	  "resolution 2046 and Security Council resolution 1990 fully; "
	  "General Assembly resolution 1990 is another.",
	  "1990 (2011)|S/RES/1990(2011)|resolution|SC ; "
	  "2046 (2012)|S/RES/2046(2012)|resolution|SC ; "
	  "2046|S/RES/2046(2012)|resolution|SC ; "
	  "1990|S/RES/1990(2011)|resolution|SC ; 1990|-|resolution|GA" },
	{ "resolution 1514 (XV); the Declaration in resolution 1514",
	  "1514 (XV)|A/RES/1514(XV)|resolution|GA ; "
	  "1514|A/RES/1514(XV)|resolution|GA" },
	{ "resolution 2046 before resolution 2046 (2012)",
	  "2046 (2012)|S/RES/2046(2012)|resolution|SC" },
	/* "Council" alone is no Assembly's */
	{ "Recalling resolution 1514 (XV). The Council, in its resolution "
	  "1514, decides.", "1514 (XV)|A/RES/1514(XV)|resolution|GA" },
	{ "decision 2046 (2012); decision 2046",
	  "2046 (2012)|-|decision|unknown" },

	/* Economic and Social Council */
	{ "Economic and Social Council resolution 2009/1 of 23 July 2009",
	  "2009/1|E/RES/2009/1|resolution|ECOSOC" },
	{ "Council resolutions 2009/1 and 2010/11",
	  "2009/1|E/RES/2009/1|resolution|ECOSOC ; 2010/11|E/RES/2010/11|resolution|ECOSOC" },
	{ "Economic and Social Council resolution 1296 (XLIV)",
	  "1296 (XLIV)|E/RES/1296(XLIV)|resolution|ECOSOC" },
	{ "Economic and Social Council resolutions 1581 A (L) of 21 May 1971 and "
	  "1667 (LII) of 1 June 1972",
	  "1581 A (L)|E/RES/1581(L)|resolution|ECOSOC ; 1667 (LII)|E/RES/1667(LII)|resolution|ECOSOC" },
	{ "the Economic and Social Council in its resolution 1850 (LVI) of 16 May 1974",
	  "1850 (LVI)|E/RES/1850(LVI)|resolution|ECOSOC" },
	{ "in resolution 1849 (LVI) of 16 May 1974",
	  "1849 (LVI)|E/RES/1849(LVI)|resolution|ECOSOC" },
	{ "Recalling its resolution 2014/3 of 12 June 2014,",
	  "2014/3|E/RES/2014/3|resolution|ECOSOC" },
	{ "Economic and Social Council decision 2009/212",
	  "2009/212|E/DEC/2009/212|decision|ECOSOC" },
	{ "Social Council resolution 222 (IX) A36 of 15 August 1949",
	  "222 (IX) A36|E/RES/222(IX)|resolution|ECOSOC" },

	/* Human Rights Council and the Commission on Human Rights */
	{ "Human Rights Council resolution 7/1 of 27 March 2008",
	  "7/1|A/HRC/RES/7/1|resolution|HRC" },
	{ "Recalling Human Rights Council resolutions 43/1 of 19 June 2020 and 47/21,",
	  "43/1|A/HRC/RES/43/1|resolution|HRC ; 47/21|A/HRC/RES/47/21|resolution|HRC" },
	{ "as set out in A/HRC/RES/7/1 and",
	  "A/HRC/RES/7/1|A/HRC/RES/7/1|resolution|HRC" },
	{ "Recalling its resolution S-29/1, adopted by the Human Rights Council",
	  "S-29/1|A/HRC/RES/S-29/1|resolution|HRC" },
	{ "Recalling General Assembly resolution S-26/2,",
	  "S-26/2|A/RES/S-26/2|resolution|GA" },
	{ "Human Rights Council resolution S-34/1 of 12 May 2022",
	  "S-34/1|A/HRC/RES/S-34/1|resolution|HRC" },
	{ "Human Rights Council decision 1/102",
	  "1/102|A/HRC/DEC/1/102|decision|HRC" },
	{ "the Commission on Human Rights in its resolution 1997/44, that",
	  "1997/44|E/CN.4/RES/1997/44|resolution|CHR" },
	{ "Commission on Human Rights resolution 2005/69",
	  "2005/69|E/CN.4/RES/2005/69|resolution|CHR" },
	{ "all previous Human Rights Council resolutions on migrants, including "
	  "resolutions 29/2 of 2 July 2015 and 47/12 of 12 July 2021",
	  "29/2|A/HRC/RES/29/2|resolution|HRC ; 47/12|A/HRC/RES/47/12|resolution|HRC" },
	{ "the Human Rights Council at its fifty-ninth session, in accordance with "
	  "Council resolution 53/30 of 14 July 2023;",
	  "53/30|A/HRC/RES/53/30|resolution|HRC" },
	{ "Human Rights Council resolution 43/1 and a report submitted pursuant to "
	  "resolution 43/1.",
	  "43/1|A/HRC/RES/43/1|resolution|HRC ; 43/1|A/HRC/RES/43/1|resolution|HRC" },

	/* Decisions */
	{ "General Assembly decision 58/220", "58/220|A/DEC/58/220|decision|GA" },
	{ "its decision 57/547 of 20 December 2002",
	  "57/547|A/DEC/57/547|decision|GA" },
	{ "decisions 58/220 and 59/551 B",
	  "58/220|A/DEC/58/220|decision|GA ; 59/551 B|A/DEC/59/551|decision|GA" },
	{ "by its decision 2009/212.", "2009/212|E/DEC/2009/212|decision|ECOSOC" },

	/* Organs that cannot be told, or whose symbols are not made here */
	{ "resolution 7/1 of the Commission", "7/1|-|resolution|other" },
	{ "Recalling resolution 7/1,", "7/1|-|resolution|unknown" },
	{ "Recalling resolution 2009/1 of the Commission on Population and "
	  "Development,", "2009/1|-|resolution|other" },
	{ "Noting HRC resolution 31/1", "31/1|A/HRC/RES/31/1|resolution|HRC" },
	{ "Recalling Governing Council decision 27/2", "27/2|-|decision|other" },
	{ "The Assembly adopted the draft resolutions contained in document "
	  "A/78/481 without a vote.", "A/78/481|A/78/481|document|unknown" },
	{ "see E/CN.4/RES/2005/69 and T/RES/2149(LXI)",
	  "E/CN.4/RES/2005/69|E/CN.4/RES/2005/69|resolution|CHR ; "
	  "T/RES/2149(LXI)|T/RES/2149(LXI)|resolution|TC" },
	{ "See S/RES/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/"
	  "1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1 (2000) for details.", "" },
	{ "Commission on Population and Development resolutions 2006/2 and 2008/1",
	  "2006/2|-|resolution|other ; 2008/1|-|resolution|other" },
	{ "Economic and Social Commission for Asia and the Pacific resolution 78/2",
	  "78/2|-|resolution|other" },
	{ "Conference of the Parties decision 1/CP.21", "" },
	{ "Recalling its decision 1/CP.19 and", "" },
	{ "its resolution 1514 and", "" },
	{ "a resolution on this question", "" },
	{ "the resolution of conflicts in 2009", "" },

	/* Document symbols */
	{ "the report of the Secretary-General (A/64/504)",
	  "A/64/504|A/64/504|document|unknown" },
	{ "draft resolution A/64/L.1 was adopted",
	  "A/64/L.1|A/64/L.1|document|unknown" },
	{ "the draft A/C.2/64/L.1 and", "A/C.2/64/L.1|A/C.2/64/L.1|document|unknown" },
	{ "Report of the Conference (A/CONF.151/26 (Vol. I)), annex I",
	  "A/CONF.151/26 (Vol. I)|A/CONF.151/26 (Vol. I)|document|unknown" },
	{ "see E/CN.17/2009/1/Add.1.", "E/CN.17/2009/1/Add.1|E/CN.17/2009/1/Add.1|document|unknown" },
	{ "the letter S/2000/1234 of", "S/2000/1234|S/2000/1234|document|unknown" },
	{ "the bulletin ST/SGB/2009/4 on", "ST/SGB/2009/4|ST/SGB/2009/4|document|unknown" },
	{ "the report A/51/950/Add.1,", "A/51/950/Add.1|A/51/950/Add.1|document|unknown" },
	{ "document TD/B/C.I/10 of the Board", "TD/B/C.I/10|TD/B/C.I/10|document|unknown" },
	{ "Assembly resolution UNEP/EA.5/Res.1 on", "UNEP/EA.5/Res.1|UNEP/EA.5/Res.1|document|unknown" },
	{ "the statement S/PRST/2021/13 of", "S/PRST/2021/13|S/PRST/2021/13|document|unknown" },
	{ "the report S/2019/858/Corr.1 and", "S/2019/858/Corr.1|S/2019/858/Corr.1|document|unknown" },
	{ "the identical letters (A/77/895-S/2023/363) from",
	  "A/77/895|A/77/895|document|unknown ; S/2023/363|S/2023/363|document|unknown" },
	{ "see A/47 and", "A/47|A/47|document|unknown" },
	{ "the report A/HRC/58/27 to", "A/HRC/58/27|A/HRC/58/27|document|unknown" },
	{ "document E/2022/L.29 was", "E/2022/L.29|E/2022/L.29|document|unknown" },
	{ "the Convention (A/RES/3251(XXIX)) and",
	  "A/RES/3251(XXIX)|A/RES/3251(XXIX)|resolution|GA" },
	{ "S/RES/1860 (2009).", "S/RES/1860 (2009)|S/RES/1860(2009)|resolution|SC" },
	{ "the report E/2016/26.", "E/2016/26|E/2016/26|document|unknown" },
	{ "A/RES/ES-10/2 and", "A/RES/ES-10/2|A/RES/ES-10/2|resolution|GA" },
	{ "E/RES/2009/1 and", "E/RES/2009/1|E/RES/2009/1|resolution|ECOSOC" },
	{ "A/DEC/58/220 and", "A/DEC/58/220|A/DEC/58/220|decision|GA" },

	/* Addenda and corrigenda cited after the symbol */
	{ "the report (A/64/504 and Add.1) was",
	  "A/64/504|A/64/504|document|unknown ; "
	  "Add.1|A/64/504/Add.1|document|unknown" },
	{ "Supplement No. 13 (A/10195 and Corr.1 and Add.1).",
	  "A/10195|A/10195|document|unknown ; "
	  "Corr.1|A/10195/Corr.1|document|unknown ; "
	  "Add.1|A/10195/Add.1|document|unknown" },
	{ "E/CN.5/478 and Add.1 and Add.1/Corr.1 and 2, Add.2 and Add.2/Corr.1, "
	  "Add.3.",
	  "E/CN.5/478|E/CN.5/478|document|unknown ; "
	  "Add.1|E/CN.5/478/Add.1|document|unknown ; "
	  "Add.1/Corr.1|E/CN.5/478/Add.1/Corr.1|document|unknown ; "
	  "2|E/CN.5/478/Add.1/Corr.2|document|unknown ; "
	  "Add.2|E/CN.5/478/Add.2|document|unknown ; "
	  "Add.2/Corr.1|E/CN.5/478/Add.2/Corr.1|document|unknown ; "
	  "Add.3|E/CN.5/478/Add.3|document|unknown" },
	{ "the draft A/C.2/64/L.3 and Rev.1 and",
	  "A/C.2/64/L.3|A/C.2/64/L.3|document|unknown ; "
	  "Rev.1|A/C.2/64/L.3/Rev.1|document|unknown" },
	{ "reports A/64/504/Add.1 and Corr.1;",
	  "A/64/504/Add.1|A/64/504/Add.1|document|unknown ; "
	  "Corr.1|A/64/504/Add.1/Corr.1|document|unknown" },
	{ "reports A/64/504/Corr.1 and Add.2, and 2 December 2009",
	  "A/64/504/Corr.1|A/64/504/Corr.1|document|unknown ; "
	  "Add.2|A/64/504/Add.2|document|unknown" },
	{ "the reports A/63/5 and Add.1-3 and",
	  "A/63/5|A/63/5|document|unknown ; "
	  "Add.1-3|A/63/5/Add.1|document|unknown ; "
	  "Add.1-3|A/63/5/Add.2|document|unknown ; "
	  "Add.1-3|A/63/5/Add.3|document|unknown" },
	{ "see A/63/6 and Add.2\u20134.",
	  "A/63/6|A/63/6|document|unknown ; "
	  "Add.2\u20134|A/63/6/Add.2|document|unknown ; "
	  "Add.2\u20134|A/63/6/Add.3|document|unknown ; "
	  "Add.2\u20134|A/63/6/Add.4|document|unknown" },
	/* a corrigendum of a revision; a number after a part that is a count,
	 * not a part; the symbol's own last part numbered again */
	{ "A/C.3/64/L.20/Rev.1 and Corr.1; A/64/504 and Add.1, 15 Member "
	  "States; A/65/1 and Add.1 and 2 other reports; A/66/1/Add.1 and 2.",
	  "A/C.3/64/L.20/Rev.1|A/C.3/64/L.20/Rev.1|document|unknown ; "
	  "Corr.1|A/C.3/64/L.20/Rev.1/Corr.1|document|unknown ; "
	  "A/64/504|A/64/504|document|unknown ; "
	  "Add.1|A/64/504/Add.1|document|unknown ; "
	  "A/65/1|A/65/1|document|unknown ; Add.1|A/65/1/Add.1|document|unknown ; "
	  "A/66/1/Add.1|A/66/1/Add.1|document|unknown ; "
	  "2|A/66/1/Add.2|document|unknown" },
	{ "see A/1 and Add.1-30, A/2 and 2 others, A/3, and Add.1.5 and "
	  "S/RES/1325 (2000) and Add.1",
	  "A/1|A/1|document|unknown ; A/2|A/2|document|unknown ; "
	  "A/3|A/3|document|unknown ; "
	  "S/RES/1325 (2000)|S/RES/1325(2000)|resolution|SC" },

	/* More of the forms UN texts use */
	{ "its first resolution, 1 (I), of 24 January 1946",
	  "" },
	{ "General Assembly resolution 1 (I) of 24 January 1946",
	  "1 (I)|A/RES/1(I)|resolution|GA" },
	{ "Recalling resolutions 47/1 and 48/2,",
	  "47/1|A/RES/47/1|resolution|GA ; 48/2|A/RES/48/2|resolution|GA" },
	{ "in the annex to its resolution 2200 A (XXI),",
	  "2200 A (XXI)|A/RES/2200(XXI)|resolution|GA" },
	{ "Recalling its resolutions 2625 (XXV) of 24 October 1970 and 3314 (XXIX) "
	  "of 14 December 1974,",
	  "2625 (XXV)|A/RES/2625(XXV)|resolution|GA ; 3314 (XXIX)|A/RES/3314(XXIX)|resolution|GA" },
	{ "resolution 3101 (XXVIII), the Assembly",
	  "3101 (XXVIII)|A/RES/3101(XXVIII)|resolution|GA" },
	{ "Recalling also resolution 1874 (S-IV) of 27 June 1963,",
	  "1874 (S-IV)|A/RES/1874(S-IV)|resolution|GA" },
	{ "Recalling its resolutions ES-11/1 and ES-11/4,",
	  "ES-11/1|A/RES/ES-11/1|resolution|GA ; ES-11/4|A/RES/ES-11/4|resolution|GA" },
	{ "Security Council resolutions 1267 (1999), 1373 (2001), 1624 (2005), "
	  "1989 (2011) and 2161 (2014),",
	  "1267 (1999)|S/RES/1267(1999)|resolution|SC ; 1373 (2001)|S/RES/1373(2001)|resolution|SC ; "
	  "1624 (2005)|S/RES/1624(2005)|resolution|SC ; 1989 (2011)|S/RES/1989(2011)|resolution|SC ; "
	  "2161 (2014)|S/RES/2161(2014)|resolution|SC" },
	{ "In its resolution 2683 (2023), the Council further eased",
	  "2683 (2023)|S/RES/2683(2023)|resolution|SC" },
	{ "By its resolution 2292 (2016), the Security Council authorized",
	  "2292 (2016)|S/RES/2292(2016)|resolution|SC" },
	{ "C to resolution 2713 (2023). The dual-purpose nature",
	  "2713 (2023)|S/RES/2713(2023)|resolution|SC" },
	{ "the measures of resolution 733 (1992), the Federal Government",
	  "733 (1992)|S/RES/733(1992)|resolution|SC" },
	{ "as modified by subsequent resolutions, in resolution 2733 (2024)",
	  "2733 (2024)|S/RES/2733(2024)|resolution|SC" },
	{ "Council resolution 2250 (2015) on youth, peace and security",
	  "2250 (2015)|S/RES/2250(2015)|resolution|SC" },
	{ "Economic and Social Council resolutions 2006/2 and 2013/1",
	  "2006/2|E/RES/2006/2|resolution|ECOSOC ; 2013/1|E/RES/2013/1|resolution|ECOSOC" },
	{ "Economic and Social Council decisions 2009/212 and 2010/225",
	  "2009/212|E/DEC/2009/212|decision|ECOSOC ; 2010/225|E/DEC/2010/225|decision|ECOSOC" },
	{ "Economic and Social Council resolution 1746 (LIV) of 16 May 1973.",
	  "1746 (LIV)|E/RES/1746(LIV)|resolution|ECOSOC" },
	{ "Human Rights Council resolutions 44/20 and 47/21",
	  "44/20|A/HRC/RES/44/20|resolution|HRC ; 47/21|A/HRC/RES/47/21|resolution|HRC" },
	{ "Human Rights Council resolution 49/1 of 4 March 2022",
	  "49/1|A/HRC/RES/49/1|resolution|HRC" },
	{ "the Human Rights Council in its resolution 24/20 of 27 September 2013",
	  "24/20|A/HRC/RES/24/20|resolution|HRC" },
	{ "Trusteeship Council resolution 2149 (LXI)",
	  "2149 (LXI)|T/RES/2149(LXI)|resolution|TC" },
	{ "General Assembly resolution 61/295, annex", "61/295|A/RES/61/295|resolution|GA" },
	{ "resolution 60/251 of 15 March 2006 and decision 60/551 B",
	  "60/251|A/RES/60/251|resolution|GA ; 60/551 B|A/DEC/60/551|decision|GA" },
	{ "resolution A/RES/70/1 on the 2030 Agenda",
	  "A/RES/70/1|A/RES/70/1|resolution|GA" },
	{ "the report (A/CN.9/WG.III/WP.1)", "A/CN.9/WG.III/WP.1|A/CN.9/WG.III/WP.1|document|unknown" },
	{ "general comment No. 12 (CRC/C/GC/12)", "CRC/C/GC/12|CRC/C/GC/12|document|unknown" },
	{ "the report CEDAW/C/2009/II/1 of", "CEDAW/C/2009/II/1|CEDAW/C/2009/II/1|document|unknown" },
	{ "Official Records, Supplement No. 49 (A/64/49), vol. I",
	  "A/64/49|A/64/49|document|unknown" },
	{ "(A/9620).", "A/9620|A/9620|document|unknown" },
	{ "see documents A/63/414/Add.3 and E/2016/26",
	  "A/63/414/Add.3|A/63/414/Add.3|document|unknown ; E/2016/26|E/2016/26|document|unknown" },
	{ "the note ST/SG/AC.10/1/Rev.21 on", "ST/SG/AC.10/1/Rev.21|ST/SG/AC.10/1/Rev.21|document|unknown" },
	{ "the record S/PV.6063 of the meeting", "S/PV.6063|S/PV.6063|document|unknown" },
	{ "FCCC/CP/2015/10/Add.1, decision 1/CP.21",
	  "FCCC/CP/2015/10/Add.1|FCCC/CP/2015/10/Add.1|document|unknown" },

	/* Not references */
	{ "the decision of the Secretary-General to require it", "" },
	{ "decisions taken on the basis of the review provided for in paragraph 5", "" },
	{ "any resolution on this question adopted by the United Nations", "" },
	{ "in resolution of the conflict, 50/50 shares", "" },
	{ "a score of 9/10 in", "" },
	{ "between 1/1/2020 and 31/12/2020", "" },
	{ "pp. 112-115 and 120/121", "" },
	{ "Tel.: 212/963-5012", "" },
	{ "two thirds, or 2/3, of the members", "" },
	{ "on 12/05/2009 the meeting", "" },
	{ "A/B testing of the web site", "" },
	{ "see pages 12-15 and 20/21 of the report", "" },
	{ "call +1 212-963-1234 or 963/1234", "" },
	{ "and/or the Assembly", "" },
	{ "the AIDS/HIV response", "" },
	{ "the ratio 3/4 of staff", "" },
	{ "the UN/DESA team", "" },
	{ "ISO/IEC 27001 certification", "" },
	{ "a resolution 62/209-like text", "" },
	{ "in 2009/10 the budget", "" },
	{ "the 24/7 service", "" },
	{ "COVID-19/SARS outbreak", "" },
	{ "the A/64-ish agenda", "" },
	{ "decision making on 15/20 cases", "" },
	{ "Resolution 1860 (2009)\n\nAdopted by the Security Council at its 6063rd "
	  "meeting, on 8 January 2009\n\nThe Security Council,\n\nRecalling all of its "
	  "relevant resolutions, including resolutions 242 (1967) and 338 (1973),",
	  "242 (1967)|S/RES/242(1967)|resolution|SC ; 338 (1973)|S/RES/338(1973)|resolution|SC" },
};

/* The references of the document in the form of the table. */
static void refs(const um_doc *doc, char *buf, size_t n)
{
	size_t used = 0, na = um_doc_annot_count(doc);
	buf[0] = 0;
	for (size_t i = 0; i < na; i++) {
		const um_annot *a = um_doc_annot_at(doc, i);
		const char *layer = um_annot_layer(a), *sym;
		if (strcmp(layer, "resolution") && strcmp(layer, "symbol"))
			continue;
		sym = um_annot_get(a, "symbol");
		used += (size_t)snprintf(buf + used, n - used, "%s%s|%s|%s|%s",
		                         used ? " ; " : "", tu_covered(doc, a),
		                         sym ? sym : "-",
		                         um_annot_get(a, "kind"),
		                         um_annot_get(a, "organ") ?
		                         um_annot_get(a, "organ") : "unknown");
		ck_assert_uint_lt(used, n);
	}
}

START_TEST(table)
{
	const struct rcase *c = &cases[_i];
	um_plugin_set *set = tu_plugins("dates,references", NULL);
	um_doc *doc = tu_doc(c->text);
	char got[4096];
	tu_run(set, doc);
	refs(doc, got, sizeof(got));
	ck_assert_msg(strcmp(got, c->want) == 0,
	              "case %d: \"%s\"\n  want: %s\n  got:  %s", _i, c->text,
	              c->want, got);
	um_doc_free(doc);
	um_plugin_set_free(set);
}
END_TEST

/* Every attribute of one reference, and the link to its adoption date. */
START_TEST(attributes_and_date_link)
{
	um_plugin_set *set = tu_plugins("dates,references", NULL);
	um_doc *doc = tu_doc("General Assembly resolution 64/222 A of "
	                     "21 December 2009 and Security Council resolution "
	                     "1325 (2000)");
	const um_annot *a, *to;
	const char *role;
	tu_run(set, doc);
	ck_assert_uint_eq(um_annot_count(doc, "resolution"), 2);
	a = um_annot_at(doc, "resolution", 0);
	ck_assert_str_eq(um_annot_get(a, "symbol"), "A/RES/64/222");
	ck_assert_str_eq(um_annot_get(a, "organ"), "GA");
	ck_assert_str_eq(um_annot_get(a, "organ-from"), "text");
	ck_assert_str_eq(um_annot_get(a, "session"), "64");
	ck_assert_str_eq(um_annot_get(a, "number"), "222");
	ck_assert_str_eq(um_annot_get(a, "part"), "A");
	ck_assert_str_eq(um_annot_get(a, "year"), "2009");
	ck_assert_str_eq(um_annot_plugin(a), "references");
	ck_assert_int_eq(um_annot_link_at(a, 0, &role, &to), 0);
	ck_assert_str_eq(role, "date");
	ck_assert_str_eq(um_annot_layer(to), "date");
	ck_assert_str_eq(um_annot_get(to, "value"), "2009-12-21");
	a = um_annot_at(doc, "resolution", 1);
	ck_assert_str_eq(um_annot_get(a, "symbol"), "S/RES/1325(2000)");
	ck_assert_str_eq(um_annot_get(a, "year"), "2000");
	ck_assert_str_eq(um_annot_get(a, "number"), "1325");
	ck_assert_ptr_null(um_annot_get(a, "session"));
	ck_assert_int_eq(um_annot_link_at(a, 0, &role, &to), UM_ENOENT);
	um_doc_free(doc);
	um_plugin_set_free(set);
}
END_TEST

/* "its resolution" takes the organ of the document; the organ says where
 * it came from. */
START_TEST(document_organ)
{
	static const struct {
		const char *text, *symbol, *organ, *from;
	} docs[] = {
		{ "The Human Rights Council,\n\nRecalling its resolution 7/1,",
		  "A/HRC/RES/7/1", "HRC", "document" },
		{ "The General Assembly,\n\nRecalling its resolution 7/1,",
		  NULL, "unknown", NULL },
		{ "The Economic and Social Council,\n\nRecalling its resolution "
		  "1296 (XLIV),", "E/RES/1296(XLIV)", "ECOSOC", "document" },
		{ "The Security Council,\n\nRecalling its resolution 2046 and",
		  NULL, "SC", "document" },
		/* the Council cites its own by number alone */
		{ "The Security Council,\n\nRecalling resolution 2520 and",
		  NULL, "SC", "document" },
		{ "Resolution adopted by the Human Rights Council on 24 March 2021"
		  "\n\nRecalling its resolutions S-27/1 and 37/32,",
		  "A/HRC/RES/S-27/1", "HRC", "document" },
		{ "Recalling resolution 62/209,", "A/RES/62/209", "GA", "number" },
	};
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		um_plugin_set *set = tu_plugins("dates,references", NULL);
		um_doc *doc = tu_doc(docs[i].text);
		const um_annot *a;
		tu_run(set, doc);
		ck_assert_uint_ge(um_annot_count(doc, "resolution"), 1);
		a = um_annot_at(doc, "resolution", 0);
		if (docs[i].symbol)
			ck_assert_str_eq(um_annot_get(a, "symbol"), docs[i].symbol);
		else
			ck_assert_ptr_null(um_annot_get(a, "symbol"));
		ck_assert_str_eq(um_annot_get(a, "organ"), docs[i].organ);
		if (docs[i].from)
			ck_assert_str_eq(um_annot_get(a, "organ-from"), docs[i].from);
		else
			ck_assert_ptr_null(um_annot_get(a, "organ-from"));
		um_doc_free(doc);
		um_plugin_set_free(set);
	}
}
END_TEST

/* The document's own symbol, from its heading, goes to its metadata. */
START_TEST(own_symbol)
{
	static const struct {
		const char *text, *symbol;
	} docs[] = {
		{ "Resolution 1860 (2009)\n\nAdopted by the Security Council at its "
		  "6063rd meeting, on 8 January 2009\n\nThe Security Council,\n",
		  "S/RES/1860(2009)" },
		{ "Resolution adopted by the General Assembly on 19 December 2008\n\n"
		  "[on the report of the Second Committee (A/63/414/Add.3)]\n\n"
		  "63/217.\tNatural disasters and vulnerability\n\nThe General "
		  "Assembly,\n", "A/RES/63/217" },
		{ "Resolution adopted by the Economic and Social Council on 2 June "
		  "2016\n\n2016/8.\tRethinking social development\n\nThe Economic and "
		  "Social Council,\n", "E/RES/2016/8" },
		{ "Resolution adopted by the Human Rights Council on 24 March 2021\n\n"
		  "46/21.\tSituation of human rights in Myanmar\n\nThe Human Rights "
		  "Council,\n", "A/HRC/RES/46/21" },
		{ "Promotion of South-South cooperation for development - Report of the "
		  "Secretary-General (A/64/504)\n\nSixty-fourth session\n", "A/64/504" },
		{ "United Nations\nS/2012/34\n\nSecurity Council\nDistr.: General\n",
		  "S/2012/34" },
		{ "Nothing here states a symbol; it cites A/64/504 in passing.\n", NULL },
		/* the Assembly's older heading; not in a page of several */
		{ "General Assembly\u2014Twenty-ninth Session\n\n3234 (XXIX). "
		  "International co-operation in the peaceful uses of outer space"
		  "\n\nThe General Assembly,\n\nRecalling its resolution 3182 "
		  "(XXVIII),\n", "A/RES/3234(XXIX)" },
		{ "3234 (XXIX). Outer space\n\nThe General Assembly,\n\nNotes.\n\n"
		  "2311th plenary meeting\n\n3235 (XXIX). Registration\n\nThe "
		  "General Assembly,\n", NULL },
	};
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		um_plugin_set *set = tu_plugins("dates,references", NULL);
		um_doc *doc = tu_doc(docs[i].text);
		tu_run(set, doc);
		if (docs[i].symbol)
			ck_assert_str_eq(um_doc_meta(doc, "symbol"), docs[i].symbol);
		else
			ck_assert_ptr_null(um_doc_meta(doc, "symbol"));
		um_doc_free(doc);
		um_plugin_set_free(set);
	}
}
END_TEST

/* A list longer than the parser's array loses none of its numbers. */
START_TEST(long_list)
{
	um_plugin_set *set = tu_plugins("dates,references", NULL);
	char text[4096];
	size_t used = (size_t)snprintf(text, sizeof(text), "Recalling its resolutions");
	um_doc *doc;
	for (int i = 0; i < 150; i++)
		used += (size_t)snprintf(text + used, sizeof(text) - used, " %d/%d,",
		                         40 + i % 30, i + 1);
	snprintf(text + used, sizeof(text) - used, " and 70/1.");
	doc = tu_doc(text);
	tu_run(set, doc);
	ck_assert_uint_eq(um_annot_count(doc, "resolution"), 151);
	ck_assert_str_eq(um_annot_get(um_annot_at(doc, "resolution", 150),
	                              "symbol"), "A/RES/70/1");
	ck_assert_str_eq(um_annot_get(um_annot_at(doc, "resolution", 99),
	                              "symbol"), "A/RES/49/100");
	um_doc_free(doc);
	um_plugin_set_free(set);
}
END_TEST

Suite *references_suite(void)
{
	Suite *s = suite_create("references");
	TCase *tc = tcase_create("table");
	tcase_add_loop_test(tc, table, 0, (int)(sizeof(cases) / sizeof(cases[0])));
	suite_add_tcase(s, tc);
	tc = tcase_create("plugin");
	tcase_add_test(tc, attributes_and_date_link);
	tcase_add_test(tc, document_organ);
	tcase_add_test(tc, own_symbol);
	tcase_add_test(tc, long_list);
	suite_add_tcase(s, tc);
	return s;
}
