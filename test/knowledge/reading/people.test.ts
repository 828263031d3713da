import { describe, expect, it } from "vitest";
import {
  MAX_PEOPLE,
  nationalityIn,
  PeopleIndex,
  type Person,
  titleOfRole,
} from "../../../src/knowledge/reading/people.js";

/** The people of some paragraphs, by name. */
function peopleOf(...paragraphs: string[]): Map<string, Person> {
  return new Map(new PeopleIndex(paragraphs).people.map((person) => [person.name, person]));
}

function personOf(name: string, ...paragraphs: string[]): Person {
  const person = peopleOf(...paragraphs).get(name);
  if (!person) throw new Error(`${name} was not found as a person`);
  return person;
}

/** The offices and the country of a person a paragraph names. */
function officeOf(
  name: string,
  paragraph: string,
): { titles: string[]; nationality: string | null } {
  const { titles, nationality } = personOf(name, paragraph);
  return { titles: [...titles], nationality };
}

describe("titleOfRole", () => {
  it("names the office of a role phrase by its head noun", () => {
    expect(titleOfRole(["the", "belarusian", "leader"])).toBe("president");
    expect(titleOfRole(["envoy", "of", "the", "american", "leader"])).toBe("envoy");
    expect(titleOfRole(["russia", "'s", "foreign", "minister"])).toBe("minister");
    expect(titleOfRole(["the", "chief", "aide"])).toBe("adviser");
  });

  it("reads the office after a possessive, not the one it belongs to", () => {
    expect(titleOfRole(["the", "minister", "'s", "wife"])).toBeNull();
    expect(titleOfRole(["the", "president", "'s", "envoy"])).toBe("envoy");
    expect(titleOfRole(["'s", "envoy"])).toBe("envoy");
  });

  it("takes the last office word before 'of' as the head", () => {
    expect(titleOfRole(["minister", "of", "the", "president"])).toBe("minister");
    expect(titleOfRole(["of", "the", "president"])).toBeNull();
    expect(titleOfRole(["deputy", "minister", "envoy"])).toBe("envoy");
  });

  it("finds no office in words that hold none", () => {
    expect(titleOfRole(["the", "guest"])).toBeNull();
    expect(titleOfRole([])).toBeNull();
  });
});

describe("nationalityIn", () => {
  it("gives the first nationality among the words, as its country", () => {
    expect(nationalityIn(["the", "german", "and", "french", "ministers"])).toBe("deu");
    expect(nationalityIn(["the", "minister"])).toBeNull();
  });
});

