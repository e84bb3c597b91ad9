// An organization's past projects as its page shows them. Pure: the queries are in
// app/models/project.server.ts.

export interface OrgLink {
  id: string;
  name: string;
}

export interface ProjectPartners {
  /** The other organizations of the project, the lead first, then by name. */
  shown: (OrgLink & { lead: boolean })[];
  /** How many more there are than shown. */
  more: number;
  /** The organization whose page this is led the project. */
  ledBySelf: boolean;
}

/**
 * The partners one project lists on `selfId`'s page. The lead counts as a participant
 * even when the imported partner list left it out (the file is stored as given), and
 * the page's own organization is not listed among its partners.
 */
export function projectPartners(selfId: string, lead: OrgLink | null, partners: OrgLink[], max: number): ProjectPartners {
  const others = new Map<string, OrgLink>();
  for (const p of partners) if (p.id !== selfId) others.set(p.id, p);
  const otherLead = lead && lead.id !== selfId ? lead : null;
  if (otherLead) others.delete(otherLead.id);
  const rest = [...others.values()]
    .sort((a, b) => a.name.localeCompare(b.name, "sv") || (a.id < b.id ? -1 : 1))
    .map((p) => ({ ...p, lead: false }));
  const all = otherLead ? [{ ...otherLead, lead: true }, ...rest] : rest;
  const shown = all.slice(0, Math.max(0, max));
  return { shown, more: all.length - shown.length, ledBySelf: lead?.id === selfId };
}
