import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { releaseTextFromHtml } from "../../../src/knowledge/intake/html.js";
import { parseRelease } from "../../../src/knowledge/reading/parse.js";

function page(name: string): string {
  return readFileSync(`test/fixtures/pages/${name}`, "utf8");
}

interface PageCase {
  file: string;
  title: string;
  dateText: string;
  isoDate: string;
  paragraphs: string[];
  /** Text of the menus, breadcrumb, share buttons, caption, tags, related links and footer. */
  chrome: string[];
  /** [paragraph, speaker, how the quote begins] */
  quotes: Array<[number, string, string]>;
}

const PAGES: PageCase[] = [
  {
    file: "ministry-article.html",
    title: "Foreign Minister Irena Kovalenko met with Ambassador Tomas Veldt",
    dateText: "11 September 2025",
    isoDate: "2025-09-11",
    paragraphs: [
      "On 11 September, Foreign Minister of Aldoria Irena Kovalenko met with Ambassador of Norland Tomas Veldt in Port Selwyn at the beginning of his diplomatic mission.",
      "“We are glad to welcome you in Port Selwyn. Our two countries have worked together for more than thirty years, and I am sure that your mission will open a new chapter,” Irena Kovalenko said.",
      "The sides discussed the state of bilateral relations, the preparation of the next meeting of the intergovernmental commission, and cooperation in the fields of energy, education and culture.",
      "“Norland sees Aldoria as a reliable partner. I will do everything in my power to bring our peoples closer,” Tomas Veldt said.",
      "Irena Kovalenko also stressed the importance of the regular air service between the two capitals, which resumed in spring.",
      "The Minister wished the Ambassador success in his work.",
    ],
    chrome: [
      "Skip to main content",
      "Consular Services",
      "Search the site",
      "Minister’s News",
      "greets the Ambassador",
      "Photo: Press Service",
      "Share",
      "Copy link",
      "Telegram",
      "Bilateral relations",
      "Related news",
      "Deputy Minister held consultations",
      "9 September 2025",
      "All rights reserved",
      "Privacy policy",
    ],
    quotes: [
      [2, "Irena Kovalenko", "We are glad to welcome you"],
      [4, "Tomas Veldt", "Norland sees Aldoria"],
    ],
  },
  {
    file: "presidential-cms.html",
    title: "President Marek Dunstan holds talks with Prime Minister Solveig Arneth",
    dateText: "September 11, 2025, 14:20",
    isoDate: "2025-09-11",
    paragraphs: [
      "President of Kestria Marek Dunstan held talks with Prime Minister of Ostmark Solveig Arneth at the Palace of Independence.",
      "«Madam Prime Minister, welcome to Kestria. We have a full agenda today, from the grain corridor to the new bridge over the Lenna river,» Marek Dunstan said.",
      // Two sentences the page separates with <br>.
      "The President noted that trade between the two countries grew by almost a fifth last year. He added that Kestrian companies are ready to take part in the construction of the bridge.",
      "«We came with concrete proposals. Our government is ready to sign the agreement on the bridge before the end of the year,» Solveig Arneth said.",
      "The talks continued in an extended format with the participation of the delegations.",
    ],
    chrome: [
      "Site map",
      "Documents",
      "Main page",
      "Meetings and talks",
      "Telephone conversations",
      "Views",
      "before the talks in restricted format",
      "Share this news",
      "Print version",
      "Tags",
      "Other news on this topic",
      "rector of the National University",
      "September 10, 2025",
      "Press Service of the President",
      "link to the source is obligatory",
    ],
    quotes: [
      [2, "Marek Dunstan", "Madam Prime Minister, welcome"],
      [4, "Solveig Arneth", "We came with concrete proposals"],
    ],
  },
  {
    file: "agency-dateline.html",
    title: "Varnia and Estrava agree to reopen border crossings",
    // The page prints no date outside the dateline; its metadata gives one.
    dateText: "2025-03-04",
    isoDate: "2025-03-04",
    paragraphs: [
      "LINDGRAD, 4 March (VNA) – Varnian Foreign Minister Anselm Rook and his Estravan counterpart Dagny Holm agreed on Tuesday to reopen three crossings on the common border from the first of May, the Varnian Foreign Ministry reported.",
      "The ministers met in Lindgrad for the first time since the crossings were closed two years ago.",
      "“People on both sides of the border have waited for this day for too long. From May, a family in Holmvik will again be able to visit relatives in Tarn without a detour of three hundred kilometres,” Anselm Rook told reporters after the talks.",
      "According to the agreement, the crossings will reopen in stages:",
      "the Holmvik–Tarn crossing for passenger cars on 1 May;",
      "the Ostra railway crossing for freight trains on 15 May;",
      "the Lake Vell ferry crossing in the summer season.",
      "“This is a first step, not the last one. We also want to simplify visas for students and researchers,” Dagny Holm said.",
      "The next round of consultations is to take place in Estrava in the autumn.",
    ],
    chrome: [
      "Economy",
      "EUR 1.0842",
      "News / Politics",
      "shake hands in Lindgrad",
      "Lena Brask",
      "Share on Facebook",
      "Send by email",
      "#Borders",
      "Read also",
      "Rail freight to Estrava",
      "Registered as a mass medium",
      "hyperlink to VNA",
    ],
    quotes: [
      [3, "Anselm Rook", "People on both sides of the border"],
      [8, "Dagny Holm", "This is a first step"],
    ],
  },
];

