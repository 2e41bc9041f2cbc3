import type { ComponentState } from '../core/states.ts';

/** State colours for images (badges, preview images), each with at least 4.5:1 contrast against white text. */
export const STATE_COLOURS: Record<ComponentState, string> = {
  operational: '#17663a',
  maintenance: '#1f4e8c',
  degraded: '#7a4d00',
  partial_outage: '#7a4d00',
  major_outage: '#a4161a',
  suspended: '#a4161a',
};