describe("PeopleIndex: who is a person", () => {
  it("takes a name with an office right before it, with the office's nationality", () => {
    const brooks = personOf(
      "Alan Brooks",
      "Belarusian officials welcomed U.S. President Alan Brooks on Monday.",
    );
    expect(brooks.nationality).toBe("usa");
    expect([...brooks.titles]).toEqual(["president"]);
    expect(brooks.firstName).toBe("Alan");
    expect(brooks.surname).toBe("Brooks");
  });

  it("takes the nationality nearest the office when two stand before it", () => {
    expect(
      personOf("Ivo Marek", "The German delegation thanked Czech Minister Ivo Marek.").nationality,
    ).toBe("cze");
  });

  it("reads an office written in title case with its country before the name", () => {
    expect(
      officeOf(
        "Oleg Kozhemyako",
        "Governor of Russia's Primorye Territory Oleg Kozhemyako opened the forum.",
      ),
    ).toEqual({ titles: ["governor"], nationality: "rus" });
    expect(
      officeOf(
        "Sergei Naryshkin",
        "Head of Russia's Foreign Intelligence Service (SVR) Sergei Naryshkin arrived.",
      ),
    ).toEqual({ titles: ["head"], nationality: "rus" });
  });

  it("reads an office set off by a comma, and one with a word after its title", () => {
    expect(
      officeOf(
        "Marcelo Ebrard",
        "The talks were joined by the Secretary of Foreign Affairs of Mexico, Marcelo Ebrard, on Friday.",
      ),
    ).toEqual({ titles: ["secretary"], nationality: "mex" });
    expect(
      officeOf("Carlos Mendes", "Later President elect of Brazil Carlos Mendes arrived."),
    ).toEqual({ titles: ["president"], nationality: "bra" });
  });

  it("does not read a headline's capitalised small words as part of an office", () => {
    const people = peopleOf("Visit Of Minister Of State To Norway Per Lund Begins");
    expect(people.get("Per Lund")?.titles.size ?? 0).toBe(0);
  });

  it("needs an office phrase of three words at least, opening with an office", () => {
    expect(peopleOf("Rich Of Norway Per Lund arrived.").has("Per Lund")).toBe(false);
    expect(peopleOf("The Harbour Director Per Lund arrived.").get("Per Lund")?.titles).toEqual(
      new Set(["director"]),
    );
  });

  it("takes an office in an apposition after the name", () => {
    expect(officeOf("Anna Weiss", "Anna Weiss, Germany's Foreign Minister, arrived.")).toEqual({
      titles: ["minister"],
      nationality: "deu",
    });
  });

  it("reads only the first six words of an apposition for an office", () => {
    const weiss = personOf(
      "Anna Weiss",
      "Anna Weiss, who arrived in the city on Monday to meet the minister, was welcomed.",
      "Anna Weiss said the talks went well.",
    );
    expect(weiss.titles.size).toBe(0);
  });

  it("takes a name with a speech verb after it, past words like 'in turn'", () => {
    for (const passing of ["in turn", "also", "then", "further", "however", "again"]) {
      expect(peopleOf(`Anna Weiss ${passing} said the talks went well.`).has("Anna Weiss")).toBe(
        true,
      );
    }
  });

  it("takes a name after a speech verb", () => {
    expect(peopleOf("“Yes,” said Anna Weiss.").has("Anna Weiss")).toBe(true);
    expect(peopleOf("“Yes,” Anna Weiss.").has("Anna Weiss")).toBe(false);
  });

  it("takes a name after an honorific", () => {
    for (const honorific of [
      "Mr",
      "Mrs",
      "Ms",
      "Dr",
      "Mr.",
      "H.E.",
      "His Excellency,",
      "Her Excellency",
      "Hon.",
      "Honourable",
      "Sir",
    ]) {
      expect(peopleOf(`The talks with ${honorific} Karl Weiss went on.`).has("Karl Weiss")).toBe(
        true,
      );
    }
  });

  it("reads a month after a name word as a surname, not before a day", () => {
    expect(
      peopleOf("Prime Minister Theresa May said the talks went well.").has("Theresa May"),
    ).toBe(true);
    expect([...peopleOf("President Donald Trump May 5 said the talks went well.").keys()]).toEqual([
      "Donald Trump",
    ]);
  });

  it("leaves out a name with nothing beside it that makes it a person", () => {
    expect(peopleOf("Anna Weiss and the delegation said the talks went well.").size).toBe(0);
    expect(peopleOf("The talks with Karl Weiss went on.").size).toBe(0);
  });

  it("drops the honorifics and office words that open a name", () => {
    const people = peopleOf(
      "State Secretary Anna Weiss said hi.",
      "Deputy Foreign Minister Karl Brandt said hi.",
      "Former Prime Minister Ola Berg said hi.",
      "Sir Tom Hale said hi.",
      "His Excellency Ian Cole said hi.",
      "Vice President Rob Kay said hi.",
      "Dr. Eva Holm said hi.",
    );
    expect([...people.keys()]).toEqual([
      "Anna Weiss",
      "Karl Brandt",
      "Ola Berg",
      "Tom Hale",
      "Ian Cole",
      "Rob Kay",
      "Eva Holm",
    ]);
    expect(people.get("Anna Weiss")?.titles).toEqual(new Set(["secretary"]));
    expect(people.get("Rob Kay")?.titles).toEqual(new Set(["president"]));
  });

  it("keeps two words of a name at least", () => {
    const people = peopleOf("Hon Dame Kay said the talks went well.");
    expect([...people.keys()]).toEqual(["Dame Kay"]);
  });

  it("finds where the name itself begins after the dropped words", () => {
    const index = new PeopleIndex(["Mr Acting Chief Lind said hi. Chief Lind added more."]);
    expect(index.mentionsIn("Mr Acting Chief Lind said hi. Chief Lind added more.")).toEqual([
      { person: index.people[0], index: 3 },
      { person: index.people[0], index: 30 },
    ]);
  });
});

