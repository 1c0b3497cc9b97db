import { updateLessonInput } from "@guild/api/schemas/learning";
import { describe, expect, it } from "vitest";
import {
  boxFromDate,
  dateFromBox,
  emptyBlock,
  fieldKey,
  lessonDraft,
  lessonInput,
} from "./lesson-draft.ts";

const stored = {
  title: "Soil",
  subtitle: "Sand, silt and clay",
  difficulty: "intermediate" as const,
  estimatedMinutes: 12,
  level: 2,
  gate: 3,
  xpReward: 50,
  dripDays: null,
  dripAt: new Date(2027, 2, 12),
  freePreview: true,
  prerequisiteIds: [],
  content: [
    { id: "intro", type: "markdown" as const, markdown: "# Soil" },
    {
      id: "quiz",
      type: "quiz" as const,
      passScore: 60,
      attemptLimit: null,
      questions: [
        {
          id: "q1",
          kind: "single" as const,
          prompt: "Finest grain?",
          options: [
            { id: "a", text: "Sand" },
            { id: "b", text: "Clay" },
          ],
          correctOptionId: "b",
        },
        { id: "q2", kind: "short" as const, prompt: "Say clay", acceptedAnswers: ["clay", "Clay"] },
      ],
    },
  ],
};

describe("the lesson editor's draft", () => {
  it("gives back what it was made from, as the API takes it", () => {
    const input = lessonInput(lessonDraft(stored));
    expect(input).toEqual(stored);
    expect(updateLessonInput.safeParse({ ...input, id: crypto.randomUUID() }).success).toBe(true);
  });

  it("keeps an empty box as none, and what is not a number for the schema to refuse", () => {
    const draft = { ...lessonDraft(stored), estimatedMinutes: " ", dripDays: "abc", xpReward: "" };
    const input = lessonInput(draft);
    expect(input.estimatedMinutes).toBeNull();
    const checked = updateLessonInput.safeParse({ ...input, id: crypto.randomUUID() });
    expect(checked.success).toBe(false);
    const fields = checked.error?.issues.map((issue) => fieldKey(issue.path)) ?? [];
    expect(fields.sort()).toEqual(["dripDays", "xpReward"]);
  });

  it("names a quiz question's field by its path", () => {
    const draft = lessonDraft(stored);
    const quiz = draft.content[1];
    if (quiz?.type !== "quiz") throw new Error("the quiz is the second block");
    const [single] = quiz.questions;
    if (!single) throw new Error("no question");
    quiz.questions[0] = { ...single, prompt: "" };
    const checked = updateLessonInput.safeParse({
      ...lessonInput(draft),
      id: crypto.randomUUID(),
    });
    expect(checked.error?.issues.map((issue) => fieldKey(issue.path))).toEqual([
      "content.1.questions.0.prompt",
    ]);
  });

  it("starts new blocks empty, with unique ids the schema accepts", () => {
    const blocks = (["markdown", "video", "callout", "quiz"] as const).map(emptyBlock);
    expect(new Set(blocks.map((b) => b.id)).size).toBe(4);
    for (const block of blocks) expect(block.id).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
  });

  it("reads a date box as that local day and back", () => {
    expect(boxFromDate(dateFromBox("2027-03-12"))).toBe("2027-03-12");
    expect(dateFromBox("")).toBeNull();
    expect(boxFromDate(null)).toBe("");
  });
});
