/*
 * Tests: the dates plugin, loaded from its built file by the real loader
 * and run on real documents. Each case gives a text, the document date
 * (or none) and every mention expected, as "span|type|value[|mod]" joined
 * by " ; ": the exact span and the exact value, or "" for no mention.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include <unmine/annot.h>
#include <unmine/doc.h>
#include <unmine/loader.h>
#include <unmine/reader.h>

#include "suites.h"
#include "testutil.h"


struct dcase {
	const char *docdate;
	const char *text;
	const char *want;
};

static const struct dcase cases[] = {
	/* Full dates */
	{ NULL, "It was adopted on 19 December 2007.",
	  "19 December 2007|date|2007-12-19" },
	{ NULL, "Signed on December 19, 2007, in New York.",
	  "December 19, 2007|date|2007-12-19" },
	{ NULL, "Since the 19th December 2007 the office",
	  "19th December 2007|date|2007-12-19" },
	{ NULL, "It met on the 3rd of May 1999 in Geneva.",
	  "3rd of May 1999|date|1999-05-03" },
	{ NULL, "The note dated 2007-12-19 says so.",
	  "2007-12-19|date|2007-12-19" },
	{ NULL, "It was closed in Dec. 2007 after review.",
	  "Dec. 2007|date|2007-12" },
	{ NULL, "Attacks of Sept. 2001 were condemned.",
	  "Sept. 2001|date|2001-09" },
	{ NULL, "The attacks of 11 Sept. 2001 were condemned.",
	  "11 Sept. 2001|date|2001-09-11" },
	{ NULL, "The Conference opened in December 2009.",
	  "December 2009|date|2009-12" },
	{ NULL, "The report is due by June of 2010.",
	  "June of 2010|date|2010-06" },
	{ NULL, "It will meet on Monday, 3 May 2010, at Headquarters.",
	  "Monday, 3 May 2010|date|2010-05-03" },
	{ NULL, "It will meet on Friday 13 March 2020.",
	  "Friday 13 March 2020|date|2020-03-13" },
	{ NULL, "Entry into force on 1st January 2000.",
	  "1st January 2000|date|2000-01-01" },
	{ NULL, "A meeting on 29 February 2008 was held.",
	  "29 February 2008|date|2008-02-29" },
	{ NULL, "A letter of 31 February 2009 cannot exist.",
	  "31 February 2009|date|" },
	{ NULL, "Nor can 29 February 2009.",
	  "29 February 2009|date|" },
	{ NULL, "Nor 31 April 2010.",
	  "31 April 2010|date|" },
	{ NULL, "The form was signed on 19/12/2007 by both.",
	  "19/12/2007|date|2007-12-19" },
	{ "2009-10-14", "The Committee met on 5 May to review it.",
	  "5 May|date|2009-05-05" },
	{ NULL, "The Committee met on 5 May to review it.",
	  "5 May|date|XXXX-05-05" },
	{ NULL, "In 2008 the Committee met on 5 May and on 7 June.",
	  "2008|date|2008 ; 5 May|date|2008-05-05 ; 7 June|date|2008-06-07" },
	{ NULL, "It was founded on 24 October 1945.",
	  "24 October 1945|date|1945-10-24" },
	{ NULL, "Adopted on 14 December 1960 at the 947th plenary meeting.",
	  "14 December 1960|date|1960-12-14" },
	{ NULL, "The session ended on 10 December 1948.",
	  "10 December 1948|date|1948-12-10" },

	/* Years in a date context */
	{ NULL, "The Conference was held in 1978.", "1978|date|1978" },
	{ NULL, "It has grown since 2000.", "2000|date|2000" },
	{ NULL, "The goal is to halve poverty by 2015.", "2015|date|2015" },
	{ NULL, "the 1978 Conference adopted the Plan", "1978|date|1978" },
	{ NULL, "the 2030 Agenda for Sustainable Development",
	  "2030|date|2030" },
	{ NULL, "the 2005 World Summit Outcome", "2005|date|2005" },
	{ NULL, "in preparation for the 2010 review of the Strategy",
	  "2010|date|2010" },
	{ NULL, "since the year 2000 the number", "year 2000|date|2000" },
	{ NULL, "in 1990, 1995 and 2000 the surveys",
	  "1990|date|1990 ; 1995|date|1995 ; 2000|date|2000" },
	{ NULL, "Before 1945 there was no such body.", "1945|date|1945" },
	{ NULL, "The plan runs until 2030.", "2030|date|2030" },
	{ NULL, "Expenditure during 2009 fell.", "2009|date|2009" },
	{ NULL, "Official Records of the Economic and Social Council, 2009, "
	        "Supplement No. 3",
	  "2009|date|2009" },
	{ NULL, "the United Nations Millennium Declaration (2000) and",
	  "2000|date|2000" },
	{ NULL, "In 2009, the Assembly decided", "2009|date|2009" },
	{ NULL, "the budget for 2010 and 2011", "2010|date|2010 ; 2011|date|2011" },

	/* Decades, centuries, parts of years */
	{ NULL, "in the 1950s and", "1950s|date|195" },
	{ NULL, "in the mid-1980s,", "mid-1980s|date|198|MID" },
	{ NULL, "since the early 1990s", "early 1990s|date|199|START" },
	{ NULL, "until the late 1970s", "late 1970s|date|197|END" },
	{ NULL, "in the 1990's", "1990's|date|199" },
	{ NULL, "the challenges of the twenty-first century",
	  "twenty-first century|date|20" },
	{ NULL, "the wars of the twentieth century", "twentieth century|date|19" },
	{ NULL, "skills for the 21st century", "21st century|date|20" },
	{ NULL, "since the nineteenth century", "nineteenth century|date|18" },
	{ NULL, "in the first quarter of 2010", "first quarter of 2010|date|2010-Q1" },
	{ NULL, "in the second half of 2009", "second half of 2009|date|2009-H2" },
	{ NULL, "in the last quarter of 2008", "last quarter of 2008|date|2008-Q4" },
	{ NULL, "by the end of 2015", "end of 2015|date|2015|END" },
	{ NULL, "in early 2009", "early 2009|date|2009|START" },
	{ NULL, "by mid-2010", "mid-2010|date|2010|MID" },
	{ NULL, "by the beginning of 2011", "beginning of 2011|date|2011|START" },
	{ NULL, "by the end of December 2009",
	  "end of December 2009|date|2009-12|END" },
	{ NULL, "before the end of the 1990s", "end of the 1990s|date|199|END" },

	/* Months alone */
	{ NULL, "The mission left in March.", "March|date|XXXX-03" },
	{ "2009-10-14", "The mission left in March.", "March|date|2009-03" },
	{ NULL, "It was postponed until October.", "October|date|XXXX-10" },
	{ NULL, "May the new year bring peace.", "" },
	{ NULL, "Member States may wish to consider it.", "" },
	{ NULL, "the March on Washington", "" },
	{ NULL, "in early March", "early March|date|XXXX-03|START" },

	/* Ranges */
	{ NULL, "held from 30 August to 12 September 1978 in Buenos Aires",
	  "from 30 August to 12 September 1978|range|1978-08-30/1978-09-12" },
	{ NULL, "held 30 August to 12 September 1978 in Buenos Aires",
	  "30 August to 12 September 1978|range|1978-08-30/1978-09-12" },
	{ NULL, "to be held from 1 to 3 December 2009",
	  "from 1 to 3 December 2009|range|2009-12-01/2009-12-03" },
	{ NULL, "held in Nairobi 1-3 December 2009",
	  "1-3 December 2009|range|2009-12-01/2009-12-03" },
	{ NULL, "held in Nairobi 1\xe2\x80\x93" "3 December 2009",
	  "1\xe2\x80\x93" "3 December 2009|range|2009-12-01/2009-12-03" },
	{ NULL, "Forty-sixth session 22 February\xe2\x80\x93" "24 March 2021",
	  "22 February\xe2\x80\x93" "24 March 2021|range|2021-02-22/2021-03-24" },
	{ NULL, "between 1990 and 2000 the rate fell",
	  "between 1990 and 2000|range|1990/2000" },
	{ NULL, "the programme budget for 2008-2009",
	  "2008-2009|range|2008/2009" },
	{ NULL, "for the biennium 2008-2009", "2008-2009|range|2008/2009" },
	{ NULL, "the budget for 2010/11 was", "2010/11|range|2010/2011" },
	{ NULL, "the fiscal year 2010/2011", "2010/2011|range|2010/2011" },
	{ NULL, "for the period 2014-2017", "2014-2017|range|2014/2017" },
	{ NULL, "from March to May 2010",
	  "from March to May 2010|range|2010-03/2010-05" },
	{ NULL, "the Hyogo Framework for Action 2005\xe2\x80\x93" "2015:",
	  "2005\xe2\x80\x93" "2015|range|2005/2015" },
	{ NULL, "from 2005 to 2015", "from 2005 to 2015|range|2005/2015" },
	{ NULL, "from 1990 until 2000", "from 1990 until 2000|range|1990/2000" },
	{ NULL, "from December 2009 to January 2010",
	  "from December 2009 to January 2010|range|2009-12/2010-01" },
	{ NULL, "30 December 2009 to 2 January 2010",
	  "30 December 2009 to 2 January 2010|range|2009-12-30/2010-01-02" },
	{ NULL, "from 30 December to 2 January 2010",
	  "from 30 December to 2 January 2010|range|2009-12-30/2010-01-02" },
	{ NULL, "for the 2015\xe2\x80\x93" "2016 review and policy cycle",
	  "2015\xe2\x80\x93" "2016|range|2015/2016" },
	{ NULL, "between 5 and 10 March 2010",
	  "between 5 and 10 March 2010|range|2010-03-05/2010-03-10" },
	{ NULL, "with effect from 1 January 2010",
	  "1 January 2010|date|2010-01-01" },
	{ NULL, "the budget for 2008-09 was", "2008-09|range|2008/2009" },
	{ NULL, "from the 1980s to the 1990s",
	  "from the 1980s to the 1990s|range|198/199" },
	{ NULL, "from the end of 2009", "end of 2009|date|2009|END" },

	/* Coordinated dates */
	{ NULL, "meetings on 26 and 29 January 1946",
	  "26 and 29 January 1946|list|1946-01-26,1946-01-29" },
	{ NULL, "meetings on 26, 27 and 29 January 1946",
	  "26, 27 and 29 January 1946|list|1946-01-26,1946-01-27,1946-01-29" },
	{ NULL, "on 30 November and 1 December 2009",
	  "30 November and 1 December 2009|list|2009-11-30,2009-12-01" },
	{ NULL, "in March and April 2010",
	  "March and April 2010|list|2010-03,2010-04" },
	{ NULL, "on 19 December 2007 and 20 December 2008",
	  "19 December 2007 and 20 December 2008|list|2007-12-19,2008-12-20" },
	{ NULL, "in June 2023 and January 2024",
	  "June 2023 and January 2024|list|2023-06,2024-01" },
	{ NULL, "on 19 December 2007 and in 2008",
	  "19 December 2007|date|2007-12-19 ; 2008|date|2008" },
	{ NULL, "on 19 December 2007 and January 2008",
	  "19 December 2007|date|2007-12-19 ; January 2008|date|2008-01" },

	/* Durations */
	{ NULL, "for 30 years the country", "30 years|duration|P30Y" },
	{ NULL, "over a three-year period", "three-year period|duration|P3Y" },
	{ NULL, "for two decades", "two decades|duration|P20Y" },
	{ NULL, "within six months of", "six months|duration|P6M" },
	{ NULL, "within 90 days of", "90 days|duration|P90D" },
	{ NULL, "within 24 hours", "24 hours|duration|PT24H" },
	{ NULL, "for two weeks", "two weeks|duration|P2W" },
	{ NULL, "over the past 30 years", "past 30 years|duration|P30Y" },
	{ NULL, "in the next five years", "next five years|duration|P5Y" },
	{ NULL, "in the last two decades", "last two decades|duration|P20Y" },
	{ NULL, "over the past decade", "past decade|duration|P10Y" },
	{ NULL, "the 10-year framework of programmes", "10-year|duration|P10Y" },
	{ NULL, "for twenty-five years", "twenty-five years|duration|P25Y" },
	/* hundreds in words */
	{ NULL, "it lasted two hundred days", "two hundred days|duration|P200D" },
	{ NULL, "for one hundred and fifty years",
	  "one hundred and fifty years|duration|P150Y" },
	{ NULL, "a hundred years", "hundred years|duration|P100Y" },
	/* "from one year to the next" is no length of time */
	{ NULL, "prices change from one year to the next", "" },
	{ NULL, "extended from one year to two years",
	  "one year|duration|P1Y ; two years|duration|P2Y" },
	{ NULL, "for one year only", "one year|duration|P1Y" },
	{ NULL, "two centuries of trade", "two centuries|duration|P200Y" },
	{ NULL, "a mandate of two biennia", "two biennia|duration|P4Y" },
	{ NULL, "children under 18 years of age", "" },
	{ NULL, "a boy five years old", "" },
	{ NULL, "a five-year-old girl", "" },
	{ NULL, "for several years", "" },
	{ NULL, "for many decades", "" },

	/* Relative expressions */
	{ "2009-10-14", "as reported last year", "last year|relative|2008" },
	{ "2009-10-14", "to be held next year", "next year|relative|2010" },
	{ "2009-10-14", "earlier this year", "earlier this year|relative|2009" },
	{ "2009-10-14", "as decided last November", "last November|relative|2008-11" },
	{ "2009-10-14", "by next March", "next March|relative|2010-03" },
	{ "2009-10-14", "in the first half of this year",
	  "first half of this year|relative|2009-H1" },
	{ NULL, "looking back over the first half of this Decade",
	  "first half of this Decade|relative|" },
	{ NULL, "On 15 November last at Hillsborough, in 1985",
	  "15 November last|date|1985-11-15 ; 1985|date|1985" },
	/* "last" and "next" after a day or month: from the document date */
	{ "2016-12-19", "on 20 December last and on 18 December last",
	  "20 December last|date|2015-12-20 ; 18 December last|date|2016-12-18" },
	{ "2016-12-19", "on 5 January next and on 19 December next",
	  "5 January next|date|2017-01-05 ; 19 December next|date|2017-12-19" },
	{ "2016-12-19", "In 1990 it met from 5 to 13 September last.",
	  "1990|date|1990 ; from 5 to 13 September last|range|"
	  "2016-09-05/2016-09-13" },
	{ "2016-12-19", "on 5 January last year",
	  "5 January last year|relative|2015-01-05" },
	{ "2017-03-10", "in September last and in the course of March next",
	  "September last|date|2016-09 ; March next|date|2018-03" },
	{ NULL, "in the first six months of 2023", "first six months of 2023|date|2023-H1" },
	{ NULL, "compared with June 202 A new alliance", "June 202|date|" },
	{ NULL, "a new Cabinet on 12 June 202 The Mission", "12 June 202|date|" },
	{ NULL, "postponed by one more year", "one more year|duration|P1Y" },
	{ NULL, "closed for nearly three months", "three months|duration|P3M" },
	{ NULL, "for over 30 years", "30 years|duration|P30Y" },
	{ NULL, "one quarter of the world's population", "" },
	{ NULL, "In late February, gangs attacked; on 3 March 2024 the",
	  "late February|date|2024-02|END ; 3 March 2024|date|2024-03-03" },
	{ NULL, "The present report covers the period since the first report "
	        "(S/2023/677), dated 15 September 2023. Last year",
	  "15 September 2023|date|2023-09-15 ; Last year|relative|" },
	{ "2009-10-14", "during the current year", "current year|relative|2009" },
	{ "2009-10-14", "by next month", "next month|relative|2009-11" },
	{ "2009-10-14", "since last month", "last month|relative|2009-09" },
	{ "2009-10-14", "at its previous session", "previous session|relative|" },
	{ "2009-10-14", "at the present session", "present session|relative|" },
	{ NULL, "at its forthcoming sessions", "forthcoming sessions|relative|" },
	{ "2009-10-14", "during the current biennium",
	  "current biennium|relative|2008/2009" },
	{ "2009-10-14", "for the next biennium",
	  "next biennium|relative|2010/2011" },
	{ "2009-10-14", "the meeting of last week", "last week|relative|2009-W41" },
	{ "2009-10-14", "in the next decade", "next decade|relative|201" },
	{ "2009-10-14", "in this century", "this century|relative|20" },
	{ "2009-10-14", "two years ago", "two years ago|relative|2007" },
	{ NULL, "as reported last year", "last year|relative|" },
	{ NULL, "In 2005 it was founded; the following year it grew.",
	  "2005|date|2005 ; following year|relative|2006" },
	{ NULL, "in recent years", "recent years|relative|PAST_REF" },
	{ NULL, "in the coming years", "coming years|relative|FUTURE_REF" },
	{ NULL, "in the coming decades", "coming decades|relative|FUTURE_REF" },

	/* The document date from the header */
	{ NULL, "Distr.: General\n14 October 2009\n\nLast year it grew.",
	  "14 October 2009|date|2009-10-14 ; Last year|relative|2008" },
	{ NULL, "Letter dated 14 January 2016 from the Secretary-General\n\n"
	        "Last month the review ended.",
	  "14 January 2016|date|2016-01-14 ; Last month|relative|2015-12" },
	{ NULL, "Adopted by the Security Council at its 6063rd meeting, on\n"
	        "8 January 2009\n\nIt will review it next year.",
	  "8 January 2009|date|2009-01-08 ; next year|relative|2010" },
	{ NULL, "Resolution adopted by the General Assembly on 19 December 2008"
	        "\n\nThe current year is declared",
	  "19 December 2008|date|2008-12-19 ; current year|relative|2008" },
	/* an older resolution: the date under its closing meeting line, not
	 * one of a sentence about a meeting */
	{ NULL, "Decides to report next year.\n\n856th plenary meeting,\n\n"
	        "12 December 1959.\n\n1 At its 851st plenary meeting, on 9 "
	        "December 1958, the Council decided.",
	  "next year|relative|1960 ; 12 December 1959|date|1959-12-12 ; "
	  "9 December 1958|date|1958-12-09" },
	{ NULL, "Decides to report next year. At its 851st plenary meeting, on "
	        "9 December 1958, the Council decided.",
	  "next year|relative| ; 9 December 1958|date|1958-12-09" },
	/* a page of several resolutions closed on other days: no one date */
	{ NULL, "Notes it.\n\n851st plenary meeting,\n\n9 December 1959.\n\n"
	        "1472 (XIV). Outer space\n\nDecides to report next year.\n\n"
	        "856th plenary meeting,\n\n12 December 1959.",
	  "9 December 1959|date|1959-12-09 ; next year|relative| ; "
	  "12 December 1959|date|1959-12-12" },

	/* Not dates */
	{ NULL, "Recalling its resolution 1325 (2000) on women", "" },
	{ NULL, "resolutions 1325 (2000), 1820 (2008) and 1888 (2009)", "" },
	{ NULL, "in accordance with S/RES/1325 (2000), the", "" },
	{ NULL, "its resolution 1325(2000) and", "" },
	{ NULL, "Recalling its resolution 62/209 on South-South", "" },
	{ NULL, "the report of the Secretary-General (A/64/504)", "" },
	{ NULL, "Council resolution 2009/1 on the", "" },
	{ NULL, "its resolutions 2009/1 and 2010/11 on", "" },
	{ NULL, "Council resolutions 2009/1 of 23 July 2009 and 2010/11 of "
	        "22 July 2010",
	  "23 July 2009|date|2009-07-23 ; 22 July 2010|date|2010-07-22" },
	{ NULL, "see document E/2009/15 and", "" },
	{ NULL, "the letter S/2000/1234 of", "" },
	{ NULL, "the bulletin ST/SGB/2009/4 on", "" },
	{ NULL, "an amount of 2,000 dollars", "" },
	{ NULL, "some 2000 people were displaced", "" },
	{ NULL, "about 1990 participants", "" },
	{ NULL, "rose by 45 per cent", "" },
	{ NULL, "rose by 1990 per cent", "" },
	{ NULL, "see page 2009 of the volume", "" },
	{ NULL, "see para. 2009 above", "" },
	{ NULL, "at 10 a.m. in Conference Room 4", "" },
	{ NULL, "The meeting at 3.30 p.m. was short; at 15:00 it ended.", "" },
	{ NULL, "It will open on 3 May 2010 at 10 a.m. in Geneva.",
	  "3 May 2010 at 10 a.m.|date|2010-05-03T10:00" },
	{ NULL, "It will open on Monday, 3 May 2010, at 3.30 p.m.",
	  "Monday, 3 May 2010, at 3.30 p.m.|date|2010-05-03T15:30" },
	{ NULL, "The vote is at 15:00 on 4 May 2010.",
	  "15:00 on 4 May 2010|date|2010-05-04T15:00" },
	{ NULL, "at 12 p.m. on 1 June 2011", "12 p.m. on 1 June 2011|date|2011-06-01T12:00" },
	{ NULL, "on 1 June 2011 at 9 am", "1 June 2011 at 9 am|date|2011-06-01T09:00" },
	{ NULL, "at its sixty-fourth session", "" },
	{ NULL, "at its 6063rd meeting", "" },
	{ NULL, "(United Nations publication, Sales No. E.09.II.A.1)", "" },
	{ NULL, "a grant of US$ 2000 was", "" },
	{ NULL, "resolution 3251 (XXIX) of the", "" },
	{ NULL, "the 1540 Committee", "" },
	{ NULL, "the 2000 participants", "" },
	{ NULL, "Agenda 21 and", "" },
	{ NULL, "decision 58/220 of the", "" },
	{ NULL, "in 2000 cases the", "" },
	{ NULL, "resolution 1325 (2000) of 31 October 2000",
	  "31 October 2000|date|2000-10-31" },
	{ NULL, "resolutions 62/209 of 19 December 2007 and 63/233 of "
	        "19 December 2008",
	  "19 December 2007|date|2007-12-19 ; 19 December 2008|date|2008-12-19" },
	{ NULL, "Vol. 1990, No. 2000", "" },
	{ NULL, "It is 2000 km long", "" },
	{ NULL, "women aged 15 to 49 years and men aged 15-59 years", "" },
	{ NULL, "between the ages of 15 and 24 years", "" },
	{ NULL, "known as the 1970 Committee", "" },
	{ NULL, "A contribution of CHF 2000 was made, and GBP 1995 was refunded.", "" },
	{ NULL, "Report of the Secretary-General\n\n1. By a letter dated 5 March "
	        "2024, the Council asked. Last year it grew.",
	  "5 March 2024|date|2024-03-05 ; Last year|relative|" },
	{ NULL, "the Hague Conventions of 1899 and 1907, the Geneva Protocol",
	  "1899|date|1899 ; 1907|date|1907" },
	{ NULL, "the Anglo-Irish Agreement of 1985, our Parliaments",
	  "1985|date|1985" },
	{ NULL, "a total of 2000 were counted; an increase of 1990 over", "" },
	{ NULL, "the post-2015 development agenda", "post-2015|date|2015|AFTER" },
	{ NULL, "in the pre-2020 period", "pre-2020|date|2020|BEFORE" },
	{ NULL, "a half-day meeting", "half-day|duration|P0.5D" },
	{ NULL, "within five working days", "five working days|duration|P5D" },
	{ NULL, "the previous five financial years",
	  "previous five financial years|duration|P5Y" },
	{ NULL, "in the preceding years", "preceding years|relative|PAST_REF" },
	{ NULL, "the session in April/May, and", "April/May|list|XXXX-04,XXXX-05" },
	{ NULL, "during the April to July 2025 lean season",
	  "April to July 2025|range|2025-04/2025-07" },
	{ "1962-09-20", "Since April of this year, a team",
	  "April of this year|relative|1962-04" },
	{ "1962-09-20", "Since May this year the flight",
	  "May this year|relative|1962-05" },
	{ NULL, "Since May this year the flight", "May this year|relative|" },
	{ NULL, "Agenda 2063 of the African Union", "2063|date|2063" },
	{ NULL, "the priority theme of the 2023 session", "2023|date|2023" },
	{ NULL, "Article 2001 and Room 1990", "" },
	{ "2010-09-24", "It was agreed on 17 November 2008. This year has "
	        "seen elections, which were held on 7 March.",
	  "17 November 2008|date|2008-11-17 ; This year|relative|2010 ; "
	  "7 March|date|2010-03-07" },
	{ "2010-09-24", "It was agreed on 7 March 2008. This year has seen "
	        "elections, which were held on 7 March.",
	  "7 March 2008|date|2008-03-07 ; This year|relative|2010 ; "
	  "7 March|date|2010-03-07" },
	{ "2021-04-16", "the 23 October 2020 ceasefire agreement\n\n"
	        "the implementation of the 23 October ceasefire agreement",
	  "23 October 2020|date|2020-10-23 ; 23 October|date|2020-10-23" },
	{ NULL, "the Geneva Convention of 12 August 1949,2 continue to",
	  "12 August 1949|date|1949-08-12" },
	{ NULL, "the Reduction of Statelessness of 28 August 196156 and",
	  "28 August 196156|date|1961-08-28" },
	/* a full stop and a footnote's number run on to the year */
	{ NULL, "In 2011 it was held on 5 May 2019.4 Then it met again.",
	  "2011|date|2011 ; 5 May 2019.4|date|2019-05-05" },
	{ NULL, "a growth of 2019.4 tonnes", "" },
	/* the formula of the international years */
	{ NULL, "Decides to proclaim 2019 the International Year of Indigenous "
	        "Languages", "2019|date|2019" },
	{ NULL, "Recalling resolution 2019 the Council adopted", "" },
	{ NULL, "resolutions 1010 A (X) of 29 November 1955, 1010 (XI) of "
	        "11 January 1957 and 1180 (XII)",
	  "29 November 1955|date|1955-11-29 ; 11 January 1957|date|1957-01-11" },
	{ NULL, "recalling its resolution 1514 (XV) and 3201 (S-VI)", "" },
	{ NULL, "the Council of 5 September 1957\xc2\xb9 that",
	  "5 September 1957|date|1957-09-05" },
	{ NULL, "in 1957\xc2\xb2 the", "1957|date|1957" },
	{ NULL, "from birth to the age of 2 years", "" },
	{ NULL, "the three Decades for Action to Combat Racism", "" },
	{ NULL, "in the years ahead", "years ahead|relative|FUTURE_REF" },
	{ NULL, "for the years to come", "years to come|relative|FUTURE_REF" },
	{ NULL, "for many years to come. For decades to come, and in the many "
	        "years ahead", "years to come|relative|FUTURE_REF ; "
	  "decades to come|relative|FUTURE_REF ; years ahead|relative|FUTURE_REF" },
	{ NULL, "it took years to come up with it, years ahead of schedule", "" },
	/* a year before levels or prices; the year of an instrument's title */
	{ NULL, "45 per cent below 2010 levels and at 2015 prices",
	  "2010|date|2010 ; 2015|date|2015" },
	{ NULL, "the Domestic Workers Convention, 2011 (No. 189), and",
	  "2011|date|2011" },
	{ NULL, "the Sanctions Committee, 1988 (2011) Committee", "" },
};

