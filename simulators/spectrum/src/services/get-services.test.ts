import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../simulator.js';
import { REFERENCE_SHAPES } from '../test-support/reference-shapes.js';
import { asObject, callGet, envelope, getRows, post } from '../test-support/soap-test-client.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo' });
});
afterAll(async () => {
  await sim.close();
});

const jobNumbers = (xml: string): string[] => getRows(xml).rows.map((r) => asObject(r).Job_Number ?? '');

describe('Get services reply in the exact documented shape', () => {
  for (const [service, shape] of Object.entries(REFERENCE_SHAPES)) {
    it(`${service}: lowerCamel wrapper, every field in order, Error trio last`, async () => {
      const reply = await callGet(sim.url, service);
      expect(reply.status).toBe(200);
      const { wrapper, rows } = getRows(reply.body);
      expect(wrapper).toBe(shape.wrapper);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.map(([name]) => name)).toEqual(shape.fields);
    });
  }

  it('writes the envelope as PRO-IV does: no XML declaration, nis prefix, empty header, single quotes', async () => {
    const { body } = await callGet(sim.url, 'GetJob');
    expect(
      body.startsWith(
        "<SOAP-ENV:Envelope SOAP-ENV:encodingStyle='http://schemas.xmlsoap.org/soap/encoding/'",
      ),
    ).toBe(true);
    expect(body).toContain('<SOAP-ENV:Header/>');
    expect(body).toContain(
      "<nis:GetJobResponse xmlns:nis='http://www.northgate-is.com/proiv/webservices/types'>",
    );
    expect(body).toContain('<Address_2/>');
    expect(body).toContain('<Error_Code/><Error_Description/><Error_Column/></response>');
  });

  it('GetPhase writes numbers without a leading zero and blank Error fields as a single space', async () => {
    const { body } = await callGet(sim.url, 'GetPhase', { pJob_Number: '24-101' });
    const row = asObject(getRows(body).rows[0] ?? []);
    expect(row.Projected_Quantity).toBe('.00');
    expect(row.Current_Estimate_Dollars).toMatch(/^[1-9]\d*\.\d{2}$/);
    expect(body).toContain(
      '<Error_Code> </Error_Code><Error_Description> </Error_Description><Error_Column> </Error_Column>',
    );
  });

  it('GetPhaseEnhanced writes blank dates as open/close pairs and set dates as MM/DD/YYYY', async () => {
    const { body } = await callGet(sim.url, 'GetPhaseEnhanced', { pJob_Number: '24-101' });
    expect(body).toContain('<Complete_Date></Complete_Date>');
    expect(asObject(getRows(body).rows[0] ?? []).Start_Date).toBe('03/04/2024');
  });

  it('GetJobDates writes MM/DD/YYYY dates', async () => {
    const { body } = await callGet(sim.url, 'GetJobDates', { pStatus_Code: 'C' });
    const row = asObject(getRows(body).rows[0] ?? []);
    expect(row.Job_Number).toBe('23-087');
    expect(row.Complete_Date).toBe('12/15/2023');
    expect(row.Create_Date).toBe('01/02/2024');
  });

  it('GetJobMain joins the customer name and writes the contract amount in Spectrum decimal text', async () => {
    const { body } = await callGet(sim.url, 'GetJobMain', { pCustomer_Code: 'C200' });
    const row = asObject(getRows(body).rows[0] ?? []);
    expect(row.Customer_Name).toBe('Lakeview School District');
    expect(row.Original_Contract).toBe('2125000.00');
  });

  it('returns an empty wrapper when nothing matches', async () => {
    const { body } = await callGet(sim.url, 'GetJob', { pProject_Manager: 'NOBODY' });
    expect(body).toContain('<getJob>\n</getJob>');
    expect(getRows(body).rows).toHaveLength(0);
  });
});

