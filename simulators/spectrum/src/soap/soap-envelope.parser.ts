import { XMLParser, XMLValidator } from 'fast-xml-parser';

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

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: false,
  preserveOrder: false,
});

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).trim();
  if (typeof value === 'object' && '#text' in (value as Record<string, unknown>)) {
    return text((value as Record<string, unknown>)['#text']);
  }
  return '';
}

/**
 * Parses a SOAP 1.1 request envelope as real Spectrum clients send it: any prefixes, default
 * namespace on the request element, with or without an XML declaration, blank parameters as empty
 * or self-closing elements. Malformed XML raises SoapClientError.
 */
export function parseSoapRequest(xml: string): SoapRequest {
  const body = xml.replace(/^\uFEFF/, '');
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    throw new SoapClientError(`Malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  }
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(body) as Record<string, unknown>;
  } catch (error) {
    throw new SoapClientError(`Malformed XML: ${(error as Error).message}`);
  }
  const envelope = doc.Envelope as Record<string, unknown> | undefined;
  if (!envelope || typeof envelope !== 'object') throw new SoapClientError('No SOAP Envelope in the request');
  const soapBody = envelope.Body as Record<string, unknown> | undefined;
  if (!soapBody || typeof soapBody !== 'object') throw new SoapClientError('No SOAP Body in the request');
  const names = Object.keys(soapBody).filter((k) => k !== '#text');
  const element = names[0];
  if (names.length !== 1 || element === undefined) {
    throw new SoapClientError('The SOAP Body must hold exactly one request element');
  }
  const content = soapBody[element];
  const fields: Record<string, string> = {};
  const order: string[] = [];
  if (content && typeof content === 'object' && !Array.isArray(content)) {
    for (const [name, value] of Object.entries(content as Record<string, unknown>)) {
      if (name === '#text') continue;
      fields[name] = text(Array.isArray(value) ? value[0] : value);
      order.push(name);
    }
  }
  return { element, fields, order };
}
