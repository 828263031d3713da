import { describe, expect, it } from "vitest";
import source from "../../src/commands/source.js";
import { createFakeLibrary, RELEASE_FILE } from "./fakeLibrary.js";

const request = { options: {}, userId: "u1" };

describe("/source", () => {
  it("describes each release: date written out, publisher, lead, counts and file", async () => {
    const answer = await source.execute(request, { library: createFakeLibrary() });
    expect(answer.tone).toBe("answer");
    expect(answer.intro).toBe("1 release loaded. Every answer quotes it word for word.");
    expect(answer.fields).toEqual([
      {
        name: "11 September 2025 · Public",
        value:
          "Belarusian President Aleksandr Lukashenko met with U.S. President's representative John Coale.\n" +
          `13 quotes · 1 fact · 3 speakers · ${RELEASE_FILE}`,
      },
    ]);
  });

  it("says undated when the release gives no date, and lists load warnings", async () => {
    const library = createFakeLibrary({
      date: null,
      warnings: [
        { file: "broken.txt", message: "The file is empty." },
        { file: RELEASE_FILE, paragraph: 4, message: "A quote has no closing mark." },
      ],
    });
    const answer = await source.execute(request, { library });
    expect(answer.fields?.[0]?.name).toBe("undated · Public");
    expect(answer.fields?.[1]).toEqual({
      name: "Load warnings",
      value: `broken.txt: The file is empty.\n${RELEASE_FILE} ¶4: A quote has no closing mark.`,
    });
  });
});
