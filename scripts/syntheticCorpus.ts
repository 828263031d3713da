/**
 * A deterministic synthetic corpus of press releases in the seed's format, for `npm run bench`:
 * a header line (distributor line, date and title, or title and date), one paragraph a line,
 * quotes attributed by full name, surname, office ("the head of state", "the Kazakh leader"),
 * pronoun, a lead-in colon, verb-first ("stated X"), letters read out, speech nested in single
 * quotes, spelling slips of names, and narration. The wording draws on the whole English word list
 * with a Zipf distribution, so the vocabulary grows with the corpus as a real archive's does.
 *
 * Every quote records who was meant to have said it, so a test can check that the parser reads
 * the attributions as intended.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { isStopWord } from "../src/knowledge/words/text.js";

// ---------------------------------------------------------------------------------------------
// Random numbers

/** mulberry32: small, fast and the same on every machine. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  constructor(readonly random: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  chance(probability: number): boolean {
    return this.random() < probability;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }
  shuffle<T>(items: T[]): T[] {
    for (let index = items.length - 1; index > 0; index--) {
      const other = Math.floor(this.random() * (index + 1));
      const swap = items[index] as T;
      items[index] = items[other] as T;
      items[other] = swap;
    }
    return items;
  }
}

/** Words drawn by rank with a Zipf–Mandelbrot law: a few very common, a long tail of rare ones. */
class Zipf {
  private readonly cumulative: Float64Array;
  constructor(
    readonly words: readonly string[],
    exponent = 1.05,
    shift = 2.7,
  ) {
    this.cumulative = new Float64Array(words.length);
    let total = 0;
    for (let rank = 0; rank < words.length; rank++) {
      total += 1 / (rank + shift) ** exponent;
      this.cumulative[rank] = total;
    }
    for (let rank = 0; rank < words.length; rank++) {
      this.cumulative[rank] = (this.cumulative[rank] ?? 0) / total;
    }
  }
  draw(random: () => number): string {
    const target = random();
    let low = 0;
    let high = this.words.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.cumulative[middle] ?? 1) < target) low = middle + 1;
      else high = middle;
    }
    return this.words[low] ?? "";
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** The press service's everyday words: they head the distributions, as they would in an archive. */
const DOMAIN_NOUNS = `cooperation economy trade sanction relation investment agreement project
  partnership security region conflict peace development industry agriculture energy export import
  market integration delegation negotiation meeting dialogue issue priority initiative opportunity
  enterprise production machine tractor potash fertilizer grain harvest technology education
  science healthcare medicine vaccine tourism transport logistics railway airline border customs
  sovereignty independence stability prosperity friendship neighbor ally partner interest position
  program roadmap summit forum visit anniversary victory memory history heritage culture sport
  prisoner pardon release hostage opposition propaganda misinformation election parliament
  constitution referendum reform budget tariff duty loan credit bank currency inflation price
  contract supply shipment plant factory construction housing infrastructure digitalization
  innovation satellite space nuclear power station gas oil pipeline electricity grid water forest
  ecology climate harvest livestock dairy meat potato flax timber furniture textile chemistry
  pharmaceutical university student youth family children veteran pension salary employment
  labor wage migration refugee humanitarian aid assistance crisis pandemic threat terrorism army
  defense military exercise weapon treaty alliance union commonwealth embassy consulate ministry
  governor region district city capital village president envoy minister ambassador letter gift
  cufflinks decision order instruction question answer proposal request support`.split(/\s+/);

const DOMAIN_ADJECTIVES = `bilateral multilateral economic political strategic mutual reliable
  friendly constructive productive important key difficult complex global regional national
  international historic unprecedented promising practical concrete joint common fair open
  frank honest sincere stable sustainable modern innovative industrial agricultural humanitarian
  diplomatic official personal serious significant considerable huge enormous good excellent`.split(
  /\s+/,
);

const DOMAIN_VERBS = `develop strengthen expand discuss address resolve implement support increase
  reduce promote protect ensure guarantee establish restore normalize intensify diversify finance
  supply deliver export import produce build modernize launch sign ratify approve adopt consider
  negotiate settle lift remove impose extend deepen broaden accelerate coordinate harmonize
  overcome achieve maintain preserve defend respect welcome appreciate`.split(/\s+/);

