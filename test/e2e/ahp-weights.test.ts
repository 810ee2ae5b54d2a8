/** @module Browser journey: the indicator tree shows, for every AHP node of the draft, the children's derived weights, λmax, CI, CR, method and a consistency badge, in Chinese. */
import { describe, expect, it } from 'vitest';
import { navLink, screenshot, useJourney } from './browser.ts';

describe('AHP weights panel', () => {
  const journey = useJourney();

  it('shows the derived weights and consistency of the demo district’s AHP nodes on the indicator tree', async () => {
    const page = await journey.signIn('admin', { defaultTimeoutMs: 30_000 });
    await navLink(page, '指标体系').click();
    await page.getByTestId('draft-create').click();
    await expect.poll(() => page.getByTestId('draft-message').textContent()).toMatch(/已新建草稿 v\d+/);

    const panel = page.getByTestId('ahp-weights-panel');
    await expect.poll(() => panel.textContent()).toContain('AHP 权重推导');
    const econ = panel.getByTestId('ahp-weights-ind-econ');
    await expect.poll(() => econ.textContent()).toContain('一致性比率 CR');
    const text = (await econ.textContent()) ?? '';
    expect(text).toContain('经济发展');
    expect(text).toContain('特征向量法');
    expect(text).toMatch(/最大特征根 λmax\s*4\.\d{4}/);
    // Four children with shares in percent that add up to 100.
    const shares = await econ
      .locator('tbody td.num')
      .evaluateAll((cells) => cells.map((c) => Number(c.textContent)));
    expect(shares).toHaveLength(4);
    expect(shares.reduce((s, x) => s + x, 0)).toBeCloseTo(100, 0);
    const badge = econ.getByTestId('ahp-weights-badge-ind-econ');
    expect(await badge.textContent()).toBe('一致（CR < 0.1）');
    expect(await badge.getAttribute('class')).toContain('ahp-weights__badge--ok');
    await expect
      .poll(() => panel.getByTestId('ahp-weights-ind-econ-2').textContent())
      .toContain('几何平均法');
    await screenshot(page, 'performance-ahp-weights');
  });
});
