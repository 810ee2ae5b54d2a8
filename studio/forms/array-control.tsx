/** @module Array-of-objects renderer: an editable table with add, remove and move up/down per row. */
import type { ControlElement, JsonSchema, UISchemaElement } from '@jsonforms/core';
import {
  createDefaultValue,
  mapDispatchToArrayControlProps,
  mapStateToArrayControlProps,
  resolveSchema,
} from '@jsonforms/core';
import type { Component } from 'solid-js';
import { createMemo, For, Index, Show } from 'solid-js';
import type { RendererProps } from './context.ts';
import { useForms } from './context.ts';
import { BindingError } from './control-frame.tsx';
import { DispatchRenderer } from './dispatch-renderer.tsx';
import { useControl } from './use-control.ts';

interface Column {
  key: string;
  schema: JsonSchema;
  uischema: UISchemaElement;
}

/** Columns: `options.columns` (property names) or every non-nested property of the item schema. */
const columnsOf = (items: JsonSchema, rootSchema: JsonSchema, options?: Record<string, any>): Column[] => {
  const properties = items.properties ?? {};
  const keys: string[] = Array.isArray(options?.columns) ? options.columns : Object.keys(properties);
  return keys.map((key) => {
    const schema = resolveSchema(items, `#/properties/${key}`, rootSchema) ?? {};
    const detail = options?.detail?.[key] ?? {};
    const uischema: ControlElement = {
      type: 'Control',
      scope: `#/properties/${key}`,
      ...detail,
      options: { ...(detail.options ?? {}), cell: true },
    };
    return { key, schema, uischema };
  });
};

/** Table of rows; each cell is rendered by whichever control renderer fits its property. */
export const ObjectArrayControl: Component<RendererProps> = (props) => {
  const ctx = useForms();
  const b = useControl(props, mapStateToArrayControlProps);
  const actions = mapDispatchToArrayControlProps(ctx.dispatch);
  const rows = createMemo(() => {
    const data = b.control().data;
    return Array.isArray(data) ? data : [];
  });
  const columns = createMemo(() =>
    columnsOf(b.control().schema, ctx.rootSchema(), b.control().uischema.options as Record<string, any>),
  );
  const t = ctx.translate;
  const touchAnd = (fn: () => void) => () => {
    fn();
    b.touch();
  };
  /** The buttons of each row: move up, move down, remove. */
  const rowActions = [
    {
      key: 'forms.array.moveUp',
      fallback: 'Move row {n} up',
      class: 'btn btn--icon',
      icon: '↑',
      isDisabled: (index: number) => index === 0,
      run: (path: string, index: number) => actions.moveUp?.(path, index)(),
    },
    {
      key: 'forms.array.moveDown',
      fallback: 'Move row {n} down',
      class: 'btn btn--icon',
      icon: '↓',
      isDisabled: (index: number) => index === rows().length - 1,
      run: (path: string, index: number) => actions.moveDown?.(path, index)(),
    },
    {
      key: 'forms.array.remove',
      fallback: 'Remove row {n}',
      class: 'btn btn--icon btn--danger',
      icon: '✕',
      isDisabled: () => false,
      run: (path: string, index: number) => actions.removeItems?.(path, [index])(),
    },
  ];
  const add = () =>
    actions.addItem(b.control().path, createDefaultValue(b.control().schema, ctx.rootSchema()))();
  return (
    <Show when={b.control().visible}>
      <section
        class={`jf-array${b.error() ? ' jf-field--invalid' : ''}`}
        aria-labelledby={`${b.id()}-title`}
        id={b.id()}
      >
        <div class="jf-array__header">
          <h4 class="jf-array__title" id={`${b.id()}-title`}>
            {b.control().label}
            <Show when={b.control().required}>
              <span class="jf-required">{' *'}</span>
            </Show>
          </h4>
          <button
            type="button"
            class="btn btn--small"
            disabled={!b.control().enabled}
            onClick={touchAnd(add)}
          >
            + {t('forms.array.add', 'Add row')}
          </button>
        </div>
        <Show when={b.control().description}>
          <div class="jf-help">{b.control().description}</div>
        </Show>
        <Show
          when={rows().length > 0}
          fallback={<div class="jf-array__empty">{t('forms.array.empty', 'No rows yet')}</div>}
        >
          <div class="jf-table-wrap">
            <table class="jf-table">
              <thead>
                <tr>
                  <th scope="col" class="jf-table__index">
                    #
                  </th>
                  <For each={columns()}>
                    {(column) => (
                      <th scope="col">
                        {t(
                          `${b.control().i18nKeyPrefix ?? ''}.${column.key}.label`,
                          column.schema.title ?? column.key,
                        )}
                      </th>
                    )}
                  </For>
                  <th scope="col" class="jf-table__actions">
                    {t('forms.array.actions', 'Actions')}
                  </th>
                </tr>
              </thead>
              <tbody>
                <Index each={rows()}>
                  {(_row, index) => (
                    <tr data-row={index}>
                      <td class="jf-table__index">{index + 1}</td>
                      <For each={columns()}>
                        {(column) => (
                          <td>
                            <DispatchRenderer
                              uischema={column.uischema}
                              schema={b.control().schema}
                              path={`${b.control().path}.${index}`}
                              enabled={b.control().enabled}
                            />
                          </td>
                        )}
                      </For>
                      <td class="jf-table__actions">
                        <div class="jf-row-actions">
                          <For each={rowActions}>
                            {(action) => (
                              <button
                                type="button"
                                class={action.class}
                                aria-label={t(action.key, action.fallback).replace('{n}', String(index + 1))}
                                disabled={!b.control().enabled || action.isDisabled(index)}
                                onClick={touchAnd(() => action.run(b.control().path, index))}
                              >
                                {action.icon}
                              </button>
                            )}
                          </For>
                        </div>
                      </td>
                    </tr>
                  )}
                </Index>
              </tbody>
            </table>
          </div>
        </Show>
        <BindingError binding={b} />
      </section>
    </Show>
  );
};