describe('Get services select and sort as Spectrum does', () => {
  it('sorts job numbers as right-justified storage does (shorter codes first)', async () => {
    const jobs = jobNumbers((await callGet(sim.url, 'GetJob')).body);
    expect(jobs).toEqual([
      '24-101',
      '24-102',
      '24-103',
      '24-104',
      '24-105',
      '24-106',
      '25-001',
      '99-TPL',
      '24-103E1',
    ]);
  });

  it('leaves Complete jobs out by default and returns them only when asked', async () => {
    expect(jobNumbers((await callGet(sim.url, 'GetJob')).body)).not.toContain('23-087');
    expect(jobNumbers((await callGet(sim.url, 'GetJob', { pStatus_Code: 'C' })).body)).toEqual(['23-087']);
    expect(jobNumbers((await callGet(sim.url, 'GetJob', { pStatus_Code: 'I' })).body)).toEqual([
      '24-104',
      '99-TPL',
    ]);
  });

  it('answers an invalid status with an E row', async () => {
    const rows = getRows((await callGet(sim.url, 'GetJob', { pStatus_Code: 'X' })).body).rows;
    expect(asObject(rows[0] ?? [])).toMatchObject({ Error_Code: 'E', Error_Column: 'pStatus_Code' });
  });

  it('applies SuperSelect: wildcard, single-char wildcard, list, range, exclusion, ALL', async () => {
    const q = async (p: Record<string, string>) => jobNumbers((await callGet(sim.url, 'GetJob', p)).body);
    expect(await q({ pProject_Manager: 'J*' })).toEqual(['24-101', '24-103', '25-001', '24-103E1']);
    expect(await q({ pCustomer_Code: 'C?00', pProject_Manager: 'MJONES' })).toEqual(['24-102', '24-106']);
    expect(await q({ pCustomer_Code: 'C200,C300' })).toEqual([
      '24-102',
      '24-103',
      '24-104',
      '24-106',
      '25-001',
      '24-103E1',
    ]);
    expect(await q({ pProject_Manager: 'AKHAN/JSMITH' })).toEqual([
      '24-101',
      '24-103',
      '24-104',
      '24-105',
      '25-001',
      '24-103E1',
    ]);
    expect(await q({ pCustomer_Code: '#C100' })).toEqual([
      '24-102',
      '24-103',
      '24-104',
      '24-106',
      '25-001',
      '24-103E1',
    ]);
    expect(await q({ pDivision: 'ALL' })).toHaveLength(9);
    const phases = getRows(
      (await callGet(sim.url, 'GetPhase', { pJob_Number: '24-1*', pCost_Type: 'L,S' })).body,
    ).rows;
    expect(new Set(phases.map((r) => asObject(r).Cost_Type))).toEqual(new Set(['L', 'S']));
  });

  it('sorts by the pSort_By option with job number as the tie-breaker', async () => {
    const jobs = jobNumbers((await callGet(sim.url, 'GetJob', { pSort_By: 'P' })).body);
    expect(jobs.slice(0, 2)).toEqual(['99-TPL', '24-104']);
  });

  it('filters by cost center (exact or ALL, no SuperSelect)', async () => {
    expect(jobNumbers((await callGet(sim.url, 'GetJob', { pCost_Center: 'SOU' })).body)).toEqual([
      '24-103',
      '24-104',
      '24-106',
      '24-103E1',
    ]);
  });

  it('caps a Get at 500 rows and appends the W warning row with every data field a single space', async () => {
    const { body } = await callGet(sim.url, 'GetPhase', { pJob_Number: '24-105' });
    const rows = getRows(body).rows;
    expect(rows).toHaveLength(501);
    const last = asObject(rows[500] ?? []);
    expect(last.Error_Code).toBe('W');
    expect(last.Error_Description).toBe(
      'WARNING - Number of returnable records exceeds maximum number of records allowed.',
    );
    expect(last.Job_Number).toBe(' ');
    expect(last.Error_Column).toBe(' ');
    expect(asObject(rows[499] ?? []).Error_Code).toBe(' ');
  });

  it('returns exactly 500 rows without a W row when exactly 500 qualify', async () => {
    // 24-105 has 540 rows; cost types L, M, S, E → 135 each; three cost types = 405, no W row.
    const rows = getRows(
      (await callGet(sim.url, 'GetPhase', { pJob_Number: '24-105', pCost_Type: 'L,M,S' })).body,
    ).rows;
    expect(rows).toHaveLength(405);
    expect(rows.every((r) => asObject(r).Error_Code === ' ')).toBe(true);
  });

  it('GetPhase sorts by cost type first with pSort_By C', async () => {
    const rows = getRows(
      (await callGet(sim.url, 'GetPhase', { pJob_Number: '24-103', pSort_By: 'C' })).body,
    ).rows;
    const types = rows.map((r) => asObject(r).Cost_Type);
    expect(types).toEqual([...types].sort());
  });

  it('GetCustomers: blank = Active, I = Active and Inactive, ALL = all, Status written as a word', async () => {
    const codes = async (s: string) =>
      getRows((await callGet(sim.url, 'GetCustomers', { pStatus: s })).body).rows.map(
        (r) => asObject(r).Customer_Code,
      );
    expect(await codes('')).toEqual(['C100', 'C200', 'C300']);
    expect(await codes('I')).toEqual(['C100', 'C200', 'C300', 'C400']);
    expect(await codes('ALL')).toHaveLength(4);
    const row = asObject(getRows((await callGet(sim.url, 'GetCustomers')).body).rows[0] ?? []);
    expect(row.Status).toBe('Active');
  });
});

