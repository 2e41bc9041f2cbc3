import type { NotifyChannel } from '../../lib/content/config-schema.ts';
import type { Incident, Notice, SiteContent } from '../../lib/content/types.ts';
import { updateId } from '../../lib/outputs/statuspage.ts';
import { recorded, type Ledger } from './ledger.ts';

/** A published notice with its key, `<incident slug>/<notice id>`. */
export interface PublishedNotice {
  incident: Incident;
  notice: Notice;
  key: string;
}

/** Every published notice, oldest first (ties: incident slug, then notice id), the order merchants must read them in. */
export function publishedInOrder(content: SiteContent): PublishedNotice[] {
  const all = content.incidents.flatMap((incident) => incident.notices.map((notice) => ({ incident, notice, key: updateId(incident, notice) })));
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return all.sort((a, b) => a.notice.at - b.notice.at || compare(a.incident.slug, b.incident.slug) || compare(a.notice.id, b.notice.id));
}

/** What one run does for one channel: notices to send, in order, and notices too old to send (recorded as skipped). */
export interface ChannelPlan {
  channel: NotifyChannel;
  send: PublishedNotice[];
  tooOld: PublishedNotice[];
}

export interface PlanOptions {
  now: number;
  maxAgeHours: number;
  /** Keys sent again on purpose (`--resend`), whatever the ledger says and however old. */
  resend: ReadonlySet<string>;
}

/** The notices `channel` has not had yet, split into those to send and those older than maxAgeHours. */
export function planChannel(channel: NotifyChannel, notices: readonly PublishedNotice[], ledger: Ledger, options: PlanOptions): ChannelPlan {
  const oldest = options.now - options.maxAgeHours * 3_600_000;
  const plan: ChannelPlan = { channel, send: [], tooOld: [] };
  for (const item of notices) {
    if (options.resend.has(item.key)) plan.send.push(item);
    else if (recorded(ledger, channel.id, item.key) !== undefined) continue;
    else if (item.notice.at < oldest) plan.tooOld.push(item);
    else plan.send.push(item);
  }
  return plan;
}
