// Meilisearch filter expressions built from user input. Values are always quoted and
// escaped, attributes come from a fixed list: a crafted value cannot change the filter.
export function quote(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

export const FACETS = ["kind", "language", "organizationKind", "region", "subjects"] as const;
export type Facet = (typeof FACETS)[number];

export type FacetSelection = Partial<Record<Facet, string[]>>;

/** AND across facets, OR within one facet. */
export function buildFilter(selection: FacetSelection, base: string[] = []): string[] {
  const parts = [...base];
  for (const facet of FACETS) {
    const values = (selection[facet] ?? []).filter((v) => v.length > 0 && v.length <= 200).slice(0, 20);
    if (values.length) parts.push(`(${values.map((v) => `${facet} = ${quote(v)}`).join(" OR ")})`);
  }
  return parts;
}
