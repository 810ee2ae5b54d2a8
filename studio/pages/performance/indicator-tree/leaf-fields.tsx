/** @module Leaf (unit-level indicator) fields of the indicator tree: period, data source and form, target, case metrics, veto, owners and evidence. */
import type { Component } from 'solid-js';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { api } from '../../../api/http.ts';
import type { RuleDocument } from '../../../api/rule-sets.ts';
import { CaseMetricFields } from '../case-metric-fields.tsx';
import { dt } from '../designer-messages.ts';
import { documentsOf } from '../draft-store.tsx';
import type { IndicatorDoc } from '../indicator-tree.ts';
import { local, pt } from '../messages.ts';
import { CheckField, LabelledInput } from '../page-parts.tsx';
import { IndicatorSelect, type ListSpec, ListSelect } from './indicator-select.tsx';

const PERIODS = ['monthly', 'quarterly', 'yearly'] as const;
const SOURCES = ['form', 'thirdParty', 'plugin', 'caseMetrics', 'derived'] as const;
const EVIDENCE_KINDS = ['file', 'photo', 'video', 'link', 'document'] as const;
/** The languages of the evidence description, Chinese first. */
const LANGS = ['zh', 'en'] as const;

/** The period and the data source of a leaf. */
const LEAF_LISTS: readonly ListSpec[] = [
  {
    field: 'period',
    testId: 'indicator-period',
    fallback: 'monthly',
    choices: () => PERIODS.map((p) => ({ value: p, label: pt(`freq.${p}`) })),
  },
  {
    field: 'dataSource',
    testId: 'indicator-datasource',
    fallback: 'form',
    choices: () => SOURCES.map((d) => ({ value: d, label: pt(`tree.ds.${d}`) })),
  },
];

/** The evidence requirement of a leaf as the schema stores it. */
interface Evidence {
  required?: boolean;
  kinds?: string[];
  minCount?: number;
  description?: { zh: string; en: string };
}

type FormDoc = RuleDocument & { name?: { zh: string; en: string } };
type Target = { unitId: string; value: number; [key: string]: unknown };

/** One target value for every owning unit (the per-unit list is kept when it is not changed here). */
const LeafTarget: Component<{
  doc: IndicatorDoc;
  owners: string[];
  isEditable: boolean;
  onUpdate: (patch: Partial<IndicatorDoc>) => void;
}> = (props) => {
  const targets = (): Target[] => (Array.isArray(props.doc.targets) ? (props.doc.targets as Target[]) : []);
  const isMixed = () => new Set(targets().map((t) => t.value)).size > 1;
  return (
    <LabelledInput
      label={dt('tree.target')}
      type="number"
      step="any"
      data-testid="indicator-target"
      value={targets()[0]?.value ?? ''}
      disabled={!props.isEditable}
      onValue={(_, input) => {
        const value = input.valueAsNumber;
        if (!Number.isFinite(value)) return;
        const units = props.owners.length > 0 ? props.owners : targets().map((t) => t.unitId);
        props.onUpdate({ targets: units.map((unitId) => ({ unitId, value })) });
      }}
    >
      <Show when={isMixed()}>
        <span class="muted small">{dt('tree.targetMixed')}</span>
      </Show>
    </LabelledInput>
  );
};

