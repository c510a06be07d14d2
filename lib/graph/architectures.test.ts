import { describe, expect, it } from "vitest";
import { ARCHITECTURE_IDS, architecture, listArchitectures } from "./architectures";
import { graphSchema } from "./checked-graph-schema";

describe("the twelve architecture templates", () => {
  it("are the catalogue's twelve, each with a when-to-use paragraph and a graph the API would save", () => {
    expect(listArchitectures().map((a) => a.id)).toEqual([...ARCHITECTURE_IDS]);
    expect(ARCHITECTURE_IDS).toHaveLength(12);
    for (const id of ARCHITECTURE_IDS) {
      const a = architecture(id);
      expect(a.whenToUse.length, id).toBeGreaterThan(150);
      const parsed = graphSchema.safeParse(a.graph);
      expect(parsed.success ? [] : parsed.error.issues, id).toEqual([]);
    }
  });

  it("hands out a copy: editing one does not change the template", () => {
    architecture("react").graph.nodes[0]!.role = "changed";
    expect(architecture("react").graph.nodes[0]!.role).toBe("framer");
  });
});
