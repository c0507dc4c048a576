import { describe, expect, it } from 'vitest';
import { parseSoapRequest, SoapClientError } from './soap-envelope.parser.js';

const ENV = (inner: string) =>
  `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${inner}</soap:Body></soap:Envelope>`;

describe('parseSoapRequest', () => {
  it('reads the request element and its flat parameters, trimmed', () => {
    const r = parseSoapRequest(
      `<?xml version="1.0" encoding="utf-8"?>\n${ENV(
        '<GetJob xmlns="http://www.northgate-is.com/proiv/webservices/types"><Authorization_ID> ID </Authorization_ID><GUID/><pDivision></pDivision><pCompany_Code>A&amp;B</pCompany_Code></GetJob>',
      )}`,
    );
    expect(r).toEqual({
      element: 'GetJob',
      fields: { Authorization_ID: 'ID', GUID: '', pDivision: '', pCompany_Code: 'A&B' },
      order: ['Authorization_ID', 'GUID', 'pDivision', 'pCompany_Code'],
    });
  });

  it('accepts prefixes, a SOAP Header, comments, CDATA and character references', () => {
    const r = parseSoapRequest(
      `<s:Envelope xmlns:s="x"><s:Header/><!-- c --><s:Body><t:AddVendor xmlns:t='y'><t:Vendor_Name><![CDATA[A & B <Co>]]></t:Vendor_Name><t:City>Caf&#233; &#x41;</t:City></t:AddVendor></s:Body></s:Envelope>`,
    );
    expect(r.element).toBe('AddVendor');
    expect(r.fields).toEqual({ Vendor_Name: 'A & B <Co>', City: 'Café A' });
  });

  it('refuses malformed documents', () => {
    const bad = [
      '',
      'not xml',
      '<a></b>',
      ENV('<GetJob>'),
      ENV('<GetJob><x>&bogus;</x></GetJob>'),
      ENV('<GetJob x=1></GetJob>'),
      `${ENV('<GetJob/>')}<extra/>`,
      ENV('<GetJob/><GetPhase/>'),
      '<Envelope><Nobody/></Envelope>',
      '<!DOCTYPE x [<!ENTITY a "b">]><x/>',
      ENV('<GetJob><!-- open </GetJob>'),
    ];
    for (const xml of bad) expect(() => parseSoapRequest(xml), xml).toThrow(SoapClientError);
  });

  it('refuses characters XML 1.0 forbids, written or referenced (NUL, other C0 controls, U+FFFE, lone surrogates)', () => {
    const bad = [
      ENV('<GetJob><pJob>a\u0000b</pJob></GetJob>'),
      ENV('<GetJob><pJob>\u0001</pJob></GetJob>'),
      ENV('<GetJob><pJob>\u001b[0m</pJob></GetJob>'),
      ENV('<GetJob><pJob>\ufffe</pJob></GetJob>'),
      ENV('<GetJob><pJob>\ud800x</pJob></GetJob>'),
      ENV('<GetJob><pJob>&#0;</pJob></GetJob>'),
      ENV('<GetJob><pJob>&#x0;</pJob></GetJob>'),
      ENV('<GetJob><pJob>&#x1F;</pJob></GetJob>'),
      ENV('<GetJob><pJob>&#xD800;</pJob></GetJob>'),
      ENV('<GetJob><pJob>&#x110000;</pJob></GetJob>'),
      ENV('<GetJob><pJob>&#99999999999;</pJob></GetJob>'),
      `\u0000${ENV('<GetJob/>')}`,
    ];
    for (const xml of bad) expect(() => parseSoapRequest(xml), JSON.stringify(xml)).toThrow(SoapClientError);
    expect(() => parseSoapRequest(ENV('<GetJob><pJob>&#0;</pJob></GetJob>'))).toThrow(
      /not a character XML allows/,
    );
    expect(() => parseSoapRequest(ENV('<GetJob><pJob>a\u0000b</pJob></GetJob>'))).toThrow(/U\+0000/);
    // Tabs, line breaks, ordinary text and characters beyond the BMP are fine.
    const ok = parseSoapRequest(ENV('<GetJob><pJob>\tA\r\nB 🏗 &#x1F3D7; &#9;</pJob></GetJob>'));
    expect(ok.fields.pJob).toBe('A\r\nB 🏗 🏗');
  });
});
