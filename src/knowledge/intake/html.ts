import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { dateIn, dayMonthIn } from "../reading/header.js";

/** What a web page gives for a release: its headline, its date as printed, and the text to save. */
export interface PageText {
  title: string | null;
  dateText: string | null;
  /** Title line, date line, then one paragraph a line; "" when the page holds no article. */
  text: string;
}

/** What is read of linkedom's DOM: its typings lean on the DOM library this project leaves out. */
interface PageNodes {
  querySelector(selectors: string): PageElement | null;
  querySelectorAll(selectors: string): Iterable<PageElement>;
}
interface PageElement extends PageNodes {
  readonly textContent: string | null;
  readonly localName: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  append(...nodes: PageElement[]): void;
  replaceWith(...nodes: string[]): void;
  remove(): void;
}
interface PageDocument extends PageNodes {
  readonly documentElement: PageElement | null;
  readonly head: PageElement;
  readonly body: PageElement;
  createElement(tagName: string): PageElement;
}

/** Blocks that each make one paragraph of the release. */
const BLOCKS = "p, li, blockquote, h2, h3, h4";
/** Where a page prints its date: a <time>, a microdata date, or an element its class calls one. */
const DATE_ELEMENTS = "time, [itemprop=datePublished], [itemprop=dateCreated], [class*=date i]";
/** A date is a few words; an element with more text is a container that happens to be named so. */
const MAX_DATE_LENGTH = 60;
/** Head elements that must stay in <head>, where Readability reads the title and metadata. */
const HEAD_ELEMENTS = "title, meta, link, base";
/** Readability keeps photo captions as part of the story; a release has none. */
const CAPTIONS = "figcaption, [class*=caption i], [itemprop=caption]";
/** A paragraph of a release ends a sentence, a quote or a lead-in to a list. */
const ENDS_SENTENCE = /[.!?…:;"”»')]$/;

/**
 * The release text of a press-service page: the article Readability finds, without the menus,
 * share buttons, captions and related links around it, in the shape `parseRelease` reads.
 * `pageUrl` is where the page came from, the base its links resolve against; the text is the
 * same without it.
 */
export function releaseTextFromHtml(html: string, pageUrl?: string): PageText {
  const document = completeDocument(html, pageUrl);
  // Readability rewrites the document, so what it would lose is read first.
  const dateText = printedDate(document);
  const headings = [...document.querySelectorAll("h1")].map(textOf);
  for (const caption of document.querySelectorAll(CAPTIONS)) caption.remove();
  const article = new Readability<PageElement>(document, {
    serializer: (node) => node as PageElement,
  }).parse();
  const title = headlineIn(collapse(article?.title ?? ""), headings) || headings[0] || null;
  if (!article?.content) return { title, dateText, text: "" };
  const paragraphs = withoutPageChrome(
    leafBlocks(article.content)
      .map(paragraphText)
      .filter((line) => line !== "" && line !== title && line !== dateText),
  );
  if (paragraphs.length === 0) return { title, dateText, text: "" };
  const lines = [title, dateText, ...paragraphs].filter((line): line is string => line !== null);
  return { title, dateText, text: lines.join("\n") };
}

/**
 * Readability keeps the site's name after a headline of a few words ("Talks held - Ministry of
 * …"); the page's h1 that starts the title is the headline alone.
 */
function headlineIn(title: string, headings: readonly string[]): string {
  const headline = headings.find(
    (heading) =>
      heading !== "" &&
      title.startsWith(heading) &&
      /^\s+[|\-–—:»·]\s/.test(title.slice(heading.length)),
  );
  return headline ?? title;
}

/**
 * linkedom builds a usable tree only from a whole `<html>…<body>` page; a fragment or a page
 * without a <body> tag is read again inside one, with its head elements moved back to <head>.
 */
function completeDocument(html: string, pageUrl: string | undefined): PageDocument {
  let document: PageDocument = parseHTML(html).document;
  if (document.documentElement?.localName !== "html" || !document.querySelector("html > body")) {
    document = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document;
    for (const element of document.body.querySelectorAll(HEAD_ELEMENTS)) {
      document.head.append(element);
    }
  }
  // A saved or fetched page has no address of its own for Readability to resolve links against.
  if (pageUrl && !document.querySelector("base[href]")) {
    const base = document.createElement("base");
    base.setAttribute("href", pageUrl);
    document.head.append(base);
  }
  return document;
}

/**
 * The first date the page prints, as printed ("11 September 2025"); failing that, the date its
 * metadata gives. Only text the release parser reads as a date counts.
 */
function printedDate(document: PageDocument): string | null {
  for (const element of document.querySelectorAll(DATE_ELEMENTS)) {
    const printed = textOf(element);
    const written =
      printed && printed.length <= MAX_DATE_LENGTH
        ? printed
        : isoDay(element.getAttribute("datetime") ?? element.getAttribute("content"));
    if (written && (dateIn(written) !== null || dayMonthIn(written) !== null)) return written;
  }
  const published = document.querySelector(
    "meta[property='article:published_time'], meta[name='article:published_time']",
  );
  return isoDay(published?.getAttribute("content") ?? null);
}

/** "2025-03-04" of "2025-03-04T09:15:00+01:00": the parser reads a date, not a timestamp. */
function isoDay(value: string | null): string | null {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(value?.trim() ?? "")?.[0];
  return day && dateIn(day) !== null ? day : null;
}

/** The innermost blocks: a <blockquote> holding <p>s gives its paragraphs, not one run of them. */
function leafBlocks(content: PageElement): PageElement[] {
  return [...content.querySelectorAll(BLOCKS)].filter(
    (block) => block.querySelector(BLOCKS) === null,
  );
}

function paragraphText(block: PageElement): string {
  // A line break inside a paragraph joins two sentences; without a space they would run together.
  for (const lineBreak of block.querySelectorAll("br")) lineBreak.replaceWith(" ");
  return textOf(block);
}

/**
 * Without the lines before the first sentence and after the last one: a date and view count, a
 * caption, a "Related news" heading that Readability kept beside the story.
 */
function withoutPageChrome(lines: readonly string[]): string[] {
  const first = lines.findIndex((line) => ENDS_SENTENCE.test(line));
  const last = lines.findLastIndex((line) => ENDS_SENTENCE.test(line));
  return first < 0 ? [] : lines.slice(first, last + 1);
}

function textOf(element: PageElement | null): string {
  return collapse(element?.textContent ?? "");
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
