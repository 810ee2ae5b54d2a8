/** @module Intake bodies (POST /api/cases) the API and browser tests take cases in with. */

/**
 * A night-time noise complaint told in `text`, taken over the hotline on Xinhua street: the demo
 * routing table sends construction noise there to the housing and construction bureau.
 */
export const nightNoiseCase = (text: string) => ({
  channel: 'hotline',
  category: 'environment.noise',
  text,
  data: { period: '夜间（22时至次日6时）' },
  location: { streetId: 'street-xinhua' },
});
