/** @module Home: the signed-in user's work for today (GET /api/me/work), one click from each action, and the other pages grouped. */
import { WithData } from '../components/with-data.tsx';
import type { Component } from 'solid-js';
import { createSignal, For, Match, onMount, Show, Switch } from 'solid-js';
import type { User } from '../api/http.ts';
import { t, tryT } from '../i18n/index.ts';
import { errorText } from '../lib/error-text.ts';
import { formatDistrictTime } from '../lib/server-clock.ts';
import type { NavItem, PageId } from '../nav.ts';
import { href } from '../router.ts';
import type { MyWork, WorkItem, WorkQueue } from '../api/work.ts';
import { workApi } from '../api/work.ts';
import { countdownText, type HomeKey, ht, localText, waitingText } from './home/messages.ts';
import { PageTitle } from '../components/page-title.tsx';
import './home/home.css';

/** The navigation groups of the home page, in order; a page belongs to the first group naming it. */
const GROUPS: { key: HomeKey; pages: PageId[] }[] = [
  {
    key: 'home.group.performance',
    pages: ['myForms', 'dashboard', 'amendments', 'indicators', 'formDesigner', 'scoringRules', 'whatIf'],
  },
  { key: 'home.group.cases', pages: ['cases', 'reviews', 'caseConfig'] },
  { key: 'home.group.rules', pages: ['ruleSets', 'formPlayground'] },
  { key: 'home.group.admin', pages: ['units', 'users', 'audit', 'plugins'] },
];

const Countdown: Component<{ item: WorkItem }> = (props) => (
  <Switch>
    <Match when={props.item.daysLeft !== null}>
      <span
        class={`home-countdown home-countdown--${props.item.tone}`}
        data-testid="countdown"
        data-days-left={props.item.daysLeft ?? ''}
      >
        {countdownText(props.item.daysLeft ?? 0)}
      </span>
    </Match>
    <Match when={props.item.waitingDays !== null}>
      <span class="home-countdown home-countdown--waiting" data-testid="countdown">
        {waitingText(props.item.waitingDays ?? 0)}
      </span>
    </Match>
  </Switch>
);

const ItemRow: Component<{ item: WorkItem }> = (props) => {
  const deadline = () => {
    const value = props.item.deadline;
    if (!value) return null;
    return ht('home.deadline', { date: value.length > 10 ? formatDistrictTime(value) : value });
  };
  return (
    <li class={`home-item home-item--${props.item.tone}`}>
      <a
        class="home-item__link"
        href={href(props.item.link)}
        data-testid="work-item"
        data-key={props.item.key}
      >
        <span class="home-item__main">
          <span class="home-item__title">{localText(props.item.title)}</span>
          <Show when={props.item.detail}>
            <span class="home-item__detail">{localText(props.item.detail)}</span>
          </Show>
          <span class="home-item__facts">
            <Show when={props.item.unit}>{(unit) => <span>{unit().name}</span>}</Show>
            <Show when={props.item.category}>{(category) => <span>{localText(category())}</span>}</Show>
            <Show when={props.item.state}>
              {(state) => <span class="home-item__state">{localText(state())}</span>}
            </Show>
            <Show when={props.item.counts}>
              {(counts) => (
                <span data-testid="empty-count">
                  {ht('home.emptyForms', { empty: counts().empty, total: counts().total })}
                </span>
              )}
            </Show>
            <Show when={deadline()}>{(text) => <span>{text()}</span>}</Show>
          </span>
        </span>
        <span class="home-item__side">
          <Countdown item={props.item} />
          <span class="home-item__go" aria-hidden="true">
            {ht('home.open')} →
          </span>
        </span>
      </a>
    </li>
  );
};