const DOMAIN_ADVERBS = `immediately quickly carefully openly frankly jointly actively steadily
  consistently seriously significantly substantially gradually fully completely truly really
  especially primarily mostly`.split(/\s+/);

const require = createRequire(import.meta.url);

interface Vocabulary {
  nouns: Zipf;
  adjectives: Zipf;
  verbs: Zipf;
  adverbs: Zipf;
  size: number;
}

function buildVocabulary(dice: Dice): Vocabulary {
  const english = (require("an-array-of-english-words") as string[]).filter(
    (word) => /^[a-z]{3,14}$/.test(word) && !isStopWord(word),
  );
  const buckets = { nouns: [] as string[], adjectives: [] as string[], verbs: [] as string[] };
  const adverbs: string[] = [];
  for (const word of dice.shuffle([...english])) {
    if (/ly$/.test(word)) adverbs.push(word);
    else if (/(?:al|ous|ive|ic|able|ible|ful|less|ary|ish)$/.test(word))
      buckets.adjectives.push(word);
    else if (/(?:ize|ise|ate|ify)$/.test(word)) buckets.verbs.push(word);
    else if (!/(?:ed|ing|s)$/.test(word)) buckets.nouns.push(word);
  }
  const head = (domain: readonly string[], rest: readonly string[]) => {
    const seen = new Set(domain);
    return [...domain, ...rest.filter((word) => !seen.has(word))];
  };
  const nouns = head(DOMAIN_NOUNS, buckets.nouns);
  const adjectives = head(DOMAIN_ADJECTIVES, buckets.adjectives);
  const verbs = head(DOMAIN_VERBS, buckets.verbs);
  const adverbList = head(DOMAIN_ADVERBS, adverbs);
  return {
    nouns: new Zipf(nouns),
    adjectives: new Zipf(adjectives),
    verbs: new Zipf(verbs),
    adverbs: new Zipf(adverbList),
    size: nouns.length + adjectives.length + verbs.length + adverbList.length,
  };
}

// ---------------------------------------------------------------------------------------------
// People

interface Country {
  /** "Belarusian", as an adjective before an office. */
  adjective: string;
  /** "Belarus". */
  name: string;
}

/** Countries whose adjectives the parser knows (catalogue.ts NATIONALITIES). */
const COUNTRIES: readonly Country[] = [
  { adjective: "Belarusian", name: "Belarus" },
  { adjective: "Russian", name: "Russia" },
  { adjective: "Chinese", name: "China" },
  { adjective: "Kazakh", name: "Kazakhstan" },
  { adjective: "Azerbaijani", name: "Azerbaijan" },
  { adjective: "Uzbek", name: "Uzbekistan" },
  { adjective: "Polish", name: "Poland" },
  { adjective: "Lithuanian", name: "Lithuania" },
  { adjective: "German", name: "Germany" },
  { adjective: "French", name: "France" },
  { adjective: "British", name: "UK" },
  { adjective: "Turkish", name: "Turkey" },
  { adjective: "Iranian", name: "Iran" },
  { adjective: "Indian", name: "India" },
  { adjective: "Vietnamese", name: "Vietnam" },
  { adjective: "Venezuelan", name: "Venezuela" },
  { adjective: "Armenian", name: "Armenia" },
  { adjective: "Kyrgyz", name: "Kyrgyzstan" },
  { adjective: "Tajik", name: "Tajikistan" },
  { adjective: "American", name: "the United States" },
];

type Office = "president" | "envoy" | "minister" | "ambassador" | "governor" | "chairman";

/** How a release names an office before a name, and how it refers back to its holder. */
const OFFICES: Record<Office, { before: string[]; roles: string[] }> = {
  president: { before: ["President"], roles: ["leader", "President", "head of state"] },
  envoy: {
    before: ["Special Envoy", "Presidential Envoy", "Special Representative"],
    roles: ["envoy", "representative"],
  },
  minister: {
    before: ["Foreign Minister", "Minister of Economy", "Minister of Industry", "Trade Minister"],
    roles: ["minister"],
  },
  ambassador: { before: ["Ambassador"], roles: ["ambassador"] },
  governor: { before: ["Governor"], roles: ["governor"] },
  chairman: { before: ["Chairman"], roles: ["chairman"] },
};

export interface SyntheticPerson {
  name: string;
  firstName: string;
  surname: string;
  country: Country;
  office: Office;
  female: boolean;
}

