/** @module Indicator tree editor (指标体系): three-level tree with weights, rename, move, add, sibling sums and the AHP helper; saves to a draft. */
import type { Component } from 'solid-js';
import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import type { AhpMethod, AhpResult } from '../../../engine/core/scoring/ahp.ts';
import { computeAhp } from '../../../engine/core/scoring/ahp.ts';
import type { RuleDocument } from '../../api/rule-sets.ts';
import { AhpWeightsPanel } from './ahp-weights-panel.tsx';
import { createSaving, DesignerPage, SaveButton } from './designer-page.tsx';
import { currentVersion, documentsOf, isEditable, saveDocuments } from './draft-store.tsx';
import { LeafFields } from './indicator-tree/leaf-fields.tsx';
import type { IndicatorDoc } from './indicator-tree.ts';
import {
  applyAhp,
  canDelete,
  childLevel,
  childrenOf,
  deleteLeaf,
  effectiveWeight,
  initialMatrix,
  isUnitSum,
  moveIndicator,
  moveTargets,
  round4,
  SAATY_SCALE,
  saatyLabel,
  setJudgement,
  siblingSum,
} from './indicator-tree.ts';
import { local, pt } from './messages.ts';
import { CodeName, LabelledInput, LabelledSelect, Panel } from './page-parts.tsx';
import './performance.css';
import './designer.css';
import { errorText } from '../../lib/error-text.ts';
import { StatusHint } from '../../components/feedback.tsx';