/* The mentions of the document in the form of the table. */
static void mentions(const um_doc *doc, char *buf, size_t n)
{
	size_t count = um_annot_count(doc, "date"), used = 0;
	buf[0] = 0;
	for (size_t i = 0; i < count; i++) {
		const um_annot *a = um_annot_at(doc, "date", i);
		const char *v = um_annot_get(a, "value");
		const char *mod = um_annot_get(a, "mod");
		used += (size_t)snprintf(buf + used, n - used, "%s%s|%s|%s%s%s",
		                         i ? " ; " : "", tu_covered(doc, a),
		                         um_annot_get(a, "type"),
		                         v ? v : "", mod ? "|" : "", mod ? mod : "");
		ck_assert_uint_lt(used, n);
	}
}

START_TEST(table)
{
	const struct dcase *c = &cases[_i];
	um_plugin_set *set = tu_plugins("dates", NULL);
	um_doc *doc = tu_doc(c->text);
	char got[2048];
	if (c->docdate)
		ck_assert_int_eq(um_doc_meta_set(doc, "date", c->docdate), 0);
	tu_run(set, doc);
	mentions(doc, got, sizeof(got));
	ck_assert_msg(strcmp(got, c->want) == 0, "case %d: \"%s\"\n  want: %s\n  got:  %s",
	              _i, c->text, c->want, got);
	um_doc_free(doc);
	um_plugin_set_free(set);
}
END_TEST

