export const TYPES_NS = 'http://www.northgate-is.com/proiv/webservices/types';

/** A request the SOAP layer refuses before any service runs: answered with a `Client` fault. */
export class SoapClientError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SoapClientError';
  }
}

export interface SoapRequest {
  /** Local name of the body's request element (the service name). */
  element: string;
  /** Child elements of the request element by local name, values trimmed ('' when blank). */
  fields: Record<string, string>;
  /** Child element names in the order sent. */
  order: string[];
}

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;
const ATTRS = /^(?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*$/;
const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function malformed(detail: string): never {
  throw new SoapClientError(`Malformed XML: ${detail}`);
}

/**
 * Characters XML 1.0 forbids in a document (its `Char` production allows TAB, LF, CR, U+0020–U+D7FF,
 * U+E000–U+FFFD and U+10000–U+10FFFF): the other C0 controls, NUL included, U+FFFE/U+FFFF and lone surrogates.
 */
const FORBIDDEN_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

const isXmlChar = (cp: number): boolean =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

function charRef(ref: string, cp: number): string {
  if (!isXmlChar(cp)) malformed(`character reference &${ref}; is not a character XML allows`);
  return String.fromCodePoint(cp);
}

function decode(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;\s&]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) malformed('unterminated entity reference');
    if (ref.startsWith('#x') || ref.startsWith('#X')) {
      const cp = Number.parseInt(ref.slice(2), 16);
      if (!Number.isFinite(cp) || !/^[0-9a-fA-F]+$/.test(ref.slice(2)))
        malformed(`bad character reference &${ref};`);
      return charRef(ref, cp);
    }
    if (ref.startsWith('#')) {
      if (!/^\d+$/.test(ref.slice(1))) malformed(`bad character reference &${ref};`);
      return charRef(ref, Number(ref.slice(1)));
    }
    const v = ENTITY[ref];
    if (v === undefined) malformed(`unknown entity &${ref};`);
    return v;
  });
}

const local = (name: string): string => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/**
 * Parses a SOAP 1.1 request envelope as real Spectrum clients send it: any prefixes, default
 * namespace on the request element, with or without an XML declaration, blank parameters as empty
 * or self-closing elements, comments and CDATA. The document must be well-formed (matching tags,
 * quoted attributes, known entities, one root, only characters XML 1.0 allows); otherwise SoapClientError.
 */
export function parseSoapRequest(xml: string): SoapRequest {
  const s = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const bad = FORBIDDEN_CHAR.exec(s);
  if (bad) {
    const cp = bad[0].codePointAt(0) ?? 0;
    malformed(
      `character U+${cp.toString(16).toUpperCase().padStart(4, '0')} at offset ${bad.index} is not allowed in XML`,
    );
  }
  const stack: string[] = [];
  let roots = 0;
  let element = '';
  const fields: Record<string, string> = {};
  const order: string[] = [];
  let field: string | undefined;
  let value = '';
  let path = '';
  let i = 0;
  const n = s.length;
  while (i < n) {
    const lt = s.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const text = s.slice(i, textEnd);
      if (stack.length === 0) {
        if (text.trim() !== '') malformed('text outside the root element');
      } else if (field !== undefined && stack.length === 4) value += decode(text);
      else decode(text);
    }
    if (lt < 0) break;
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      if (end < 0) malformed('unterminated comment');
      i = end + 3;
      continue;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      if (stack.length === 0) malformed('CDATA outside the root element');
      const end = s.indexOf(']]>', lt + 9);
      if (end < 0) malformed('unterminated CDATA section');
      if (field !== undefined && stack.length === 4) value += s.slice(lt + 9, end);
      i = end + 3;
      continue;
    }
    if (s.startsWith('<?', lt)) {
      const end = s.indexOf('?>', lt + 2);
      if (end < 0) malformed('unterminated processing instruction');
      i = end + 2;
      continue;
    }
    if (s.startsWith('<!', lt)) malformed('DOCTYPE and declarations are not accepted');
    const gt = s.indexOf('>', lt + 1);
    if (gt < 0) malformed('unterminated tag');
    const raw = s.slice(lt + 1, gt);
    i = gt + 1;
    if (raw.startsWith('/')) {
      const name = raw.slice(1).trim();
      const open = stack.pop();
      if (open !== name) malformed(`end tag </${name}> does not match <${open ?? ''}>`);
      if (stack.length === 3 && field !== undefined) {
        fields[field] = value.trim();
        field = undefined;
      }
      continue;
    }
    const selfClosing = raw.endsWith('/');
    const body = selfClosing ? raw.slice(0, -1) : raw;
    const m = /^([^\s/>]+)([\s\S]*)$/.exec(body);
    const name = m?.[1] ?? '';
    if (!NAME.test(name)) malformed(`bad element name <${name}>`);
    if (!ATTRS.test(m?.[2] ?? '')) malformed(`bad attributes on <${name}>`);
    if (stack.length === 0) {
      roots++;
      if (roots > 1) malformed('more than one root element');
    }
    const depth = stack.length; // depth of this element: 0 root, 1 Body, 2 request, 3 field
    const ln = local(name);
    if (depth === 0) path = ln;
    else if (depth === 1 && path === 'Envelope' && ln === 'Body') path = 'Envelope/Body';
    else if (depth === 2 && path === 'Envelope/Body') {
      if (element !== '') malformed('the SOAP Body must hold exactly one request element');
      element = ln;
    } else if (depth === 3 && element !== '' && path === 'Envelope/Body') {
      if (!selfClosing) {
        field = ln;
        value = '';
      } else fields[ln] = '';
      if (!order.includes(ln)) order.push(ln);
      if (selfClosing) continue;
    }
    if (!selfClosing) stack.push(name);
  }
  if (stack.length > 0) malformed(`unclosed element <${stack[stack.length - 1]}>`);
  if (roots === 0) malformed('no root element');
  if (path === '' || !path.startsWith('Envelope'))
    throw new SoapClientError('No SOAP Envelope in the request');
  if (path !== 'Envelope/Body') throw new SoapClientError('No SOAP Body in the request');
  if (element === '') throw new SoapClientError('The SOAP Body must hold exactly one request element');
  return { element, fields, order };
}
