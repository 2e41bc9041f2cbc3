/** Component states, the notice types and impact levels: the vocabulary of every notice. */

export const COMPONENT_STATES = ['operational', 'maintenance', 'degraded', 'partial_outage', 'major_outage', 'suspended'] as const;
export type ComponentState = (typeof COMPONENT_STATES)[number];

/** Higher is worse; the banner and overall status take the worst state. */
export const STATE_SEVERITY: Record<ComponentState, number> = {
  operational: 0,
  maintenance: 1,
  degraded: 2,
  partial_outage: 3,
  major_outage: 4,
  suspended: 5,
};

export function worstState(states: Iterable<ComponentState>): ComponentState {
  let worst: ComponentState = 'operational';
  for (const state of states) if (STATE_SEVERITY[state] > STATE_SEVERITY[worst]) worst = state;
  return worst;
}

export const NOTICE_TYPES = ['suspension', 'maintenance', 'update', 'resumption', 'completed', 'postmortem'] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

/** Types that open an incident: an unplanned suspension or a planned maintenance. */
export const OPENING_TYPES: readonly NoticeType[] = ['suspension', 'maintenance'];
/** Types that close an incident. `completed` closes a maintenance only. */
export const CLOSING_TYPES: readonly NoticeType[] = ['resumption', 'completed'];

export const IMPACTS = ['minor', 'major', 'critical'] as const;
export type Impact = (typeof IMPACTS)[number];

export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
