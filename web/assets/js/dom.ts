// Builds DOM nodes from data. Text always goes through text nodes (never innerHTML),
// so nothing a server or a user typed can become markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** What may stand as a child: nodes and text; null, undefined and booleans are skipped; arrays nest. */
export type Child = Node | string | number | boolean | null | undefined | readonly Child[];

type AttrValue = string | number | boolean | null | undefined;

/** Attributes as given to h(): plain ones, plus `class` (a list too), `dataset`, `on` (listeners) and the properties. */
export interface Attrs {
  class?: string | readonly (string | false | null | undefined)[] | null;
  dataset?: Record<string, AttrValue>;
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void } & Record<string, ((event: Event) => void) | undefined>;
  [name: string]: AttrValue | Attrs['class'] | Attrs['dataset'] | Attrs['on'] | readonly unknown[];
}

const BOOLEAN_PROPERTIES = ['checked', 'selected', 'disabled', 'hidden', 'required'] as const;
type BooleanProperty = (typeof BOOLEAN_PROPERTIES)[number];
const isBooleanProperty = (key: string): key is BooleanProperty => (BOOLEAN_PROPERTIES as readonly string[]).includes(key);

function setAttrs(el: Element, attrs: Attrs | undefined) {
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'on') {
      for (const [type, fn] of Object.entries(value as Record<string, EventListener | undefined>)) if (fn) el.addEventListener(type, fn);
    } else if (key === 'class') {
      el.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : String(value));
    } else if (key === 'dataset') {
      const dataset = (el as HTMLElement | SVGElement).dataset;
      for (const [k, v] of Object.entries(value as Record<string, AttrValue>)) if (v !== undefined && v !== null) dataset[k] = String(v);
    } else if (key === 'value' && 'value' in el && el.tagName !== 'BUTTON') {
      (el as HTMLInputElement).value = String(value);
    } else if (isBooleanProperty(key)) {
      (el as unknown as Record<BooleanProperty, boolean>)[key] = Boolean(value);
      if (key !== 'checked' && key !== 'selected') el.toggleAttribute(key, Boolean(value));
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
}

function append(el: Element, children: readonly Child[]) {
  for (const child of (children as Child[]).flat(Infinity as 1) as Child[]) {
    if (child === undefined || child === null || child === false || child === true) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

const isAttrs = (value: Attrs | Child): value is Attrs =>
  typeof value === 'object' && value !== null && !(value instanceof Node) && !Array.isArray(value);

/** h('a', { href, class }, 'text', otherNode, [more]) */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | Child, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Attrs | Child, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs?: Attrs | Child, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  if (attrs !== undefined && !isAttrs(attrs)) {
    children.unshift(attrs);
    attrs = undefined;
  }
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** The same for SVG elements. */
export function s(tag: string, attrs?: Attrs, ...children: Child[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Replaces an element's children. */
export function fill<E extends Element>(el: E, ...children: Child[]): E {
  el.replaceChildren();
  append(el, children);
  return el;
}

let counter = 0;
/** A unique id for label/for and aria-describedby pairs. */
export function uid(prefix = 'f'): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Appends children, skipping null/false (Element.append would print them as text). */
export function add<E extends Element>(el: E, ...children: Child[]): E {
  append(el, children);
  return el;
}
