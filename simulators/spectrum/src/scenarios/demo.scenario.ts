import type { ScenarioSpec } from './scenario.js';

type R = Record<string, unknown>;

export const DEMO_COMPANY = 'ABC';
export const DEMO_AUTH_ID = 'BRIDGEDEMO';
export const DEMO_CLIENT_ID = 'bridge-demo';
export const DEMO_CLIENT_SECRET = 'bridge-demo-secret';

const money = (cents: number): string => {
  const neg = cents < 0;
  const a = Math.abs(cents);
  return `${neg ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
};

const STANDARD_PHASES: [string, string][] = [
  ['010000', 'General Requirements'],
  ['013100', 'Project Management'],
  ['015000', 'Temporary Facilities'],
  ['024100', 'Demolition'],
  ['031000', 'Concrete Forming'],
  ['033000', 'Cast-in-Place Concrete'],
  ['042000', 'Unit Masonry'],
  ['051200', 'Structural Steel Framing'],
  ['061000', 'Rough Carpentry'],
  ['092900', 'Gypsum Board'],
  ['099100', 'Painting'],
  ['220000', 'Plumbing'],
  ['230000', 'HVAC'],
  ['260000', 'Electrical'],
];

const COST_TYPES: R[] = [
  {
    Cost_Type: 'L',
    Description: 'Labor',
    Summary_Name: 'LABOR',
    GL_Account: '5000',
    Detail_Posting_Flag: 'Y',
  },
  {
    Cost_Type: 'M',
    Description: 'Material',
    Summary_Name: 'MATERIAL',
    GL_Account: '5100',
    Detail_Posting_Flag: 'Y',
  },
  {
    Cost_Type: 'S',
    Description: 'Subcontract',
    Summary_Name: 'SUBCONTR',
    GL_Account: '5200',
    Detail_Posting_Flag: 'Y',
  },
  {
    Cost_Type: 'E',
    Description: 'Equipment',
    Summary_Name: 'EQUIPMNT',
    GL_Account: '5300',
    Detail_Posting_Flag: 'N',
  },
  {
    Cost_Type: 'O',
    Description: 'Other',
    Summary_Name: 'OTHER',
    GL_Account: '5400',
    Detail_Posting_Flag: 'N',
  },
];

interface JobSeed {
  Job_Number: string;
  Job_Description: string;
  Status_Code: string;
  Price_Method_Code: string;
  Customer_Code: string;
  Cost_Center: string;
  Division: string;
  Project_Manager: string;
  City: string;
  Master_Job?: string;
  Original_Contract: number;
  /** Standard phases used and the cost types on each. */
  phases: readonly string[];
  costTypes: readonly string[];
  Start_Date?: string;
  Complete_Date?: string;
}

const ALL_PHASES = STANDARD_PHASES.map(([code]) => code);

const JOB_SEEDS: JobSeed[] = [
  {
    Job_Number: '24-101',
    Job_Description: 'Riverside Medical Office',
    Status_Code: 'A',
    Price_Method_Code: 'F',
    Customer_Code: 'C100',
    Cost_Center: 'NOR',
    Division: '1',
    Project_Manager: 'JSMITH',
    City: 'Springfield',
    Original_Contract: 485000000,
    phases: ALL_PHASES.slice(0, 10),
    costTypes: ['L', 'M', 'S'],
    Start_Date: '2024-03-04',
  },
  {
    Job_Number: '24-102',
    Job_Description: 'Lakeview School Addition',
    Status_Code: 'A',
    Price_Method_Code: 'U',
    Customer_Code: 'C200',
    Cost_Center: 'NOR',
    Division: '1',
    Project_Manager: 'MJONES',
    City: 'Lakeview',
    Original_Contract: 212500000,
    phases: ['010000', '031000', '033000', '042000', '099100'],
    costTypes: ['L', 'M'],
    Start_Date: '2024-05-13',
  },
  {
    Job_Number: '24-103',
    Job_Description: 'Harbor Warehouse',
    Status_Code: 'A',
    Price_Method_Code: 'T',
    Customer_Code: 'C300',
    Cost_Center: 'SOU',
    Division: '2',
    Project_Manager: 'JSMITH',
    City: 'Port City',
    Original_Contract: 97500000,
    phases: ['010000', '013100', '033000', '051200', '260000'],
    costTypes: ['L', 'M', 'E'],
    Start_Date: '2024-07-01',
  },
  {
    Job_Number: '24-103E1',
    Job_Description: 'Harbor Warehouse Ext 1',
    Status_Code: 'A',
    Price_Method_Code: 'T',
    Customer_Code: 'C300',
    Cost_Center: 'SOU',
    Division: '2',
    Project_Manager: 'JSMITH',
    City: 'Port City',
    Master_Job: '24-103',
    Original_Contract: 0,
    phases: ['010000', '033000'],
    costTypes: ['L', 'M'],
  },
  {
    Job_Number: '23-087',
    Job_Description: 'Old Town Library Reno',
    Status_Code: 'C',
    Price_Method_Code: 'F',
    Customer_Code: 'C100',
    Cost_Center: 'NOR',
    Division: '1',
    Project_Manager: 'MJONES',
    City: 'Springfield',
    Original_Contract: 64000000,
    phases: ['010000', '024100', '092900', '099100'],
    costTypes: ['L', 'M'],
    Start_Date: '2023-02-06',
    Complete_Date: '2023-12-15',
  },
  {
    Job_Number: '24-104',
    Job_Description: 'Main Street Retail FitOut',
    Status_Code: 'I',
    Price_Method_Code: 'C',
    Customer_Code: 'C300',
    Cost_Center: 'SOU',
    Division: '2',
    Project_Manager: 'AKHAN',
    City: 'Port City',
    Original_Contract: 18000000,
    phases: ['010000', '061000', '092900'],
    costTypes: ['L', 'M'],
  },
  {
    Job_Number: '24-105',
    Job_Description: 'Airport Hangar Complex',
    Status_Code: 'A',
    Price_Method_Code: 'F',
    Customer_Code: 'C100',
    Cost_Center: 'NOR',
    Division: '1',
    Project_Manager: 'AKHAN',
    City: 'Springfield',
    Original_Contract: 1250000000,
    phases: [],
    costTypes: ['L', 'M', 'S', 'E'],
    Start_Date: '2024-09-09',
  },
  {
    Job_Number: '24-106',
    Job_Description: 'City Park Pavilion',
    Status_Code: 'A',
    Price_Method_Code: 'C',
    Customer_Code: 'C300',
    Cost_Center: 'SOU',
    Division: '2',
    Project_Manager: 'MJONES',
    City: 'Port City',
    Original_Contract: 35000000,
    phases: ['010000', '033000', '061000', '099100'],
    costTypes: ['L', 'M', 'O'],
  },
  {
    Job_Number: '25-001',
    Job_Description: 'Northgate Apartments Ph1',
    Status_Code: 'A',
    Price_Method_Code: 'F',
    Customer_Code: 'C200',
    Cost_Center: 'NOR',
    Division: '1',
    Project_Manager: 'JSMITH',
    City: 'Lakeview',
    Original_Contract: 0,
    phases: ['010000', '013100'],
    costTypes: ['L'],
  },
  {
    Job_Number: '99-TPL',
    Job_Description: 'TEMPLATE',
    Status_Code: 'I',
    Price_Method_Code: 'F',
    Customer_Code: 'C100',
    Cost_Center: 'NOR',
    Division: '1',
    Project_Manager: '',
    City: '',
    Original_Contract: 0,
    phases: [],
    costTypes: [],
  },
];

/** 24-105 has more than 500 phase × cost type rows so a Get for it ends with the W row. */
function hangarPhases(): string[] {
  const codes: string[] = [];
  for (let i = 0; i < 135; i++) codes.push(String(100000 + i * 100).padStart(6, '0'));
  return codes;
}

const VENDORS: [string, string, string, string][] = [
  ['ACMEEL', 'Acme Electric Inc', 'SUB', 'A'],
  ['BAYPLB', 'Bay Plumbing Co', 'SUB', 'A'],
  ['CITYCON', 'City Concrete LLC', 'SUB', 'A'],
  ['DELTAHV', 'Delta HVAC Services', 'SUB', 'A'],
  ['EAGLEST', 'Eagle Steel Erectors', 'SUB', 'A'],
  ['FIRSTPT', 'First Coat Painting', 'SUB', 'A'],
  ['GRNDMAS', 'Grand Masonry Works', 'SUB', 'A'],
  ['HILLDRY', 'Hillside Drywall', 'SUB', 'I'],
  ['IRONFRM', 'Ironwood Framing', 'SUB', 'A'],
  ['JETDEMO', 'Jet Demolition Corp', 'SUB', 'A'],
  ['KEYLUMB', 'Keystone Lumber Supply', 'SUPPL', 'A'],
  ['LAKEMAT', 'Lake Building Materials', 'SUPPL', 'A'],
  ['METROEL', 'Metro Electrical Supply', 'SUPPL', 'A'],
  ['NORTHRM', 'Northern Ready Mix', 'SUPPL', 'A'],
  ['OAKHARD', 'Oak Hardware Depot', 'SUPPL', 'I'],
  ['PIPEPRO', 'Pipe Pro Distributors', 'SUPPL', 'A'],
  ['QUARRY1', 'Quarry One Aggregates', 'SUPPL', 'A'],
  ['RAPIDSV', 'Rapid Survey Services', 'SVC', 'A'],
  ['SAFETYC', 'SafetyFirst Consulting', 'SVC', 'A'],
  ['TESTLAB', 'Test Lab Engineering', 'SVC', 'A'],
  ['UNIQCLN', 'Unique Cleaning Services', 'SVC', 'N'],
  ['VALLEYW', 'Valley Waste Hauling', 'SVC', 'A'],
  ['WESTARC', 'West Architects Group', 'SVC', 'A'],
  ['XCAVATE', 'Xcavate Equipment Rental', 'EQUIP', 'A'],
  ['YELLOWC', 'Yellow Crane Rentals', 'EQUIP', 'A'],
  ['ZOOMLFT', 'Zoom Lift Rentals', 'EQUIP', 'A'],
  ['ALLSITE', 'All Site Equipment Co', 'EQUIP', 'I'],
  ['BRIGHTL', 'Bright Lighting Supply', 'SUPPL', 'A'],
  ['COASTRF', 'Coastal Roofing Inc', 'SUB', 'A'],
  ['DURAFLR', 'Dura Flooring Installers', 'SUB', 'A'],
];

function vendors(): R[] {
  return VENDORS.map(([code, name, type, status], i) => ({
    Company_Code: 'ABC',
    Vendor_Code: code,
    Vendor_Name: name,
    Alpha_Sort: code.slice(0, 6),
    Type: type,
    Address_1: `${100 + i * 7} Industrial Way`,
    Address_3: i % 2 === 0 ? 'Springfield' : 'Port City',
    State: 'IL',
    Zip_Code: `627${String(i).padStart(2, '0')}`,
    Phone: `217555${String(1000 + i).slice(-4)}`,
    Fax_Phone: i % 3 === 0 ? `217556${String(1000 + i).slice(-4)}` : '',
    Contact_Name: ['Pat Lee', 'Sam Ortiz', 'Kim Novak', 'Alex Chen'][i % 4],
    First_Name: ['Pat', 'Sam', 'Kim', 'Alex'][i % 4],
    Last_Name: ['Lee', 'Ortiz', 'Novak', 'Chen'][i % 4],
    Vendor_Email: `ap@${code.toLowerCase()}.example`,
    Status: status,
    Terms_Code: 'A',
    Terms_Days: 30,
    Terms_Disc_Code: 'A',
    Terms_Disc_Days: i % 5 === 0 ? 10 : 0,
    Terms_Disc_Percent: i % 5 === 0 ? '2.00' : '0.00',
    Hold_Flag: 'N',
    Default_GL_Account: type === 'SUB' ? '5200' : type === 'EQUIP' ? '5300' : '5100',
    Cost_Center: i % 2 === 0 ? 'NOR' : 'SOU',
  }));
}

/** Deterministic amounts: a small hash of the key. */
function amount(seed: string, base: number): number {
  let h = 7;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) % 100003;
  return base + (h % 997) * 1000 + (h % 7) * 25;
}

function phaseRows(): { phases: R[]; costs: R[] } {
  const phases: R[] = [];
  const costs: R[] = [];
  const descriptions = new Map(STANDARD_PHASES);
  let tran = 1;
  for (const job of JOB_SEEDS) {
    const codes = job.Job_Number === '24-105' ? hangarPhases() : job.phases;
    for (const code of codes) {
      for (const ct of job.costTypes) {
        const est = amount(`${job.Job_Number}${code}${ct}`, 500000);
        const hours = ct === 'L' ? Math.round(est / 6500) * 100 : 0;
        let jtd = 0;
        const postCosts = ['24-101', '24-103', '23-087'].includes(job.Job_Number) && code !== '013100';
        if (postCosts) {
          for (let k = 0; k < 2; k++) {
            const amt = Math.round((est * (k === 0 ? 0.25 : 0.15)) / 1) - (k === 0 ? 0 : 37);
            jtd += amt;
            costs.push({
              Company_Code: 'ABC',
              Transaction_Number: tran++,
              Job_Number: job.Job_Number,
              Phase_Code: code,
              Cost_Type: ct,
              Tran_Date: k === 0 ? '2024-10-15' : '2024-11-15',
              Tran_Type_Code: ct === 'L' ? 'PR' : 'AP',
              Reference_1: ct === 'L' ? 'Payroll' : `INV-${1000 + tran}`,
              Reference_2: '',
              Vendor_Code: ct === 'L' ? '' : ct === 'S' ? 'ACMEEL' : 'LAKEMAT',
              Invoice_Number: ct === 'L' ? '' : `INV-${1000 + tran}`,
              Tran_Amount: money(amt),
              Total_Hours: ct === 'L' ? money(Math.round(amt / 65)) : '0.00',
              Quantity: '0.00',
            });
          }
        }
        phases.push({
          Company_Code: 'ABC',
          Job_Number: job.Job_Number,
          Phase_Code: code,
          Cost_Type: ct,
          Description: descriptions.get(code) ?? `Hangar Work Package ${code.slice(0, 4)}`,
          Status_Code: job.Status_Code === 'C' ? 'C' : 'A',
          Unit_of_Measure: ct === 'L' ? 'HRS' : 'LS',
          Original_Est_Quantity: '0.00',
          Original_Est_Hours: money(hours),
          Original_Est_Cost: money(est),
          Current_Est_Quantity: '0.00',
          Current_Est_Hours: money(hours),
          Current_Est_Cost: money(est),
          JTD_Quantity: '0.00',
          JTD_Hours: ct === 'L' ? money(Math.round(jtd / 65)) : '0.00',
          JTD_Actual_Dollars: money(jtd),
          Projected_Quantity: '0.00',
          Projected_Hours: '0.00',
          Projected_Dollars: '0.00',
          Price_Method_Code: job.Price_Method_Code,
          Start_Date: job.Start_Date ?? null,
          Complete_Date: job.Complete_Date ?? null,
        });
      }
    }
  }
  return { phases, costs };
}

const CONTRACT_ITEMS: [string, string, number][] = [
  ['010', 'General Conditions', 42500000],
  ['020', 'Sitework and Demolition', 31000000],
  ['030', 'Concrete', 96500000],
  ['040', 'Masonry', 54000000],
  ['050', 'Structural Steel', 88000000],
  ['060', 'Carpentry', 41000000],
  ['090', 'Finishes', 132000000],
];

const UNIT_ITEMS: [string, string, number][] = [
  ['01001', 'Mobilization', 15000000],
  ['01002', 'Excavation per CY', 48500000],
  ['03001', 'Concrete Footings per CY', 72000000],
  ['04001', 'Masonry Wall per SF', 52000000],
  ['09001', 'Painting per SF', 25000000],
];

/** The demo company `ABC`: ~10 jobs, standard phases, cost types, 30 vendors, customers, contracts. */
export function demoScenario(): ScenarioSpec {
  const { phases, costs } = phaseRows();
  const jobs = JOB_SEEDS.map((j, i) => ({
    Company_Code: 'ABC',
    Job_Number: j.Job_Number,
    Master_Job: j.Master_Job ?? '',
    Job_Description: j.Job_Description,
    Division: j.Division,
    Address_1: j.City ? `${200 + i * 11} Main Street` : '',
    City: j.City,
    State: j.City ? 'IL' : '',
    Zip_Code: j.City ? `6270${i}` : '',
    Phone: j.City ? `217555${String(2000 + i)}` : '',
    Project_Manager: j.Project_Manager,
    Superintendent: j.Project_Manager ? ['BWAYNE', 'CKENT', 'DPRINCE'][i % 3] : '',
    Estimator: j.Project_Manager ? 'EHUNT' : '',
    Certified_Flag: 'N',
    Status_Code: j.Status_Code,
    Customer_Code: j.Customer_Code,
    Job_Type: j.Job_Number === '99-TPL' ? '' : 'GENERAL',
    Contract_Number: j.Original_Contract > 0 ? `PC-${j.Job_Number}` : '',
    Original_Contract: money(j.Original_Contract),
    Taxable_Flag: j.Job_Number === '24-106' ? 'Y' : 'N',
    Price_Method_Code: j.Price_Method_Code,
    Phase_Display_Code: 'XXX-XXX',
    Cost_Center: j.Cost_Center,
    Work_State_Tax_Code: j.City ? 'IL' : '',
    Create_Date: '2024-01-02',
    Start_Date: j.Start_Date ?? null,
    Complete_Date: j.Complete_Date ?? null,
    Est_Start_Date: j.Start_Date ?? null,
    Est_Complete_Date: j.Complete_Date ?? null,
  }));
  return {
    name: 'demo',
    data: {
      companies: [{ Company_Code: 'ABC', Company_Name: 'ABC Builders Inc' }],
      'auth-ids': [
        {
          Authorization_ID: DEMO_AUTH_ID,
          Company_Codes: 'ABC',
          Services: '*',
          Operator: 'BRG',
          Client_ID: DEMO_CLIENT_ID,
          Client_Secret: DEMO_CLIENT_SECRET,
          Status_Code: 'A',
        },
        {
          Authorization_ID: 'READONLY',
          Company_Codes: 'ABC',
          Services: 'GetJob,GetJobMain,GetJobDates,GetPhase,GetPhaseEnhanced,GetCustomers',
          Operator: 'RDO',
          Client_ID: 'read-only',
          Client_Secret: 'read-only-secret',
          Status_Code: 'A',
        },
      ],
      'cost-types': COST_TYPES.map((c) => ({ Company_Code: 'ABC', ...c })),
      'standard-phases': STANDARD_PHASES.map(([code, description]) => ({
        Company_Code: 'ABC',
        Phase_Code: code,
        Description: description,
        Phase_Category: 'CSI',
      })),
      customers: [
        ['C100', 'City Health Partners', 'Springfield', 'A'],
        ['C200', 'Lakeview School District', 'Lakeview', 'A'],
        ['C300', 'Harbor Logistics LLC', 'Port City', 'A'],
        ['C400', 'Former Client Corp', 'Springfield', 'I'],
      ].map(([code, name, city, status], i) => ({
        Company_Code: 'ABC',
        Customer_Code: code,
        Name: name,
        Alpha_Sort: String(code),
        Address_1: `${10 + i} Commerce Drive`,
        City: city,
        State: 'IL',
        Zip_Code: `6280${i}`,
        First_Name: ['Dana', 'Lee', 'Robin', 'Jo'][i],
        Last_Name: ['Price', 'Walsh', 'Hart', 'Doe'][i],
        Phone_Number: `217555300${i}`,
        Email1: `billing@${String(code).toLowerCase()}.example`,
        Terms_Code: 'A',
        Sales_Tax_Code: 'IL',
        Taxable_Flag: i === 2 ? 'Y' : 'N',
        Price_Level_Material: '',
        Status: status,
      })),
      jobs,
      phases,
      'job-costs': costs,
      vendors: vendors(),
      contracts: [
        {
          Company_Code: 'ABC',
          Job_Number: '24-101',
          Customer_Code: 'C100',
          Contract_Description: '24-101 Prime Contract',
          Contract_Number: 'PC-24-101',
          Original_Contract: money(CONTRACT_ITEMS.reduce((s, [, , a]) => s + a, 0)),
          Price_Method_Code: 'F',
          Status_Code: 'A',
          Approved_Flag: 'Y',
        },
        {
          Company_Code: 'ABC',
          Job_Number: '24-102',
          Customer_Code: 'C200',
          Contract_Description: '24-102 Unit Price Contract',
          Contract_Number: 'PC-24-102',
          Original_Contract: money(UNIT_ITEMS.reduce((s, [, , a]) => s + a, 0)),
          Price_Method_Code: 'U',
          Status_Code: 'A',
          Approved_Flag: 'Y',
        },
        {
          Company_Code: 'ABC',
          Job_Number: '24-103',
          Customer_Code: 'C300',
          Contract_Description: '24-103 Prime Contract',
          Contract_Number: 'PC-24-103',
          Original_Contract: '975000.00',
          Price_Method_Code: 'T',
          Status_Code: 'A',
          Approved_Flag: 'N',
        },
      ],
      'contract-items': [
        ...CONTRACT_ITEMS.map(([item, desc, amt]) => ({
          Company_Code: 'ABC',
          Job_Number: '24-101',
          Customer_Code: 'C100',
          Billing_Item: item,
          Billing_Description: desc,
          Additional_Billing_Description: '',
          GL_Account: '4000',
          Taxable: 'N',
          Original_Contract: money(amt),
          Projected_Revenue: money(amt),
          Unit_Price_Flag: 'N',
        })),
        ...UNIT_ITEMS.map(([item, desc, amt]) => ({
          Company_Code: 'ABC',
          Job_Number: '24-102',
          Customer_Code: 'C200',
          Billing_Item: item,
          Billing_Description: desc,
          Additional_Billing_Description: 'Unit price item',
          GL_Account: '4000',
          Taxable: 'N',
          Original_Contract: money(amt),
          Projected_Revenue: money(amt),
          Unit_Price_Flag: 'Y',
        })),
      ],
      subcontracts: [
        {
          Company_Code: 'ABC',
          Vendor_Code: 'ACMEEL',
          Subcontract_Number: '24101-01',
          Job_Number: '24-101',
          Contract_Type: 'SUBCONTRACT',
          Status_Code: 'A',
          Date_Issued: '2024-03-18',
          Default_Phase_Code: '010000',
          Default_Cost_Type: 'S',
          GL_Account: '5200',
          Retention_Percent: '10.00',
          Original_Amount: '185000.00',
          Comment_1: 'Electrical rough-in and trim',
        },
      ],
      'subcontract-lines': [
        {
          Company_Code: 'ABC',
          Vendor_Code: 'ACMEEL',
          Subcontract_Number: '24101-01',
          Phase_Code: '010000',
          Cost_Type: 'S',
          Bid_Item_Number: '',
          Job_Number: '24-101',
          Bill_Description: 'Electrical rough-in',
          Unit_Of_Measure: 'LS',
          Retention_Flag: 'Y',
          Unit_Price: '0.0000',
          Original_Contract_Quantity: '0.00',
          Original_Contract_Amount: '120000.00',
        },
        {
          Company_Code: 'ABC',
          Vendor_Code: 'ACMEEL',
          Subcontract_Number: '24101-01',
          Phase_Code: '013100',
          Cost_Type: 'S',
          Bid_Item_Number: '',
          Job_Number: '24-101',
          Bill_Description: 'Electrical trim',
          Unit_Of_Measure: 'LS',
          Retention_Flag: 'Y',
          Unit_Price: '0.0000',
          Original_Contract_Quantity: '0.00',
          Original_Contract_Amount: '65000.00',
        },
      ],
      'change-request-statuses': [
        ['OP', 'Open', 1, 'N'],
        ['PE', 'Pending', 2, 'N'],
        ['RJ', 'Rejected', 3, 'N'],
        ['AP', 'Approved', 4, 'Y'],
        ['EX', 'Executed', 5, 'Y'],
      ].map(([code, desc, action, approved]) => ({
        Company_Code: 'ABC',
        Status_Code: code,
        Description: desc,
        Action_Type: action,
        Approved_Flag: approved,
      })),
      'change-requests': [
        {
          Company_Code: 'ABC',
          Job_Number: '24-101',
          Customer_Code: 'C100',
          Change_Request_Number: '1',
          CR_Description: 'Owner requested additional exam room outlets',
          CR_Status: 'AP',
          Change_Order_Number: '',
          Origination_Date: '2024-10-01',
          Approved_Date: '2024-10-20',
          Cost_Reimbursable_Flag: 'N',
        },
      ],
      'change-request-cost-lines': [
        {
          Company_Code: 'ABC',
          Job_Number: '24-101',
          Customer_Code: 'C100',
          Change_Request_Number: '1',
          Line_Number: 1,
          Phase_Code: '010000',
          Cost_Type: 'S',
          Change_Request_Amount: '8500.00',
          Subcontractor_Code: 'ACMEEL',
          Subcontract_Number: '24101-01',
          Sub_Amount: '8500.00',
          Sub_Status: 'E',
          Sub_Change_Order_Number: '001',
          Sub_Description: 'Additional outlets',
        },
      ],
      'change-request-revenue-lines': [
        {
          Company_Code: 'ABC',
          Job_Number: '24-101',
          Customer_Code: 'C100',
          Change_Request_Number: '1',
          Line_Number: 1,
          Billing_Group_Code: '',
          Billing_Item_Code: '090',
          Billing_Item_Description: 'Finishes',
          Additional_Description: 'Additional outlets',
          Unit_Price: '0.0000',
          Quantity: '0.00',
          Revenue: '9775.00',
        },
      ],
    },
  };
}
