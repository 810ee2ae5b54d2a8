/** @module Every studio message catalogue (a `*zh-CN.json` table and the `*en.json` beside it): the same keys in both languages, no empty text, the same `{name}` placeholders. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const studio = join(import.meta.dirname, '../../../studio');
const zhTables = readdirSync(studio, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('zh-CN.json'))
  .sort();
const read = (file: string): Record<string, string> => JSON.parse(readFileSync(join(studio, file), 'utf8'));
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('studio message catalogues', () => {
  it('finds the studio dictionary and every page catalogue', () => {
    expect(zhTables).toContain('i18n/zh-CN.json');
    expect(zhTables.length).toBeGreaterThanOrEqual(8);
  });

  describe.each(zhTables)('%s', (zhFile) => {
    const enFile = zhFile.replace(/zh-CN\.json$/, 'en.json');

    it('has an English table beside it', () => {
      expect(existsSync(join(studio, enFile)), enFile).toBe(true);
    });

    it('has every Chinese key in English and no English key the Chinese lacks', () => {
      const zh = read(zhFile);
      const en = read(enFile);
      expect(
        Object.keys(zh).filter((key) => !(key in en)),
        `keys missing from ${enFile}`,
      ).toEqual([]);
      expect(
        Object.keys(en).filter((key) => !(key in zh)),
        `keys only in ${enFile}`,
      ).toEqual([]);
    });

    it('has text for every key and the same placeholders in both languages', () => {
      const zh = read(zhFile);
      const en = read(enFile);
      for (const [key, text] of [...Object.entries(zh), ...Object.entries(en)]) {
        expect(typeof text, key).toBe('string');
        expect(text.trim(), key).not.toBe('');
      }
      for (const key of Object.keys(zh)) {
        expect(placeholders(en[key] ?? ''), key).toEqual(placeholders(zh[key]!));
      }
    });
  });
});
