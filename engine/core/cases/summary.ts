/** @module The staff summary of a case: one type the engine builds and the studio's case lists read. */

/** A case as staff see it (see docs/api-cases.md); `GET /api/cases` lists these. */
export interface CaseSummary {
  id: string;
  number: string;
  category: string;
  categoryName: { en: string; zh: string } | null;
  channel: string;
  status: string;
  statusLabel: { en: string; zh: string } | null;
  priority: string;
  leadUnitId: string | null;
  assistingUnitIds: string[];
  title: string;
  supervisionLevel: number;
  ruleSetId: string;
  ruleSetVersion: number;
  slaLight: string;
  dueAt: string | null;
  createdAt: string;
  updatedAt: string;
}