/* Ranges and lists carry their ends apart as well. */
START_TEST(range_ends)
{
	um_plugin_set *set = tu_plugins("dates", NULL);
	um_doc *doc = tu_doc("held from 30 August to 12 September 1978 and on "
	                     "26 and 29 January 1946");
	const um_annot *a;
	tu_run(set, doc);
	ck_assert_uint_eq(um_annot_count(doc, "date"), 2);
	a = um_annot_at(doc, "date", 0);
	ck_assert_str_eq(um_annot_get(a, "begin"), "1978-08-30");
	ck_assert_str_eq(um_annot_get(a, "end"), "1978-09-12");
	a = um_annot_at(doc, "date", 1);
	ck_assert_str_eq(um_annot_get(a, "begin"), "1946-01-26");
	ck_assert_str_eq(um_annot_get(a, "end"), "1946-01-29");
	ck_assert_str_eq(um_annot_plugin(a), "dates");
	um_doc_free(doc);
	um_plugin_set_free(set);
}
END_TEST

/* The date of the header becomes the document's metadata, unless the
 * reader found one or the option says no. */
START_TEST(doc_date_meta)
{
	um_plugin_set *set = tu_plugins("dates", NULL);
	um_doc *doc = tu_doc("Distr.: General\n14 October 2009\n\nText.");
	tu_run(set, doc);
	ck_assert_str_eq(um_doc_meta(doc, "date"), "2009-10-14");
	um_doc_free(doc);
	doc = tu_doc("Distr.: General\n14 October 2009\n\nLast year.");
	ck_assert_int_eq(um_doc_meta_set(doc, "date", "2011-02-01"), 0);
	tu_run(set, doc);
	ck_assert_str_eq(um_doc_meta(doc, "date"), "2011-02-01");
	ck_assert_str_eq(um_annot_get(um_annot_at(doc, "date", 1), "value"),
	                 "2010");
	um_doc_free(doc);
	um_plugin_set_free(set);
	set = tu_plugins("dates", "dates.set-date=no");
	doc = tu_doc("Distr.: General\n14 October 2009\n\nLast year.");
	tu_run(set, doc);
	ck_assert_ptr_null(um_doc_meta(doc, "date"));
	ck_assert_str_eq(um_annot_get(um_annot_at(doc, "date", 1), "value"),
	                 "2008");
	um_doc_free(doc);
	um_plugin_set_free(set);
}
END_TEST

