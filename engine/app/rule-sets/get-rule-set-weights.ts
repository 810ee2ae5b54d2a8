/** @module The AHP weights view of a rule-set version: derived weights, λmax, CI, CR and method of every node with a pairwise matrix. */
import { type AhpIndicatorLike, type AhpNodeWeights, describeAhpNodes } from '../../core/scoring/ahp.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { getVersion } from './get-version.ts';

/** The weights view of one version. */
export interface RuleSetWeights {
  ruleSetId: string;
  number: number;
  status: string;
  /** Revision the view was computed from (a draft changes with every save). */
  revision: number;
  /** Every indicator with an AHP comparison, in document order. */
  nodes: AhpNodeWeights[];
}

const isIndicator = (d: unknown): d is AhpIndicatorLike & { kind: 'indicator' } =>
  typeof d === 'object' &&
  d !== null &&
  (d as { kind?: unknown }).kind === 'indicator' &&
  typeof (d as { id?: unknown }).id === 'string';

/**
 * Derived weights and consistency of every AHP node of a version, drafts included (so the office
 * sees why a reweight gives the numbers it gives before submitting). Same visibility as
 * `getVersion`: unpublished versions only for those who may read drafts. An invalid matrix is
 * shown with its issues, never an error.
 */
export async function getRuleSetWeights(
  deps: AppDeps,
  input: { actor: Actor; ruleSetId: string; number: number },
): Promise<RuleSetWeights> {
  const version = await getVersion(deps, input);
  const documents = (version.content as { documents?: unknown }).documents;
  const indicators = Array.isArray(documents) ? documents.filter(isIndicator) : [];
  return {
    ruleSetId: version.ruleSetId,
    number: version.number,
    status: version.status,
    revision: version.revision,
    nodes: describeAhpNodes(indicators),
  };
}