/** The indicator tree editor page (admin). */
export const IndicatorTreePage: Component = () => {
  const [docs, setDocs] = createSignal<IndicatorDoc[]>([]);
  const [dirty, setDirty] = createSignal<Set<string>>(new Set());
  const [selectedId, setSelectedId] = createSignal<string | null>(null);
  const [open, setOpen] = createSignal<Set<string>>(new Set());
  const saving = createSaving();

  createEffect(
    on(currentVersion, () => {
      const list = structuredClone(documentsOf<IndicatorDoc>('indicator'));
      setDocs(list);
      setDirty(new Set<string>());
      setOpen(new Set(list.filter((d) => d.level === 'city').map((d) => d.id)));
    }),
  );

  const selected = createMemo(() => docs().find((d) => d.id === selectedId()));

  const change = (changed: IndicatorDoc[]): void => {
    const byId = new Map(changed.map((d) => [d.id, d]));
    const known = new Set(docs().map((d) => d.id));
    setDocs([...docs().map((d) => byId.get(d.id) ?? d), ...changed.filter((d) => !known.has(d.id))]);
    setDirty(new Set([...dirty(), ...byId.keys()]));
  };
  const update = (id: string, patch: Partial<IndicatorDoc>): void => {
    const doc = docs().find((d) => d.id === id);
    if (doc) change([{ ...doc, ...patch }]);
  };

  const addChild = (parent: IndicatorDoc | undefined): void => {
    const level = parent ? childLevel(parent.level) : 'city';
    if (!level) return;
    let n = childrenOf(docs(), parent?.id).length + 1;
    const base = parent ? parent.id : 'ind';
    while (docs().some((d) => d.id === `${base}-${n}`)) n += 1;
    const doc: IndicatorDoc = {
      kind: 'indicator',
      id: `${base}-${n}`,
      schemaVersion: 1,
      code: parent?.code ? `${parent.code}.${n}` : String(n),
      name: { zh: pt('tree.newName'), en: 'New indicator' },
      level,
      weight: 0.1,
      ...(parent ? { parentId: parent.id } : {}),
      ...(level === 'unit' ? { period: 'monthly', dataSource: 'thirdParty', owners: [], targets: [] } : {}),
    };
    change([doc]);
    if (parent) setOpen(new Set([...open(), parent.id]));
    setSelectedId(doc.id);
  };

  const save = async (): Promise<void> => {
    const ids = dirty();
    const toSave = docs().filter((d) => ids.has(d.id)) as unknown as RuleDocument[];
    await saving.during(() => saveDocuments(toSave));
  };

  // Deleting saves at once (pending edits included): the draft is reloaded after the DELETE, which
  // would otherwise drop them.
  const remove = async (id: string): Promise<void> => {
    if (!canDelete(docs(), id)) return;
    const parentFix = deleteLeaf(docs(), id);
    const fixed = new Map(parentFix.map((d) => [d.id, d]));
    const ids = dirty();
    const pending = docs()
      .filter((d) => d.id !== id && (ids.has(d.id) || fixed.has(d.id)))
      .map((d) => fixed.get(d.id) ?? d) as unknown as RuleDocument[];
    const isNew = !documentsOf<IndicatorDoc>('indicator').some((d) => d.id === id);
    // The tree drops the row at once (the parent's AHP fix applied); a failed save puts it back.
    const before = { docs: docs(), dirty: ids };
    setDocs(
      docs()
        .filter((d) => d.id !== id)
        .map((d) => fixed.get(d.id) ?? d),
    );
    const next = new Set(ids);
    next.delete(id);
    for (const fixedId of fixed.keys()) next.add(fixedId);
    setDirty(next);
    setSelectedId(null);
    await saving.during(async () => {
      // A never-saved indicator has nothing to delete on the server.
      const isSaved = isNew
        ? pending.length === 0 || (await saveDocuments(pending))
        : await saveDocuments(pending, [{ kind: 'indicator', id }]);
      if (!isSaved && before.docs.some((d) => d.id === id) && !docs().some((d) => d.id === id)) {
        const held = documentsOf<IndicatorDoc>('indicator');
        // Not a conflict (that reloads the version): the server still has the indicator, so does the tree.
        if (held.some((d) => d.id === id)) {
          setDocs(before.docs);
          setDirty(before.dirty);
        }
      }
    });
  };

  const toggle = (id: string): void => {
    const next = new Set(open());
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };

  const Branch: Component<{ parentId: string | undefined; depth: number }> = (props) => {
    const kids = () => childrenOf(docs(), props.parentId);
    const sum = () => siblingSum(docs(), props.parentId);
    return (
      <Show when={kids().length > 0}>
        <ul class="perf-tree" classList={{ 'perf-tree--root': props.depth === 0 }}>
          <For each={kids()}>
            {(doc) => {
              const weight = () => effectiveWeight(docs(), doc);
              const hasKids = () => childrenOf(docs(), doc.id).length > 0;
              return (
                <li>
                  <div
                    class="perf-tree__row"
                    classList={{
                      'perf-tree__row--selected': selectedId() === doc.id,
                      'perf-tree__row--dirty': dirty().has(doc.id),
                    }}
                    data-testid={`tree-row-${doc.id}`}
                  >
                    <button
                      type="button"
                      class="perf-tree__toggle"
                      aria-label={doc.id}
                      aria-expanded={hasKids() ? open().has(doc.id) : undefined}
                      disabled={!hasKids()}
                      onClick={() => toggle(doc.id)}
                    >
                      {hasKids() ? (open().has(doc.id) ? '▾' : '▸') : '·'}
                    </button>
                    <button type="button" class="perf-tree__name" onClick={() => setSelectedId(doc.id)}>
                      <CodeName code={doc.code} name={doc.name} />
                    </button>
                    <span class="perf-tree__level">{pt(`tree.level.${doc.level}`)}</span>
                    <span class="perf-tree__weight mono" data-testid={`tree-weight-${doc.id}`}>
                      {weight() === null ? '—' : round4(weight()!)}
                      <Show when={typeof doc.weight === 'object'}>
                        <span class="badge">{pt('tree.ahpWeight')}</span>
                      </Show>
                    </span>
                  </div>
                  <Show when={open().has(doc.id)}>
                    <Branch parentId={doc.id} depth={props.depth + 1} />
                  </Show>
                </li>
              );
            }}
          </For>
          <li
            class="perf-tree__sum"
            classList={{ 'perf-tree__sum--warn': !isUnitSum(sum()) }}
            data-testid={`tree-sum-${props.parentId ?? 'root'}`}
          >
            {isUnitSum(sum())
              ? pt('tree.siblingSum', { sum: round4(sum()) })
              : `⚠ ${pt('tree.sumWarning', { sum: round4(sum()) })}`}
          </li>
        </ul>
      </Show>
    );
  };

  return (
    <DesignerPage
      page="tree"
      toolbar={
        <>
          <SaveButton testId="tree-save" saving={saving} blocked={dirty().size === 0} onSave={save} />
          <Show when={dirty().size > 0}>
            <span class="muted small" data-testid="tree-unsaved">
              {pt('draft.unsaved', { count: dirty().size })}
            </span>
          </Show>
          <button
            type="button"
            class="btn btn--small"
            disabled={!isEditable()}
            onClick={() => addChild(undefined)}
          >
            {pt('tree.addRoot')}
          </button>
        </>
      }
    >
      <div class="perf-split">
        <div class="panel perf-split__main">
          <Branch parentId={undefined} depth={0} />
        </div>
        <div class="perf-split__side">
          <Show when={selected()} fallback={<p class="panel muted">{pt('tree.selectHint')}</p>}>
            {(doc) => (
              <IndicatorDetails
                doc={doc()}
                docs={docs()}
                isEditable={isEditable()}
                onUpdate={(patch) => update(doc().id, patch)}
                onMove={(parentId) => change(moveIndicator(docs(), { id: doc().id, newParentId: parentId }))}
                onAddChild={() => addChild(doc())}
                onDelete={() => remove(doc().id)}
                onApplyAhp={(matrix, method) =>
                  change(applyAhp(docs(), { parentId: doc().id, matrix, method }))
                }
              />
            )}
          </Show>
        </div>
      </div>
      <AhpWeightsPanel />
    </DesignerPage>
  );
};

