/*
 * Tests: the places plugin, loaded by the real loader with its generated
 * gazetteer. Each case gives a text and every place expected in order, as
 * "span|type|code" ("span|city|COUNTRY" for cities, whose code is a
 * GeoNames number) joined by " ; ", or "" for none.
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


struct pcase {
	const char *text;
	const char *want;
};

static const struct pcase cases[] = {
	/* Countries, by their UN names */
	{ "the Government of Kenya", "Kenya|country|KEN" },
	{ "Bolivia (Plurinational State of) and Chile",
	  "Bolivia (Plurinational State of)|country|BOL ; Chile|country|CHL" },
	{ "Iran (Islamic Republic of)", "Iran (Islamic Republic of)|country|IRN" },
	{ "Venezuela (Bolivarian Republic of)", "Venezuela (Bolivarian Republic of)|country|VEN" },
	{ "the United Republic of Tanzania", "United Republic of Tanzania|country|TZA" },
	{ "the Democratic People's Republic of Korea",
	  "Democratic People's Republic of Korea|country|PRK" },
	{ "the Republic of Korea", "Republic of Korea|country|KOR" },
	{ "the Syrian Arab Republic", "Syrian Arab Republic|country|SYR" },
	{ "the Lao People's Democratic Republic", "Lao People's Democratic Republic|country|LAO" },
	{ "the Republic of Moldova", "Republic of Moldova|country|MDA" },
	{ "the State of Palestine", "State of Palestine|country|PSE" },
	{ "the Holy See", "Holy See|country|VAT" },
	{ "Türkiye and Turkey", "Türkiye|country|TUR ; Turkey|country|TUR" },
	{ "Côte d'Ivoire", "Côte d'Ivoire|country|CIV" },
	{ "Cote d'Ivoire", "Cote d'Ivoire|country|CIV" },
	{ "C\xc3\xb4te d\xe2\x80\x99Ivoire", "C\xc3\xb4te d\xe2\x80\x99Ivoire|country|CIV" },
	{ "the former Yugoslav Republic of Macedonia",
	  "former Yugoslav Republic of Macedonia|country|MKD" },
	{ "the Congo and the Sudan", "Congo|country|COG ; Sudan|country|SDN" },
	{ "the Russian Federation", "Russian Federation|country|RUS" },
	{ "the United Kingdom of Great Britain and Northern Ireland",
	  "United Kingdom of Great Britain and Northern Ireland|country|GBR" },
	{ "the United States of America", "United States of America|country|USA" },
	{ "Viet Nam", "Viet Nam|country|VNM" },
	{ "Micronesia (Federated States of)", "Micronesia (Federated States of)|country|FSM" },
	{ "Timor-Leste", "Timor-Leste|country|TLS" },
	{ "Myanmar", "Myanmar|country|MMR" },
	{ "Cabo Verde", "Cabo Verde|country|CPV" },
	{ "Eswatini", "Eswatini|country|SWZ" },
	{ "Czechia", "Czechia|country|CZE" },
	{ "the Netherlands", "Netherlands|country|NLD" },
	{ "the Marshall Islands", "Marshall Islands|country|MHL" },
	{ "Saint Vincent and the Grenadines", "Saint Vincent and the Grenadines|country|VCT" },
	{ "Trinidad and Tobago", "Trinidad and Tobago|country|TTO" },
	{ "Bosnia and Herzegovina", "Bosnia and Herzegovina|country|BIH" },
	{ "KENYA", "KENYA|country|KEN" },

	/* Longest match */
	{ "the Democratic Republic of the Congo",
	  "Democratic Republic of the Congo|country|COD" },
	{ "Guinea-Bissau and Guinea", "Guinea-Bissau|country|GNB ; Guinea|country|GIN" },
	{ "Papua New Guinea", "Papua New Guinea|country|PNG" },
	{ "Equatorial Guinea", "Equatorial Guinea|country|GNQ" },
	{ "the Niger and Nigeria", "Niger|country|NER ; Nigeria|country|NGA" },
	{ "South Sudan", "South Sudan|country|SSD" },
	{ "the United States", "United States|country|USA" },
	{ "the United States Virgin Islands",
	  "United States Virgin Islands|country|VIR" },
	{ "South Africa", "South Africa|country|ZAF" },
	{ "the Central African Republic", "Central African Republic|country|CAF" },
	{ "the Dominican Republic and Dominica",
	  "Dominican Republic|country|DOM ; Dominica|country|DMA" },

	/* Former states */
	{ "the Union of Soviet Socialist Republics",
	  "Union of Soviet Socialist Republics|former-country|SUHH" },
	{ "the USSR", "USSR|former-country|SUHH" },
	{ "the Soviet Union", "Soviet Union|former-country|SUHH" },
	{ "Yugoslavia", "Yugoslavia|former-country|YUCS" },
	{ "Czechoslovakia", "Czechoslovakia|former-country|CSHH" },
	{ "the German Democratic Republic", "German Democratic Republic|former-country|DDDE" },
	{ "Upper Volta", "Upper Volta|former-country|HVBF" },
	{ "Dahomey", "Dahomey|former-country|DYBJ" },
	{ "Southern Rhodesia", "Southern Rhodesia|former-country|RHZW" },
	{ "Burma", "Burma|former-country|BUMM" },
	{ "Zaire", "Zaire|former-country|ZRCD" },
	{ "Serbia and Montenegro", "Serbia and Montenegro|former-country|CSXX" },
	{ "the Byelorussian Soviet Socialist Republic",
	  "Byelorussian Soviet Socialist Republic|former-country|BYAA" },

	/* Regions */
	{ "in Africa", "Africa|region|M49:002" },
	{ "Latin America and the Caribbean", "Latin America and the Caribbean|region|M49:419" },
	{ "Western Asia", "Western Asia|region|M49:145" },
	{ "sub-Saharan Africa", "sub-Saharan Africa|region|M49:202" },
	{ "Sub-Saharan Africa", "Sub-Saharan Africa|region|M49:202" },
	{ "Eastern Africa", "Eastern Africa|region|M49:014" },
	{ "Central America", "Central America|region|M49:013" },
	{ "the Caribbean", "Caribbean|region|M49:029" },
	{ "South-eastern Asia", "South-eastern Asia|region|M49:035" },
	{ "Oceania and Europe", "Oceania|region|M49:009 ; Europe|region|M49:150" },
	{ "the Middle East", "Middle East|region|UNM:MIDDLE-EAST" },
	{ "the Sahel", "Sahel|region|UNM:SAHEL" },
	{ "the Horn of Africa", "Horn of Africa|region|UNM:HORN-OF-AFRICA" },
	{ "the Great Lakes region", "Great Lakes region|region|UNM:GREAT-LAKES" },
	{ "the West Bank and the Gaza Strip",
	  "West Bank|region|UNM:WEST-BANK ; Gaza Strip|region|UNM:GAZA-STRIP" },
	{ "the occupied Syrian Golan", "Syrian Golan|region|UNM:GOLAN" },
	{ "the Balkans", "Balkans|region|UNM:BALKANS" },

	/* Cities */
	{ "held in Nairobi", "Nairobi|city|KEN" },
	{ "held in Buenos Aires in 1978", "Buenos Aires|city|ARG" },
	{ "Rio de Janeiro, Brazil", "Rio de Janeiro|city|BRA ; Brazil|country|BRA" },
	{ "in Johannesburg", "Johannesburg|city|ZAF" },
	{ "in Monterrey, Mexico", "Monterrey|city|MEX ; Mexico|country|MEX" },
	{ "in Doha", "Doha|city|QAT" },
	{ "in Addis Ababa", "Addis Ababa|city|ETH" },
	{ "at Geneva", "Geneva|city|CHE" },
	/* a capital written with its accent; without it, the common word */
	{ "a meeting in Mal\xc3\xa9, and the male delegates in Male",
	  "Mal\xc3\xa9|city|MDV" },
	{ "in Vienna and New York", "Vienna|city|AUT ; New York|city|USA" },
	{ "in Port-au-Prince", "Port-au-Prince|city|HTI" },
	{ "in Juba", "Juba|city|SSD" },
	{ "in The Hague", "The Hague|city|NLD" },
	{ "in Bonn", "Bonn|city|DEU" },
	{ "in Marrakesh", "Marrakesh|city|MAR" },

	/* Towns: where their country is named, and named as places */
	{ "the prison in Gonaïves, Haiti", "Gonaïves|city|HTI ; Haiti|country|HTI" },
	{ "the prison in Gonaïves", "" },
	{ "In Haiti, courts in Gonaïves and Croix-des-Bouquets",
	  "Haiti|country|HTI ; Gonaïves|city|HTI ; Croix-des-Bouquets|city|HTI" },
	{ "Gonaïves prison in Haiti", "Haiti|country|HTI" },
	{ "until 31 March 1962, the United Kingdom", "United Kingdom|country|GBR" },

	/* Subdivisions: only where their country is named */
	{ "in Western Equatoria State, South Sudan",
	  "Western Equatoria State|subdivision|SS-EW ; South Sudan|country|SSD" },
	{ "in Jonglei, South Sudan", "Jonglei|subdivision|SS-JG ; South Sudan|country|SSD" },
	{ "the Hashimite Kingdom of Jordan", "Hashimite Kingdom of Jordan|country|JOR" },
	{ "the Republic of Togo", "Republic of Togo|country|TGO" },
	{ "the Democratic Republic of Madagascar",
	  "Democratic Republic of Madagascar|country|MDG" },
	/* a long form is not made longer across a blank line, nor over the
	 * place before it; a name wrapped on two lines is one name */
	{ "Members:\n\nRepublic of Korea\n\nRepublic of Viet-Nam\n\nRepublic of Iraq",
	  "Republic of Korea|country|KOR ; Republic of Viet-Nam|country|VNM ; "
	  "Republic of Iraq|country|IRQ" },
	{ "Republic of Korea\nRepublic of Viet-Nam",
	  "Republic of Korea|country|KOR ; Republic of Viet-Nam|country|VNM" },
	{ "the Democratic\nRepublic of Madagascar",
	  "Democratic\nRepublic of Madagascar|country|MDG" },
	{ "the President of Puntland, in Kismaayo, Jubbaland",
	  "Puntland|subdivision|SOM ; Kismaayo|city|SOM ; Jubbaland|subdivision|SOM" },
	/* a city after "in" is where a body sits or meets; a country or
	 * region after "in" is the body's name */
	{ "the Somali Police Force in Mogadishu, the World Conference on "
	  "Human Rights in Vienna, the United Nations Mission in South Sudan",
	  "Mogadishu|city|SOM ; Vienna|city|AUT" },
	{ "In Somalia, the Somali Police Force in the Banaadir region and in "
	  "Juba Hoose",
	  "Somalia|country|SOM ; Banaadir|subdivision|SO-BN ; "
	  "Juba Hoose|subdivision|SO-JH" },
	/* a currency is no place; a place that owns the name after it is one,
	 * unless the name before it holds it */
	{ "5 million United States dollars, 3 Hong Kong dollars",
	  "" },
	{ "Afghanistan\xe2\x80\x99s Central Bank and the New Partnership for "
	  "Africa\xe2\x80\x99s Development",
	  "Afghanistan|country|AFG" },
	/* oceans by their adjectives, which alone before a name are part of it */
	{ "islands of the Pacific and the South Pacific, the Atlantic Ocean, "
	  "and Pacific Island Developing Countries",
	  "Pacific|region|UNM:PACIFIC ; South Pacific|region|UNM:SOUTH-PACIFIC ; "
	  "Atlantic Ocean|region|UNM:ATLANTIC" },
	/* a continent is no adjective; the Charter's "pacific settlement" is
	 * no ocean */
	{ "In Europe Member States agreed; in Africa Heads of State met.",
	  "Europe|region|M49:150 ; Africa|region|M49:002" },
	{ "Pacific settlement of disputes. Chapter VI, Pacific Settlement of "
	  "Disputes, by Pacific means", "" },
	{ "In Kenya, Euro-Asia, Ethiopia", "Kenya|country|KEN ; Ethiopia|country|ETH" },
	/* a place glued to a combining form is part of another name; two
	 * places joined by a hyphen are two */
	{ "the Euro-Asia region, Afro-Eurasia, Pro-Russia, Congo-Brazzaville "
	  "and the Kosovo-Serbia talks",
	  "Russia|country|RUS ; Congo|country|COG ; Brazzaville|city|COG ; "
	  "Kosovo|other| ; Serbia|country|SRB" },
	/* a town with a place of its country in parentheses, even at the
	 * start of a sentence and where the country is not named */
	{ "Shelling was reported. Baidoa (South-West State) was hit.",
	  "Baidoa|city|SOM ; South-West State|subdivision|SOM" },
	{ "Baidoa (Kenya) and Baidoa (Jubbaland",
	  "Kenya|country|KEN ; Jubbaland|subdivision|SOM" },
	/* a country's adjective is not the subdivision of its name, which
	 * is taken with its unit word */
	{ "Somalia and the Somali national armed forces",
	  "Somalia|country|SOM" },
	{ "the Somali Region of Ethiopia",
	  "Somali Region|subdivision|ET-SO ; Ethiopia|country|ETH" },
	{ "Congo (Democratic Republic of), the Ukrainian Soviet Socialist "
	  "Republic and Western Samoa",
	  "Congo (Democratic Republic of)|country|COD ; Ukrainian Soviet "
	  "Socialist Republic|country|UKR ; Western Samoa|country|WSM" },
	{ "In Haiti, prisons in Gonaïves (Artibonite Department), Trou du Nord and "
	  "Croix-des-Bouquets",
	  "Haiti|country|HTI ; Gonaïves|city|HTI ; Artibonite Department|subdivision|HTI ; "
	  "Trou du Nord|city|HTI ; Croix-des-Bouquets|city|HTI" },
	{ "the Republic of China on Taiwan",
	  "Republic of China|country|TWN ; Taiwan|country|TWN" },
	{ "the People's Republic of China", "People's Republic of China|country|CHN" },
	{ "the Group of 77 and China", "" },
	{ "Members: Mongolia, Nigeria, Poland, Union of Soviet Socialist Republics",
	  "Mongolia|country|MNG ; Nigeria|country|NGA ; Poland|country|POL ; "
	  "Union of Soviet Socialist Republics|former-country|SUHH" },
	{ "the Agreement Between the United States of America and the Republic "
	  "of Iraq On the Withdrawal", "" },
	{ "consultations with the Bonn International Centre for Conflict Studies", "" },
	{ "in southern Africa", "southern Africa|region|M49:018" },
	{ "in Western Equatoria State", "" },
	{ "in Darfur", "Darfur|subdivision|SDN" },
	{ "in North Kivu", "North Kivu|subdivision|COD" },

	/* People, birds and concepts */
	{ "Georgia and Armenia", "Georgia|country|GEO ; Armenia|country|ARM" },
	{ "Georgia Smith spoke", "" },
	{ "Mr. Jordan Hale spoke", "" },
	{ "Jordan and Lebanon", "Jordan|country|JOR ; Lebanon|country|LBN" },
	{ "Chad Baker said", "" },
	{ "Chad and the Niger", "Chad|country|TCD ; Niger|country|NER" },
	{ "President Chad Warren", "" },
	{ "roast turkey and chad", "" },
	{ "Turkey and Greece", "Turkey|country|TUR ; Greece|country|GRC" },
	{ "South-South cooperation", "" },
	{ "North-South dialogue", "" },
	{ "the South and the North", "" },
	{ "a china vase", "" },

	/* Names inside names of organisations, documents and events */
	{ "the Economic Commission for Africa", "" },
	{ "the Organization of African Unity", "" },
	{ "the African Union", "" },
	{ "the United Nations Mission in South Sudan", "" },
	{ "the Buenos Aires Plan of Action", "" },
	{ "the Nairobi Conference", "" },
	{ "the Geneva Conventions", "" },
	{ "the Hyogo Framework for Action", "" },
	{ "the Economic and Social Commission for Asia and the Pacific", "" },
	{ "the University of Nairobi", "" },
	{ "the Rio Declaration on Environment and Development", "" },
	{ "the South Sudan People's Defence Forces", "" },
	{ "the Sudan People\xe2\x80\x99s Liberation Army", "" },
	{ "the United Nations", "" },
	{ "the Kyoto Protocol", "" },
	{ "the Government of the Sudan", "Sudan|country|SDN" },
	{ "the item entitled \xe2\x80\x9cThe situation in the Middle East\xe2\x80\x9d, and",
	  "" },
	{ "on the situation in the Middle East, \xe2\x80\x9cthe region\xe2\x80\x9d",
	  "Middle East|region|UNM:MIDDLE-EAST" },
	{ "the President of Kenya", "Kenya|country|KEN" },
	{ "the Permanent Mission of Kenya", "" },
	{ "Kenyan and African experts", "" },
	/* The principal organs' names end before "on": the place is named */
	{ "the resolutions adopted by the Security Council on Namibia",
	  "Namibia|country|NAM" },
	{ "the General Assembly on Cyprus", "Cyprus|country|CYP" },
	{ "the Security Council Committee on Somalia", "" },
	/* A title in title case after a preposition */
	{ "the Agreement on the Withdrawal of United States Forces from Iraq "
	  "and the Organization of Their Activities during Their Temporary "
	  "Presence in Iraq, signed in 2008", "" },
	{ "troops from Iraq", "Iraq|country|IRQ" },
	{ "the Police Station in Juba", "Juba|city|SSD" },
	/* "America" alone is the continent, as the Latin American speeches
	 * of the archive use it */
	{ "America has united its will", "America|region|M49:019" },
	{ "North America and the United States of America",
	  "North America|region|M49:021 ; "
	  "United States of America|country|USA" },
	{ "the Tlatelolco and Washington meetings", "Washington|city|USA" },
	/* Towns the gazetteer does not know, located by the place after
	 * them */
	{ "South Sudan: clashes erupted in Nasir, Upper Nile State, and in "
	  "Pagak, Upper Nile State",
	  "South Sudan|country|SSD ; Nasir|city|SSD ; "
	  "Upper Nile State|subdivision|SS-NU ; Pagak|city|SSD ; "
	  "Upper Nile State|subdivision|SS-NU" },
	{ "A judge in L\xe2\x80\x99""Est\xc3\xa8re (Artibonite Department) "
	  "and Petit-Go\xc3\xa2ve (West Department)",
	  "L\xe2\x80\x99""Est\xc3\xa8re|city|HTI ; "
	  "Artibonite Department|subdivision|HTI ; "
	  "Petit-Go\xc3\xa2ve|city|HTI ; West Department|subdivision|HTI" },
	{ "Sieges in Madamiyet Elsham (Rural Damascus), Yarmouk (Damascus) "
	  "and Zahra (Aleppo)",
	  "Madamiyet Elsham|city|SYR ; Rural Damascus|subdivision|SYR ; "
	  "Yarmouk|city|SYR ; Damascus|city|SYR ; Zahra|city|SYR ; "
	  "Aleppo|city|SYR" },
	{ "headquarters in Asosa, Ethiopia", "Asosa|city|ETH ; Ethiopia|country|ETH" },
	/* ... and what is not a town */
	{ "to appoint Derek Plumbly (United Kingdom) as Coordinator",
	  "United Kingdom|country|GBR" },
	{ "In South Sudan. In March, Upper Nile State saw fighting",
	  "South Sudan|country|SSD ; Upper Nile State|subdivision|SS-NU" },
	{ "the Group of 77 and China, Togo", "Togo|country|TGO" },
	{ "South Sudan: access to the camp. In the Camp, Upper Nile State",
	  "South Sudan|country|SSD ; Upper Nile State|subdivision|SS-NU" },
	/* Seas, rivers, straits: the kind and a capitalised name */
	{ "the Black Sea and the Sea of Azov",
	  "Black Sea|region|UNM:BLACK-SEA ; Sea of Azov|region|UNM:SEA-OF-AZOV" },
	{ "the Mediterranean Sea, the Eastern Mediterranean",
	  "Mediterranean Sea|region|UNM:MEDITERRANEAN ; "
	  "Eastern Mediterranean|region|UNM:EASTERN-MEDITERRANEAN" },
	{ "across the Dnipro River and the Gulf of Aden",
	  "Dnipro River|region|UNM:DNIPRO-RIVER ; "
	  "Gulf of Aden|region|UNM:GULF-OF-ADEN" },
	{ "from the Taiwan Straits to Korea",
	  "Taiwan Straits|region|UNM:TAIWAN-STRAITS ; Korea|other|" },
	{ "the Black Sea Economic Cooperation", "" },
	{ "the Convention on the Law of the Sea", "" },
	/* A subdivision's long form, a city after "the city of" */
	{ "Ukraine, including the Autonomous Republic of Crimea and the city "
	  "of Sevastopol",
	  "Ukraine|country|UKR ; "
	  "Autonomous Republic of Crimea|subdivision|UKR ; "
	  "Sevastopol|city|UKR" },
	{ "Ukraine: certain areas of the Kherson, Donetsk and Luhansk regions",
	  "Ukraine|country|UKR ; Kherson|subdivision|UKR ; "
	  "Donetsk|subdivision|UKR ; Luhansk|subdivision|UKR" },
	/* A name after a form of address is a person */
	{ "Mr. Lusaka (Zambia)", "Zambia|country|ZMB" },
	/* The title line of a resolution names the resolution */
	{ "79/184.\tSituation of human rights in the temporarily occupied "
	  "territories of Ukraine\n\nThe General Assembly, recalling Ukraine",
	  "Ukraine|country|UKR" },
	/* A numbered paragraph's first word is no title word */
	{ "23.\tIn Europe, the policy has created in Berlin a situation",
	  "Europe|region|M49:150 ; Berlin|city|DEU" },
	/* A name's head before an earlier preposition */
	{ "the United Nations Relief and Works Agency for Palestine Refugees in "
	  "the Near East", "" },
	{ "the Office of my Special Envoy for the Sahel", "" },
	{ "the Asia-Pacific Trade Agreement, in the Asia-Pacific region",
	  "Asia-Pacific|region|UNM:ASIA-PACIFIC" },
	/* Names of the archive's decades; names without their accents */
	{ "the Republic of Viet-Nam, Laos and Kampuchea",
	  "Republic of Viet-Nam|country|VNM ; Laos|country|LAO ; "
	  "Kampuchea|country|KHM" },
	{ "held at Lome and at Bogota", "Lome|city|TGO ; Bogota|city|COL" },
	{ "South Sudan. Pagak, Upper Nile State, was shelled",
	  "South Sudan|country|SSD ; Upper Nile State|subdivision|SS-NU" },
	/* Names of the country reports as the UN spells them; those with
	 * an ISO 3166-2 code are taken where their country is named */
	{ "Somalia: fighting in Lower Juba, Lower Shabelle and Banadir, and in "
	  "South West State",
	  "Somalia|country|SOM ; Lower Juba|subdivision|SO-JH ; "
	  "Lower Shabelle|subdivision|SO-SH ; Banadir|subdivision|SO-BN ; "
	  "South West State|subdivision|SOM" },
	{ "fighting in Lower Juba", "" },
	{ "Tigray, in northern Ethiopia", "Tigray|subdivision|ET-TI ; "
	  "Ethiopia|country|ETH" },
	{ "the occupied Palestinian territory and the Occupied Palestinian "
	  "Territory, including East Jerusalem",
	  "occupied Palestinian territory|country|PSE ; Occupied Palestinian "
	  "Territory|country|PSE ; East Jerusalem|region|UNM:EAST-JERUSALEM" },
	{ "the Baltic States and the Baltic states",
	  "Baltic States|region|UNM:BALTIC-STATES ; "
	  "Baltic states|region|UNM:BALTIC-STATES" },
	{ "in Abyei, South Asia, the Far East and the Levant",
	  "Abyei|region|UNM:ABYEI ; South Asia|region|M49:034 ; "
	  "Far East|region|UNM:FAR-EAST ; Levant|region|UNM:LEVANT" },
	{ "ECLAC, in Santiago; a meeting in Lima and in Panama City",
	  "Santiago|city|CHL ; Lima|city|PER ; Panama City|city|PAN" },
	{ "held in Marrakech, Morocco",
	  "Marrakech|city|MAR ; Morocco|country|MAR" },
	/* a city's name before the word of a unit names the unit */
	{ "certain areas of the Kherson, Zaporizhzhia, Donetsk and Luhansk "
	  "oblasts, Ukraine",
	  "Kherson|subdivision|UKR ; Zaporizhzhia|subdivision|UKR ; "
	  "Donetsk|subdivision|UKR ; Luhansk|subdivision|UKR ; "
	  "Ukraine|country|UKR" },
	{ "in Kabul province and in Kabul",
	  "Kabul|subdivision|AFG ; Kabul|city|AFG" },
	/* "States" is no unit a city names; a city that is a first name is
	 * taken after a locative */
	{ "held in New York, United States of America; in Geneva, Member "
	  "States agreed; in Nairobi, States parties met",
	  "New York|city|USA ; United States of America|country|USA ; "
	  "Geneva|city|CHE ; Nairobi|city|KEN" },
	{ "in Herat Province, Afghanistan", "Herat Province|subdivision|AFG ; "
	  "Afghanistan|country|AFG" },
	{ "The Chair, Santiago Irazabal Mourao (Brazil), spoke of Lima Ortega",
	  "Brazil|country|BRA" },
	/* names of groups and instruments hold no place of the text */
	{ "attacks by the Islamic State in Iraq and the Levant (ISIL) in Iraq, "
	  "by Al-Qaida in the Islamic Maghreb and Al-Qaida in the Arabian "
	  "Peninsula; the SIDS Accelerated Modalities of Action (SAMOA) "
	  "Pathway; Operation Pan-America",
	  "Iraq|country|IRQ" },
};

