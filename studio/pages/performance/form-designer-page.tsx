/** @module Form designer (表单设计): field palette → JSON Schema + UI schema, field properties, reorder, live preview; saves the form document to a draft. */
import type { JsonSchema, UISchemaElement } from '@jsonforms/core';
import type { Component } from 'solid-js';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { JsonForms } from '../../forms/index.ts';
import { locale } from '../../i18n/index.ts';
import type { RuleDocument } from '../../api/rule-sets.ts';
import { dt } from './designer-messages.ts';
import { createEditedDocument, createSaving, DesignerPage, SaveButton } from './designer-page.tsx';
import { documentsOf, isEditable, saveDocuments } from './draft-store.tsx';
import type { DesignField, FieldKind } from './form-model.ts';
import {
  duplicateKeys,
  FIELD_KINDS,
  fromSchemas,
  localizeUiSchema,
  newField,
  optionsText,
  parseOptions,
  toSchemas,
} from './form-model.ts';
import { local, pt } from './messages.ts';
import { LabelledInput, Panel } from './page-parts.tsx';
import './performance.css';
import './designer.css';

type FormDoc = RuleDocument & { name: { zh: string; en: string }; schema?: unknown; uiSchema?: unknown };

interface RowAction {
  label: Parameters<typeof pt>[0];
  glyph: string;
  class: string;
  /** Move by one up (-1) or down (1); none = remove. */
  by?: -1 | 1;
}
/** The buttons of a field row: move up, move down, remove. */
const ROW_ACTIONS: readonly RowAction[] = [
  { label: 'common.up', glyph: '↑', class: 'btn btn--small btn--icon', by: -1 },
  { label: 'common.down', glyph: '↓', class: 'btn btn--small btn--icon', by: 1 },
  { label: 'common.remove', glyph: '×', class: 'btn btn--small btn--icon btn--danger' },
];

/** Reads the fields at a path of indices. */
const listAt = (fields: DesignField[], path: number[]): DesignField[] =>
  path.reduce<DesignField[]>((list, i) => list[i]?.children ?? [], fields);

/** Returns a copy of the tree with the list at `parentPath` replaced. */
const withList = (
  fields: DesignField[],
  parentPath: number[],
  edit: (list: DesignField[]) => DesignField[],
): DesignField[] => {
  if (parentPath.length === 0) return edit([...fields]);
  const [head, ...rest] = parentPath;
  return fields.map((f, i) => (i === head ? { ...f, children: withList(f.children, rest, edit) } : f));
};

