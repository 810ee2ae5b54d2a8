/** @module Builds the demo district's rule set (pure) from its indicator system, seeds/indicators/district-indicators.json, and the units of seeds/units.json. */
import type { RuleSet, RuleSetDocument } from '../../schemas/types.gen.ts';
import system from '../indicators/district-indicators.json' with { type: 'json' };
import { type Rng, r2, seededRandom } from './random.ts';

type Json = Record<string, unknown>;
type Text = { zh: string; en: string };

/** Unit groups leaves are assigned to. */
export type OwnerGroup = 'departments' | 'streets' | 'communities' | 'thirdParties' | 'cityOffice';

/** A field of a generated form. */
interface Field {
  name: string;
  zh: string;
  en: string;
  schema: Json;
}

/** A scoring formula with the form it reads. */
export interface Template {
  id: string;
  fields: Field[];
  rule: Json;
  /** Entry cross-field check (rule over the entry). */
  check: { rule: Json; zh: string; en: string; path: string };
  /** Typical target (per unit it varies by `targets.spread`); null for no target. */
  target: number | null;
  progressField?: string;
  light?: 'light-higher' | 'light-lower';
  maxScore?: number;
}

/** A leaf of the tree: template, owners, period. */
interface LeafSpec {
  zh: string;
  en: string;
  template: string;
  owners: OwnerGroup[];
  period?: 'monthly' | 'quarterly' | 'yearly';
  dataSource?: 'form' | 'thirdParty' | 'caseMetrics';
  evidence?: boolean;
}

/** A district-level node with its leaves (weights equal unless `weights`). */
interface DistrictSpec {
  zh: string;
  en: string;
  leaves: LeafSpec[];
  weights?: number[];
  /** AHP matrix over the leaves instead of weights. */
  ahp?: number[][];
  adjustment?: 'bonus' | 'deduction';
  veto?: boolean;
}

/** A city-level category. */
interface CitySpec {
  id: string;
  zh: string;
  en: string;
  weight: number | null;
  districts: DistrictSpec[];
  ahp?: number[][];
}

/** The indicator system document (seeds/indicators/district-indicators.json). */
export interface IndicatorSystem {
  ruleSet: Omit<RuleSet, 'documents'>;
  /** Documents taken as written: the policy, light rules, reusable scoring rules. */
  documents: RuleSetDocument[];
  /** Per-unit targets: drawn from `seed` within `spread` × the template's; every `monthlyEvery`-th owner of a completion leaf also gets monthly targets. */
  targets: { seed: number; spread: [number, number]; monthlyEvery: number; monthlyShares: number[] };
  /** The scoring-rule reference every other completion leaf uses instead of its inline rule. */
  cappedCompletion: { id: string; params: Record<string, number> };
  /** The evidence requirement of leaves marked `evidence`. */
  evidence: { required: boolean; kinds: ('photo' | 'document')[]; minCount: number; description: Text };
  /** Chinese help text of a form field, by its Chinese title. */
  fieldHelp: Record<string, string>;
  templates: Template[];
  /** Templates of the bonus, deduction and veto items. */
  specialTemplates: Template[];
  tree: CitySpec[];
}

/** The demo district's indicator system. */
export const INDICATOR_SYSTEM = system as unknown as IndicatorSystem;

/** A unit of seeds/units.json. */
export interface SeedUnit {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  kind: 'city_office' | 'department' | 'street' | 'community' | 'third_party';
  parentId: string | null;
  peerGroup: string | null;
}

const GROUP_OF: Record<SeedUnit['kind'], OwnerGroup> = {
  department: 'departments',
  street: 'streets',
  community: 'communities',
  third_party: 'thirdParties',
  city_office: 'cityOffice',
};

const TYPE_OF: Record<SeedUnit['kind'], 'department' | 'street' | 'community' | 'thirdParty' | 'cityOffice'> =
  {
    department: 'department',
    street: 'street',
    community: 'community',
    third_party: 'thirdParty',
    city_office: 'cityOffice',
  };

/** Leaf id → template id, as built. */
export type LeafTemplates = Record<string, string>;