const ONSETS = `b br ch d dr g gr k kh kr l m n p pr r s sh st t tr v vl z zh`.split(" ");
const VOWELS = `a e i o u ya yu ia ei ai`.split(" ");
const CODAS = `n r l s k v sh m t`.split(" ");
const SURNAME_ENDINGS = `enko ov ev in sky ski ovich yan ashvili ulin ez ova eva ina`.split(" ");
const MALE_FIRST = `Aleksei Andrei Boris Dmitry Igor Ivan Kirill Maxim Nikolai Oleg Pavel Roman
  Sergei Stanislav Viktor Yuri Arman Bakhyt Dauren Erlan Farid Javier Marco Pierre Lukas Tomas
  Mehmet Ali Rahul Minh Nguyen Tigran Aram Azamat Rustam Jonathan Michael Robert William
  Heinrich Klaus Jacques Emre Kemal Vikram Anil`.split(/\s+/);
const FEMALE_FIRST = `Anna Elena Irina Natalia Olga Svetlana Tatiana Yulia Aigerim Dana Gulnara
  Maria Sofia Claire Camille Ingrid Katarina Ayse Priya Lan Ani Lilit Nargiza Sarah Emily
  Hannah`.split(/\s+/);

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function makeSurname(dice: Dice, female: boolean): string {
  let stem = dice.pick(ONSETS) + dice.pick(VOWELS);
  if (dice.chance(0.7)) stem += dice.pick(CODAS);
  if (dice.chance(0.4)) stem += dice.pick(ONSETS) + dice.pick(VOWELS);
  let ending = dice.pick(SURNAME_ENDINGS);
  if (female && /^(?:ov|ev|in)$/.test(ending)) ending = `${ending}a`;
  return capitalise(stem + ending);
}

function makePeople(dice: Dice, count: number): SyntheticPerson[] {
  const people: SyntheticPerson[] = [];
  const used = new Set<string>();
  const offices: Office[] = [
    "president",
    "president",
    "envoy",
    "minister",
    "minister",
    "ambassador",
    "governor",
    "chairman",
  ];
  while (people.length < count) {
    const female = dice.chance(0.25);
    const firstName = dice.pick(female ? FEMALE_FIRST : MALE_FIRST);
    const surname = makeSurname(dice, female);
    if (used.has(surname.toLowerCase())) continue;
    used.add(surname.toLowerCase());
    people.push({
      name: `${firstName} ${surname}`,
      firstName,
      surname,
      country: dice.pick(COUNTRIES),
      office: dice.pick(offices),
      female,
    });
  }
  return people;
}

const PRINCIPAL: SyntheticPerson = {
  name: "Aleksandr Lukashenko",
  firstName: "Aleksandr",
  surname: "Lukashenko",
  country: { adjective: "Belarusian", name: "Belarus" },
  office: "president",
  female: false,
};

// ---------------------------------------------------------------------------------------------
// Sentences

class Writer {
  constructor(
    private readonly dice: Dice,
    private readonly vocabulary: Vocabulary,
  ) {}
  noun = () => this.vocabulary.nouns.draw(this.dice.random);
  adjective = () => this.vocabulary.adjectives.draw(this.dice.random);
  verb = () => this.vocabulary.verbs.draw(this.dice.random);
  adverb = () => this.vocabulary.adverbs.draw(this.dice.random);

  private phrase(): string {
    const roll = this.dice.random();
    if (roll < 0.35) return `the ${this.adjective()} ${this.noun()}`;
    if (roll < 0.6) return `the ${this.noun()} of ${this.noun()}`;
    if (roll < 0.8) return `our ${this.noun()}`;
    return `${this.noun()} and ${this.noun()}`;
  }