describe.each(PAGES)("$file", (pageCase) => {
  const read = releaseTextFromHtml(page(pageCase.file), "https://press.example/news/1");

  it("keeps the title and the date as the page prints them", () => {
    expect(read.title).toBe(pageCase.title);
    expect(read.dateText).toBe(pageCase.dateText);
  });

  it("gives the title line, the date line and every paragraph in order, one a line", () => {
    expect(read.text.split("\n")).toEqual([
      pageCase.title,
      pageCase.dateText,
      ...pageCase.paragraphs,
    ]);
  });

  it("leaves out the menus, breadcrumb, share buttons, caption, tags, related links and footer", () => {
    for (const chrome of pageCase.chrome) expect(read.text).not.toContain(chrome);
  });

  it("reads as a release: title, date and who said each quote", () => {
    const { release } = parseRelease("page.txt", read.text);
    expect(release.title).toBe(pageCase.title);
    expect(release.date).toBe(pageCase.isoDate);
    expect(release.paragraphs).toEqual(pageCase.paragraphs);
    const quotes = release.entries.filter((entry) => entry.kind === "quote");
    expect(quotes.map((quote) => [quote.source.paragraph, quote.speaker])).toEqual(
      pageCase.quotes.map(([paragraph, speaker]) => [paragraph, speaker]),
    );
    for (const [index, [, , opening]] of pageCase.quotes.entries()) {
      expect(quotes[index]?.text).toMatch(new RegExp(`^${opening}`));
    }
  });
});

describe("pages without an article", () => {
  it("gives no text for a page whose body is drawn by JavaScript", () => {
    expect(releaseTextFromHtml(page("app-shell.html")).text).toBe("");
  });

  it("gives no text for an empty file or bare words", () => {
    expect(releaseTextFromHtml("").text).toBe("");
    expect(releaseTextFromHtml("   \n").text).toBe("");
    expect(
      releaseTextFromHtml("<html><body><nav><a href='/'>Home</a></nav></body></html>").text,
    ).toBe("");
  });
});

describe("markup that is not a whole page", () => {
  it("reads a fragment saved without <html> and <body>, taking the headline from its h1", () => {
    const read = releaseTextFromHtml(
      `<title>Envoy received - Ministry of Aldoria</title>
       <h1>Envoy received</h1>
       <span class="news-date">3 May 2024</span>
       <p>The Minister received the envoy of Norland in Port Selwyn.</p>
       <p>&quot;We agreed on the next steps,&quot; Anna Berg said.</p>`,
    );
    expect(read.text).toBe(
      [
        "Envoy received",
        "3 May 2024",
        "The Minister received the envoy of Norland in Port Selwyn.",
        '"We agreed on the next steps," Anna Berg said.',
      ].join("\n"),
    );
    const { release } = parseRelease("fragment.txt", read.text);
    expect(release.title).toBe("Envoy received");
    expect(release.date).toBe("2024-05-03");
  });
});
