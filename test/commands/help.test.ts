import { describe, expect, it } from "vitest";
import help from "../../src/commands/help.js";

describe("/help", () => {
  it("shows how to use every command, with examples", async () => {
    const answer = await help.execute();
    const text = (answer.fields ?? []).map((field) => field.value).join("\n");
    for (const example of [
      "/ask question:what was lifted",
      "/quotes speaker:Coale",
      "/quotes speaker:Lukashenko topic:peace",
      "/source",
      "/release add url:",
      "/release remove",
      "private:true",
    ]) {
      expect(text).toContain(example);
    }
    expect(answer.buttons).toEqual([]);
  });
});
