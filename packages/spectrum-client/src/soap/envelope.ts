import { escapeXml } from './xml-text.js';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const TYPES_NS = 'http://www.northgate-is.com/proiv/webservices/types';

/** One request parameter, in WSDL order. */
export type SoapParam = readonly [name: string, value: string];

/**
 * A SOAP 1.1 request as Spectrum's own clients send it: no SOAP header, the operation element in the
 * PRO-IV types namespace (default namespace), `Authorization_ID`, `GUID`, then every parameter in WSDL
 * order, blank ones as empty elements. Values are XML-escaped.
 */
export function buildEnvelope(
  service: string,
  authorizationId: string,
  guid: string,
  params: readonly SoapParam[],
): string {
  const parts = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<soap:Envelope xmlns:soap="${SOAP_ENV_NS}">`,
    '<soap:Body>',
    `<${service} xmlns="${TYPES_NS}">`,
    element('Authorization_ID', authorizationId),
    element('GUID', guid),
  ];
  for (const [name, value] of params) parts.push(element(name, value));
  parts.push(`</${service}>`, '</soap:Body>', '</soap:Envelope>');
  return parts.join('');
}

function element(name: string, value: string): string {
  return `<${name}>${escapeXml(value)}</${name}>`;
}

/** Request headers for `POST {baseUrl}/ws/{service}`: SOAPAction is the full endpoint URL. */
export function soapHeaders(endpointUrl: string): Record<string, string> {
  return { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: endpointUrl };
}
