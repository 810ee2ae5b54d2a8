/** @module Units page: the responsible units in the user's scope, from GET /api/units. */
import type { Component } from 'solid-js';
import { createMemo, createResource, Show } from 'solid-js';
import { Loaded } from '../components/load-error.tsx';
import type { Unit } from '../api/http.ts';
import { api } from '../api/http.ts';
import { DataTable } from '../components/data-table.tsx';
import { locale, t, tryT } from '../i18n/index.ts';
import { PageTitle } from '../components/page-title.tsx';

/** Lists units with code, name, kind, parent and peer group. */
export const UnitsPage: Component = () => {
  // Refetch on language change so server-side messages follow the locale too.
  const [units] = createResource(locale, () => api.units());
  const byId = createMemo(() => new Map((units()?.items ?? []).map((u) => [u.id, u])));
  const nameOf = (unit: Unit): string => (locale() === 'en' && unit.nameEn ? unit.nameEn : unit.name);
  const parentName = (unit: Unit): string => {
    const parent = unit.parentId ? byId().get(unit.parentId) : undefined;
    return parent ? nameOf(parent) : (unit.parentId ?? '—');
  };
  return (
    <section class="page" aria-labelledby="page-title">
      <PageTitle>{t('units.title')}</PageTitle>
      <p class="muted">{t('units.intro')}</p>
      <Loaded resource={units}>
        {(data) => (
          <Show when={data().items.length > 0} fallback={<p>{t('units.empty')}</p>}>
            <p class="muted" data-testid="units-count">
              {t('units.count', { count: data().items.length })}
            </p>
            <DataTable
              testId="units-table"
              rows={data().items}
              columns={[
                { key: 'code', label: t('units.code'), class: 'mono', sort: 'text' },
                { key: 'name', label: t('units.name'), value: nameOf, sort: 'text' },
                {
                  key: 'kind',
                  label: t('units.kind'),
                  value: (unit) => tryT(`units.kind.${unit.kind}`) ?? unit.kind,
                },
                { key: 'parent', label: t('units.parent'), value: parentName },
                { key: 'peerGroup', label: t('units.peerGroup'), value: (unit) => unit.peerGroup ?? '—' },
              ]}
            />
          </Show>
        )}
      </Loaded>
    </section>
  );
};