const IndicatorDetails: Component<{
  doc: IndicatorDoc;
  docs: IndicatorDoc[];
  isEditable: boolean;
  onUpdate: (patch: Partial<IndicatorDoc>) => void;
  onMove: (parentId: string) => void;
  onAddChild: () => void;
  onDelete: () => void;
  onApplyAhp: (matrix: number[][], method: AhpMethod) => void;
}> = (props) => {
  const targets = () => moveTargets(props.docs, props.doc);
  const [moveTo, setMoveTo] = createSignal('');
  const [isConfirming, setConfirming] = createSignal(false);
  return (
    <>
      <div class="panel" data-testid="indicator-details">
        <h2 class="panel__title">
          {pt('tree.details')} <span class="mono small">{props.doc.id}</span>
        </h2>
        <div class="perf-form">
          <LabelledInput
            label={pt('common.zh')}
            value={props.doc.name.zh}
            disabled={!props.isEditable}
            data-testid="indicator-name-zh"
            onValue={(zh) => props.onUpdate({ name: { ...props.doc.name, zh } })}
          />
          <LabelledInput
            label={pt('common.en')}
            value={props.doc.name.en}
            disabled={!props.isEditable}
            onValue={(en) => props.onUpdate({ name: { ...props.doc.name, en } })}
          />
          <Show
            when={typeof props.doc.weight !== 'object'}
            fallback={
              <p class="small">
                {pt('tree.weightFromAhp', { weight: round4(effectiveWeight(props.docs, props.doc) ?? 0) })}{' '}
                <button
                  type="button"
                  class="btn btn--small"
                  disabled={!props.isEditable}
                  onClick={() =>
                    props.onUpdate({ weight: Number(round4(effectiveWeight(props.docs, props.doc) ?? 0)) })
                  }
                >
                  {pt('tree.setFixedWeight')}
                </button>
              </p>
            }
          >
            <LabelledInput
              label={pt('tree.weight')}
              type="number"
              step="0.01"
              min="0"
              max="1"
              value={typeof props.doc.weight === 'number' ? props.doc.weight : ''}
              disabled={!props.isEditable}
              data-testid="indicator-weight"
              onValue={(_, input) => {
                const value = input.valueAsNumber;
                if (Number.isFinite(value)) props.onUpdate({ weight: value });
              }}
            />
          </Show>
          <Show when={targets().length > 0}>
            <div class="perf-inline">
              <LabelledSelect
                wrap="perf-inline"
                label={pt('tree.parent')}
                value={moveTo()}
                onValue={setMoveTo}
                disabled={!props.isEditable}
              >
                <option value="">{local(props.docs.find((d) => d.id === props.doc.parentId)?.name)}</option>
                <For each={targets()}>
                  {(d) => (
                    <option value={d.id}>
                      {d.code} {local(d.name)}
                    </option>
                  )}
                </For>
              </LabelledSelect>
              <button
                type="button"
                class="btn btn--small"
                disabled={!props.isEditable || !moveTo()}
                onClick={() => {
                  props.onMove(moveTo());
                  setMoveTo('');
                }}
              >
                {pt('tree.move')}
              </button>
            </div>
          </Show>
          <Show when={props.doc.level !== 'unit'}>
            <button
              type="button"
              class="btn btn--small"
              disabled={!props.isEditable}
              onClick={() => props.onAddChild()}
            >
              {pt('tree.addChild')}
            </button>
          </Show>
          <Show when={props.doc.level === 'unit'}>
            <LeafFields doc={props.doc} isEditable={props.isEditable} onUpdate={props.onUpdate} />
          </Show>
          <Show when={canDelete(props.docs, props.doc.id)}>
            <Show
              when={isConfirming()}
              fallback={
                <button
                  type="button"
                  class="btn btn--small btn--danger"
                  data-testid="tree-delete"
                  disabled={!props.isEditable}
                  onClick={() => setConfirming(true)}
                >
                  {pt('tree.delete')}
                </button>
              }
            >
              <div class="perf-confirm" role="alertdialog" aria-label={pt('tree.delete')}>
                <p>
                  {pt('tree.deleteConfirm', { name: `${props.doc.code ?? ''} ${local(props.doc.name)}` })}
                </p>
                <button
                  type="button"
                  class="btn btn--small btn--danger"
                  data-testid="tree-delete-confirm"
                  onClick={() => {
                    setConfirming(false);
                    props.onDelete();
                  }}
                >
                  {pt('tree.deleteYes')}
                </button>{' '}
                <button type="button" class="btn btn--small" onClick={() => setConfirming(false)}>
                  {pt('common.cancel')}
                </button>
              </div>
            </Show>
          </Show>
        </div>
      </div>
      <Show when={props.doc.level !== 'unit'}>
        <AhpHelper
          parent={props.doc}
          docs={props.docs}
          isEditable={props.isEditable}
          onApply={props.onApplyAhp}
        />
      </Show>
    </>
  );
};

