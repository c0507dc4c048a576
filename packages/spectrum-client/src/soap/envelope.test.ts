import { describe, expect, it } from 'vitest';
import { buildEnvelope, soapHeaders } from './envelope.js';

describe('buildEnvelope', () => {
  it('writes Authorization_ID, GUID, then every parameter in order, blanks empty, values escaped', () => {
    const xml = buildEnvelope('GetJob', 'AUTH<&>', 'g-1', [
      ['pCompany_Code', 'ABC'],
      ['pDivision', ''],
      ['pStatus_Code', 'A'],
      ['pProject_Manager', "O'Neil & Sons"],
    ]);
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>' +
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
        '<GetJob xmlns="http://www.northgate-is.com/proiv/webservices/types">' +
        '<Authorization_ID>AUTH&lt;&amp;&gt;</Authorization_ID><GUID>g-1</GUID>' +
        '<pCompany_Code>ABC</pCompany_Code><pDivision></pDivision><pStatus_Code>A</pStatus_Code>' +
        '<pProject_Manager>O&apos;Neil &amp; Sons</pProject_Manager>' +
        '</GetJob></soap:Body></soap:Envelope>',
    );
  });

  it('uses the full endpoint URL as SOAPAction', () => {
    expect(soapHeaders('https://h:8482/ws/GetJob')).toEqual({
      'Content-Type': 'text/xml; charset=utf-8',
      SOAPAction: 'https://h:8482/ws/GetJob',
    });
  });
});
