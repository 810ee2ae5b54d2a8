/** @module Layout renderers: vertical, horizontal, group, categorization (tabs) and label. */
import type { Categorization, Category, Layout, LabelElement, UISchemaElement } from '@jsonforms/core';
import { deriveLabelForUISchemaElement, getAjv, isVisible, mapStateToLayoutProps } from '@jsonforms/core';
import type { Component, JSX } from 'solid-js';
import { createMemo, createSignal, createUniqueId, For, Index, Show } from 'solid-js';
import type { RendererProps } from './context.ts';
import { useForms } from './context.ts';
import { DispatchRenderer } from './dispatch-renderer.tsx';

const useLayout = (props: RendererProps) => {
  const ctx = useForms();
  return createMemo(() =>
    mapStateToLayoutProps(ctx.state(), {
      uischema: props.uischema,
      schema: props.schema,
      path: props.path,
      enabled: props.enabled,
    }),
  );
};

const Children: Component<{ elements: UISchemaElement[]; props: RendererProps; enabled: boolean }> = (p) => (
  <Index each={p.elements}>
    {(element) => (
      <div class="jf-cell">
        <DispatchRenderer
          uischema={element()}
          schema={p.props.schema}
          path={p.props.path}
          enabled={p.enabled}
        />
      </div>
    )}
  </Index>
);

const elementsOf = (uischema: UISchemaElement): UISchemaElement[] => (uischema as Layout).elements ?? [];

/** A layout drawing its elements in one `<div>` of class `className`, styled by `style` (given the elements). */
const boxLayout =
  (className: string, style?: (elements: UISchemaElement[]) => JSX.CSSProperties): Component<RendererProps> =>
  (props) => {
    const layout = useLayout(props);
    return (
      <Show when={layout().visible}>
        <div class={className} style={style?.(elementsOf(props.uischema))}>
          <Children elements={elementsOf(props.uischema)} props={props} enabled={layout().enabled} />
        </div>
      </Show>
    );
  };

/** Stacks its elements. */
export const VerticalLayoutRenderer = boxLayout('jf-vertical');

/** Puts its elements side by side (wrapping on narrow screens). */
export const HorizontalLayoutRenderer = boxLayout('jf-horizontal', (elements) => ({
  '--jf-columns': String(elements.length || 1),
}));

/** A titled fieldset. */
export const GroupRenderer: Component<RendererProps> = (props) => {
  const layout = useLayout(props);
  return (
    <Show when={layout().visible}>
      <fieldset class="jf-group" disabled={!layout().enabled}>
        <Show when={layout().label}>
          <legend class="jf-group__title">{layout().label}</legend>
        </Show>
        <div class="jf-vertical">
          <Children elements={elementsOf(props.uischema)} props={props} enabled={layout().enabled} />
        </div>
      </fieldset>
    </Show>
  );
};

/** Static text from a `Label` element. */
export const LabelRenderer: Component<RendererProps> = (props) => {
  const ctx = useForms();
  const layout = useLayout(props);
  const text = () => {
    const label = props.uischema as LabelElement;
    return ctx.translate(label.i18n ? `${label.i18n}.text` : label.text, label.text);
  };
  return (
    <Show when={layout().visible}>
      <p class="jf-label-text">{text()}</p>
    </Show>
  );
};

/**
 * Tabs, one per visible category. Every panel stays mounted (only hidden), so a submit can
 * find and reveal the first invalid field in any tab.
 */
export const CategorizationRenderer: Component<RendererProps> = (props) => {
  const ctx = useForms();
  const layout = useLayout(props);
  const baseId = createUniqueId();
  const [active, setActive] = createSignal(0);
  const categories = createMemo(() => {
    const state = ctx.state();
    const data = state.jsonforms.core?.data;
    return ((props.uischema as Categorization).elements as Category[]).filter(
      (c) => c.type === 'Category' && isVisible(c, data, props.path, getAjv(state), state.jsonforms.config),
    );
  });
  const label = (c: Category): string =>
    deriveLabelForUISchemaElement(c, (id, fallback) => ctx.translate(id, fallback ?? '')) ?? '';
  const current = () => Math.min(active(), Math.max(categories().length - 1, 0));
  const onKeyDown = (e: KeyboardEvent): void => {
    const n = categories().length;
    if (e.key === 'ArrowRight') setActive((current() + 1) % n);
    else if (e.key === 'ArrowLeft') setActive((current() - 1 + n) % n);
    else return;
    document.getElementById(`${baseId}-tab-${current()}`)?.focus();
  };
  return (
    <Show when={layout().visible}>
      <div class="jf-tabs">
        <div class="jf-tabs__list" role="tablist" onKeyDown={onKeyDown}>
          <For each={categories()}>
            {(category, index): JSX.Element => (
              <button
                type="button"
                role="tab"
                id={`${baseId}-tab-${index()}`}
                class="jf-tabs__tab"
                aria-selected={current() === index()}
                aria-controls={`${baseId}-panel-${index()}`}
                tabIndex={current() === index() ? 0 : -1}
                onClick={() => setActive(index())}
              >
                {label(category)}
              </button>
            )}
          </For>
        </div>
        <For each={categories()}>
          {(category, index) => (
            <div
              role="tabpanel"
              class="jf-tabs__panel"
              id={`${baseId}-panel-${index()}`}
              aria-labelledby={`${baseId}-tab-${index()}`}
              hidden={current() !== index()}
            >
              <div class="jf-vertical">
                <Children elements={category.elements} props={props} enabled={layout().enabled} />
              </div>
            </div>
          )}
        </For>
      </div>
    </Show>
  );
};
