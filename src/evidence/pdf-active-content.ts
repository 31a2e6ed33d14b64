import { PDFArray, PDFDict, PDFName, PDFRef, PDFStream, type PDFContext, type PDFObject } from 'pdf-lib';

/**
 * What in a PDF runs by itself or reaches outside the file, and why a report
 * may not carry it. A report is evidence that bureau staff open on their own
 * computers; what it says must be on its pages.
 */
export type ActiveContent = 'javascript' | 'launch' | 'submit' | 'otherFile' | 'embeddedFile' | 'richMedia' | 'xfa' | 'autoAction';

export const ACTIVE_CONTENT_REASONS: Record<ActiveContent, string> = {
  javascript: '含有 JavaScript 脚本（打开或浏览文件时会自动执行的程序）',
  launch: '含有启动本机程序或打开本机文件的动作',
  submit: '含有把表单数据发送到外部或从外部导入数据的动作',
  otherFile: '含有打开其他文件（可能位于网络共享位置）的链接动作',
  embeddedFile: '含有嵌入的附件（页面上看不到的文件，可能是可执行程序）',
  richMedia: '含有多媒体或三维交互内容（可携带脚本）',
  xfa: '含有 XFA 动态表单（可携带脚本）',
  autoAction: '打开文件或翻页时会自动执行跳转页面以外的动作（例如打开网址）',
};

// Action types (PDF 32000-1 §12.6.4, table 198) refused wherever they appear.
const ACTION_TYPES: Record<string, ActiveContent> = {
  JavaScript: 'javascript',
  Launch: 'launch',
  SubmitForm: 'submit',
  ImportData: 'submit',
  GoToR: 'otherFile',
  GoToE: 'otherFile',
  RichMediaExecute: 'richMedia',
};

// Keys that carry such content in any dictionary.
const KEYS: Record<string, ActiveContent> = {
  JS: 'javascript', // an action's script, or a rendition's
  JavaScript: 'javascript', // the document-level scripts of the name tree
  EmbeddedFile: 'embeddedFile',
  EmbeddedFiles: 'embeddedFile',
  EF: 'embeddedFile', // a file specification's embedded file streams
  RichMediaContent: 'richMedia',
  RichMediaSettings: 'richMedia',
  XFA: 'xfa',
};

const TYPE_VALUES: Record<string, ActiveContent> = {
  EmbeddedFile: 'embeddedFile',
  RichMedia: 'richMedia',
};

// Longest chain of /Next actions followed from an automatic action (a loop would never end).
const MAX_ACTION_CHAIN = 64;

/**
 * Every kind of active content in a parsed document. The walk covers every
 * indirect object the parser registered — those inside compressed object
 * streams included — and every dictionary and array nested in them, on names
 * as a reader decodes them (`/Java#53cript` is `/JavaScript`), so neither
 * compression nor escaping hides a key the way it hides it from a byte search.
 */
export function findActiveContent(context: PDFContext): ActiveContent[] {
  const found = new Set<ActiveContent>();
  const stack: PDFObject[] = context.enumerateIndirectObjects().map(([, object]) => object);
  for (let object = stack.pop(); object !== undefined; object = stack.pop()) {
    if (object instanceof PDFStream) stack.push(object.dict);
    else if (object instanceof PDFArray) for (const item of object.asArray()) stack.push(item);
    else if (object instanceof PDFDict) inspectDict(context, object, found, stack);
  }
  return Array.from(found);
}

function inspectDict(context: PDFContext, dict: PDFDict, found: Set<ActiveContent>, stack: PDFObject[]) {
  for (const [key, value] of dict.entries()) {
    const name = readerName(key);
    if (KEYS[name]) found.add(KEYS[name]);
    if ((name === 'S' || name === 'Type' || name === 'Subtype') && value instanceof PDFName) {
      const v = readerName(value);
      const kind = name === 'S' ? ACTION_TYPES[v] : TYPE_VALUES[v];
      if (kind) found.add(kind);
    }
    if (name === 'OpenAction' && !startsOnlyPageJumps(context, value)) found.add('autoAction');
    if (name === 'AA') {
      const triggers = resolve(context, value);
      if (triggers instanceof PDFDict) {
        for (const [, action] of triggers.entries()) if (!startsOnlyPageJumps(context, action)) found.add('autoAction');
      }
    }
    stack.push(value);
  }
}

/**
 * An automatic action is harmless when it only shows a page of this document:
 * a destination (an array, a name or a string), or GoTo actions chained by /Next.
 */
function startsOnlyPageJumps(context: PDFContext, value: PDFObject | undefined, depth = 0): boolean {
  if (depth > MAX_ACTION_CHAIN) return false;
  const action = resolve(context, value);
  if (action instanceof PDFArray) {
    // An explicit destination [page /Fit …] holds a page dictionary; a /Next array holds actions (which have /S).
    return action.asArray().every((item) => {
      const inner = resolve(context, item);
      return !(inner instanceof PDFDict && entry(inner, 'S')) || startsOnlyPageJumps(context, inner, depth + 1);
    });
  }
  if (!(action instanceof PDFDict)) return true;
  const type = entry(action, 'S');
  if (!(type instanceof PDFName) || readerName(type) !== 'GoTo') return false;
  const next = entry(action, 'Next');
  return next === undefined || startsOnlyPageJumps(context, next, depth + 1);
}

function resolve(context: PDFContext, value: PDFObject | undefined): PDFObject | undefined {
  return value instanceof PDFRef ? context.lookup(value) : value;
}

/** A dictionary's value under a key as readers decode key names. */
function entry(dict: PDFDict, key: string): PDFObject | undefined {
  for (const [k, v] of dict.entries()) if (readerName(k) === key) return v;
  return undefined;
}

/**
 * A name as a PDF reader reads it. pdf-lib decodes `#xx` escapes only in upper
 * case (`#53`, `#4A`); readers decode any case, so what pdf-lib left (`#4a`) is
 * decoded here. (A literal '#' written `#23` before two hex digits would be
 * decoded twice; no real key looks like that, and erring makes a refusal, not a pass.)
 */
function readerName(name: PDFName): string {
  let decoded = decodedNames.get(name);
  if (decoded === undefined) {
    decoded = name.decodeText().replace(/#([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    decodedNames.set(name, decoded);
  }
  return decoded;
}

// pdf-lib keeps one PDFName per name, so a document's thousands of keys decode once each.
const decodedNames = new WeakMap<PDFName, string>();
