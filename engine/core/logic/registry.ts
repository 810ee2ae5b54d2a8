/** @module Operator registry and `defineOperator`, the one public way to add an operator. */
import { RuleError, ValidationError } from '../errors.ts';
import type { OperatorDefinition } from './operator.ts';
import { FORBIDDEN_KEYS } from './runtime.ts';
import { STANDARD_OPERATORS } from './standard-operators.ts';

/** Names of user operators: identifiers, optionally dotted or dashed, e.g. `efficacy`, `date.diff`. */
export const OPERATOR_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)*$/;

/** Options of `defineOperator`. */
export interface DefineOperatorOptions {
  /** Allow replacing an operator already in the registry (including a standard one). Default false. */
  replace?: boolean;
}

/** A set of operators a rule may use, keyed by name. */
export class OperatorRegistry {
  readonly #operators = new Map<string, OperatorDefinition>();

  /** The operator called `name`, if registered (own entries only; never the prototype chain). */
  get(name: string): OperatorDefinition | undefined {
    return this.#operators.get(name);
  }

  /** Whether an operator called `name` is registered. */
  has(name: string): boolean {
    return this.#operators.has(name);
  }

  /** Every registered operator, in registration order. */
  list(): OperatorDefinition[] {
    return [...this.#operators.values()];
  }

  /** A registry holding the same operators, to extend without touching this one. */
  clone(): OperatorRegistry {
    const copy = new OperatorRegistry();
    for (const def of this.#operators.values()) copy.#operators.set(def.name, def);
    return copy;
  }

  /** Internal: stores an already validated definition. Use `defineOperator`. */
  set(def: OperatorDefinition): void {
    this.#operators.set(def.name, def);
  }
}

function invalid(name: string, en: string, zh: string): ValidationError {
  return new ValidationError(
    'logic.invalid_operator',
    { en: `Operator ${JSON.stringify(name)}: ${en}`, zh: `运算符 ${JSON.stringify(name)}：${zh}` },
    { details: { name } },
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks a definition and returns a frozen copy; throws `ValidationError` when it is incomplete. */
export function validateOperatorDefinition(def: OperatorDefinition): OperatorDefinition {
  const name = typeof def?.name === 'string' ? def.name : String(def?.name);
  if (!isPlainObject(def)) throw invalid(name, 'definition must be an object', '定义必须是对象');
  if (typeof def.name !== 'string' || !OPERATOR_NAME_PATTERN.test(def.name) || def.name.length > 64) {
    throw invalid(name, `name must match ${OPERATOR_NAME_PATTERN}`, `名称必须匹配 ${OPERATOR_NAME_PATTERN}`);
  }
  if (FORBIDDEN_KEYS.has(def.name)) throw invalid(name, 'name is reserved', '名称为保留字');
  if (typeof def.category !== 'string' || def.category === '') {
    throw invalid(name, 'category is required', '必须提供分类');
  }
  if (
    !isPlainObject(def.description) ||
    typeof def.description.en !== 'string' ||
    typeof def.description.zh !== 'string' ||
    def.description.en === '' ||
    def.description.zh === ''
  ) {
    throw invalid(name, 'description needs en and zh text', '描述需要中英文');
  }
  if (!isPlainObject(def.argsSchema)) throw invalid(name, 'argsSchema is required', '必须提供 argsSchema');
  if (def.resultSchema !== undefined && !isPlainObject(def.resultSchema)) {
    throw invalid(name, 'resultSchema must be an object', 'resultSchema 必须是对象');
  }
  if (!Array.isArray(def.examples) || def.examples.length === 0) {
    throw invalid(name, 'at least one example is required', '至少需要一个示例');
  }
  for (const example of def.examples) {
    if (!isPlainObject(example) || !('rule' in example) || !('expected' in example)) {
      throw invalid(name, 'every example needs rule and expected', '每个示例都需要 rule 与 expected');
    }
  }
  if (typeof def.evaluate !== 'function')
    throw invalid(name, 'evaluate must be a function', 'evaluate 必须是函数');
  return Object.freeze({
    ...def,
    examples: Object.freeze([...def.examples]) as OperatorDefinition['examples'],
  });
}

function createDefaultRegistry(): OperatorRegistry {
  const registry = new OperatorRegistry();
  for (const def of STANDARD_OPERATORS) registry.set(def);
  return registry;
}

/** The registry `compile` uses unless told otherwise: standard operators plus whatever was defined. */
export const defaultRegistry: OperatorRegistry = createDefaultRegistry();

/**
 * Validates `def` and registers it (in `registry`, the default registry by default). A name already
 * registered — standard operators included — is refused unless `options.replace` is true.
 * Returns the frozen definition actually stored.
 */
export function defineOperator(
  def: OperatorDefinition,
  registry: OperatorRegistry = defaultRegistry,
  options: DefineOperatorOptions = {},
): OperatorDefinition {
  const checked = validateOperatorDefinition(def);
  const existing = registry.get(checked.name);
  if (existing !== undefined && existing !== def && !options.replace) {
    throw new RuleError(
      'logic.operator_exists',
      {
        en: `Operator ${JSON.stringify(checked.name)} is already defined (${existing.category})`,
        zh: `运算符 ${JSON.stringify(checked.name)} 已定义（${existing.category}）`,
      },
      { details: { name: checked.name } },
    );
  }
  registry.set(checked);
  return checked;
}
