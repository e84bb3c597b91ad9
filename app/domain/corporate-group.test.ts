import { describe, expect, it } from "vitest";
import { cycleIfParentSet, findCycles, groupOf, groupsOf, parentChain, ultimateParent } from "#app/domain/corporate-group.ts";

const m = (o: Record<string, string | null>) => new Map(Object.entries(o));
// volvo ← cars ← sverige; volvo ← trucks; acme alone
const group = m({ volvo: null, cars: "volvo", sverige: "cars", trucks: "volvo", acme: null });

describe("corporate groups", () => {
  it.each([
    ["volvo", ["volvo"], "volvo"],
    ["cars", ["cars", "volvo"], "volvo"],
    ["sverige", ["sverige", "cars", "volvo"], "volvo"], // grandparent
    ["trucks", ["trucks", "volvo"], "volvo"], // sibling of cars, same group
    ["acme", ["acme"], "acme"],
    ["unknown", ["unknown"], "unknown"], // not in the map: its own group
  ])("%s: chain %j, group %s", (id, chain, top) => {
    expect(parentChain(id, group)).toEqual({ chain });
    expect(ultimateParent(id, group)).toBe(top);
    expect(groupOf(id, group)).toBe(top);
  });

  it("names each group once, and leaves an organization in a loop standing alone", () => {
    expect(groupsOf(["cars", "trucks", "acme", "sverige"], group)).toEqual(["volvo", "acme"]);
    const bad = m({ a: "b", b: "c", c: "a", d: "a", e: "volvo", volvo: null });
    expect([groupOf("a", bad), groupOf("d", bad), groupOf("e", bad)]).toEqual(["a", "d", "volvo"]);
  });

  it.each([
    ["volvo", "sverige", ["volvo", "sverige", "cars"]], // grandchild as parent
    ["volvo", "volvo", ["volvo"]], // itself
    ["cars", "sverige", ["cars", "sverige"]],
  ])("refuses %s → parent %s as a cycle", (id, parent, cycle) => {
    expect(cycleIfParentSet(id, parent, group)).toEqual(cycle);
  });

  it.each([
    ["acme", "volvo"],
    ["acme", null],
    ["sverige", "trucks"], // moving within the group
  ])("allows %s → parent %s", (id, parent) => expect(cycleIfParentSet(id, parent, group)).toBeUndefined());

  it("finds each cycle in a map once, and names a cycle instead of looping", () => {
    const bad = m({ a: "b", b: "c", c: "a", d: "a", e: null, f: "f" });
    expect(findCycles(bad)).toEqual([["a", "b", "c"], ["f"]]);
    expect(() => ultimateParent("d", bad)).toThrow("Corporate group cycle: a → b → c");
    expect(findCycles(group)).toEqual([]);
  });
});