const QueuePanel: Component<{ queue: WorkQueue }> = (props) => (
  <section class="home-queue" data-testid="work-queue" data-queue={props.queue.id}>
    <header class="home-queue__head">
      <h3 class="home-queue__title">
        {localText(props.queue.label)}
        <span class="home-queue__count" data-testid="queue-count">
          {props.queue.total}
        </span>
      </h3>
      <Show when={props.queue.total > props.queue.items.length}>
        <a class="home-queue__more" href={href(props.queue.link)}>
          {ht('home.more', { count: props.queue.total })}
        </a>
      </Show>
    </header>
    <ul class="home-queue__items">
      <For each={props.queue.items}>{(item) => <ItemRow item={item} />}</For>
    </ul>
  </section>
);

/** The landing page after login: today's work per role, then the other pages grouped. */
export const HomePage: Component<{ user: User; nav: NavItem[] }> = (props) => {
  // Loaded by hand, not as a resource: a resource read under the page's Suspense boundary would blank
  // the whole page while it loads; the greeting and navigation show at once, the queues say they load.
  const [work, setWork] = createSignal<MyWork | undefined>();
  const [loadError, setLoadError] = createSignal<unknown>();
  onMount(() => {
    workApi.mine().then(setWork, setLoadError);
  });
  const total = () => (work()?.queues ?? []).reduce((sum, queue) => sum + queue.total, 0);
  const groups = () => {
    const seen = new Set<PageId>();
    return GROUPS.map((group) => {
      const items = group.pages
        .map((id) => props.nav.find((item) => item.id === id))
        .filter((item): item is NavItem => item !== undefined && !seen.has(item.id));
      for (const item of items) seen.add(item.id);
      return { key: group.key, items };
    }).filter((group) => group.items.length > 0);
  };
  return (
    <section class="page home" aria-labelledby="page-title">
      <PageTitle>
        <WithData message={(name) => ht('home.greeting', { name })} value={props.user.displayName} />
      </PageTitle>
      <p class="muted home__facts">
        <Show when={work()}>{(w) => <span>{ht('home.today', { today: w().today })}</span>}</Show>
        <span>
          {ht('home.roles')}：{props.user.roles.map((role) => tryT(`role.${role}`) ?? role).join('、')}
        </span>
        <Show when={props.user.unitId}>
          <span data-testid="home-unit">
            {ht('home.unit')}：{work()?.unit?.name ?? ''}
          </span>
        </Show>
      </p>

      <div class="home-todo" data-testid="work">
        <h2 class="home-todo__title">
          {ht('home.todo')}
          <Show when={work() && total() > 0}>
            <span class="home-todo__count">{ht('home.todoCount', { count: total() })}</span>
          </Show>
        </h2>
        <Switch>
          <Match when={loadError()}>
            <div class="alert alert--error" role="alert">
              {ht('home.loadError', { message: errorText(loadError()) })}
            </div>
          </Match>
          <Match when={!work()}>
            <p class="home-loading" data-testid="work-loading" aria-busy="true">
              {ht('home.loading')}
            </p>
          </Match>
          <Match when={work() && work()!.queues.length === 0}>
            <div class="home-empty" data-testid="work-empty">
              <p class="home-empty__title">{ht('home.empty')}</p>
              <p class="muted">{ht('home.emptyHint')}</p>
            </div>
          </Match>
          <Match when={work()}>
            <div class="home-queues">
              <For each={work()!.queues}>{(queue) => <QueuePanel queue={queue} />}</For>
            </div>
          </Match>
        </Switch>
      </div>

      <section class="home-nav" aria-labelledby="home-nav-title" data-testid="home-nav">
        <h2 id="home-nav-title" class="home-nav__title">
          {ht('home.nav')}
        </h2>
        <div class="home-nav__groups">
          <For each={groups()}>
            {(group) => (
              <div class="home-nav__group">
                <h3 class="home-nav__group-title">{ht(group.key)}</h3>
                <ul>
                  <For each={group.items}>
                    {(item) => (
                      <li>
                        <a href={href(item.path)} data-home-nav={item.id}>
                          {t(item.labelKey)}
                        </a>
                      </li>
                    )}
                  </For>
                </ul>
              </div>
            )}
          </For>
        </div>
      </section>
    </section>
  );
};
