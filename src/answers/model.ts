/**
 * The one answer model every command produces. The Discord renderer and the terminal renderer
 * both read it, so the bot and the offline console always say the same thing.
 */

export interface Statement {
  entryId: string;
  kind: "quote" | "fact";
  /** Canonical speaker; null means the release's own narration. */
  speaker: string | null;
  reportedBy: string | null;
  letter: boolean;
  text: string;
  /**
   * The part of `text` that answers the question, verbatim; both renderers stress it, and cut a
   * long statement around it. Absent where the whole statement is the answer.
   */
  focus?: string;
  paragraph: number;
  /** ISO date of the release, or null. */
  date: string | null;
  /**
   * Short name of the release the statement comes from (its title or lead), shown beside ¶N when
   * several releases are loaded; empty when there is only one, where it would say nothing.
   */
  release: string;
}

export type ButtonStyle = "primary" | "secondary";

export interface AnswerButton {
  /** The custom id: it carries all the state the click needs. */
  id: string;
  label: string;
  style: ButtonStyle;
  disabled?: boolean;
}

export interface AnswerField {
  name: string;
  value: string;
}

export type AnswerTone = "answer" | "empty" | "error";

export interface Answer {
  tone: AnswerTone;
  title: string;
  /** A one-line answer the release states outright ("11 September 2025"), above the rest. */
  direct?: string;
  /** Plain text shown above the statements (user text in it is already escaped by the renderer). */
  intro?: string;
  statements: Statement[];
  /** Extra name/value blocks, such as the release list of /source or the examples of /help. */
  fields?: AnswerField[];
  footer?: string;
  page?: { current: number; total: number };
  buttons: AnswerButton[];
  /** Private answers are shown only to the person who asked. */
  ephemeral?: boolean;
}
