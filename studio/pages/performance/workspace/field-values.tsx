/** @module Submitted form values as labelled read-only fields: each field's title from the form's JSON Schema (never raw JSON). */
import type { Component, JSX } from 'solid-js';
import { For, Show } from 'solid-js';
import { locale } from '../../../i18n/index.ts';
import { wt } from './messages.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A field's title in the current language: `title` (Chinese) or `x-title-en`, else the key. */
export const fieldTitle = (schema: Json | undefined, key: string): string => {
  const zh = typeof schema?.title === 'string' ? schema.title : undefined;
  const en = typeof schema?.['x-title-en'] === 'string' ? (schema['x-title-en'] as string) : undefined;
  return (locale() === 'en' ? (en ?? zh) : (zh ?? en)) ?? key;
};

/** The label of an enumerated value (`oneOf: [{const, title}]`) or the value itself. */
const choiceLabel = (schema: Json | undefined, value: unknown): string | undefined => {
  const options = (schema?.oneOf ?? schema?.anyOf) as Json[] | undefined;
  const hit = options?.find((o) => o.const === value);
  return hit ? fieldTitle(hit, String(value)) : undefined;
};

/** One value as text or nested fields. */
const ValueOf = (props: { schema: Json | undefined; value: unknown }): JSX.Element => {
  const v = props.value;
  if (v === undefined || v === null || v === '') return <span class="muted">{wt('ws.empty')}</span>;
  if (typeof v === 'boolean') return <>{v ? wt('ws.yes') : wt('ws.no')}</>;
  if (Array.isArray(v)) {
    const items = isObject(props.schema?.items) ? (props.schema.items as Json) : undefined;
    return (
      <Show when={v.length > 0} fallback={<span class="muted">{wt('ws.empty')}</span>}>
        <ol class="ws-values__list">
          <For each={v}>
            {(item) => (
              <li>
                <Show when={isObject(item)} fallback={<ValueOf schema={items} value={item} />}>
                  <FieldValues schema={items} values={item as Json} />
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
    );
  }
  if (isObject(v)) return <FieldValues schema={props.schema} values={v} />;
  return <>{choiceLabel(props.schema, v) ?? String(v)}</>;
};

/**
 * A form's values as a list of labelled fields, in the order of the schema's properties (values the
 * schema does not name come last). `testId` marks the list.
 */
export const FieldValues: Component<{
  schema: Json | undefined;
  values: Json | null | undefined;
  testId?: string;
}> = (props) => {
  const properties = () => (isObject(props.schema?.properties) ? (props.schema.properties as Json) : {});
  const keys = () => {
    const values = props.values ?? {};
    const declared = Object.keys(properties()).filter((k) => k in values);
    return [...declared, ...Object.keys(values).filter((k) => !(k in properties()))];
  };
  return (
    <dl class="ws-values" data-testid={props.testId}>
      <For each={keys()}>
        {(key) => {
          const schema = () => properties()[key] as Json | undefined;
          return (
            <div class="ws-values__row" data-field={key}>
              <dt>{fieldTitle(schema(), key)}</dt>
              <dd>
                <ValueOf schema={schema()} value={props.values?.[key]} />
              </dd>
            </div>
          );
        }}
      </For>
    </dl>
  );
};

/**
 * A form schema in the current language for the renderers: in English, each `title` becomes its
 * `x-title-en` and each `description` its `x-description-en` (Chinese stays as written).
 */
export const localizeSchema = (schema: unknown): unknown => {
  if (locale() !== 'en') return schema;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isObject(node)) return node;
    const out: Json = {};
    for (const [key, value] of Object.entries(node)) out[key] = walk(value);
    if (typeof node['x-title-en'] === 'string') out.title = node['x-title-en'];
    if (typeof node['x-description-en'] === 'string') out.description = node['x-description-en'];
    return out;
  };
  return walk(schema);
};