  /** One sentence a person might say; `names` are people the speaker may refer to. */
  spoken(names: readonly string[], countries: readonly string[]): string {
    const d = this.dice;
    const templates: Array<() => string> = [
      () => `We ${this.verb()} ${this.phrase()} with ${d.pick(countries)}.`,
      () => `I am ${this.adjective()} that ${this.phrase()} will ${this.verb()} ${this.phrase()}.`,
      () =>
        `Our ${this.noun()} has always been ${this.adjective()}, and we ${this.verb()} ${this.phrase()} in ${this.noun()} and ${this.noun()}.`,
      () => `It is ${this.adjective()} to ${this.verb()} ${this.phrase()} ${this.adverb()}.`,
      () =>
        `${d.pick(countries)} is ready to ${this.verb()} ${this.noun()} on ${this.noun()}, ${this.noun()} and ${this.noun()}.`,
      () => `The ${this.noun()} of ${this.noun()} must not ${this.verb()} ${this.phrase()}.`,
      () => `I think you will ${this.verb()} ${this.phrase()} and ${this.phrase()} yourselves.`,
      () => `Why should we ${this.verb()} ${this.phrase()}?`,
      () => `This is ${this.phrase()}, and it is ${this.adjective()}!`,
      () => `As ${d.pick(names)} once put it, ${this.phrase()} is ${this.adjective()}.`,
      () =>
        `There are enough ${this.noun()} problems in the world, so let us ${this.verb()} ${this.phrase()} first.`,
      () =>
        `We have ${this.adverb()} discussed ${this.phrase()}, ${this.phrase()} and ${this.phrase()}.`,
      () =>
        `If ${d.pick(names)} is interested, we can ${this.verb()} ${this.phrase()} (though probably not very).`,
    ];
    return d.pick(templates)();
  }

  speech(names: readonly string[], countries: readonly string[], min = 1, max = 4): string {
    const count = this.dice.int(min, max);
    return Array.from({ length: count }, () => this.spoken(names, countries)).join(" ");
  }

  /** Narration with at least three content words, so the parser keeps it as a fact. */
  narration(a: string, b: string): string {
    const d = this.dice;
    const templates: Array<() => string> = [
      () =>
        `The parties discussed ${this.noun()}, ${this.noun()} and ${this.adjective()} ${this.noun()}.`,
      () => `${a} handed over a gift from ${b}: a ${this.adjective()} ${this.noun()}.`,
      () => `${a} and ${b} paid particular attention to ${this.phrase()} and ${this.phrase()}.`,
      () =>
        `The talks focused on ${this.phrase()}, ${this.phrase()} and the ${this.noun()} sector.`,
      () =>
        `The delegations agreed to ${this.verb()} ${this.phrase()} before the ${this.noun()} forum.`,
    ];
    return d.pick(templates)();
  }
}

// ---------------------------------------------------------------------------------------------
// Releases

export interface SyntheticQuote {
  /** Who the generator meant to have said it. */
  speaker: string;
  /** Its first words, enough to find the parsed entry. */
  opening: string;
}

export interface SyntheticRelease {
  file: string;
  text: string;
  quotes: SyntheticQuote[];
  /** Speakers quoted in it. */
  speakers: string[];
}

export interface SyntheticCorpus {
  releases: SyntheticRelease[];
  people: SyntheticPerson[];
  /** Words the releases draw on (nouns, adjectives, verbs, adverbs). */
  vocabularySize: number;
}

export interface CorpusOptions {
  releases: number;
  seed?: number;
}

const MONTHS = `January February March April May June July August September October November
  December`.split(/\s+/);

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z]+/g, "-");
}

/** Things a person is referred to by once introduced, as the parser should resolve them. */
function references(person: SyntheticPerson, others: readonly SyntheticPerson[]): string[] {
  const refs = [person.name, person.surname, `${person.name}`];
  const sameOffice = others.filter((other) => other !== person && other.office === person.office);
  const sameOfficeAndCountry = sameOffice.filter(
    (other) => other.country.adjective === person.country.adjective,
  );
  if (sameOfficeAndCountry.length === 0) {
    for (const role of OFFICES[person.office].roles) {
      if (role === "head of state") {
        if (person === PRINCIPAL) refs.push("the head of state");
        continue;
      }
      refs.push(`the ${person.country.adjective} ${role}`);
    }
  }
  return refs;
}

class ReleaseWriter {
  private readonly paragraphs: string[] = [];
  private readonly quotes: SyntheticQuote[] = [];

  constructor(
    private readonly dice: Dice,
    private readonly writer: Writer,
    private readonly host: SyntheticPerson,
    private readonly guest: SyntheticPerson,
    private readonly absent: SyntheticPerson,
  ) {}

  private quote(speaker: SyntheticPerson, text: string): string {
    this.quotes.push({ speaker: speaker.name, opening: text.slice(0, 30) });
    return text;
  }