/** The form designer page (admin). */
export const FormDesignerPage: Component = () => {
  const forms = () => documentsOf<FormDoc>('form');
  const [name, setName] = createSignal({ zh: '', en: '' });
  const [fields, setFields] = createSignal<DesignField[]>([]);
  const [selected, setSelected] = createSignal<number[] | null>(null);
  const [isDirty, setDirty] = createSignal(false);
  const saving = createSaving();

  const load = (id: string): void => {
    const doc = forms().find((f) => f.id === id);
    setName(doc ? { ...doc.name } : { zh: pt('forms.newName'), en: 'New form' });
    setFields(doc ? fromSchemas(doc.schema, doc.uiSchema) : []);
    setSelected(null);
    setDirty(false);
  };
  const edited = createEditedDocument(() => forms().map((f) => f.id), load);
  const formId = edited.key;

  const edit = (next: DesignField[]): void => {
    setFields(next);
    setDirty(true);
  };
  const selectedField = createMemo(() => {
    const path = selected();
    if (!path || path.length === 0) return undefined;
    return listAt(fields(), path.slice(0, -1))[path.at(-1)!];
  });
  const container = (): number[] => {
    const path = selected();
    const field = selectedField();
    return path && field && (field.kind === 'group' || field.kind === 'table') ? path : [];
  };

  const add = (kind: FieldKind): void => {
    const parent = container();
    const list = listAt(fields(), parent);
    const field = newField(
      kind,
      list.map((f) => f.key),
    );
    field.titleZh = pt(`forms.kind.${kind}`);
    edit(withList(fields(), parent, (l) => [...l, field]));
    setSelected([...parent, list.length]);
  };
  const patch = (change: Partial<DesignField>): void => {
    const path = selected();
    if (!path) return;
    edit(
      withList(fields(), path.slice(0, -1), (l) =>
        l.map((f, i) => (i === path.at(-1) ? { ...f, ...change } : f)),
      ),
    );
  };
  const move = (path: number[], by: -1 | 1): void => {
    const index = path.at(-1)!;
    const parent = path.slice(0, -1);
    const list = listAt(fields(), parent);
    const to = index + by;
    if (to < 0 || to >= list.length) return;
    edit(
      withList(fields(), parent, (l) => {
        const [item] = l.splice(index, 1);
        l.splice(to, 0, item!);
        return l;
      }),
    );
    setSelected([...parent, to]);
  };
  const remove = (path: number[]): void => {
    edit(withList(fields(), path.slice(0, -1), (l) => l.filter((_, i) => i !== path.at(-1))));
    setSelected(null);
  };

  const schemas = createMemo(() => toSchemas(fields()));
  const dups = createMemo(() => duplicateKeys(fields()));

  const save = async (): Promise<void> => {
    const existing = forms().find((f) => f.id === formId());
    const { schema, uiSchema } = schemas();
    const doc = {
      ...(existing ?? { kind: 'form', id: formId(), schemaVersion: 1 }),
      name: name(),
      schema: { ...schema, title: name().zh },
      uiSchema,
    } as RuleDocument;
    if (await saving.during(() => saveDocuments([doc]))) setDirty(false);
  };

  const newForm = (): void => {
    let n = 1;
    while (forms().some((f) => f.id === `form-new-${n}`)) n += 1;
    edited.setKey(`form-new-${n}`);
    setName({ zh: pt('forms.newName'), en: 'New form' });
    setFields([]);
    setSelected(null);
    setDirty(true);
  };

  const FieldList: Component<{ list: DesignField[]; path: number[] }> = (props) => (
    <ol class="perf-fields">
      <For each={props.list}>
        {(field, i) => {
          const path = () => [...props.path, i()];
          const isSelected = () => selected()?.join('.') === path().join('.');
          return (
            <li>
              <div class="perf-fields__row" classList={{ 'perf-fields__row--selected': isSelected() }}>
                <button
                  type="button"
                  class="perf-fields__pick"
                  data-testid={`field-${path().join('-')}`}
                  onClick={() => setSelected(path())}
                >
                  <span class="badge">{pt(`forms.kind.${field.kind}`)}</span>{' '}
                  <span data-user-content>
                    {(locale() === 'en' ? field.titleEn || field.titleZh : field.titleZh || field.titleEn) ||
                      field.key}
                  </span>
                  <Show when={field.isRequired}>
                    <span class="perf-required">*</span>
                  </Show>
                </button>
                <For each={ROW_ACTIONS}>
                  {(action) => (
                    <button
                      type="button"
                      class={action.class}
                      aria-label={pt(action.label)}
                      disabled={!isEditable()}
                      onClick={() => (action.by ? move(path(), action.by) : remove(path()))}
                    >
                      {action.glyph}
                    </button>
                  )}
                </For>
              </div>
              <Show when={field.children.length > 0}>
                <FieldList list={field.children} path={path()} />
              </Show>
            </li>
          );
        }}
      </For>
    </ol>
  );

  return (
    <DesignerPage
      page="forms"
      toolbar={
        <>
          <edited.Picker label={pt('forms.pick')} testId="form-pick">
            <Show when={!forms().some((f) => f.id === formId())}>
              <option value={formId()}>{local(name())}</option>
            </Show>
            <For each={forms()}>{(f) => <option value={f.id}>{local(f.name)}</option>}</For>
          </edited.Picker>
          <button type="button" class="btn btn--small" onClick={newForm} disabled={!isEditable()}>
            {pt('forms.new')}
          </button>
          <SaveButton
            testId="form-save"
            saving={saving}
            blocked={!isDirty() || dups().length > 0 || !formId()}
            onSave={save}
          />
        </>
      }
    >
      <div class="perf-designer">
        <Panel title={pt('forms.palette')}>
          <div class="perf-palette" data-testid="palette">
            <For each={FIELD_KINDS}>
              {(kind) => (
                <button
                  type="button"
                  class="btn btn--small"
                  data-testid={`palette-${kind}`}
                  disabled={!isEditable()}
                  onClick={() => add(kind)}
                >
                  + {pt(`forms.kind.${kind}`)}
                </button>
              )}
            </For>
          </div>
          <Show when={container().length > 0}>
            <p class="muted small">{pt('forms.addInside', { name: selectedField()?.titleZh ?? '' })}</p>
          </Show>
          <div class="perf-form">
            <LabelledInput
              label={pt('forms.formName')}
              value={name().zh}
              data-testid="form-name"
              readOnly={!isEditable()}
              onValue={(zh) => {
                setName({ ...name(), zh });
                setDirty(true);
              }}
            />
          </div>
          <h2 class="panel__title">{pt('forms.fields')}</h2>
          <Show when={fields().length > 0} fallback={<p class="muted small">{pt('forms.noFields')}</p>}>
            <FieldList list={fields()} path={[]} />
          </Show>
          <For each={dups()}>
            {(key) => <div class="alert alert--error">{pt('forms.dupKey', { key })}</div>}
          </For>
        </Panel>
        <Panel title={pt('forms.properties')}>
          <Show
            when={selectedField()}
            fallback={
              <p class="muted small" data-testid="field-properties-hint">
                {fields().length > 0 ? dt('forms.selectField') : pt('forms.noFields')}
              </p>
            }
          >
            {(field) => (
              <fieldset class="perf-fieldset" disabled={!isEditable()}>
                <legend class="sr-only">{pt('forms.properties')}</legend>
                <FieldProperties field={field()} onChange={patch} />
              </fieldset>
            )}
          </Show>
        </Panel>
        <Panel testId="form-preview" title={pt('forms.preview')}>
          <For each={[schemas()]}>
            {(s) => (
              <JsonForms
                schema={s.schema as JsonSchema}
                uischema={localizeUiSchema(s.uiSchema, locale()) as UISchemaElement}
                data={{}}
              />
            )}
          </For>
          <details>
            <summary>{pt('forms.schema')}</summary>
            <pre class="json" data-testid="form-schema-json">
              {JSON.stringify(schemas().schema, null, 2)}
            </pre>
          </details>
          <details>
            <summary>{pt('forms.uiSchema')}</summary>
            <pre class="json">{JSON.stringify(schemas().uiSchema, null, 2)}</pre>
          </details>
        </Panel>
      </div>
    </DesignerPage>
  );
};

