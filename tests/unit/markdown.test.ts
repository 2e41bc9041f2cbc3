import { describe, expect, it } from 'vitest';
import { markdownToPlainText, renderMarkdown } from '../../src/lib/render/markdown.ts';

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