static void places(const um_doc *doc, char *buf, size_t n)
{
	size_t used = 0, na = um_annot_count(doc, "place");
	buf[0] = 0;
	for (size_t i = 0; i < na; i++) {
		const um_annot *a = um_annot_at(doc, "place", i);
		const char *type = um_annot_get(a, "type");
		const char *code = !strcmp(type, "city") ? um_annot_get(a, "country") :
		                   um_annot_get(a, "code");
		used += (size_t)snprintf(buf + used, n - used, "%s%s|%s|%s",
		                         i ? " ; " : "", tu_covered(doc, a), type,
		                         code ? code : "");
		ck_assert_uint_lt(used, n);
	}
}

static um_plugin_set *shared;

static void setup(void)
{
	shared = tu_plugins("places", NULL);
}

static void teardown(void)
{
	um_plugin_set_free(shared);
}

START_TEST(table)
{
	const struct pcase *c = &cases[_i];
	um_doc *doc = tu_doc(c->text);
	char got[2048];
	tu_run(shared, doc);
	places(doc, got, sizeof(got));
	ck_assert_msg(strcmp(got, c->want) == 0,
	              "case %d: \"%s\"\n  want: %s\n  got:  %s", _i, c->text,
	              c->want, got);
	um_doc_free(doc);
}
END_TEST