describe('SOAP request parsing accepts what real clients send', () => {
  const fields = {
    Authorization_ID: 'BRIDGEDEMO',
    GUID: '',
    pCompany_Code: 'ABC',
    pDivision: '',
    pStatus_Code: 'C',
    pProject_Manager: '',
    pSuperintendent: '',
    pEstimator: '',
    pCustomer_Code: '',
    pCost_Center: '',
    pSort_By: '',
  };

  it('with an XML declaration and text/plain content type', async () => {
    const r = await post(`${sim.url}/ws/GetJob`, envelope('GetJob', fields, true), {
      'Content-Type': 'text/plain',
    });
    expect(jobNumbers(r.body)).toEqual(['23-087']);
  });

  it('on POST /ws dispatched by a quoted SOAPAction', async () => {
    const r = await post(`${sim.url}/ws`, envelope('GetJob', fields), {
      SOAPAction: `"${sim.url}/ws/GetJob"`,
    });
    expect(jobNumbers(r.body)).toEqual(['23-087']);
  });

  it('with prefixed elements, whitespace values and open/close empty elements', async () => {
    const xml = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
      <s:Body>
        <t:GetJob xmlns:t="http://www.northgate-is.com/proiv/webservices/types">
          <t:Authorization_ID> BRIDGEDEMO </t:Authorization_ID><t:GUID>3f2c</t:GUID>
          <t:pCompany_Code>ABC</t:pCompany_Code><t:pDivision></t:pDivision><t:pStatus_Code>C</t:pStatus_Code>
          <t:pProject_Manager> </t:pProject_Manager><t:pSuperintendent/><t:pEstimator/><t:pCustomer_Code/>
          <t:pCost_Center/><t:pSort_By/>
        </t:GetJob>
      </s:Body>
    </s:Envelope>`;
    expect(jobNumbers((await post(`${sim.url}/ws/GetJob`, xml)).body)).toEqual(['23-087']);
  });

  it('defaults a blank company from the Authorization ID', async () => {
    const r = await post(`${sim.url}/ws/GetJob`, envelope('GetJob', { ...fields, pCompany_Code: '' }));
    expect(jobNumbers(r.body)).toEqual(['23-087']);
  });

  it('answers an unknown service with the PRO-IV Client fault', async () => {
    const r = await post(`${sim.url}/ws/GetVendors`, envelope('GetVendors', {}));
    expect(r.status).toBe(500);
    expect(r.body).toContain('<faultcode>SOAP-ENV:Client</faultcode>');
    expect(r.body).toContain(
      'Error identifying Web Service: class com.northgateis.proiv.ws.servlet.WebServiceIdentificationException: Could not find WebService named: GetVendors',
    );
  });

  it('answers malformed XML with a Client fault and keeps serving', async () => {
    for (const bad of ['<soap:Envelope><soap:Body><GetJob>', 'not xml at all', '', '<a></b>']) {
      const r = await post(`${sim.url}/ws/GetJob`, bad);
      expect(r.status).toBe(500);
      expect(r.body).toContain('<faultcode>SOAP-ENV:Client</faultcode>');
    }
    expect((await callGet(sim.url, 'GetJob')).status).toBe(200);
  });

  it('serves a WSDL per service and the Jetty 404 page for unknown ones', async () => {
    const ok = await fetch(`${sim.url}/wsdls/GetPhase.jws`);
    const text = await ok.text();
    expect(ok.status).toBe(200);
    expect(text).toContain("<xsd:element name='pJob_Number' type='xsd:string' nillable='false'/>");
    expect(text).toContain(`soapAction='${sim.url}/ws/GetPhase'`);
    const missing = await fetch(`${sim.url}/wsdls/GetVendors.jws`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Problem accessing /WebServices/wsdls/GetVendors.jws');
  });
});