START_TEST(options_turn_off)
{
	um_plugin_set *set = tu_plugins("dates", "dates.durations=no");
	um_doc *doc = tu_doc("for 30 years since 1990, last year");
	char got[512];
	tu_run(set, doc);
	mentions(doc, got, sizeof(got));
	ck_assert_str_eq(got, "1990|date|1990 ; last year|relative|");
	um_doc_free(doc);
	um_plugin_set_free(set);
	set = tu_plugins("dates", "dates.relative=no");
	doc = tu_doc("for 30 years since 1990, last year");
	tu_run(set, doc);
	mentions(doc, got, sizeof(got));
	ck_assert_str_eq(got, "30 years|duration|P30Y ; 1990|date|1990");
	um_doc_free(doc);
	um_plugin_set_free(set);
}
END_TEST

/* Every date of the seed document, A/64/504, read from the corpus. */
START_TEST(seed_document)
{
	um_plugin_set *set = tu_plugins("dates", NULL);
	um_read_options opt;
	um_doc *doc;
	char err[256], got[2048];
	memset(&opt, 0, sizeof(opt));
	ck_assert_int_eq(um_read_file(TEST_TOP_SRCDIR "/corpus/A_64_504.txt",
	                              &opt, &doc, err, sizeof(err)), 0);
	tu_run(set, doc);
	mentions(doc, got, sizeof(got));
	ck_assert_str_eq(got,
		"thirty-year|duration|P30Y"
		" ; 19 December 2007|date|2007-12-19"
		" ; 19 December 2008|date|2008-12-19"
		" ; from 1 to 3 December 2009|range|2009-12-01/2009-12-03"
		" ; 1978|date|1978"
		" ; past 30 years|duration|P30Y"
		" ; years ahead|relative|FUTURE_REF"
		" ; 1950s|date|195"
		" ; from 30 August to 12 September 1978|range|1978-08-30/1978-09-12"
		" ; 30 years|duration|P30Y");
	um_doc_free(doc);
	um_plugin_set_free(set);
}
END_TEST

START_TEST(empty_and_dateless)
{
	um_plugin_set *set = tu_plugins("dates", NULL);
	um_doc *doc = tu_doc("");
	tu_run(set, doc);
	ck_assert_uint_eq(um_annot_count(doc, "date"), 0);
	um_doc_free(doc);
	doc = tu_doc("No dates here at all, only words and 42 numbers.");
	tu_run(set, doc);
	ck_assert_uint_eq(um_annot_count(doc, "date"), 0);
	ck_assert_ptr_null(um_doc_meta(doc, "date"));
	um_doc_free(doc);
	um_plugin_set_free(set);
}
END_TEST

Suite *dates_suite(void)
{
	Suite *s = suite_create("dates");
	TCase *tc = tcase_create("table");
	tcase_add_loop_test(tc, table, 0,
	                    (int)(sizeof(cases) / sizeof(cases[0])));
	suite_add_tcase(s, tc);
	tc = tcase_create("plugin");
	tcase_add_test(tc, range_ends);
	tcase_add_test(tc, doc_date_meta);
	tcase_add_test(tc, options_turn_off);
	tcase_add_test(tc, empty_and_dateless);
	tcase_add_test(tc, seed_document);
	suite_add_tcase(s, tc);
	return s;
}
