import { describe, expect, it } from 'vitest';
import { createAnswerChecker } from '../../src/lib/content/answers.ts';
import { fillPlaceholders, findPlaceholders, placeholderProblem } from '../../src/lib/content/placeholder.ts';

describe('an answer to npm run new, checked as check checks the file it goes into', () => {
  const check = createAnswerChecker({ timeZone: 'Asia/Tokyo', componentIds: ['payouts'], locales: ['ja', 'en'] });
  const notice = { type: 'update', date: '2026-11-25T18:30:00+09:00', components: { payouts: 'suspended' } };

  it('accepts a valid value and names the problem with a bad one in check\'s words', () => {
    expect(check.notice({ ...notice, next_update: '2026-11-26T12:00:00+09:00' }, 'next_update')).toBeUndefined();
    expect(check.notice({ ...notice, next_update: '2026-11-26 12:00' }, 'next_update')).toBe('next_update "2026-11-26 12:00" has no UTC offset; write 2026-11-26T12:00:00+09:00');
    expect(check.notice({ ...notice, next_update: '2026-11-25T12:00:00+09:00' }, 'next_update')).toBe(
      'next_update "2026-11-25T12:00:00+09:00" is not after date "2026-11-25T18:30:00+09:00"; promise the next notice for a later time, or remove next_update',
    );
    expect(check.incident({ title: ' ', summary: '-' }, 'title')).toBe('title is empty; write some text');
    expect(check.incident({ title: '出金の停止', summary: '-' }, 'title')).toBeUndefined();
  });

  it('looks only at the field asked about', () => {
    // The window is incomplete, but the question is the start's.
    expect(check.notice({ type: 'maintenance', date: notice.date, window_start: '2026-11-26T02:00+09:00', window_end: '2026-11-26T02:00+09:00' }, 'window_start')).toBeUndefined();
    expect(check.notice({ type: 'maintenance', date: notice.date, window_start: '2026-11-26T02:00+09:00', window_end: '2026-11-26T01:00+09:00' }, 'window_end')).toBe(
      'window_end "2026-11-26T01:00+09:00" is not after window_start "2026-11-26T02:00+09:00"; the maintenance window must end after it starts',
    );
  });
});

describe('template placeholders', () => {
  it('are found with their positions and filled by name, unknown ones left as written', () => {
    expect(findPlaceholders('{{since}}から{{ components }}を停止')).toEqual([{ name: 'since', index: 0 }, { name: 'components', index: 11 }]);
    expect(fillPlaceholders('{{since}}から{{ components }}、{{other}}', { since: '18:00', components: '出金' })).toBe('18:00から出金、{{other}}');
  });

  it('are refused when unknown or when the notice type cannot fill them', () => {
    expect(placeholderProblem('since', 'postmortem')).toBeUndefined();
    expect(placeholderProblem('next_update', 'update')).toBeUndefined();
    expect(placeholderProblem('next_update', 'resumption')).toBe('{{next_update}} cannot be filled in a resumption notice; it is for suspension, update notices only — remove it or write the text yourself');
    expect(placeholderProblem('sinse', 'update')).toBe('unknown placeholder {{sinse}}. Did you mean {{since}}? A template may use {{title}}, {{since}}, {{date}}, {{next_update}}, {{components}}, {{states}}, {{duration}}');
  });
});