describe("PeopleIndex: a surname alone", () => {
  it("is a person after an honorific, even at the start of a paragraph", () => {
    expect(peopleOf("Mr Halvorsen said nothing.").has("Halvorsen")).toBe(true);
    expect(peopleOf("Halvorsen said nothing.").has("Halvorsen")).toBe(false);
  });

  it("is a person when the release names it twice, as a speaker", () => {
    const ngutter = personOf("Ngutter", "Ngutter also expressed hope.", "Ngutter said no.");
    expect(ngutter.firstName).toBeNull();
    expect(ngutter.surname).toBe("Ngutter");
  });

  it("is no person when it is an acronym, a capital, a word or an institution's first word", () => {
    const people = peopleOf(
      "NATO said yes.",
      "NATO said no.",
      "Moscow said yes.",
      "Moscow said no.",
      "Security said yes.",
      "Security said no.",
      "Ngutter's Institute said yes.",
      "Ngutter's Institute said no.",
    );
    expect([...people.keys()]).toEqual([]);
  });
});

describe("PeopleIndex: one person under several names", () => {
  it("joins a surname and a spelling slip to the full name, counting every mention", () => {
    const index = new PeopleIndex([
      "Mr Weiss said hi.",
      "Anna Weiss said hi.",
      "Anna Weiss noted this.",
      "Anna Weiss noted that.",
      "Anna Weis said so.",
    ]);
    expect(index.people.map((person) => person.name)).toEqual(["Anna Weiss"]);
    const [weiss] = index.people;
    expect(weiss?.aliases).toEqual(new Set(["Anna Weiss", "Anna Weis", "Weiss"]));
    expect(weiss?.mentions).toBe(6);
  });

  it("names a person by the full name mentioned most", () => {
    const index = new PeopleIndex([
      "Anna Weis said so.",
      "Anna Weiss said hi.",
      "Anna Weiss noted this.",
    ]);
    expect(index.people.map((person) => person.name)).toEqual(["Anna Weiss"]);
  });

  it("keeps apart two people who share a surname", () => {
    const index = new PeopleIndex(["Anna Weiss said hi.", "Karl Weiss said hi."]);
    expect(index.people.map((person) => person.name)).toEqual(["Anna Weiss", "Karl Weiss"]);
  });

  it("joins a double surname to the full name", () => {
    const vila = personOf(
      "Mauricio Vila Dosal",
      "Governor Mauricio Vila Dosal said hi.",
      "Vila Dosal added more.",
    );
    expect(vila.aliases).toEqual(new Set(["Mauricio Vila Dosal", "Vila Dosal"]));
    expect(vila.mentions).toBe(2);
  });

  it("learns a short first name from the editor's insertion after it", () => {
    const index = new PeopleIndex([
      "U.S. Deputy Secretary of State Christopher Smith met the minister.",
      "“Thanks,” Chris [Christopher Smith, Deputy Secretary] said.",
    ]);
    expect(index.findByName("Chris")?.name).toBe("Christopher Smith");
    expect(index.findByName("Chris")?.aliases.has("Chris")).toBe(true);
  });

  it("learns no short form that is not the start of the first name, or that is someone's", () => {
    const other = new PeopleIndex([
      "U.S. Deputy Secretary of State Christopher Smith met the minister.",
      "“Thanks,” Bob [Christopher Smith] said.",
    ]);
    expect(other.findByName("Christopher Smith")?.aliases.has("Bob")).toBe(false);
    const taken = new PeopleIndex([
      "U.S. Deputy Secretary of State Christopher Smith met the minister.",
      "Chris Lee said hello.",
      "“Thanks,” Chris [Christopher Smith] said.",
    ]);
    expect(taken.findByName("Christopher Smith")?.aliases.has("Chris")).toBe(false);
  });

  it("keeps a person's nationality and offices from any mention", () => {
    const weiss = personOf(
      "Anna Weiss",
      "Anna Weiss said hi.",
      "German Foreign Minister Anna Weiss arrived.",
      "Ambassador Anna Weiss left.",
    );
    expect(weiss.nationality).toBe("deu");
    expect(weiss.titles).toEqual(new Set(["minister", "ambassador"]));
  });

  it("keeps the first nationality given, and fills it in from a later mention", () => {
    expect(
      personOf(
        "Anna Weiss",
        "German Minister Anna Weiss arrived.",
        "Austrian Minister Anna Weiss left.",
      ).nationality,
    ).toBe("deu");
    expect(
      personOf(
        "Karl Weiss",
        "Minister Weiss said hi.",
        "Karl Weiss said hi.",
        "Austrian Minister Karl Weiss left.",
      ).nationality,
    ).toBe("aut");
  });
});