/* Every attribute of a country and of a city; a city that data/names.tsv
 * names otherwise than GeoNames has the GeoNames entry of the name it
 * stands for ("Bombay": Mumbai's). */
/* A city's name, GeoNames code, country and coordinates. */
static void assert_city(const um_annot *a, const char *name, const char *code,
                        const char *country, const char *lat, const char *lon)
{
	ck_assert_str_eq(um_annot_get(a, "type"), "city");
	ck_assert_str_eq(um_annot_get(a, "name"), name);
	ck_assert_str_eq(um_annot_get(a, "code"), code);
	ck_assert_str_eq(um_annot_get(a, "country"), country);
	ck_assert_str_eq(um_annot_get(a, "lat"), lat);
	ck_assert_str_eq(um_annot_get(a, "lon"), lon);
	ck_assert_str_eq(um_annot_plugin(a), "places");
}

START_TEST(attributes)
{
	um_doc *doc = tu_doc("the Government of Kenya in Nairobi, at Bombay");
	const um_annot *a;
	tu_run(shared, doc);
	ck_assert_uint_eq(um_annot_count(doc, "place"), 3);
	a = um_annot_at(doc, "place", 0);
	ck_assert_str_eq(um_annot_get(a, "type"), "country");
	ck_assert_str_eq(um_annot_get(a, "code"), "KEN");
	ck_assert_str_eq(um_annot_get(a, "m49"), "404");
	ck_assert_ptr_null(um_annot_get(a, "lat"));
	assert_city(um_annot_at(doc, "place", 1), "Nairobi", "GN:184745", "KEN",
	            "-1.28333", "36.81667");
	assert_city(um_annot_at(doc, "place", 2), "Bombay", "GN:1275339", "IND",
	            "19.07283", "72.88261");
	um_doc_free(doc);
}
END_TEST

/* The seed document: Kenya, Nairobi and Buenos Aires, nothing else. */
START_TEST(seed_document)
{
	um_read_options opt;
	um_doc *doc;
	char err[256], got[2048];
	memset(&opt, 0, sizeof(opt));
	ck_assert_int_eq(um_read_file(TEST_TOP_SRCDIR "/corpus/A_64_504.txt",
	                              &opt, &doc, err, sizeof(err)), 0);
	tu_run(shared, doc);
	places(doc, got, sizeof(got));
	ck_assert_str_eq(got, "Kenya|country|KEN ; Nairobi|city|KEN ; "
	                 "Buenos Aires|city|ARG ; Buenos Aires|city|ARG");
	um_doc_free(doc);
}
END_TEST

Suite *places_suite(void)
{
	Suite *s = suite_create("places");
	TCase *tc = tcase_create("table");
	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, table, 0, (int)(sizeof(cases) / sizeof(cases[0])));
	suite_add_tcase(s, tc);
	tc = tcase_create("plugin");
	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_add_test(tc, attributes);
	tcase_add_test(tc, seed_document);
	suite_add_tcase(s, tc);
	return s;
}