  private speech(min = 1, max = 4): string {
    const names = [this.absent.surname, `${this.absent.firstName}`, this.guest.surname];
    const countries = [this.host.country.name, this.guest.country.name];
    return this.writer.speech(names, countries, min, max);
  }

  private verb(): string {
    return this.dice.pick([
      "said",
      "said",
      "said",
      "noted",
      "added",
      "stressed",
      "emphasized",
      "remarked",
      "stated",
      "explained",
      "continued",
      "underlined",
    ]);
  }

  /** A comma before the closing mark, as the press service writes before an attribution. */
  private withComma(speech: string): string {
    return /[?!]$/.test(speech) ? speech : `${speech.replace(/\.$/, "")},`;
  }

  write(): { paragraphs: string[]; quotes: SyntheticQuote[] } {
    const { dice, host, guest, absent } = this;
    const people = [host, guest, absent];
    const hostRefs = references(host, people);
    const guestRefs = references(guest, people);
    const guestOffice = dice.pick(OFFICES[guest.office].before);
    this.paragraphs.push(
      `${host.country.adjective} President ${host.name} met with ${guest.country.adjective} ${guestOffice} ${guest.name}.`,
    );
    this.paragraphs.push(
      `${guest.name} conveyed greetings from ${absent.country.adjective} President ${absent.name} and ${dice.pick(["discussed", "outlined", "reviewed"])} ${this.writer.noun()} and ${this.writer.noun()}.`,
    );
    const count = dice.int(16, 30);
    let lastSpeaker: SyntheticPerson = host;
    let letterRead = false;
    for (let index = 0; index < count; index++) {
      const speaker = dice.chance(0.55) ? host : guest;
      const refs = speaker === host ? hostRefs : guestRefs;
      const roll = dice.random();
      let paragraph: string;
      if (roll < 0.3) {
        // "…," the head of state said at the beginning of the meeting.
        const ref = index === 0 ? speaker.name : dice.pick(refs);
        const tail = dice.chance(0.2) ? " at the beginning of the meeting" : "";
        paragraph = `"${this.withComma(this.quote(speaker, this.speech()))}" ${ref} ${this.verb()}${tail}.`;
        if (dice.chance(0.35)) paragraph += ` "${this.quote(speaker, this.speech(1, 3))}"`;
      } else if (roll < 0.42) {
        // …," stated Aleksandr Lukashenko.
        const before = dice.chance(0.5)
          ? `${dice.pick(["He", "The parties"])} proposed discussing ${this.writer.noun()} and ${this.writer.noun()}. `
          : "";
        paragraph = `${speaker === lastSpeaker || !before.startsWith("He") ? before : ""}"${this.withComma(this.quote(speaker, this.speech()))}" ${dice.pick(["stated", "added", "noted"])} ${speaker.name}.`;
      } else if (roll < 0.54) {
        // Aleksandr Lukashenko emphasized the importance of …: "…"
        const ref = dice.chance(0.6) ? speaker.name : dice.pick([speaker.surname, speaker.name]);
        paragraph = `${ref} ${dice.pick(["emphasized", "stressed", "noted", "underlined"])} the importance of ${this.writer.noun()} and ${this.writer.noun()}: "${this.quote(speaker, this.speech())}"`;
      } else if (roll < 0.62 && speaker === lastSpeaker) {
        // He also stressed that …: "…"
        const pronoun = speaker.female ? "She" : "He";
        paragraph = `${pronoun} also stressed that the ${this.writer.noun()} sector was a key issue: "${this.quote(speaker, this.speech())}"`;
      } else if (roll < 0.68) {
        // Nested speech: 'Do it immediately.'
        const order = `${capitalise(this.writer.verb())} it ${this.writer.adverb()}.`;
        const inner = `I had a meeting with President ${absent.surname}, who said: '${order}' ${this.speech(1, 2)}`;
        this.quote(speaker, inner);
        this.quotes.push({ speaker: absent.name, opening: order.slice(0, 30) });
        paragraph = `"${this.withComma(inner)}" ${speaker.name} ${this.verb()}.`;
      } else if (roll < 0.74 && !letterRead && speaker === guest) {
        // A letter read out.
        letterRead = true;
        const intro = `First of all, I have something for you. Let me read this letter from President ${absent.surname} to you`;
        this.quote(guest, intro);
        this.paragraphs.push(`"${intro}," ${dice.pick(guestRefs.slice(0, 2))} said.`);
        const opening = `Dear Mr. ${host.surname}, ${this.speech(1, 2)}`;
        this.quote(absent, opening);
        this.paragraphs.push(`The letter reads: "${opening}"`);
        paragraph = `"${this.withComma(this.quote(absent, this.speech(1, 2)))}" the letter says.`;
      } else if (roll < 0.8) {
        // A slip of the name: "John Cole" for "John Coale".
        const slipped = `${speaker.firstName} ${slipOf(speaker.surname, dice)}`;
        paragraph = `"${this.withComma(this.quote(speaker, this.speech()))}" ${slipped} ${this.verb()}.`;
      } else if (roll < 0.88) {
        paragraph = this.writer.narration(
          guest.name,
          `${absent.country.adjective} President ${absent.name}`,
        );
        if (dice.chance(0.5)) paragraph += ` ${this.writer.narration(host.name, guest.name)}`;
      } else {
        // "…," she said. (after a paragraph about her)
        paragraph = `${speaker.name} ${dice.pick(["recalled", "mentioned"])} ${this.writer.noun()} and ${this.writer.noun()}. "${this.withComma(this.quote(speaker, this.speech()))}" ${speaker.female ? "she" : "he"} ${this.verb()}.`;
      }
      this.paragraphs.push(paragraph);
      lastSpeaker = speaker;
    }
    return { paragraphs: this.paragraphs, quotes: this.quotes };
  }
}