describe("PeopleIndex: the catalogue of well-known people", () => {
  it("fills in the country and office of a known person under any spelling", () => {
    const people = peopleOf("Alexander Lukashenka met Vladimir Puttin.");
    const lukashenko = people.get("Alexander Lukashenka");
    expect(lukashenko?.nationality).toBe("blr");
    expect(lukashenko?.titles).toEqual(new Set(["president"]));
    expect(lukashenko?.aliases.has("Aleksandr Lukashenko")).toBe(true);
    const putin = people.get("Vladimir Puttin");
    expect(putin?.nationality).toBe("rus");
    expect(putin?.aliases.has("Vladimir Putin")).toBe(true);
  });

  it("does not take a short surname one letter off, or a surname alone, for a known person", () => {
    expect(personOf("Joe Bidn", "Joe Bidn said hi.").nationality).toBeNull();
    expect(peopleOf("Mr Puttin said hi.").get("Puttin")?.nationality).toBeNull();
  });

  it("lets the release's own office stand beside the catalogue's", () => {
    const putin = personOf("Vladimir Putin", "Chairman Vladimir Putin said hi.");
    expect(putin.titles).toEqual(new Set(["chairman", "president"]));
    expect(putin.nationality).toBe("rus");
  });
});

describe("PeopleIndex: mentions and the principal", () => {
  it("counts short mentions of a person and keeps their slips as aliases", () => {
    const index = new PeopleIndex([
      "Anna Weiss said hi.",
      "In the evening Weiss spoke and Anna thanked Weis.",
    ]);
    const [weiss] = index.people;
    expect(weiss?.mentions).toBe(4);
    expect(weiss?.aliases).toEqual(new Set(["Anna Weiss", "Weis"]));
  });

  it("makes the first person the lead names the principal", () => {
    const index = new PeopleIndex([
      "President Ivo Marek met with President Lena Dahl.",
      "Lena Dahl said hi.",
      "Lena Dahl noted this.",
    ]);
    expect(index.principal()?.name).toBe("Ivo Marek");
    expect(index.people.filter((person) => person.principal).map((person) => person.name)).toEqual([
      "Ivo Marek",
    ]);
  });

  it("takes the first person found as principal when the lead names no one", () => {
    const index = new PeopleIndex(["A meeting took place.", "Lena Dahl said hi."]);
    expect(index.principal()?.name).toBe("Lena Dahl");
    expect(new PeopleIndex(["A meeting took place."]).principal()).toBeNull();
  });

  it("lists where each person is named in a text", () => {
    const index = new PeopleIndex(["Anna Weiss said hi."]);
    const [weiss] = index.people;
    const text = "Then Weiss met Karl Brandt and Anna Weiss.";
    expect(index.mentionsIn(text)).toEqual([
      { person: weiss, index: text.indexOf("Weiss") },
      { person: weiss, index: text.indexOf("Anna Weiss") },
    ]);
  });

  it("reads at most MAX_PEOPLE people and counts the rest as overflow", () => {
    const letters = "BCDFGHKLMNPRSTVZ";
    const paragraphs: string[] = [];
    for (let index = 0; index <= MAX_PEOPLE; index++) {
      const code = `${letters[index % 16]}${letters[Math.floor(index / 16) % 16]}`;
      paragraphs.push(`Minister Ka${code.toLowerCase()}o Qu${code.toLowerCase()}ovar said hi.`);
    }
    const index = new PeopleIndex(paragraphs);
    expect(index.people.length).toBe(MAX_PEOPLE);
    expect(index.overflow).toBe(1);
  });
});

