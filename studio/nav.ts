/** @module Role-aware navigation: which pages each role sees, in one canonical order. */
import type { MessageKey } from './i18n/index.ts';

/** A page of the studio. */
export type PageId =
  | 'ruleSets'
  | 'indicators'
  | 'formDesigner'
  | 'units'
  | 'users'
  | 'audit'
  | 'cases'
  | 'myForms'
  | 'scoringRules'
  | 'dashboard'
  | 'whatIf'
  | 'amendments'
  | 'reviews'
  | 'caseConfig'
  | 'formPlayground'
  | 'plugins';

/** A navigation entry. `readOnly` marks pages a role may only look at. */
export interface NavItem {
  id: PageId;
  path: string;
  labelKey: MessageKey;
  isReadOnly: boolean;
  isBuilt: boolean;
}

const pages: Record<PageId, { path: string; labelKey: MessageKey; isBuilt: boolean }> = {
  ruleSets: { path: '/rule-sets', labelKey: 'nav.ruleSets', isBuilt: true },
  indicators: { path: '/indicators', labelKey: 'nav.indicators', isBuilt: true },
  formDesigner: { path: '/form-designer', labelKey: 'nav.formDesigner', isBuilt: true },
  scoringRules: { path: '/scoring-rules', labelKey: 'nav.scoringRules', isBuilt: true },
  whatIf: { path: '/what-if', labelKey: 'nav.whatIf', isBuilt: true },
  dashboard: { path: '/dashboard', labelKey: 'nav.dashboard', isBuilt: true },
  amendments: { path: '/amendments', labelKey: 'nav.amendments', isBuilt: true },
  myForms: { path: '/my-forms', labelKey: 'nav.myForms', isBuilt: true },
  cases: { path: '/cases', labelKey: 'nav.cases', isBuilt: true },
  reviews: { path: '/reviews', labelKey: 'nav.reviews', isBuilt: true },
  units: { path: '/units', labelKey: 'nav.units', isBuilt: true },
  users: { path: '/users', labelKey: 'nav.users', isBuilt: true },
  audit: { path: '/audit', labelKey: 'nav.audit', isBuilt: true },
  caseConfig: { path: '/case-config', labelKey: 'nav.caseConfig', isBuilt: true },
  formPlayground: { path: '/form-playground', labelKey: 'nav.formPlayground', isBuilt: true },
  plugins: { path: '/plugins', labelKey: 'nav.plugins', isBuilt: true },
};

const order = Object.keys(pages) as PageId[];

/** The route path of a page, e.g. `/dashboard`. */
export const pagePath = (id: PageId): string => pages[id].path;

const byRole: Record<string, { pages: PageId[]; readOnly?: PageId[] }> = {
  admin: {
    pages: [
      'ruleSets',
      'indicators',
      'formDesigner',
      'scoringRules',
      'whatIf',
      'dashboard',
      'amendments',
      'units',
      'users',
      'audit',
      'caseConfig',
      'formPlayground',
      'plugins',
    ],
  },
  dispatcher: { pages: ['cases', 'units'] },
  supervisor: { pages: ['cases', 'units', 'dashboard'] },
  unit: { pages: ['myForms', 'cases', 'formPlayground'] },
  reviewer: { pages: ['reviews'] },
  auditor: {
    pages: ['audit', 'ruleSets', 'plugins', 'dashboard', 'whatIf', 'users'],
    readOnly: ['audit', 'ruleSets', 'plugins', 'dashboard', 'whatIf', 'users'],
  },
};

/** Navigation for a user with these roles; a page is read-only only if every granting role is read-only. */
export const navFor = (roles: readonly string[]): NavItem[] => {
  const granted = new Map<PageId, boolean>();
  for (const role of roles) {
    const grant = byRole[role];
    if (!grant) continue;
    for (const id of grant.pages) {
      const isReadOnly = grant.readOnly?.includes(id) ?? false;
      granted.set(id, (granted.get(id) ?? true) && isReadOnly);
    }
  }
  return order
    .filter((id) => granted.has(id))
    .map((id) => ({ id, ...pages[id], isReadOnly: granted.get(id) ?? false }));
};
