/**
 * A mixed handful of interactions (slash commands, autocomplete, a button) sent through the fake
 * Discord, for the reliability tests to check that the bot still answers each one.
 */
import { InteractionResponseType } from "discord.js";
import { expect } from "vitest";
import { buttonIds } from "../e2e/harness.js";
import type { FakeDiscord, InteractionTrace } from "../fakeDiscord/index.js";

/**
 * Sends one of each kind of interaction (a button from a fresh answer, so its id is current)
 * and waits until every one is answered.
 */
export async function sendMixed(fake: FakeDiscord): Promise<InteractionTrace[]> {
  const quotes = await fake.slashCommand("quotes", { speaker: "Coale" });
  const next = buttonIds(quotes)[0] ?? "quotes:2";
  const traces = await Promise.all([
    fake.slashCommand("ask", { question: "what was lifted" }),
    fake.slashCommand("source"),
    fake.autocomplete("quotes", { speaker: "Luka" }, "speaker"),
    fake.clickButton(next, { message: quotes.original }),
  ]);
  traces.push(quotes);
  await Promise.all(traces.map((trace) => trace.settled()));
  return traces;
}

/** Every trace got a real answer: embeds for messages, choices for autocomplete. */
export function expectAnswered(traces: readonly InteractionTrace[]): void {
  for (const trace of traces) {
    const response = trace.response;
    expect(response, `no accepted response for interaction ${trace.id}`).toBeDefined();
    if (response?.type === InteractionResponseType.ApplicationCommandAutocompleteResult) {
      expect(response.data?.choices?.length).toBeGreaterThan(0);
    } else {
      expect(trace.original?.embeds?.length).toBe(1);
    }
  }
}