describe("PeopleIndex.findByName", () => {
  const nameOf = (written: string) =>
    new PeopleIndex([
      "Anna Weiss said hi.",
      "Karl Weiss said hi.",
      "Minister Lena Dahlberg said hi.",
      "Ambassador Lena Ostrova said hi.",
    ]).findByName(written)?.name ?? null;

  it("finds a person by full name, in any case", () => {
    expect(nameOf("Anna Weiss")).toBe("Anna Weiss");
    expect(nameOf("ANNA WEISS")).toBe("Anna Weiss");
    expect(nameOf("Lena Dahlberg")).toBe("Lena Dahlberg");
  });

  it("finds a person by a surname only one person has", () => {
    expect(nameOf("Dahlberg")).toBe("Lena Dahlberg");
    expect(nameOf("Weiss")).toBeNull();
  });

  it("finds a person by a first name only one person has", () => {
    expect(nameOf("Anna")).toBe("Anna Weiss");
    expect(nameOf("Karl")).toBe("Karl Weiss");
    expect(nameOf("Lena")).toBeNull();
  });

  it("finds a person by a slip of their surname, with the same first name", () => {
    expect(nameOf("Dahlbreg")).toBe("Lena Dahlberg");
    expect(nameOf("Lena Ostrowa")).toBe("Lena Ostrova");
    expect(nameOf("Eva Ostrowa")).toBeNull();
    expect(nameOf("Weis")).toBeNull();
  });

  it("finds no one for text without a name", () => {
    expect(nameOf("the minister")).toBeNull();
    expect(nameOf("")).toBeNull();
  });

  it("finds a person by an alias learnt after an earlier look-up", () => {
    const people = new PeopleIndex(["Minister Lena Dahlberg said hi."]);
    expect(people.findByName("Dahl Lena")).toBeNull();
    const [dahlberg] = people.people;
    if (!dahlberg) throw new Error("no person");
    people.noteRole(dahlberg, "Dahl Lena");
    expect(people.findByName("Dahl Lena")).toBe(dahlberg);
  });
});

describe("PeopleIndex.resolveRole", () => {
  /** Built afresh for each look-up: a role resolved is remembered as an alias. */
  const cast = () =>
    new PeopleIndex([
      "Belarusian President Ivo Marek met with U.S. President Alan Brooks.",
      "Alan Brooks said hi.",
      "Alan Brooks noted this.",
      "U.S. Ambassador Lena Dahl said hi.",
      "German Chancellor Karl Brandt said hi.",
      "Secretary of Foreign Affairs Eva Holm said hi.",
      "Director Per Lund said hi.",
    ]);
  /** The person a role phrase resolves to, with the named person as the one the text is about. */
  const role = (phrase: string, salientName: string | null = null) => {
    const index = cast();
    const salient = index.people.find((person) => person.name === salientName) ?? null;
    return index.resolveRole(phrase, salient)?.name ?? null;
  };

  it("finds the one holder of an office of a nationality", () => {
    expect(role("the Belarusian leader")).toBe("Ivo Marek");
    expect(role("the American president")).toBe("Alan Brooks");
    expect(role("the U.S. ambassador")).toBe("Lena Dahl");
    expect(role("the German chancellor")).toBe("Karl Brandt");
  });

  it("finds the holder of an office whose country the release does not give", () => {
    expect(role("the ambassador")).toBe("Lena Dahl");
    expect(role("the Italian ambassador")).toBeNull();
  });

  it("takes a diplomat for an ambassador, envoy, minister or secretary", () => {
    expect(role("the American diplomat")).toBe("Lena Dahl");
  });

  it("takes the office under another government's name when no one holds it by this one", () => {
    expect(role("the foreign minister")).toBe("Eva Holm");
    expect(role("the German premier")).toBe("Karl Brandt");
    expect(role("the head of the agency")).toBe("Per Lund");
  });

  it("does not take another government's name for an office of a known other country", () => {
    expect(role("the Belarusian chancellor")).toBeNull();
  });

  it("takes, of two holders, the one the text is about", () => {
    expect(role("the president", "Alan Brooks")).toBe("Alan Brooks");
    expect(role("the president", "Lena Dahl")).toBe("Ivo Marek");
  });

  it("takes the release's own principal for the head of state and for an unqualified president", () => {
    expect(role("the head of state", "Alan Brooks")).toBe("Ivo Marek");
    expect(role("the head of the state", "Alan Brooks")).toBe("Ivo Marek");
    expect(role("the president")).toBe("Ivo Marek");
  });

  it("takes the holder mentioned most when two hold an office and nothing else decides", () => {
    const ministers = new PeopleIndex([
      "Talks were held in Oslo.",
      "Minister Per Lund said hi.",
      "Minister Eva Holm said hi.",
      "Eva Holm noted this.",
      "Eva Holm noted that.",
    ]);
    expect(ministers.resolveRole("the minister")?.name).toBe("Eva Holm");
  });

  it("finds no one for a phrase without an office", () => {
    expect(role("the guest")).toBeNull();
  });
});

