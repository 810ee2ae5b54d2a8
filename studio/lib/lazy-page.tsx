/**
 * @module Pages as chunks loaded on first use, without Suspense: Solid's `lazy` needs a Suspense
 * boundary, and every resource a page reads would then register with it too — a page's own
 * refetch (after a save) would swap the whole page for the fallback. Here only the module load
 * waits; a page's resources behave as if it had been imported statically.
 */
import type { Component, JSX } from 'solid-js';
import { createSignal, Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';

/** A component that renders `fallback` until `load` has brought the real one, then the real one with the same props. */
export function lazyPage<P extends object>(
  load: () => Promise<Component<P>>,
  fallback: () => JSX.Element,
): Component<P> {
  let loaded: Component<P> | undefined;
  let loading: Promise<Component<P>> | undefined;
  return (props: P) => {
    const [page, setPage] = createSignal<Component<P> | undefined>(loaded);
    if (!loaded) {
      loading ??= load().then((component) => {
        loaded = component;
        return component;
      });
      // A failed load (e.g. a new deployment removed the old chunk) is retried on the next visit.
      loading.then(
        (component) => setPage(() => component),
        () => {
          loading = undefined;
        },
      );
    }
    return (
      <Show when={page()} fallback={fallback()}>
        {(component) => <Dynamic component={component()} {...props} />}
      </Show>
    );
  };
}