const num = (value: string): number | undefined => (value.trim() === '' ? undefined : Number(value));

/** A number property of a field: its key (the message `forms.<key>`), lower bound and test id. */
interface NumberPropSpec {
  key: 'min' | 'max' | 'minLength' | 'maxLength';
  min?: string;
  testId?: string;
}
const RANGE_PROPS: readonly NumberPropSpec[] = [
  { key: 'min', testId: 'prop-min' },
  { key: 'max', testId: 'prop-max' },
];
const LENGTH_PROPS: readonly NumberPropSpec[] = [
  { key: 'minLength', min: '0' },
  { key: 'maxLength', min: '0' },
];

/** One number property (empty = not set). */
const NumberProp: Component<{
  prop: NumberPropSpec;
  field: DesignField;
  onChange: (change: Partial<DesignField>) => void;
}> = (props) => (
  <LabelledInput
    label={pt(`forms.${props.prop.key}`)}
    type="number"
    min={props.prop.min}
    value={props.field[props.prop.key] ?? ''}
    data-testid={props.prop.testId}
    onValue={(value) => props.onChange({ [props.prop.key]: num(value) })}
  />
);

const FieldProperties: Component<{ field: DesignField; onChange: (change: Partial<DesignField>) => void }> = (
  props,
) => {
  const isText = () => props.field.kind === 'text' || props.field.kind === 'textarea';
  const hasRange = () => ['number', 'integer', 'table'].includes(props.field.kind);
  return (
    <div class="perf-form" data-testid="field-properties">
      <LabelledInput
        label={pt('forms.key')}
        value={props.field.key}
        data-testid="prop-key"
        pattern="[A-Za-z_][A-Za-z0-9_]*"
        onValue={(key) => props.onChange({ key: key.trim() || props.field.key })}
      />
      <LabelledInput
        label={pt('forms.titleZh')}
        value={props.field.titleZh}
        data-testid="prop-title-zh"
        onValue={(titleZh) => props.onChange({ titleZh })}
      />
      <LabelledInput
        label={pt('forms.titleEn')}
        value={props.field.titleEn}
        data-testid="prop-title-en"
        onValue={(titleEn) => props.onChange({ titleEn })}
      />
      <Show when={props.field.kind !== 'group'}>
        <label class="perf-check">
          <input
            type="checkbox"
            checked={props.field.isRequired}
            data-testid="prop-required"
            onChange={(e) => props.onChange({ isRequired: e.currentTarget.checked })}
          />
          <span>{pt('forms.required')}</span>
        </label>
      </Show>
      <Show when={hasRange()}>
        <For each={RANGE_PROPS}>{(prop) => <NumberProp prop={prop} {...props} />}</For>
      </Show>
      <Show when={isText()}>
        <For each={LENGTH_PROPS}>{(prop) => <NumberProp prop={prop} {...props} />}</For>
        <LabelledInput
          label={pt('forms.pattern')}
          value={props.field.pattern ?? ''}
          data-testid="prop-pattern"
          onValue={(pattern) => props.onChange({ pattern: pattern || undefined })}
        />
      </Show>
      <Show when={props.field.kind === 'choice'}>
        <label class="field">
          <span>{pt('forms.options')}</span>
          <textarea
            rows={4}
            value={optionsText(props.field.options)}
            data-testid="prop-options"
            onChange={(e) => props.onChange({ options: parseOptions(e.currentTarget.value) })}
          />
        </label>
      </Show>
    </div>
  );
};
