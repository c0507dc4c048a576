import { escapeXml } from '../formats/spectrum-format.js';
import { TYPES_NS } from './soap-envelope.parser.js';

const ENVELOPE_OPEN =
  "<SOAP-ENV:Envelope SOAP-ENV:encodingStyle='http://schemas.xmlsoap.org/soap/encoding/' " +
  "xmlns:xsd='http://www.w3.org/2001/XMLSchema' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' " +
  "xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'><SOAP-ENV:Header/><SOAP-ENV:Body>";
const ENVELOPE_CLOSE = '</SOAP-ENV:Body></SOAP-ENV:Envelope>';

/** `GetPhaseEnhanced` → `getPhaseEnhanced` (the Get reply's row wrapper). */
export function wrapperName(service: string): string {
  return service.charAt(0).toLowerCase() + service.slice(1);
}

/** The start of a Get reply, up to and including the lowerCamel wrapper's start tag. */
export function getResponseHead(service: string): string {
  return `${ENVELOPE_OPEN}<nis:${service}Response xmlns:nis='${TYPES_NS}'><returnArray><returnData>\n<${wrapperName(service)}>\n`;
}

export function getResponseTail(service: string): string {
  return `</${wrapperName(service)}>\n</returnData></returnArray></nis:${service}Response>${ENVELOPE_CLOSE}`;
}

/** One element: empty values as `<X/>` (or `<X></X>` / `<X> </X>` when the service writes them so). */
export function element(name: string, value: string, emptyStyle: 'self' | 'open' | 'space' = 'self'): string {
  if (value === '') {
    if (emptyStyle === 'open') return `<${name}></${name}>`;
    if (emptyStyle === 'space') return `<${name}> </${name}>`;
    return `<${name}/>`;
  }
  return `<${name}>${escapeXml(value)}</${name}>`;
}

export interface PutReplyRow {
  code: 'A' | 'I' | 'M' | 'G' | 'S';
  desc: string;
  column: string;
}

/** A Put service reply: one `<response>` per problem (or generated value); none on clean success. */
export function putResponse(service: string, rows: readonly PutReplyRow[]): string {
  let inner = '';
  for (const r of rows) {
    inner += `<response>${element('error_code', r.code)}${element('desc', r.desc)}${element('column', r.column)}</response>`;
  }
  return `${ENVELOPE_OPEN}<nis:${service}Response xmlns:nis='${TYPES_NS}'><returnArray><returnData>${inner}</returnData></returnArray></nis:${service}Response>${ENVELOPE_CLOSE}`;
}

/** A SOAP 1.1 fault as the PRO-IV servlet writes it (no encodingStyle attribute). */
export function soapFault(code: 'Client' | 'Server', message: string): string {
  return (
    "<SOAP-ENV:Envelope xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'><SOAP-ENV:Body><SOAP-ENV:Fault>" +
    `<faultcode>SOAP-ENV:${code}</faultcode><faultstring>${escapeXml(message)}</faultstring>` +
    '</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>'
  );
}

export function unknownServiceMessage(name: string): string {
  return `Error identifying Web Service: class com.northgateis.proiv.ws.servlet.WebServiceIdentificationException: Could not find WebService named: ${name}`;
}

export const SERVER_FAULT_MESSAGE = 'Error executing Web Service';
