/** @module A small hash router: the current path as a signal, and navigation. */
import { createSignal } from 'solid-js';

const readPath = (): string => {
  const hash = typeof location === 'undefined' ? '' : location.hash.replace(/^#/, '');
  return hash.startsWith('/') ? hash.split('?')[0]! : '/';
};

const [path, setPath] = createSignal(readPath());

if (typeof window !== 'undefined') window.addEventListener('hashchange', () => setPath(readPath()));

/** The current route path, e.g. `/units` (reactive). */
export { path as routePath };

/** Goes to a route path; `replace` avoids a history entry (redirects). */
export const navigate = (to: string, options: { replace?: boolean } = {}): void => {
  if (options.replace) history.replaceState(null, '', `#${to}`);
  else location.hash = to;
  setPath(readPath());
};

/** The href of a route, for links. */
export const href = (to: string): string => `#${to}`;