const name = (zh: string, en: string): Text => ({ zh, en });
const letter = (ci: number) => String.fromCharCode(65 + ci);

/** What building the leaves of one rule set shares. */
interface Build {
  system: IndicatorSystem;
  templates: Map<string, Template>;
  byGroup: Map<OwnerGroup, SeedUnit[]>;
  rng: Rng;
  docs: RuleSetDocument[];
  leafTemplates: LeafTemplates;
}

/**
 * Builds the demo district's rule set (pure): unit documents from seeds/units.json, the documents the
 * indicator system lists as written, the three-level indicator tree and one form per leaf.
 */
export function buildDistrictRuleSet(
  units: readonly SeedUnit[],
  indicators: IndicatorSystem = INDICATOR_SYSTEM,
): { ruleSet: RuleSet; leafTemplates: LeafTemplates } {
  const byGroup = new Map<OwnerGroup, SeedUnit[]>();
  for (const u of units) byGroup.set(GROUP_OF[u.kind], [...(byGroup.get(GROUP_OF[u.kind]) ?? []), u]);
  const build: Build = {
    system: indicators,
    templates: new Map([...indicators.templates, ...indicators.specialTemplates].map((t) => [t.id, t])),
    byGroup,
    rng: seededRandom(indicators.targets.seed),
    docs: [...units.map(unitDocument), ...indicators.documents],
    leafTemplates: {},
  };
  for (const [ci, city] of indicators.tree.entries()) addCity(build, city, ci);
  return {
    ruleSet: { ...indicators.ruleSet, documents: build.docs } as RuleSet,
    leafTemplates: build.leafTemplates,
  };
}

function unitDocument(u: SeedUnit): RuleSetDocument {
  return {
    kind: 'unit',
    id: u.id,
    schemaVersion: 1,
    name: name(u.name, u.nameEn),
    type: TYPE_OF[u.kind],
    ...(u.parentId ? { parentId: u.parentId } : {}),
    peerGroups: u.peerGroup ? [u.peerGroup] : [],
  };
}

function addCity(build: Build, city: CitySpec, ci: number): void {
  const cityId = `ind-${city.id}`;
  const districtIds = city.districts.map((_, di) => `${cityId}-${di + 1}`);
  build.docs.push({
    kind: 'indicator',
    id: cityId,
    schemaVersion: 1,
    code: letter(ci),
    name: name(city.zh, city.en),
    level: 'city',
    ...(city.weight !== null ? { weight: city.weight } : {}),
    ...(city.ahp
      ? {
          ahp: {
            id: `ahp-${city.id}`,
            method: 'eigenvector' as const,
            criteria: districtIds,
            matrix: city.ahp,
          },
        }
      : {}),
  });
  city.districts.forEach((district, di) => {
    const districtId = districtIds[di]!;
    const leafIds = district.leaves.map((_, li) => `${districtId}-${li + 1}`);
    build.docs.push({
      kind: 'indicator',
      id: districtId,
      schemaVersion: 1,
      code: `${letter(ci)}.${di + 1}`,
      name: name(district.zh, district.en),
      level: 'district',
      parentId: cityId,
      weight: city.ahp ? { ahp: `ahp-${city.id}` } : roundWeights(city.districts.length)[di]!,
      ...(district.ahp
        ? {
            ahp: {
              id: `ahp-${city.id}-${di + 1}`,
              method: 'geometricMean' as const,
              criteria: leafIds,
              matrix: district.ahp,
            },
          }
        : {}),
    });
    district.leaves.forEach((leaf, li) => {
      addLeaf(build, {
        city,
        district,
        leaf,
        id: leafIds[li]!,
        code: `${letter(ci)}.${di + 1}.${li + 1}`,
        di,
        li,
      });
    });
  });
}

/** Where a leaf sits in the tree. */
interface LeafPlace {
  city: CitySpec;
  district: DistrictSpec;
  leaf: LeafSpec;
  id: string;
  code: string;
  di: number;
  li: number;
}