/** A one-letter slip in the middle of a surname that keeps it a name ("Coale" → "Cole"). */
function slipOf(surname: string, dice: Dice): string {
  if (surname.length < 6) return surname;
  const at = dice.int(2, surname.length - 3);
  return surname.slice(0, at) + surname.slice(at + 1);
}

function header(dice: Dice, date: Date, guest: SyntheticPerson, host: SyntheticPerson): string[] {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  const us = `${pad(month)}/${pad(day)}/${year}`;
  const title = `${host.surname} meets with ${guest.country.adjective} ${guest.office} ${guest.name}`;
  const roll = dice.random();
  if (roll < 0.5)
    return [
      `${us} | Press release | Distributed by Public on ${us} ${pad(dice.int(6, 22))}:${pad(dice.int(0, 59))}`,
    ];
  if (roll < 0.8) return [`${day} ${MONTHS[month - 1]} ${year}`, title];
  return [title, `${MONTHS[month - 1]} ${day}, ${year}`];
}

/** Generates `releases` releases; the same options always give the same texts. */
export function generateCorpus(options: CorpusOptions): SyntheticCorpus {
  const seed = options.seed ?? 42;
  const dice = new Dice(prng(seed));
  const vocabulary = buildVocabulary(new Dice(prng(seed ^ 0x5eed)));
  const writer = new Writer(dice, vocabulary);
  const people = makePeople(dice, 200 + Math.ceil(options.releases / 5));
  const hosts = [
    PRINCIPAL,
    ...people.filter((person) => person.office === "president").slice(0, 4),
  ];
  const releases: SyntheticRelease[] = [];
  const files = new Set<string>();
  const start = Date.UTC(2012, 0, 1);
  const span = Date.UTC(2025, 11, 31) - start;
  for (let index = 0; index < options.releases; index++) {
    const host = dice.chance(0.75) ? PRINCIPAL : dice.pick(hosts);
    let guest = dice.pick(people);
    while (guest === host) guest = dice.pick(people);
    let absent = dice.pick(people);
    while (absent === host || absent === guest) absent = dice.pick(people);
    const date = new Date(start + Math.floor(dice.random() * span));
    const iso = date.toISOString().slice(0, 10);
    let file = `${iso}-${slug(host.surname)}-${slug(guest.surname)}.txt`;
    for (let suffix = 2; files.has(file); suffix++)
      file = `${iso}-${slug(host.surname)}-${slug(guest.surname)}-${suffix}.txt`;
    files.add(file);
    const { paragraphs, quotes } = new ReleaseWriter(dice, writer, host, guest, absent).write();
    const text = `${[...header(dice, date, guest, host), ...paragraphs].join("\n")}\n`;
    const speakers = [...new Set(quotes.map((quote) => quote.speaker))];
    releases.push({ file, text, quotes, speakers });
  }
  return { releases, people: [PRINCIPAL, ...people], vocabularySize: vocabulary.size };
}