describe("PeopleIndex.noteRole", () => {
  it("keeps a role phrase without its article as an alias", () => {
    const index = new PeopleIndex(["Minister Lena Dahl said hi."]);
    const [dahl] = index.people;
    if (!dahl) throw new Error("no person");
    dahl.aliases.clear();
    index.noteRole(dahl, "  The Danish minister ");
    index.noteRole(dahl, "envoy of the queen");
    index.noteRole(dahl, "the   host");
    index.noteRole(dahl, "the minister who came from far away in the north today");
    index.noteRole(dahl, "the one who signed the treaty with the king");
    index.noteRole(dahl, "   ");
    expect(dahl.aliases).toEqual(
      new Set([
        "Danish minister",
        "envoy of the queen",
        "host",
        "one who signed the treaty with the king",
      ]),
    );
  });
});

describe("PeopleIndex: offices written out before a name", () => {
  const titlesOf = (name: string, paragraph: string) => [...personOf(name, paragraph).titles];

  it("reads the small words of an office's name: for, and, the, of", () => {
    expect(
      officeOf(
        "Simon Coveney",
        "Minister for Foreign Affairs and Trade of Ireland Simon Coveney arrived.",
      ),
    ).toEqual({ titles: ["minister"], nationality: "irl" });
    expect(titlesOf("Deb Haaland", "Secretary of the Interior Deb Haaland arrived.")).toEqual([
      "secretary",
    ]);
  });

  it("takes an office with a word after its title only where the title stands before it", () => {
    expect(titlesOf("Carlos Mendes", "President elect of Brazil Carlos Mendes arrived.")).toEqual([
      "president",
    ]);
    expect(
      titlesOf(
        "Oleg Kozhemyako",
        "Later today Governor of Russia's Primorye Territory Oleg Kozhemyako spoke.",
      ),
    ).toEqual(["governor"]);
  });

  it("reads the office from where its phrase begins, not from an earlier one", () => {
    expect(
      titlesOf(
        "Oleg Kozhemyako",
        "The minister of culture thanked Governor of Primorye Territory Oleg Kozhemyako.",
      ),
    ).toEqual(["governor"]);
  });

  it("needs three words for an office phrase that does not end in its title", () => {
    expect(peopleOf("Head Office Oleg Petrov arrived.").size).toBe(0);
  });

  it("does not give the next name an office set between two commas after another name", () => {
    const people = peopleOf(
      "The president received Wang Yi, member of the State Council, Minister of Foreign Affairs of China, Kazinform News Agency reports.",
    );
    expect(people.has("Kazinform News")).toBe(false);
  });

  it("reads a country before the office that opens the phrase", () => {
    expect(officeOf("James Mattis", "U.S. Secretary of Defense James Mattis said hi.")).toEqual({
      titles: ["secretary"],
      nationality: "usa",
    });
  });

  it("takes an acronym and a common word for an organisation, a surname in capitals for a person", () => {
    const people = peopleOf(
      "Ahead of this week's NATO Summit, the Prime Minister and President Biden agreed.",
      "He thanked NATO Allies, Minister Lena Dahl said.",
      "Minister MOTEGI Toshimitsu said hi.",
    );
    expect(people.has("NATO Summit")).toBe(false);
    expect(people.has("NATO Allies")).toBe(false);
    expect(people.has("MOTEGI Toshimitsu")).toBe(true);
    expect(peopleOf("Minister J. Price said hi.").has("J Price")).toBe(true);
  });

  it("keeps an office after a short opening and a comma", () => {
    expect(
      officeOf("Marcelo Ebrard", "Today, Secretary of Foreign Affairs, Marcelo Ebrard, said hi."),
    ).toEqual({ titles: ["secretary"], nationality: null });
  });

  it("takes a word after an 'of' that follows no office for part of the name", () => {
    expect([...peopleOf("They welcomed the visit of Bill de Blasio, who said hi.").keys()]).toEqual(
      ["Bill de Blasio"],
    );
  });

  it("leaves the department after 'of' out of the name", () => {
    expect([...peopleOf("Secretary of the Interior Deb Haaland arrived.").keys()]).toEqual([
      "Deb Haaland",
    ]);
    expect([...peopleOf("The visit of Aleksandr Grigoryevich Lukashenko began.").keys()]).toEqual([
      "Aleksandr Grigoryevich Lukashenko",
    ]);
  });

  it("reads the nationality of an office from the six words before the name", () => {
    expect(
      personOf("Alan Brooks", "Belarusian hosts, in a warm hall, welcomed President Alan Brooks.")
        .nationality,
    ).toBeNull();
  });

  it("takes no one on an apposition that holds no office", () => {
    expect(peopleOf("Anna Weiss, a keen sailor, arrived.").size).toBe(0);
  });
});