/** Owners, period, data source, veto and evidence of a leaf (unit-level indicator). */
export const LeafFields: Component<{
  doc: IndicatorDoc;
  isEditable: boolean;
  onUpdate: (patch: Partial<IndicatorDoc>) => void;
}> = (props) => {
  const [units] = createResource(async () => (await api.units()).items);
  const [filter, setFilter] = createSignal('');
  const owners = (): string[] => (Array.isArray(props.doc.owners) ? (props.doc.owners as string[]) : []);
  const evidence = (): Evidence => (props.doc.evidence as Evidence | undefined) ?? {};
  const setEvidence = (patch: Partial<Evidence>): void => {
    const next: Evidence = { ...evidence(), ...patch };
    if (!next.description?.zh && !next.description?.en) delete next.description;
    props.onUpdate({ evidence: next });
  };
  const shown = createMemo(() => {
    const text = filter().trim().toLowerCase();
    const all = units() ?? [];
    return text ? all.filter((u) => `${u.id} ${u.name} ${u.nameEn ?? ''}`.toLowerCase().includes(text)) : all;
  });
  const toggleOwner = (id: string, isOn: boolean): void => {
    const set = new Set(owners());
    if (isOn) set.add(id);
    else set.delete(id);
    // Keep the unit list's order so diffs of the draft stay small.
    const order = (units() ?? []).map((u) => u.id);
    const next = [...set].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    // One target for every owner stays one target for every owner.
    const targets = Array.isArray(props.doc.targets) ? (props.doc.targets as Target[]) : [];
    const values = new Set(targets.map((t) => t.value));
    const shared =
      values.size === 1 && targets.every((t) => Object.keys(t).length === 2) ? targets[0]!.value : null;
    props.onUpdate({
      owners: next,
      ...(shared !== null ? { targets: next.map((unitId) => ({ unitId, value: shared })) } : {}),
    });
  };
  return (
    <div class="perf-form" data-testid="leaf-fields">
      <For each={LEAF_LISTS}>{(list) => <ListSelect {...props} list={list} />}</For>
      <Show when={props.doc.dataSource === 'caseMetrics'}>
        <CaseMetricFields doc={props.doc} isEditable={props.isEditable} onUpdate={props.onUpdate} />
      </Show>
      <Show when={(props.doc.dataSource ?? 'form') === 'form'}>
        <IndicatorSelect
          {...props}
          field="formId"
          label={dt('tree.form')}
          testId="indicator-form"
          value={typeof props.doc.formId === 'string' ? props.doc.formId : ''}
          isOptional
          choices={documentsOf<FormDoc>('form').map((f) => ({ value: f.id, label: local(f.name) }))}
        >
          <option value="">{dt('tree.formNone')}</option>
        </IndicatorSelect>
      </Show>
      <LeafTarget doc={props.doc} owners={owners()} isEditable={props.isEditable} onUpdate={props.onUpdate} />
      <CheckField
        label={pt('tree.veto')}
        data-testid="indicator-veto"
        checked={props.doc.veto === true}
        disabled={!props.isEditable}
        onCheck={(veto) => props.onUpdate({ veto })}
      />
      <fieldset class="perf-attach" data-testid="indicator-owners">
        <legend>
          {pt('tree.owners')} ·{' '}
          <span data-testid="owners-count">{pt('tree.ownersCount', { count: owners().length })}</span>
        </legend>
        <input
          type="search"
          placeholder={pt('tree.ownersFilter')}
          aria-label={pt('tree.ownersFilter')}
          data-testid="owners-filter"
          value={filter()}
          onInput={(e) => setFilter(e.currentTarget.value)}
        />
        <div class="perf-owner-list">
          <For each={shown()}>
            {(u) => (
              <label>
                <input
                  type="checkbox"
                  data-testid={`owner-${u.id}`}
                  checked={owners().includes(u.id)}
                  disabled={!props.isEditable}
                  onChange={(e) => toggleOwner(u.id, e.currentTarget.checked)}
                />
                {u.name} <span class="muted mono small">{u.id}</span>
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <fieldset class="perf-attach" data-testid="indicator-evidence">
        <legend>{pt('tree.evidence')}</legend>
        <CheckField
          label={pt('tree.evidenceRequired')}
          data-testid="evidence-required"
          checked={evidence().required === true}
          disabled={!props.isEditable}
          onCheck={(required) => setEvidence({ required })}
        />
        <LabelledInput
          label={pt('tree.evidenceMin')}
          type="number"
          min="0"
          step="1"
          data-testid="evidence-min"
          value={evidence().minCount ?? 0}
          disabled={!props.isEditable}
          onValue={(_, input) => {
            const n = input.valueAsNumber;
            if (Number.isInteger(n) && n >= 0) setEvidence({ minCount: n });
          }}
        />
        <fieldset class="perf-inline perf-kinds">
          <legend>{pt('tree.evidenceKinds')}</legend>
          <For each={EVIDENCE_KINDS}>
            {(k) => (
              <CheckField
                label={pt(`tree.evidence.${k}`)}
                data-testid={`evidence-kind-${k}`}
                checked={(evidence().kinds ?? []).includes(k)}
                disabled={!props.isEditable}
                onCheck={(isOn) => {
                  const kinds = new Set(evidence().kinds ?? []);
                  if (isOn) kinds.add(k);
                  else kinds.delete(k);
                  setEvidence({ kinds: EVIDENCE_KINDS.filter((x) => kinds.has(x)) });
                }}
              />
            )}
          </For>
        </fieldset>
        <For each={LANGS}>
          {(lang) => (
            <LabelledInput
              label={
                <>
                  {pt('tree.evidenceText')} · {pt(`common.${lang}`)}
                </>
              }
              data-testid={lang === 'zh' ? 'evidence-text-zh' : undefined}
              value={evidence().description?.[lang] ?? ''}
              disabled={!props.isEditable}
              onValue={(text) =>
                setEvidence({
                  description: {
                    zh: evidence().description?.zh ?? '',
                    en: evidence().description?.en ?? '',
                    [lang]: text,
                  },
                })
              }
            />
          )}
        </For>
      </fieldset>
    </div>
  );
};
