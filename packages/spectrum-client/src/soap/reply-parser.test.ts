import { describe, expect, it } from 'vitest';
import { parseSoapReply } from './reply-parser.js';
import { decodeXmlEntities, escapeXml } from './xml-text.js';

// Shapes as captured from real servers (docs/spectrum-wire.md §1.3): no XML declaration, single-quoted attributes,
// blank lines, self-closing and single-space fields.
const GET_PHASE_REPLY = `<SOAP-ENV:Envelope SOAP-ENV:encodingStyle='http://schemas.xmlsoap.org/soap/encoding/' xmlns:xsd='http://www.w3.org/2001/XMLSchema' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'>
<SOAP-ENV:Header/>
<SOAP-ENV:Body>
<nis:GetPhaseResponse xmlns:nis='http://www.northgate-is.com/proiv/webservices/types'>
<returnArray>
<returnData>

<getPhase>
<response>
<Company_Code>ABC</Company_Code>
<Job_Number>24-101</Job_Number>
<Phase_Code>013100</Phase_Code>
<Cost_Type>L</Cost_Type>
<Description>Project Management &amp; Coord</Description>
<Status_Code>A</Status_Code>
<Unit_of_Measure/>
<JTD_Quantity>.00</JTD_Quantity>
<JTD_Hours>12.50</JTD_Hours>
<JTD_Actual_Dollars>859.51</JTD_Actual_Dollars>
<Error_Code> </Error_Code>
<Error_Description> </Error_Description>
<Error_Column> </Error_Column>
</response>

<response>
<Company_Code>ABC</Company_Code>
<Job_Number>24-101</Job_Number>
<Phase_Code>013100</Phase_Code>
<Cost_Type>M</Cost_Type>
<Description></Description>
<Start_Date></Start_Date>
<Error_Code/>
</response>
</getPhase>
</returnData>
</returnArray>
</nis:GetPhaseResponse>
</SOAP-ENV:Body>
</SOAP-ENV:Envelope>`;

describe('parseSoapReply', () => {
  it('reads rows with blank lines, self-closing, empty and single-space fields', () => {
    const reply = parseSoapReply(GET_PHASE_REPLY);
    expect(reply.type).toBe('rows');
    if (reply.type !== 'rows') return;
    expect(reply.closed).toBe(true);
    expect(reply.rows).toHaveLength(2);
    expect(reply.rows[0]).toMatchObject({
      Job_Number: '24-101',
      Description: 'Project Management & Coord',
      Unit_of_Measure: '',
      JTD_Quantity: '.00',
      Error_Code: '',
      Error_Column: '',
    });
    expect(reply.rows[1]).toMatchObject({ Cost_Type: 'M', Description: '', Start_Date: '', Error_Code: '' });
  });

  it('keeps every complete row when the closing tags were cut off', () => {
    const cut = GET_PHASE_REPLY.slice(0, GET_PHASE_REPLY.lastIndexOf('</response>') + '</response>'.length);
    const reply = parseSoapReply(cut);
    expect(reply).toMatchObject({ type: 'rows', closed: false });
    if (reply.type === 'rows') expect(reply.rows).toHaveLength(2);
  });

  it('reports a reply cut inside a row instead of dropping that row', () => {
    const cut = GET_PHASE_REPLY.slice(0, GET_PHASE_REPLY.lastIndexOf('<Start_Date>'));
    const reply = parseSoapReply(cut);
    expect(reply.type).toBe('cut-mid-row');
    if (reply.type === 'cut-mid-row') expect(reply.rows).toHaveLength(1);
  });

  it('accepts an XML declaration, prefixed elements and attributes on rows', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="x"><s:Body><r:X xmlns:r="t"><returnArray><returnData><getX><response kind='1'><A attr='q'>1</A><B />  <C>&lt;x&gt; &#65;&#x42; &quot;q&quot; &apos;</C><D><![CDATA[a & <b>]]></D></response></getX></returnData></returnArray></r:X></s:Body></s:Envelope>`;
    const reply = parseSoapReply(xml);
    expect(reply).toEqual({
      type: 'rows',
      closed: true,
      rows: [{ A: '1', B: '', C: `<x> AB "q" '`, D: 'a & <b>' }],
    });
  });

  it('returns no rows for an empty wrapper', () => {
    const xml = `<SOAP-ENV:Envelope xmlns:SOAP-ENV='e'><SOAP-ENV:Body><nis:GetDisciplineResponse xmlns:nis='t'><returnArray><returnData><getDiscipline>
</getDiscipline></returnData></returnArray></nis:GetDisciplineResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
    expect(parseSoapReply(xml)).toEqual({ type: 'rows', rows: [], closed: true });
  });

  it('reads Put replies (lower-case fields, rows directly under returnData)', () => {
    const xml = `<SOAP-ENV:Envelope xmlns:SOAP-ENV='e'><SOAP-ENV:Body><nis:AddGLAccountResponse xmlns:nis='t'><returnArray><returnData><response><error_code>I</error_code><desc>GL Account does not match GL Mask</desc><column>GL_Account</column></response></returnData></returnArray></nis:AddGLAccountResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
    const reply = parseSoapReply(xml);
    expect(reply).toMatchObject({
      type: 'rows',
      rows: [{ error_code: 'I', desc: 'GL Account does not match GL Mask', column: 'GL_Account' }],
    });
  });

  it('reads SOAP faults', () => {
    const xml = `<SOAP-ENV:Envelope xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode><faultstring>Error identifying Web Service: class com.northgateis.proiv.ws.servlet.WebServiceIdentificationException: Could not find WebService named: GetVendors</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
    expect(parseSoapReply(xml)).toEqual({
      type: 'fault',
      fault: {
        faultCode: 'SOAP-ENV:Client',
        faultString:
          'Error identifying Web Service: class com.northgateis.proiv.ws.servlet.WebServiceIdentificationException: Could not find WebService named: GetVendors',
      },
    });
  });

  it('recognizes replies that are not SOAP at all', () => {
    expect(parseSoapReply('<html><body>Problem accessing /ws/X</body></html>')).toEqual({ type: 'not-soap' });
  });
});

describe('xml text', () => {
  it('escapes and decodes symmetrically', () => {
    const s = `a&b<c>"d"'e'`;
    expect(escapeXml(s)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;');
    expect(decodeXmlEntities(escapeXml(s))).toBe(s);
    expect(decodeXmlEntities('&unknown; &#xD800; &#99999999;')).toBe('&unknown; &#xD800; &#99999999;');
  });
});