describe("PeopleIndex: more on names", () => {
  it("does not count a full name's first word as the word said alone", () => {
    expect([...peopleOf("Anna Weiss said hi.", "Later on, Anna said so.").keys()]).toEqual([
      "Anna Weiss",
    ]);
  });

  it("takes no common word said alone twice for a person", () => {
    expect(peopleOf("Progress said yes.", "Progress said no.").size).toBe(0);
  });

  it("takes a surname alone followed by a new sentence", () => {
    expect(
      peopleOf(
        "“Yes,” said Ngutter. Later he left.",
        "“No,” said Ngutter. Later he came back.",
      ).has("Ngutter"),
    ).toBe(true);
  });

  it("joins the spellings of a known person's name under one person", () => {
    expect([
      ...peopleOf("Alexander Lukashenka said hi.", "Aleksandr Lukashenko said so.").keys(),
    ]).toEqual(["Alexander Lukashenka"]);
  });

  it("takes a five-letter surname one letter off a known person's for that person", () => {
    expect(personOf("Joe Bidan", "Joe Bidan said hi.").nationality).toBe("usa");
  });

  it("keeps a role phrase spaced out over more words when it has eight at most", () => {
    const index = new PeopleIndex(["Minister Lena Dahl said hi."]);
    const [dahl] = index.people;
    if (!dahl) throw new Error("no person");
    index.noteRole(dahl, "envoy  of  the  northern  king");
    expect(dahl.aliases.has("envoy  of  the  northern  king")).toBe(true);
  });
});

describe("PeopleIndex.resolveRole: offices under other names and nationalities", () => {
  const role = (paragraphs: string[], phrase: string) =>
    new PeopleIndex(paragraphs).resolveRole(phrase)?.name ?? null;

  it("prefers the holder of the office's nationality to one whose country is not given", () => {
    const paragraphs = [
      "Talks were held in Oslo.",
      "U.S. Ambassador Lena Dahl said hi.",
      "Ambassador Per Lund said hi.",
      "Per Lund noted this.",
      "Per Lund noted that.",
    ];
    expect(role(paragraphs, "the American ambassador")).toBe("Lena Dahl");
  });

  it("takes an office under another name, of the country asked or of none given", () => {
    const paragraphs = [
      "Talks were held in Oslo.",
      "German Chancellor Karl Brandt said hi.",
      "Secretary of Foreign Affairs Eva Holm said hi.",
    ];
    expect(role(paragraphs, "the premier")).toBe("Karl Brandt");
    expect(role(paragraphs, "the Mexican foreign minister")).toBe("Eva Holm");
  });

  it("takes each office for its other names", () => {
    const only = (paragraph: string, phrase: string) =>
      role(["Talks were held in Oslo.", paragraph], phrase);
    expect(only("Minister Eva Holm said hi.", "the secretary")).toBe("Eva Holm");
    expect(only("Premier Eva Holm said hi.", "the chancellor")).toBe("Eva Holm");
    expect(only("Chairman Eva Holm said hi.", "the head of the board")).toBe("Eva Holm");
    expect(only("Director Eva Holm said hi.", "the head of the board")).toBe("Eva Holm");
    expect(only("Head Eva Holm of the board said hi.", "the chairman")).toBe("Eva Holm");
  });

  it("takes an envoy, a minister or a secretary for a diplomat", () => {
    const only = (paragraph: string) =>
      role(["Talks were held in Oslo.", paragraph], "the diplomat");
    expect(only("Envoy Eva Holm said hi.")).toBe("Eva Holm");
    expect(only("Minister Eva Holm said hi.")).toBe("Eva Holm");
    expect(only("Secretary Eva Holm said hi.")).toBe("Eva Holm");
  });

  it("does not take a holder's wife for the holder", () => {
    expect(role(["Minister Eva Holm said hi."], "the minister's wife")).toBeNull();
  });

  it("takes the holder mentioned most, not the principal, for an office other than president", () => {
    const paragraphs = [
      "Per Lund opened the talks.",
      "Minister Per Lund said hi.",
      "Minister Eva Holm said hi.",
      "Eva Holm noted this.",
      "Eva Holm noted that.",
    ];
    expect(role(paragraphs, "the minister")).toBe("Eva Holm");
  });
});