export async function writeCorpus(dir: string, corpus: SyntheticCorpus): Promise<void> {
  await mkdir(dir, { recursive: true });
  const batch = 64;
  for (let index = 0; index < corpus.releases.length; index += batch) {
    await Promise.all(
      corpus.releases
        .slice(index, index + batch)
        .map((release) => writeFile(join(dir, release.file), release.text)),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Queries

/** A typing slip: a letter dropped, doubled, swapped with its neighbour or replaced. */
function typo(word: string, dice: Dice): string {
  const at = dice.int(1, word.length - 2);
  const kind = dice.int(0, 3);
  if (kind === 0) return word.slice(0, at) + word.slice(at + 1);
  if (kind === 1) return word.slice(0, at) + (word[at] ?? "") + word.slice(at);
  if (kind === 2)
    return word.slice(0, at) + (word[at + 1] ?? "") + (word[at] ?? "") + word.slice(at + 2);
  const letters = "abcdefghijklmnoprstuvwy";
  return word.slice(0, at) + letters[dice.int(0, letters.length - 1)] + word.slice(at + 1);
}

function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]+/g) ?? []).filter(
    (word) => word.length >= 4 && !isStopWord(word),
  );
}

export interface AskQuery {
  question: string;
  /** Whether a word of it was misspelt on purpose. */
  typo: boolean;
}

/**
 * Questions a user might ask of the corpus: words of its statements, with a speaker's name or
 * not, one in four with a misspelt word, and a few about nothing in it.
 */
export function askQueries(corpus: SyntheticCorpus, count: number, seed = 7): AskQuery[] {
  const dice = new Dice(prng(seed));
  const queries: AskQuery[] = [];
  const offTopic = [
    "how to bake bread",
    "weather in Minsk tomorrow",
    "what is the capital of France",
    "stock market news",
  ];
  while (queries.length < count) {
    const release = dice.pick(corpus.releases);
    const quote = dice.pick(release.quotes);
    const line = release.text.split("\n").find((paragraph) => paragraph.includes(quote.opening));
    const pool = contentWords(line ?? quote.opening);
    if (pool.length < 3) continue;
    const a = dice.pick(pool);
    const b = dice.pick(pool);
    const c = dice.pick(pool);
    const withTypo = dice.chance(0.25);
    const spell = (word: string) => (withTypo && word.length >= 5 ? typo(word, dice) : word);
    const surname = quote.speaker.split(" ").at(-1) ?? quote.speaker;
    const roll = dice.random();
    let question: string;
    if (roll < 0.3) question = `what did ${surname} say about ${spell(a)} and ${b}`;
    else if (roll < 0.5) question = `${spell(a)} ${b}`;
    else if (roll < 0.62) question = `who talked about ${spell(a)}`;
    else if (roll < 0.75) question = `${spell(a)} ${b} ${c}`;
    else if (roll < 0.85) question = `did ${surname} mention the ${spell(a)}`;
    else if (roll < 0.93) question = `what was said on ${spell(a)}`;
    else if (roll < 0.97) question = `what did ${surname} say first`;
    else question = dice.pick(offTopic);
    queries.push({ question, typo: withTypo && /[a-z]{5}/.test(a) });
  }
  return queries;
}

export interface QuotesQuery {
  name: string;
  topic?: string;
  release?: string;
}

/** /quotes requests: surnames, full names, offices and misspelt names, some on a topic or release. */
export function quotesQueries(corpus: SyntheticCorpus, count: number, seed = 11): QuotesQuery[] {
  const dice = new Dice(prng(seed));
  const queries: QuotesQuery[] = [];
  while (queries.length < count) {
    const release = dice.pick(corpus.releases);
    const quote = dice.pick(release.quotes);
    const [first = "", ...rest] = quote.speaker.split(" ");
    const surname = rest.at(-1) ?? first;
    const roll = dice.random();
    const name =
      roll < 0.5
        ? surname
        : roll < 0.7
          ? quote.speaker
          : roll < 0.8
            ? "head of state"
            : typo(surname, dice);
    const query: QuotesQuery = { name };
    if (dice.chance(0.3)) {
      const pool = contentWords(quote.opening);
      if (pool.length > 0) query.topic = dice.pick(pool);
    }
    if (dice.chance(0.2)) query.release = release.file.replace(/\.txt$/, "");
    queries.push(query);
  }
  return queries;
}
