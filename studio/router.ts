/**
 * @module Navigation helpers over @solidjs/router (the studio's routes are declared in app.tsx).
 *
 * Pages and components outside a route's own context read the current path and navigate through
 * these helpers: the router's root binds them to its location and navigator when it mounts; before
 * that (and in unit tests without a router) they fall back to the window's hash.
 */
import type { Navigator } from '@solidjs/router';
import { createSignal } from 'solid-js';

const readHashPath = (): string => {
  const hash = typeof location === 'undefined' ? '' : location.hash.replace(/^#/, '');
  return hash.startsWith('/') ? hash.split('?')[0]! : '/';
};

const [hashPath, setHashPath] = createSignal(readHashPath());
if (typeof window !== 'undefined') window.addEventListener('hashchange', () => setHashPath(readHashPath()));

let currentPath: () => string = hashPath;
let navigator: Navigator | undefined;

/** Called once by the router's root: the path and navigation come from the router from now on. */
export const bindRouter = (path: () => string, navigate: Navigator): void => {
  currentPath = path;
  navigator = navigate;
};

/** The current route path, e.g. `/units` (reactive). */
export const routePath = (): string => currentPath();

/** Goes to a route path; `replace` avoids a history entry (redirects). */
export const navigate = (to: string, options: { replace?: boolean } = {}): void => {
  if (navigator) {
    navigator(to, { replace: options.replace ?? false });
    return;
  }
  if (options.replace) history.replaceState(null, '', `#${to}`);
  else location.hash = to;
  setHashPath(readHashPath());
};

/** The href of a route, for links. */
export const href = (to: string): string => `#${to}`;
