import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compareTrees } from '../support/determinism.ts';
import { checkFeed, strictFeedCheck } from '../support/feeds.ts';
import { checkLinks } from '../support/links.ts';
import { cspProblems, findExecutableMarkup } from '../support/safety.ts';
import { runVnu, sitemapXsdPath, xmllintSchema } from '../support/validators.ts';

// Each quality gate, fed one deliberately broken input, must fail — and the
// same input repaired must pass, so the gate is neither blind nor always red.
// These call the same functions as the real tests.

const temps: string[] = [];
function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'shirase-bite-'));
  temps.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; object-src 'none'">`;
const page = (body: string, head = CSP) => `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}<title>Bite</title></head><body><main>${body}</main></body></html>\n`;

describe('the Nu Html Checker gate bites', () => {
  it('reports an invalid element, and nothing for the same page without it', () => {
    const dir = tempDir({ 'valid/index.html': page('<p>Fine.</p>'), 'invalid/index.html': page('<p>Broken <blink>here</blink>.</p><ul><div>not a list item</div></ul>') });
    const result = runVnu([dir]);
    const files = new Set(result.errors.map((e) => e.url ?? ''));
    expect([...files].some((f) => f.endsWith('invalid/index.html'))).toBe(true);
    expect([...files].some((f) => f.endsWith('valid/index.html') && !f.endsWith('invalid/index.html'))).toBe(false);
    expect(result.errors.map((e) => e.message).join('\n')).toMatch(/blink|div/);
  });
});

describe('the sitemap schema gate bites', () => {
  it('rejects a <url> without <loc>', () => {
    const ok = tempDir({ 'sitemap.xml': '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://example.org/</loc></url></urlset>\n' });
    const bad = tempDir({ 'sitemap.xml': '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><lastmod>2018-04-12</lastmod></url></urlset>\n' });
    expect(xmllintSchema(sitemapXsdPath(), join(ok, 'sitemap.xml')).ok).toBe(true);
    const result = xmllintSchema(sitemapXsdPath(), join(bad, 'sitemap.xml'));
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/lastmod|loc/);
  });
});

