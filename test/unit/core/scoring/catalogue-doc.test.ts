/** @module The Markdown reference rendered from the operator definitions covers the whole catalogue. */
import { describe, expect, it } from 'vitest';
import type { OperatorDefinition } from '../../../../engine/core/logic/operator.ts';
import { renderCatalogueMarkdown } from '../../../../engine/core/scoring/operators/catalogue-doc.ts';
import { batonOperators } from '../../../../engine/core/scoring/operators/index.ts';

describe('the operator catalogue reference', () => {
  const markdown = renderCatalogueMarkdown(batonOperators);

  it('has a section, an index row and both descriptions for every operator', () => {
    for (const op of batonOperators) {
      expect(markdown, op.name).toContain(`\n### ${op.name}\n`);
      expect(markdown, op.name).toContain(`[\`${op.name}\`](#${op.name})`);
      expect(markdown, op.name).toContain(op.description.en);
      expect(markdown, op.name).toContain(op.description.zh);
    }
    expect(markdown.match(/^### /gm)).toHaveLength(batonOperators.length);
  });

  it('lists every argument by its title and every example rule', () => {
    for (const op of batonOperators) {
      const section = markdown.slice(markdown.indexOf(`### ${op.name}\n`)).split(/\n### /)[0] ?? '';
      for (const item of op.argsSchema.prefixItems as { title: string }[]) {
        expect(section, `${op.name} ${item.title}`).toContain(`\`${item.title}\``);
      }
      for (const example of op.examples) expect(section).toContain(JSON.stringify(example.rule));
    }
  });

  it('groups operators under their category headings and is deterministic', () => {
    expect(markdown.startsWith('# Baton operators\n')).toBe(true);
    expect(markdown).toContain('## Scoring · 计分');
    expect(markdown).toContain('## Rounding · 取整');
    expect(markdown.indexOf('### completion_ratio')).toBeLessThan(markdown.indexOf('### round_half_up'));
    expect(renderCatalogueMarkdown(batonOperators)).toBe(markdown);
    expect(markdown).toContain(
      '| [`keyword_match`](#keyword_match) | text | array \\| boolean \\| integer |',
    );
  });

  it('marks optional arguments, escapes table pipes and shows data and tolerance', () => {
    const op: OperatorDefinition = {
      name: 'demo_op',
      category: 'custom',
      description: { en: 'Demo operator.', zh: '示例。' },
      argsSchema: {
        type: 'array',
        prefixItems: [
          { title: 'a', description: 'first | second', type: 'number' },
          { title: 'b', description: 'optional', type: ['number', 'null'] },
        ],
        minItems: 1,
      },
      examples: [
        {
          rule: { demo_op: [{ var: 'x' }] },
          data: { x: 1 },
          expected: 1.5,
          tolerance: 0.01,
          description: 'd',
        },
      ],
      evaluate: () => 1.5,
    };
    const text = renderCatalogueMarkdown([op], { title: 'Demo' });
    expect(text.startsWith('# Demo\n')).toBe(true);
    expect(text).toContain('| 1 | `a` | number | yes | first \\| second |');
    expect(text).toContain('| 2 | `b` | number \\| null | no | optional |');
    expect(text).toContain('with data `{"x":1}` → `1.5` (± 0.01) — d');
    expect(text).toContain('## custom');
  });
});
