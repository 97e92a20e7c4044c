// A strict reader for the chart's SVG and the Cost Details page: it throws on an unclosed or
// mismatched tag, a stray '<' or a bare '&', so a test that parses the output also checks that
// the markup is well formed and that no untrusted text broke out of its element.

export interface MarkupElement {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: (MarkupElement | string)[];
  readonly parent: MarkupElement | undefined;
}

const VOID_ELEMENTS = new Set(['meta', 'link', 'br', 'hr', 'img', 'input']);
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

function decode(text: string): string {
  return text.replace(/&([^;&\s]*);?/g, (whole, name: string) => {
    const value = ENTITIES[name];
    if (value === undefined || !whole.endsWith(';')) throw new Error(`bare or unknown entity in ${JSON.stringify(text)}`);
    return value;
  });
}

/** The document under a synthetic `#root` element. */
export function parseMarkup(source: string): MarkupElement {
  const root: MarkupElement = { tag: '#root', attrs: {}, children: [], parent: undefined };
  let current = root;
  const token = /<!DOCTYPE[^>]*>|<\/([a-zA-Z][\w:-]*)\s*>|<([a-zA-Z][\w:-]*)((?:\s+[\w:-]+(?:="[^"<]*")?)*)\s*(\/?)>|[^<]+|</gy;
  for (let match = token.exec(source); match !== null && match[0] !== ''; match = token.exec(source)) {
    const [whole, closing, opening, attrText, selfClosing] = match;
    if (whole.startsWith('<!DOCTYPE')) continue;
    if (closing !== undefined) {
      if (closing !== current.tag || current.parent === undefined) throw new Error(`</${closing}> closes <${current.tag}>`);
      current = current.parent;
    } else if (opening !== undefined) {
      const attrs: Record<string, string> = {};
      for (const [, name, value] of (attrText ?? '').matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) attrs[name ?? ''] = decode(value ?? '');
      const element: MarkupElement = { tag: opening, attrs, children: [], parent: current };
      current.children.push(element);
      if (selfClosing !== '/' && !VOID_ELEMENTS.has(opening.toLowerCase())) current = element;
    } else if (whole === '<') {
      throw new Error(`stray '<' at ${String(match.index)}: ${source.slice(match.index, match.index + 40)}`);
    } else {
      current.children.push(decode(whole));
    }
  }
  if (current !== root) throw new Error(`<${current.tag}> is never closed`);
  return root;
}

export function elements(root: MarkupElement, predicate: (element: MarkupElement) => boolean = () => true): MarkupElement[] {
  const found: MarkupElement[] = [];
  const visit = (element: MarkupElement): void => {
    for (const child of element.children) {
      if (typeof child === 'string') continue;
      if (predicate(child)) found.push(child);
      visit(child);
    }
  };
  visit(root);
  return found;
}

export function byTag(root: MarkupElement, tag: string, className?: string): MarkupElement[] {
  return elements(root, (element) => element.tag === tag && (className === undefined || (element.attrs.class ?? '').split(' ').includes(className)));
}

export function only(root: MarkupElement, tag: string, className?: string): MarkupElement {
  const found = byTag(root, tag, className);
  if (found.length !== 1 || found[0] === undefined) throw new Error(`expected one <${tag}${className ? `.${className}` : ''}>, found ${String(found.length)}`);
  return found[0];
}

export function textOf(element: MarkupElement): string {
  return element.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
}

export function num(element: MarkupElement, name: string): number {
  const value = element.attrs[name];
  if (value === undefined) throw new Error(`<${element.tag}> has no ${name}`);
  return Number(value);
}

const TEXT_ELEMENTS = new Set(['text', 'title', 'style', 'li', 'p', 'td', 'th', 'h1', 'caption', 'a']);

/** Visible text outside any element meant to hold text (e.g. between table rows or SVG shapes). */
export function strayText(root: MarkupElement): string[] {
  const stray: string[] = [];
  const visit = (element: MarkupElement): void => {
    for (const child of element.children) {
      if (typeof child !== 'string') visit(child);
      else if (!TEXT_ELEMENTS.has(element.tag) && child.trim() !== '') stray.push(child);
    }
  };
  visit(root);
  return stray;
}
