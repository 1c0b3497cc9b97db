// A Vite build plugin: fails the build when the chunks import each other in a circle. Chunk
// groups (chunk-groups.ts) move modules between chunks, and a module moved into `app` that a
// `data-table` module imports, while `app` imports `data-table`, makes two chunks that each wait
// for the other: the browser then runs one before the other's exports exist, and the app died at
// boot with "Cannot read properties of undefined (reading 'lazy')". Static imports only: a
// dynamic import() waits for its chunk and cannot deadlock.
import type { Plugin } from "vite";

/** Each circle of static imports among chunks, as the chunk names around it; none: []. */
export function chunkCycles(imports: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (chunk: string) => {
    state.set(chunk, "open");
    path.push(chunk);
    for (const next of imports.get(chunk) ?? []) {
      const seen = state.get(next);
      if (seen === "open") cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (seen === undefined && imports.has(next)) visit(next);
    }
    path.pop();
    state.set(chunk, "done");
  };
  for (const chunk of [...imports.keys()].sort()) if (!state.has(chunk)) visit(chunk);
  return cycles;
}

export function noChunkCycles(): Plugin {
  return {
    name: "guild-no-chunk-cycles",
    apply: "build",
    generateBundle(_options, bundle) {
      const imports = new Map<string, readonly string[]>();
      for (const output of Object.values(bundle))
        if (output.type === "chunk") imports.set(output.fileName, output.imports);
      const cycles = chunkCycles(imports);
      if (cycles.length > 0)
        this.error(
          `chunks import each other in a circle (build/chunk-cycles.ts):\n${cycles
            .map((cycle) => `  ${cycle.join(" → ")}`)
            .join("\n")}`,
        );
    },
  };
}