describe('the strict feed gate bites', () => {
  const self = 'https://status.example.org/rss.xml';
  const rss = (itemLink: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Status</title><description>d</description><link>https://status.example.org/</link><atom:link href="${self}" rel="self" type="application/rss+xml"/><item><title>Suspension</title><link>${itemLink}</link><guid isPermaLink="true">https://status.example.org/incidents/a/#n1</guid><pubDate>Thu, 12 Apr 2018 09:00:00 GMT</pubDate></item>${extra}</channel></rss>`;

  it('accepts a correct RSS feed', () => {
    expect(strictFeedCheck('rss', rss('https://status.example.org/incidents/a/#n1'), self).problems).toEqual([]);
  });

  it('rejects an RSS item with a relative link', () => {
    const problems = strictFeedCheck('rss', rss('/incidents/a/#n1'), self).problems;
    expect(problems.join('\n')).toMatch(/item 1 <link> "\/incidents\/a\/#n1" is not an absolute URL/);
  });

  it('rejects a duplicate guid, a non-RFC 822 pubDate, a wrong weekday and a self link that is not the feed URL', () => {
    const duplicate = '<item><title>Again</title><link>https://status.example.org/incidents/a/#n1</link><guid>https://status.example.org/incidents/a/#n1</guid><pubDate>2018-04-12T09:00:00Z</pubDate></item><item><title>Wrong day</title><link>https://status.example.org/b</link><guid>https://status.example.org/b</guid><pubDate>Mon, 12 Apr 2018 09:00:00 GMT</pubDate></item>';
    const problems = strictFeedCheck('rss', rss('https://status.example.org/incidents/a/#n1', duplicate), 'https://status.example.org/en/rss.xml').problems.join('\n');
    expect(problems).toMatch(/appears more than once/);
    expect(problems).toMatch(/not an RFC 822 date-time/);
    expect(problems).toMatch(/is a Thu, not a Mon/);
    expect(problems).toMatch(/is not the feed's own URL/);
  });

  it('rejects relative links inside the item HTML and an ill-formed feed', () => {
    const withContent = rss('https://status.example.org/x').replace('</item>', '<description>&lt;a href="/faq/"&gt;FAQ&lt;/a&gt;</description></item>');
    expect(strictFeedCheck('rss', withContent, self).problems.join('\n')).toMatch(/<a href> "\/faq\/" is not an absolute URL/);
    expect(strictFeedCheck('rss', rss('https://status.example.org/x').replace('<title>Suspension</title>', '<title>a ]]> & b</title>'), self).problems.join('\n')).toMatch(/not well-formed XML/);
  });

  it('rejects an Atom date that is not RFC 3339, a missing rel="self", and a JSON Feed whose feed_url is not its URL', () => {
    const atom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><id>https://s.example/</id><title>S</title><updated>2018-04-12 09:00</updated><link rel="alternate" href="https://s.example/"/><entry><title>T</title><id>https://s.example/a</id><link href="https://s.example/a"/><updated>Thu, 12 Apr 2018 09:00:00 GMT</updated></entry></feed>`;
    const atomProblems = strictFeedCheck('atom', atom, 'https://s.example/atom.xml').problems.join('\n');
    expect(atomProblems).toMatch(/feed <updated>: "2018-04-12 09:00" is not an RFC 3339/);
    expect(atomProblems).toMatch(/entry 1 <updated>: .* is not an RFC 3339/);
    expect(atomProblems).toMatch(/exactly one <link rel="self">, found 0/);
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'S', home_page_url: 'https://s.example/', feed_url: 'https://s.example/rss.xml', items: [{ id: 'x', url: 'x', content_text: 't', date_published: '2018-04-12T09:00:00Z' }] });
    const jsonProblems = strictFeedCheck('json', json, 'https://s.example/feed.json').problems.join('\n');
    expect(jsonProblems).toMatch(/feed_url .* is not the feed's own URL/);
    expect(jsonProblems).toMatch(/item 1 url "x" is not an absolute URL/);
  });
});

describe('the feed clients\' agreement bites', () => {
  // Feeds the strict checks accept, but that real readers show differently from what we wrote:
  // only the agreement between the strict reading and the two clients catches these.
  const rssSelf = 'https://s.example/rss.xml';
  const rss = (title: string) => `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>S</title><link>https://s.example/</link><description>d</description><atom:link href="${rssSelf}" rel="self" type="application/rss+xml"/><item><title>${title}</title><link>https://s.example/a</link><guid>https://s.example/a</guid><pubDate>Thu, 12 Apr 2018 09:00:00 GMT</pubDate></item></channel></rss>`;
  const atomSelf = 'https://s.example/atom.xml';
  const atom = (links: string) => `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><id>https://s.example/</id><title>S</title><updated>2018-04-12T09:00:00Z</updated><link rel="self" href="${atomSelf}"/><link rel="alternate" href="https://s.example/"/><entry><title>A</title><id>https://s.example/a</id>${links}<updated>2018-04-12T09:00:00Z</updated></entry></feed>`;

  it('accepts an RSS title escaped once and an Atom entry whose first link is its page', async () => {
    expect((await checkFeed('rss', rss('Payouts &amp; sign-ups stopped'), rssSelf)).problems).toEqual([]);
    expect((await checkFeed('atom', atom('<link href="https://s.example/a"/><link rel="related" href="https://other.example/x"/>'), atomSelf)).problems).toEqual([]);
  });

  it('rejects a title escaped twice, which one client shows as "&" and the other as "&amp;"', async () => {
    const body = rss('Payouts &amp;amp; sign-ups stopped');
    expect(strictFeedCheck('rss', body, rssSelf).problems).toEqual([]);
    expect((await checkFeed('rss', body, rssSelf)).problems.join('\n')).toMatch(/feed-extractor reads entry 1's title as "Payouts & sign-ups stopped", expected "Payouts &amp; sign-ups stopped"/);
  });

  it('rejects an Atom entry whose first link is not its page: both clients follow the first link, whatever its rel', async () => {
    const body = atom('<link rel="related" href="https://other.example/x"/><link href="https://s.example/a"/>');
    expect(strictFeedCheck('atom', body, atomSelf).problems).toEqual([]);
    const problems = (await checkFeed('atom', body, atomSelf)).problems.join('\n');
    expect(problems).toMatch(/rss-parser reads entry 1's link as "https:\/\/other.example\/x", expected "https:\/\/s.example\/a"/);
    expect(problems).toMatch(/feed-extractor reads entry 1's link as "https:\/\/other.example\/x"/);
  });

  it('rejects a JSON Feed title that is not a string', async () => {
    const body = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'S', home_page_url: 'https://s.example/', feed_url: 'https://s.example/feed.json', items: [{ id: 'https://s.example/a', url: 'https://s.example/a', title: 5, content_text: 't', date_published: '2018-04-12T09:00:00Z' }] });
    const problems = (await checkFeed('json', body, 'https://s.example/feed.json')).problems.join('\n');
    expect(problems).toMatch(/item 1: title must be a string/);
    expect(problems).toMatch(/feed-extractor reads entry 1's title as 5/);
  });
});

describe('the link checker bites', () => {
  it('reports a dead #anchor, a missing page and a directory link without its slash; accepts the good ones', () => {
    const dir = tempDir({
      'index.html': page('<h1 id="top-heading">Home</h1><a href="#top-heading">ok</a> <a href="#nowhere">dead anchor</a> <a href="/faq/#q1">ok</a> <a href="/faq/#q2">dead anchor elsewhere</a> <a href="/missing/">missing page</a> <a href="/faq">no slash</a> <a href="https://site.example/faq/#q1">own site, absolute</a> <a href="mailto:help@site.example">mail</a>'),
      'faq/index.html': page('<section id="q1">Q1</section>'),
    });
    const report = checkLinks(dir, { site: 'https://site.example', base: '/' });
    const text = report.problems.map((p) => `${p.file} ${p.url} ${p.problem}`);
    expect(text).toEqual([
      'index.html #nowhere no element with id="nowhere" in index.html',
      'index.html /faq/#q2 no element with id="q2" in faq/index.html',
      'index.html /missing/ no file missing/index.html in dist',
      'index.html /faq is a directory; link to /faq/ (with the trailing slash)',
    ]);
    expect(report.external).toEqual([]);
  });

  it('knows the base path: a link that forgets it is dead', () => {
    const dir = tempDir({ 'index.html': page('<a href="/status/faq/">ok</a> <a href="/faq/">forgot the base</a>'), 'faq/index.html': page('<p>FAQ</p>') });
    const report = checkLinks(dir, { site: 'https://site.example', base: '/status/' });
    expect(report.problems.map((p) => `${p.url} ${p.problem}`)).toEqual(['/faq/ path is outside the base path /status/']);
  });
});

describe('the byte-compare gate bites', () => {
  function writeUnder(tz: string, expression: string): string {
    const dir = tempDir({});
    const script = `require('node:fs').writeFileSync(process.argv[1] + '/out.txt', ${expression});`;
    const run = spawnSync(process.execPath, ['-e', script, dir], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    return dir;
  }

  it('reports a difference when output is formatted in the machine\'s time zone', () => {
    const expression = 'new Date(1523523600000).toString()';
    const differences = compareTrees(writeUnder('UTC', expression), writeUnder('America/Los_Angeles', expression));
    expect(differences).toHaveLength(1);
    expect(differences[0]).toMatchObject({ file: 'out.txt', problem: 'bytes differ' });
  });

  it('reports nothing when output does not depend on the time zone', () => {
    const expression = 'new Date(1523523600000).toISOString()';
    expect(compareTrees(writeUnder('UTC', expression), writeUnder('America/Los_Angeles', expression))).toEqual([]);
  });

  it('reports files present on one side only', () => {
    const differences = compareTrees(tempDir({ 'a.txt': 'x' }), tempDir({ 'a.txt': 'x', 'b.txt': 'y' }));
    expect(differences).toEqual([{ file: 'b.txt', problem: 'only in second' }]);
  });
});

describe('the "nothing executes" static gate bites', () => {
  it('flags an unsanitised <script>', () => {
    const problems = findExecutableMarkup(page('<p>Notice</p><script>alert("xss")</script>'));
    expect(problems.join('\n')).toMatch(/script that is not the site's own external module/);
    expect(problems.join('\n')).toMatch(/raw "<script" at line 1/);
  });

  it('flags on* handlers, javascript:/data: URLs (however obfuscated) and embedding elements', () => {
    const problems = findExecutableMarkup(page(`<img src="x" onerror="alert(1)"><a href=" java\tscript:alert(2)">a</a><a href="DATA:text/html,x">b</a><iframe src="/x"></iframe><svg><a xlink:href="javascript:alert(3)"><text>c</text></a></svg><meta http-equiv="refresh" content="0;url=/">`)).join('\n');
    expect(problems).toMatch(/event handler onerror/);
    expect(problems).toMatch(/href=" java\tscript:alert\(2\)"/);
    expect(problems).toMatch(/DATA:text\/html/);
    expect(problems).toMatch(/<iframe>.*embeds/);
    expect(problems).toMatch(/xlink:href="javascript:alert\(3\)"/);
    expect(problems).toMatch(/meta refresh/);
  });

  it('accepts the site\'s own external module script and "<script" as inert attribute text', () => {
    expect(findExecutableMarkup(page('<p title="<script>alert(1)</script>">x</p><script type="module" src="/_astro/app.js"></script>'))).toEqual([]);
  });

  it('flags a page without the CSP meta, or with one that allows inline script', () => {
    expect(cspProblems(page('<p>x</p>', ''))).toEqual(['no <meta http-equiv="Content-Security-Policy">']);
    expect(cspProblems(page('<p>x</p>', `<meta http-equiv="Content-Security-Policy" content="script-src 'self' 'unsafe-inline'">`)).join('\n')).toMatch(/allow inline or foreign script/);
    expect(cspProblems(page('<p>x</p>'))).toEqual([]);
  });
});
