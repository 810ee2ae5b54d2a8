/** @module Tabs between the case console's pages: queue, supervision (督办) and case metrics, by role. */
import type { Component } from 'solid-js';
import { For } from 'solid-js';
import type { Role } from '../../api/http.ts';
import { href } from '../../router.ts';
import { user } from '../../session.ts';
import { ct } from './messages.ts';

type CaseTab = 'queue' | 'supervision' | 'metrics';

const tabs: { id: CaseTab; sub: string; label: Parameters<typeof ct>[0]; roles: Role[] }[] = [
  { id: 'queue', sub: '', label: 'cases.tab.queue', roles: [] },
  {
    id: 'supervision',
    sub: '/supervision',
    label: 'cases.tab.supervision',
    roles: ['supervisor', 'dispatcher', 'admin'],
  },
  {
    id: 'metrics',
    sub: '/metrics',
    label: 'cases.tab.metrics',
    roles: ['supervisor', 'dispatcher', 'admin'],
  },
];

/** The tabs the signed-in user may open; only the queue when there is nothing else. */
export const CaseTabs: Component<{ basePath: string; current: CaseTab }> = (props) => {
  const visible = () => {
    const roles = user()?.roles ?? [];
    return tabs.filter((tab) => tab.roles.length === 0 || tab.roles.some((r) => roles.includes(r)));
  };
  return (
    <nav class="case-tabs" aria-label={ct('cases.tabs')} hidden={visible().length < 2}>
      <For each={visible()}>
        {(tab) => (
          <a
            class="case-tabs__tab"
            href={href(`${props.basePath}${tab.sub}`)}
            aria-current={props.current === tab.id ? 'page' : undefined}
            data-tab={tab.id}
          >
            {ct(tab.label)}
          </a>
        )}
      </For>
    </nav>
  );
};
