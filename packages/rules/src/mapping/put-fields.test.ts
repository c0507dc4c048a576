import { describe, expect, it } from 'vitest';
import { blankPayload, SERVICE_FIELDS, SPECTRUM_WRITE_SERVICES } from './payload-fields.js';
import { isPutServiceName, PUT_FIELDS, PUT_SERVICE_NAMES, putFieldsOf } from './put-fields.js';

describe('the Put field table', () => {
  it('holds every Put service the client calls, Company_Code first', () => {
    expect(PUT_SERVICE_NAMES).toEqual([
      'AddJob',
      'UpdateJob',
      'AddPhase',
      'JobCostProjections',
      'AddVendor',
      'UpdateVendor',
      'UpdateSubcontract',
      'UpdateSubcontractPhases',
      'ARChangeRequest',
      'ARChangeOrder',
      'AddCustomer',
    ]);
    for (const service of PUT_SERVICE_NAMES) {
      expect(isPutServiceName(service)).toBe(true);
      expect(putFieldsOf(service)[0]?.[0]).toBe('Company_Code');
    }
    expect(isPutServiceName('DeleteJob')).toBe(false);
    expect(isPutServiceName('toString')).toBe(false);
  });

  it('the export payloads are its exported fields, in its wire order', () => {
    for (const service of SPECTRUM_WRITE_SERVICES) {
      const wireOrder = Object.keys(PUT_FIELDS[service]);
      const exported = Object.keys(SERVICE_FIELDS[service]);
      expect(exported).toEqual(wireOrder.filter((f) => exported.includes(f)));
      expect(Object.keys(blankPayload(service))).toEqual(exported);
      // what Spectrum requires, every export fills
      for (const [field, spec] of putFieldsOf(service)) {
        if (spec.required === 'spectrum') expect(exported).toContain(field);
      }
    }
  });

  it('AddVendor carries the city in Address_3, UpdateVendor in City', () => {
    expect(Object.keys(PUT_FIELDS.AddVendor)).toContain('Address_3');
    expect(Object.keys(PUT_FIELDS.AddVendor)).not.toContain('City');
    expect(Object.keys(PUT_FIELDS.UpdateVendor)).toContain('City');
  });
});