function addLeaf(build: Build, { city, district, leaf, id, code, di, li }: LeafPlace): void {
  const { system: s } = build;
  const t = build.templates.get(leaf.template)!;
  build.leafTemplates[id] = t.id;
  const owners = leaf.owners.flatMap((g) => build.byGroup.get(g) ?? []).map((u) => u.id);
  const weight = district.ahp
    ? { ahp: `ahp-${city.id}-${di + 1}` }
    : district.weights
      ? district.weights[li]!
      : roundWeights(district.leaves.length)[li]!;
  const [low, high] = s.targets.spread;
  const targets =
    t.target === null
      ? []
      : owners.map((unitId, k) => {
          const value = r2(t.target! * (low + (high - low) * build.rng()));
          return k % s.targets.monthlyEvery === 0 && t.id === 'completion'
            ? { unitId, value, monthly: monthlyTargets(value, s.targets.monthlyShares) }
            : { unitId, value };
        });
  build.docs.push({
    kind: 'indicator',
    id,
    schemaVersion: 1,
    code,
    name: name(leaf.zh, leaf.en),
    level: 'unit',
    parentId: `ind-${city.id}-${di + 1}`,
    weight,
    owners,
    period: leaf.period ?? 'monthly',
    dataSource: leaf.dataSource ?? 'form',
    formId: `form-${id}`,
    targets,
    maxScore: t.maxScore ?? 100,
    minScore: 0,
    ...(t.id === 'completion' && li % 2 === 0
      ? { scoringRuleRef: s.cappedCompletion }
      : { scoringRule: t.rule }),
    ...(t.progressField ? { progressField: t.progressField, lightRuleId: t.light } : {}),
    ...(district.adjustment ? { adjustment: district.adjustment } : {}),
    ...(district.veto ? { veto: true } : {}),
    ...(leaf.evidence ? { evidence: s.evidence } : {}),
  });
  build.docs.push(formOf(`form-${id}`, leaf, t, s.fieldHelp));
}

function roundWeights(n: number): number[] {
  // Equal shares rounded to 4 decimals, the remainder on the first so they sum to exactly 1.
  const each = Math.floor(10000 / n) / 10000;
  const first = Math.round((1 - each * (n - 1)) * 10000) / 10000;
  return Array.from({ length: n }, (_, i) => (i === 0 ? first : each));
}

function monthlyTargets(yearly: number, shares: readonly number[]): number[] {
  let acc = 0;
  return shares.map((s) => {
    acc += s;
    return r2(yearly * acc);
  });
}

/** A field schema (and its nested fields) with Chinese help: `description` ← help, `x-description-en` ← the English text. */
function withChineseHelp(node: unknown, help: Record<string, string>): unknown {
  if (Array.isArray(node)) return node.map((x) => withChineseHelp(x, help));
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) out[key] = withChineseHelp(value, help);
  const { title, description } = node as Json;
  if (typeof title === 'string' && typeof description === 'string' && !('x-description-en' in out)) {
    out.description = help[title] ?? `请填写${title}。`;
    out['x-description-en'] = description;
  }
  return out;
}

function formOf(id: string, leaf: LeafSpec, t: Template, help: Record<string, string>): RuleSetDocument {
  const properties: Json = {};
  for (const fld of t.fields) properties[fld.name] = withChineseHelp(fld.schema, help);
  return {
    kind: 'form',
    id,
    schemaVersion: 1,
    name: name(`${leaf.zh}填报表`, `${leaf.en} report`),
    schema: {
      type: 'object',
      title: leaf.zh,
      description: `按考核细则如实填报“${leaf.zh}”的本期数据。`,
      'x-description-en': leaf.en,
      properties,
      required: t.fields.map((x) => x.name),
      additionalProperties: false,
    },
    uiSchema: {
      type: 'VerticalLayout',
      elements: t.fields.map((x) => ({
        type: 'Control',
        scope: `#/properties/${x.name}`,
        label: x.zh,
        options: { labelEn: x.en },
      })),
    },
    checks: [
      { id: `${id}-check`, rule: t.check.rule, message: name(t.check.zh, t.check.en), path: t.check.path },
    ],
  };
}
