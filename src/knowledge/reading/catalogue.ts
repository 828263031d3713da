import { createRequire } from "node:module";
import type { Country } from "world-countries";
/**
 * People this press service writes about often, with what a release may leave unsaid: their
 * country, their office and the other spellings their names take. A release's own text always
 * wins; this only fills in what it does not say.
 */
export interface KnownPerson {
  name: string;
  nationality: string;
  titles: string[];
  /** Transliterations and other full spellings. */
  variants: string[];
}

export const KNOWN_PEOPLE: readonly KnownPerson[] = [
  {
    name: "Aleksandr Lukashenko",
    nationality: "blr",
    titles: ["president"],
    variants: [
      "Alexander Lukashenko",
      "Alexandr Lukashenko",
      "Aleksandr Lukashenka",
      "Alexander Lukashenka",
      "Alyaksandr Lukashenka",
      "Aliaksandr Lukashenka",
    ],
  },
  {
    name: "Vladimir Putin",
    nationality: "rus",
    titles: ["president"],
    variants: ["Wladimir Putin", "Vladimir Vladimirovich Putin"],
  },
  {
    name: "Donald Trump",
    nationality: "usa",
    titles: ["president"],
    variants: ["Donald J. Trump"],
  },
  { name: "Joe Biden", nationality: "usa", titles: ["president"], variants: ["Joseph Biden"] },
  {
    name: "Volodymyr Zelensky",
    nationality: "ukr",
    titles: ["president"],
    variants: ["Volodymyr Zelenskyy", "Vladimir Zelensky", "Volodymyr Zelenskiy"],
  },
  { name: "Xi Jinping", nationality: "chn", titles: ["president"], variants: [] },
  {
    name: "Kassym-Jomart Tokayev",
    nationality: "kaz",
    titles: ["president"],
    variants: ["Kassym-Zhomart Tokayev"],
  },
  { name: "Ilham Aliyev", nationality: "aze", titles: ["president"], variants: [] },
  { name: "Shavkat Mirziyoyev", nationality: "uzb", titles: ["president"], variants: [] },
  { name: "Mikhail Mishustin", nationality: "rus", titles: ["premier"], variants: [] },
  {
    name: "Sergei Lavrov",
    nationality: "rus",
    titles: ["minister"],
    variants: ["Sergey Lavrov"],
  },
];

/** Office words and the group they belong to: "the Belarusian leader" is a president. */
export const TITLE_GROUPS: Readonly<Record<string, string>> = {
  president: "president",
  leader: "president",
  headofstate: "president",
  envoy: "envoy",
  representative: "envoy",
  emissary: "envoy",
  premier: "premier",
  "prime minister": "premier",
  minister: "minister",
  secretary: "secretary",
  ambassador: "ambassador",
  chairman: "chairman",
  chairwoman: "chairman",
  chair: "chairman",
  governor: "governor",
  director: "director",
  spokesman: "spokesperson",
  spokeswoman: "spokesperson",
  spokesperson: "spokesperson",
  adviser: "adviser",
  advisor: "adviser",
  aide: "adviser",
  chancellor: "chancellor",
  diplomat: "diplomat",
  king: "monarch",
  queen: "monarch",
  player: "athlete",
  athlete: "athlete",
  champion: "athlete",
  senator: "senator",
  congressman: "senator",
  mayor: "mayor",
  general: "general",
  ceo: "director",
  head: "head",
  delegation: "head",
};

/** Every country, from the world-countries package (Mohammed Le Doze's "countries" data). */
const COUNTRIES = createRequire(import.meta.url)("world-countries") as Country[];

/**
 * Country names and adjectives in lower case, each to its country's ISO 3166 alpha-3 code in
 * lower case: "mongolian" and "mongolia" → "mng". From the world-countries package (the
 * common name, the English demonyms and the capitalised alternative spellings of every
 * country), one word each; a word two countries share ("dominican") says nothing and is left
 * out. Two-letter codes are left out, since lower case makes them words ("in", "it", "no"),
 * except the two that releases write as adjectives: "US" and "UK".
 */
export const NATIONALITIES: Readonly<Record<string, string>> = countryWords();

/** Capital cities in lower case: "Moscow said" is a government, not a person. */
export const CAPITALS: ReadonlySet<string> = new Set(
  COUNTRIES.flatMap((country) => country.capital.map((city) => city.toLowerCase())),
);

/** Countries' common and official names in lower case: "in Italy" is no city. */
export const COUNTRY_NAMES: ReadonlySet<string> = new Set(
  COUNTRIES.flatMap((country) => [
    country.name.common.toLowerCase(),
    country.name.official.toLowerCase(),
  ]),
);

/**
 * The one-word names of each country and its people (as NATIONALITIES gives them), by the
 * country's code: "greek" and "greece" are the same thing to a question.
 */
const COUNTRY_FORMS: ReadonlyMap<string, readonly string[]> = (() => {
  const forms = new Map<string, string[]>();
  for (const [word, code] of Object.entries(NATIONALITIES)) {
    if (word.length < 3 || word.toUpperCase() === word) continue;
    forms.set(code, [...(forms.get(code) ?? []), word]);
  }
  return forms;
})();

/** The other one-word names of the country or people a lower-case word names ("danish" → "denmark"). */
export function sameCountryWords(word: string): readonly string[] {
  const code = NATIONALITIES[word];
  return code ? (COUNTRY_FORMS.get(code) ?? []).filter((other) => other !== word) : [];
}

function countryWords(): Record<string, string> {
  const countries = COUNTRIES;
  const found = new Map<string, Country | null>();
  const add = (written: string, country: Country, into = found) => {
    const word = written.toLowerCase();
    if (!/^[\p{L}-]+$/u.test(word)) return;
    const earlier = into.get(word);
    if (earlier === undefined || earlier === country) into.set(word, country);
    // A territory gives way to the sovereign country it shares a word with ("American").
    else if (earlier && earlier.independent !== country.independent) {
      into.set(word, earlier.independent ? earlier : country);
    } else into.set(word, null);
  };
  for (const country of countries) {
    add(country.name.common, country);
    add(country.demonyms?.eng?.m ?? "", country);
    add(country.demonyms?.eng?.f ?? "", country);
    for (const spelling of country.altSpellings) {
      if (spelling.length >= 3 && spelling === spelling.toUpperCase()) add(spelling, country);
    }
  }
  // A language spoken officially in one country only names its people too ("Kazakh", "Uzbek").
  const languages = new Map<string, Country | null>();
  for (const country of countries) {
    for (const language of Object.values(country.languages ?? {}))
      add(language, country, languages);
  }
  for (const [word, country] of languages) if (!found.has(word)) found.set(word, country);
  const words: Record<string, string> = {};
  for (const [word, country] of found) if (country) words[word] = country.cca3.toLowerCase();
  words.us = "usa";
  words.uk = "gbr";
  return words;
}
