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
  /** "The head of state" with no country means this person in this press service's releases. */
  principal?: boolean;
}

export const KNOWN_PEOPLE: readonly KnownPerson[] = [
  {
    name: "Aleksandr Lukashenko",
    nationality: "belarus",
    titles: ["president"],
    variants: [
      "Alexander Lukashenko",
      "Alexandr Lukashenko",
      "Aleksandr Lukashenka",
      "Alexander Lukashenka",
      "Alyaksandr Lukashenka",
      "Aliaksandr Lukashenka",
    ],
    principal: true,
  },
  {
    name: "Vladimir Putin",
    nationality: "russia",
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
    nationality: "ukraine",
    titles: ["president"],
    variants: ["Volodymyr Zelenskyy", "Vladimir Zelensky", "Volodymyr Zelenskiy"],
  },
  { name: "Xi Jinping", nationality: "china", titles: ["president"], variants: [] },
  {
    name: "Kassym-Jomart Tokayev",
    nationality: "kazakhstan",
    titles: ["president"],
    variants: ["Kassym-Zhomart Tokayev"],
  },
  { name: "Ilham Aliyev", nationality: "azerbaijan", titles: ["president"], variants: [] },
  { name: "Shavkat Mirziyoyev", nationality: "uzbekistan", titles: ["president"], variants: [] },
  { name: "Mikhail Mishustin", nationality: "russia", titles: ["premier"], variants: [] },
  {
    name: "Sergei Lavrov",
    nationality: "russia",
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

/** Country adjectives and names, folded to one key (see foldCountries in text.ts for search). */
export const NATIONALITIES: Readonly<Record<string, string>> = {
  belarusian: "belarus",
  belarus: "belarus",
  usa: "usa",
  us: "usa",
  american: "usa",
  russian: "russia",
  russia: "russia",
  ukrainian: "ukraine",
  ukraine: "ukraine",
  chinese: "china",
  china: "china",
  kazakh: "kazakhstan",
  kazakhstan: "kazakhstan",
  azerbaijani: "azerbaijan",
  azerbaijan: "azerbaijan",
  uzbek: "uzbekistan",
  uzbekistan: "uzbekistan",
  polish: "poland",
  poland: "poland",
  lithuanian: "lithuania",
  lithuania: "lithuania",
  german: "germany",
  germany: "germany",
  french: "france",
  france: "france",
  british: "uk",
  uk: "uk",
  turkish: "turkey",
  turkey: "turkey",
  iranian: "iran",
  iran: "iran",
  indian: "india",
  india: "india",
  vietnamese: "vietnam",
  vietnam: "vietnam",
  venezuelan: "venezuela",
  venezuela: "venezuela",
  armenian: "armenia",
  armenia: "armenia",
  kyrgyz: "kyrgyzstan",
  kyrgyzstan: "kyrgyzstan",
  tajik: "tajikistan",
  tajikistan: "tajikistan",
};
