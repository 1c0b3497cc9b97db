// Every procedure's input schema, fed what scripts and a broken client send: each message it
// answers with is a sentence a person can act on, never zod's own wording (which lists enum
// values, regex sources and type names: "Invalid option: expected one of …").
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { appRouter } from "../root.ts";

const wrongValues: unknown[] = [
  undefined,
  null,
  12_345,
  -1,
  1.5,
  1e308,
  Number.NaN,
  "",
  "   ",
  "not-a-uuid",
  "x".repeat(70_000),
  [],
  [1, "a", null],
  {},
  { a: 1 },
  true,
  new Date(-8.64e15),
];

/** The object schema inside optional, nullable, default and pipe wrappers, if there is one. */
function objectIn(schema: unknown): z.ZodObject | null {
  for (let current = schema, depth = 0; depth < 10; depth++) {
    if (current instanceof z.ZodObject) return current;
    if (!(current instanceof z.ZodType)) return null;
    const def: object = current._zod.def;
    current = "innerType" in def ? def.innerType : "in" in def ? def.in : null;
  }
  return null;
}

/** Inputs that put each wrong value at each field, nested objects' fields included. */
function wrongInputs(schema: z.ZodType): unknown[] {
  const inputs: unknown[] = [...wrongValues];
  const walk = (object: z.ZodObject, wrap: (value: unknown) => unknown, depth: number) => {
    for (const [key, field] of Object.entries(object.shape)) {
      for (const value of wrongValues) inputs.push(wrap({ [key]: value }));
      const inner = objectIn(field);
      if (inner && depth < 3) walk(inner, (value) => wrap({ [key]: value }), depth + 1);
    }
  };
  const root = objectIn(schema);
  if (root) walk(root, (value) => value, 0);
  return inputs;
}

/** zod's own wording: type names, enum values, regex sources, JSON. */
const ZODS_WORDING =
  /expected|received|invalid input|invalid option|invalid string|invalid element|invalid key|too (big|small)|must match|pattern|\/\^|\$\/|[|"{}[\]<>]/i;

/** A procedure's input schemas (tRPC keeps them in _def.inputs). */
function inputSchemas(procedure: unknown): z.ZodType[] {
  if (!procedure || typeof procedure !== "function" || !("_def" in procedure)) return [];
  const def: unknown = procedure._def;
  if (!def || typeof def !== "object" || !("inputs" in def) || !Array.isArray(def.inputs))
    return [];
  return def.inputs.filter((input): input is z.ZodType => input instanceof z.ZodType);
}

describe("input validation messages", () => {
  const procedures = Object.entries(appRouter._def.procedures).map(
    ([path, procedure]) => [path, inputSchemas(procedure)] as const,
  );

  it("covers every procedure with an input", () => {
    const withInput = procedures.filter(([, schemas]) => schemas.length > 0);
    expect(withInput.length).toBeGreaterThan(10);
  });

  for (const [path, schemas] of procedures) {
    if (schemas.length === 0) continue;
    it(`${path}: every refusal is a sentence for a person`, async () => {
      const unfit = new Set<string>();
      for (const schema of schemas)
        for (const input of wrongInputs(schema)) {
          const result = await schema.safeParseAsync(input);
          if (result.success) continue;
          for (const { message } of result.error.issues)
            if (ZODS_WORDING.test(message) || !/^[A-Z0-9]/.test(message)) unfit.add(message);
        }
      expect([...unfit]).toEqual([]);
    });
  }
});
