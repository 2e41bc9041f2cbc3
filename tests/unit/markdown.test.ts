import { describe, expect, it } from 'vitest';
import { attr, elements, parseHtml } from '../support/html.ts';
import { inspectMarkdown, isPathRelative, markdownToPlainText, renderMarkdown } from '../../src/lib/content/markdown.ts';

/** Every attribute name in the HTML, lower-cased. */
const attributeNames = (html: string) => [...html.matchAll(/\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?==|\s|>|\/>)/g)].map((m) => m[1]!.toLowerCase());

describe('renderMarkdown removes anything that could run script or embed another page', () => {
  it.each([
    ['a <script> element and its content', 'Hello <script>alert(1)</script> world', '<p>Hello  world</p>'],
    ['a <script> block on its own', '<script>alert(1)</script>', ''],
    ['an on* handler on an image', '<img src="x.png" onerror="alert(1)">', '<img src="x.png">'],
    ['an on* handler on a link', '<a href="https://example.com" onclick="alert(1)">x</a>', '<p><a href="https://example.com" rel="noopener noreferrer">x</a></p>'],
    ['a javascript: Markdown link', '[click](javascript:alert(1))', '<p><a>click</a></p>'],
    ['a javascript: link in mixed case', '[x](JaVaScRiPt:alert(1))', '<p><a>x</a></p>'],
    ['a javascript: HTML link', '<a href="javascript:alert(1)">x</a>', '<p><a>x</a></p>'],
    ['an entity-encoded javascript: link', '<a href="&#106;avascript:alert(1)">x</a>', '<p><a>x</a></p>'],
    ['a data: URL in a link', '[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)', '<p><a>d</a></p>'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>after', 'after'],
    ['a script inside inline SVG', '<svg><script>alert(1)</script></svg>', '<p></p>'],
    ['style and class attributes', '<div style="color:red" class="x">s</div>', '<div>s</div>'],
  ])('%s', (_what, markdown, expected) => {
    expect(renderMarkdown(markdown)).toBe(expected);
  });

  it.each([
    ['a Markdown image', '![i](data:image/png;base64,iVBORw0KGgo=)'],
    ['an HTML image', '<img src="data:image/svg+xml,<svg onload=alert(1)>">'],
  ])('removes a data: URL from %s', (_what, markdown) => {
    const html = renderMarkdown(markdown);
    expect(html).not.toContain('data:');
    expect(html).not.toContain('onload');
    expect(html).not.toMatch(/\ssrc=/);
  });

  it('leaves no script, iframe, object, embed, on* attribute, javascript: or data: URL in a hostile mix', () => {
    const html = renderMarkdown(
      [
        '<script>steal()</script>',
        '<iframe src="https://evil.example"></iframe>',
        '<object data="x.swf"></object><embed src="y.swf">',
        '<img src="a.png" onload="x()" onmouseover="y()">',
        '<a href="javascript:void(0)" onfocus="z()">a</a>',
        '[b](data:text/html,<script>1</script>)',
        '![c](data:image/gif;base64,R0lGOD)',
        '<p onclick="w()">text</p>',
      ].join('\n\n'),
    );
    expect(html).not.toMatch(/<\s*(script|iframe|object|embed|style)\b/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/data:/i);
    expect(attributeNames(html).filter((name) => name.startsWith('on'))).toEqual([]);
    expect(html).toContain('text');
  });

  it('drops the text inside a <style> element along with the element', () => {
    // CSS is not something a reader should see as page text.
    expect(renderMarkdown('<style>body { display: none }</style>\n\nVisible')).toBe('<p>Visible</p>');
  });
});

describe('renderMarkdown keeps ordinary content', () => {
  it('renders GFM tables', () => {
    expect(renderMarkdown('| 日時 | 出来事 |\n| --- | --- |\n| 4月12日 18:00 | 停止 |')).toBe(
      '<table>\n<thead>\n<tr>\n<th>日時</th>\n<th>出来事</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>4月12日 18:00</td>\n<td>停止</td>\n</tr>\n</tbody>\n</table>',
    );
  });

  it('renders GFM strikethrough, autolinks and task lists', () => {
    expect(renderMarkdown('~~old~~ see https://status.example.com')).toBe(
      '<p><del>old</del> see <a href="https://status.example.com" rel="noopener noreferrer">https://status.example.com</a></p>',
    );
    expect(renderMarkdown('- [x] done\n- [ ] todo')).toBe(
      '<ul class="contains-task-list">\n<li class="task-list-item"><input type="checkbox" checked disabled> done</li>\n<li class="task-list-item"><input type="checkbox" disabled> todo</li>\n</ul>',
    );
  });

  it('marks http(s) links noopener noreferrer and leaves site-relative and mailto links alone', () => {
    expect(renderMarkdown('[ext](https://example.com) [rel](/faq/) [mail](mailto:support@example.com)')).toBe(
      '<p><a href="https://example.com" rel="noopener noreferrer">ext</a> <a href="/faq/">rel</a> <a href="mailto:support@example.com">mail</a></p>',
    );
  });

  it('keeps emphasis, lists and paragraphs', () => {
    expect(renderMarkdown('**決済**は*通常どおり*です。\n\n- 出金\n- 新規登録')).toBe(
      '<p><strong>決済</strong>は<em>通常どおり</em>です。</p>\n<ul>\n<li>出金</li>\n<li>新規登録</li>\n</ul>',
    );
  });
});

describe('renderMarkdown shifts headings under the page headings', () => {
  it.each([
    // markdown, shift, expected
    ['# T', 2, '<h3>T</h3>'],
    ['## T', 2, '<h4>T</h4>'],
    ['#### T', 2, '<h6>T</h6>'],
    ['##### T', 2, '<h6>T</h6>'],
    ['###### T', 2, '<h6>T</h6>'],
    ['# T', 0, '<h1>T</h1>'],
    ['# T', 1, '<h2>T</h2>'],
    ['## T', 5, '<h6>T</h6>'],
    ['<h2>raw</h2>', 2, '<h4>raw</h4>'],
  ])('%j shifted by %i → %s', (markdown, shift, expected) => {
    expect(renderMarkdown(markdown, shift)).toBe(expected);
  });

  it('shifts by 2 by default', () => {
    expect(renderMarkdown('# Title\n\n## Sub')).toBe('<h3>Title</h3>\n<h4>Sub</h4>');
  });
});

describe('renderMarkdown prefixes ids so content cannot clobber the page anchors', () => {
  it.each([
    ['an id on a heading', '<h2 id="latest">x</h2>', '<h4 id="user-content-latest">x</h4>'],
    ['a name on an anchor', '<a name="faq">x</a>', '<p><a name="user-content-faq">x</a></p>'],
  ])('%s', (_what, markdown, expected) => {
    expect(renderMarkdown(markdown)).toBe(expected);
  });

  it('prefixes footnote ids exactly once, so footnote links reach their targets', () => {
    const html = renderMarkdown('Text[^1]\n\n[^1]: note');
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
    const targets = [...html.matchAll(/\shref="#([^"]+)"/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^user-content-(?!user-content-)/);
    expect(targets.length).toBe(2);
    for (const target of targets) expect(ids).toContain(target);
  });
});

describe('renderMarkdown resolves references on the HTML tree, never in text', () => {
  const text = [
    '![A chart](chart.png) [report](./report.pdf) [FAQ](/faq/) [top](#top) [mail](mailto:a@example.com) [ext](https://example.com/x)',
    '',
    'Code: `<img src="chart.png">` and `[x](report.pdf)`',
    '',
    '<picture><source srcset="chart.png 1x, chart@2x.png 2x"><img src="chart.png" alt="Chart"></picture>',
  ].join('\n');

  it('leads path-relative references to the folder of the text\'s files, and leaves every other reference and all code as written', () => {
    expect(renderMarkdown(text, 2, { files: '/status/incidents/x/' })).toBe([
      '<p><img src="/status/incidents/x/chart.png" alt="A chart"> <a href="/status/incidents/x/report.pdf">report</a> <a href="/faq/">FAQ</a> '
        + '<a href="#top">top</a> <a href="mailto:a@example.com">mail</a> <a href="https://example.com/x" rel="noopener noreferrer">ext</a></p>',
      '<p>Code: <code>&#x3C;img src="chart.png"></code> and <code>[x](report.pdf)</code></p>',
      '<p><picture><source srcset="/status/incidents/x/chart.png 1x, /status/incidents/x/chart@2x.png 2x">'
        + '<img src="/status/incidents/x/chart.png" alt="Chart"></picture></p>',
    ].join('\n'));
  });

  it('makes every reference absolute for a feed, the files against their folder and the rest against the page', () => {
    const html = renderMarkdown(text, 2, { files: 'https://s.example/status/incidents/x/', absoluteTo: 'https://s.example/status/en/incidents/x/#n' });
    // Read with an HTML parser: a regular expression would find the src="…" inside the code span too.
    const urls = elements(parseHtml(html)).flatMap((e) => ['href', 'src', 'srcset'].map((name) => attr(e, name)).filter((v) => v !== undefined));
    expect(urls).toEqual([
      'https://s.example/status/incidents/x/chart.png',
      'https://s.example/status/incidents/x/report.pdf',
      'https://s.example/faq/',
      'https://s.example/status/en/incidents/x/#top',
      'mailto:a@example.com',
      'https://example.com/x',
      'https://s.example/status/incidents/x/chart.png 1x, https://s.example/status/incidents/x/chart@2x.png 2x',
      'https://s.example/status/incidents/x/chart.png',
    ]);
    expect(html).toContain('<code>&#x3C;img src="chart.png"></code>');
  });

  it('gives each links option its own HTML for the same text, and the text without options its links as written', () => {
    const markdown = '![Chart](chart.png) once more';
    expect(renderMarkdown(markdown, 2, { files: '/a/' })).toBe('<p><img src="/a/chart.png" alt="Chart"> once more</p>');
    expect(renderMarkdown(markdown, 2, { files: '/b/' })).toBe('<p><img src="/b/chart.png" alt="Chart"> once more</p>');
    expect(renderMarkdown(markdown)).toBe('<p><img src="chart.png" alt="Chart"> once more</p>');
    expect(renderMarkdown(markdown, 2, { files: '/a/' })).toBe('<p><img src="/a/chart.png" alt="Chart"> once more</p>');
  });

  it('percent-encodes a file name with a space, however it was written', () => {
    expect(renderMarkdown('![a](<my chart.png>) <img src="my chart.png" alt="b">', 2, { files: '/incidents/x/' })).toBe(
      '<p><img src="/incidents/x/my%20chart.png" alt="a"> <img src="/incidents/x/my%20chart.png" alt="b"></p>',
    );
  });
});

describe('isPathRelative', () => {
  it.each([
    ['chart.png', true], ['./chart.png', true], ['../other/chart.png', true], ['sub/chart.png', true], ['  chart.png ', true],
    ['/faq/', false], ['//cdn.example/x.png', false], ['\\\\cdn.example\\x.png', false], ['#top', false], ['?q=1', false],
    ['https://example.com/x.png', false], ['mailto:a@example.com', false], ['data:image/png;base64,AA', false], ['', false],
  ])('%j → %s', (url, expected) => {
    expect(isPathRelative(url)).toBe(expected);
  });
});

describe('inspectMarkdown', () => {
  it('lists every published image with its position, its alt text, and whether it was written in Markdown', () => {
    const { images } = inspectMarkdown('Text ![](a.png) and ![Chart][c]\n\n<p>x <img src="b.png">\n  <IMG SRC="d.png" alt=""></p>\n\n[c]: c.png');
    expect(images).toEqual([
      { line: 1, column: 6, src: 'a.png', alt: '', markdown: true },
      { line: 1, column: 21, src: 'c.png', alt: 'Chart', markdown: true },
      { line: 3, column: 6, src: 'b.png', alt: undefined, markdown: false },
      { line: 4, column: 3, src: 'd.png', alt: '', markdown: false },
    ]);
  });

  it('lists path-relative references in links, images and srcsets, and none the sanitiser drops or code shows', () => {
    const { references } = inspectMarkdown('[r](./r.pdf) [f](/faq/) `![x](x.png)`\n\n<picture><source srcset="s.png 1x, t.png 2x"></picture>\n\n<iframe src="i.html"></iframe><video poster="p.png"></video>');
    expect(references).toEqual([
      { line: 1, column: 1, url: './r.pdf', element: 'a', attribute: 'href' },
      { line: 3, column: 10, url: 's.png', element: 'source', attribute: 'srcset' },
      { line: 3, column: 10, url: 't.png', element: 'source', attribute: 'srcset' },
    ]);
  });

  it('does not list an image whose source the sanitiser removed: it is not published', () => {
    expect(inspectMarkdown('![](javascript:alert(1)) <img src="data:image/png;base64,AA">').images).toEqual([]);
  });
});

describe('markdownToPlainText', () => {
  it.each([
    ['strips markup and joins blocks with spaces', '**Bold** and _em_\n\nPara  two\n\n- a\n- b', 'Bold and em Para two a b'],
    ['keeps link text, not URLs', '[status page](https://status.example.com) text', 'status page text'],
    ['drops script content', 'x <script>evil()</script> y', 'x y'],
    ['flattens tables', '| a | b |\n|---|---|\n| 1 | 2 |', 'a b 1 2'],
    ['keeps Japanese text as is', '**出金**を停止しています。\n\n詳しくは[FAQ](/faq/)をご覧ください。', '出金を停止しています。 詳しくはFAQをご覧ください。'],
    ['turns an empty body into an empty string', '', ''],
  ])('%s', (_what, markdown, expected) => {
    expect(markdownToPlainText(markdown)).toBe(expected);
  });

  it.each([
    ['abcde', 5, 'abcde'],
    ['abcdef', 5, 'abcd…'],
    ['a'.repeat(250), 200, `${'a'.repeat(199)}…`],
  ])('truncates %j to at most %i characters with an ellipsis', (markdown, max, expected) => {
    const text = markdownToPlainText(markdown, max);
    expect(text).toBe(expected);
    expect(text.length).toBeLessThanOrEqual(max);
  });

  it('defaults to 200 characters', () => {
    expect(markdownToPlainText('x'.repeat(500))).toHaveLength(200);
  });
});