const AhpHelper: Component<{
  parent: IndicatorDoc;
  docs: IndicatorDoc[];
  isEditable: boolean;
  onApply: (matrix: number[][], method: AhpMethod) => void;
}> = (props) => {
  const children = () => childrenOf(props.docs, props.parent.id);
  const [matrix, setMatrix] = createSignal<number[][]>([]);
  const [method, setMethod] = createSignal<AhpMethod>('eigenvector');
  const [applied, setApplied] = createSignal(false);
  createEffect(
    on(
      () => [props.parent.id, children().length] as const,
      () => {
        setMatrix(
          initialMatrix(
            children().map((c) => c.id),
            props.parent.ahp,
          ),
        );
        setMethod(props.parent.ahp?.method ?? 'eigenvector');
        setApplied(false);
      },
    ),
  );
  const result = createMemo((): AhpResult | string => {
    try {
      return computeAhp(matrix(), { method: method() });
    } catch (error) {
      return errorText(error);
    }
  });
  const nameAt = (i: number) => local(children()[i]?.name);

  return (
    <Panel testId="ahp-helper" title={pt('ahp.title')}>
      <Show when={children().length >= 2} fallback={<p class="muted small">{pt('ahp.needTwo')}</p>}>
        <p class="muted small">
          {pt('ahp.intro', { name: local(props.parent.name), count: children().length })}
        </p>
        <LabelledSelect
          wrap="perf-inline"
          label={pt('ahp.method')}
          value={method()}
          onValue={(m) => setMethod(m as AhpMethod)}
        >
          <option value="eigenvector">{pt('ahp.method.eigenvector')}</option>
          <option value="geometricMean">{pt('ahp.method.geometricMean')}</option>
        </LabelledSelect>
        <div class="table-wrap">
          <table class="table perf-ahp">
            <thead>
              <tr>
                <th />
                <For each={children()}>{(c, j) => <th title={local(c.name)}>{j() + 1}</th>}</For>
                <th>{pt('ahp.weights')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={children()}>
                {(c, i) => (
                  <tr>
                    <th scope="row" class="small">
                      {i() + 1}. {local(c.name)}
                    </th>
                    <For each={children()}>
                      {(_, j) => (
                        <td>
                          <Show
                            when={j() > i()}
                            fallback={
                              <span class="muted mono small">{saatyLabel(matrix()[i()]?.[j()] ?? 1)}</span>
                            }
                          >
                            <select
                              class="perf-ahp__cell"
                              data-testid={`ahp-cell-${i()}-${j()}`}
                              aria-label={pt('ahp.cell', { a: nameAt(i()), b: nameAt(j()) })}
                              value={saatyLabel(matrix()[i()]?.[j()] ?? 1)}
                              onChange={(e) => {
                                const entry = SAATY_SCALE.find(
                                  ([, label]) => label === e.currentTarget.value,
                                );
                                if (entry)
                                  setMatrix(setJudgement(matrix(), { i: i(), j: j(), value: entry[0] }));
                                setApplied(false);
                              }}
                            >
                              <For each={SAATY_SCALE}>
                                {([, label]) => <option value={label}>{label}</option>}
                              </For>
                            </select>
                          </Show>
                        </td>
                      )}
                    </For>
                    <td class="mono" data-testid={`ahp-weight-${i()}`}>
                      {typeof result() === 'string' ? '—' : round4((result() as AhpResult).weights[i()] ?? 0)}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <Show
          when={typeof result() !== 'string' && (result() as AhpResult)}
          fallback={<div class="alert alert--error">{pt('ahp.invalid', { message: String(result()) })}</div>}
        >
          {(r) => (
            <>
              <dl class="facts perf-ahp__facts" data-testid="ahp-facts">
                <dt>{pt('ahp.lambdaMax')}</dt>
                <dd class="mono">{r().lambdaMax.toFixed(4)}</dd>
                <dt>{pt('ahp.ci')}</dt>
                <dd class="mono">{r().ci.toFixed(4)}</dd>
                <dt>{pt('ahp.cr')}</dt>
                <dd class="mono" data-testid="ahp-cr">
                  {r().cr.toFixed(4)}
                </dd>
              </dl>
              <Show
                when={!r().isConsistent && r().mostInconsistentPair}
                fallback={
                  <div class="alert alert--success" role="status" data-testid="ahp-consistency">
                    {pt('ahp.consistent')}
                  </div>
                }
              >
                {(pair) => (
                  <div class="alert alert--error" role="alert" data-testid="ahp-consistency">
                    {pt('ahp.inconsistent', {
                      a: nameAt(pair().i),
                      b: nameAt(pair().j),
                      given: saatyLabel(pair().given),
                      implied: pair().implied.toFixed(2),
                    })}
                  </div>
                )}
              </Show>
              <div class="form-actions">
                <button
                  type="button"
                  class="btn"
                  data-testid="ahp-apply"
                  disabled={!props.isEditable}
                  onClick={() => {
                    props.onApply(matrix(), method());
                    setApplied(true);
                  }}
                >
                  {pt('ahp.apply')}
                </button>
                <StatusHint message={applied() ? pt('ahp.applied') : ''} />
              </div>
            </>
          )}
        </Show>
      </Show>
    </Panel>
  );
};
