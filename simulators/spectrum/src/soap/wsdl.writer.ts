import { escapeXml } from '../formats/spectrum-format.js';
import type { ServiceDef } from '../services/service-types.js';
import { TYPES_NS } from './soap-envelope.parser.js';

const WSDL_NS = 'http://www.northgate-is.com/proiv/webservices/wsdl';

/** Request element children of a service, in order: Authorization_ID, GUID, then its parameters. */
export function requestElements(def: ServiceDef): string[] {
  return ['Authorization_ID', 'GUID', ...(def.kind === 'get' ? def.params : def.fields.map((f) => f.name))];
}

/** The WSDL PRO-IV serves at `/wsdls/<Name>.jws` (one document/literal operation per service). */
export function wsdl(def: ServiceDef, baseUrl: string): string {
  const n = def.name;
  const endpoint = escapeXml(`${baseUrl}/ws/${n}`);
  const params = requestElements(def)
    .map((p) => `<xsd:element name='${p}' type='xsd:string' nillable='false'/>`)
    .join('\n          ');
  return `<?xml version='1.0' encoding='UTF-8'?>
<!--SPECTRUM 20150114 -->
<definitions name='${n}' targetNamespace='${WSDL_NS}' xmlns:tns='${WSDL_NS}' xmlns:xsd-nis='${TYPES_NS}' xmlns:soap='http://schemas.xmlsoap.org/wsdl/soap/' xmlns:xsd='http://www.w3.org/2001/XMLSchema' xmlns='http://schemas.xmlsoap.org/wsdl/'>
  <types>
    <xsd:schema targetNamespace='${TYPES_NS}' elementFormDefault='qualified'>
      <xsd:element name='${n}'>
        <xsd:complexType><xsd:sequence>
          ${params}
        </xsd:sequence></xsd:complexType>
      </xsd:element>
      <xsd:element name='${n}Response'>
        <xsd:complexType><xsd:sequence>
          <xsd:element name='returnArray'><xsd:complexType><xsd:sequence>
            <xsd:element name='returnData' minOccurs='0' maxOccurs='unbounded'><xsd:complexType><xsd:sequence>
              <xsd:any processContents='skip' minOccurs='0' maxOccurs='unbounded'/>
            </xsd:sequence></xsd:complexType></xsd:element>
          </xsd:sequence></xsd:complexType></xsd:element>
        </xsd:sequence></xsd:complexType>
      </xsd:element>
    </xsd:schema>
  </types>
  <message name='${n}Input'><part name='parameters' element='xsd-nis:${n}'/></message>
  <message name='${n}Output'><part name='parameters' element='xsd-nis:${n}Response'/></message>
  <portType name='${n}PortType'>
    <operation name='${n}'><input message='tns:${n}Input'/><output message='tns:${n}Output'/></operation>
  </portType>
  <binding name='${n}SoapBinding' type='tns:${n}PortType'>
    <soap:binding style='document' transport='http://schemas.xmlsoap.org/soap/http'/>
    <operation name='${n}'>
      <soap:operation soapAction='${endpoint}'/>
      <input><soap:body use='literal'/></input>
      <output><soap:body use='literal'/></output>
    </operation>
  </binding>
  <service name='${n}Service'>
    <port name='${n}Port' binding='tns:${n}SoapBinding'><soap:address location='${endpoint}'/></port>
  </service>
</definitions>
`;
}

/** Jetty's HTML 404 page, as Spectrum serves it for a WSDL that does not exist. */
export function jettyNotFound(path: string): string {
  return `<html>
<head>
<meta http-equiv="Content-Type" content="text/html;charset=ISO-8859-1"/>
<title>Error 404 Not Found</title>
</head>
<body><h2>HTTP ERROR 404</h2>
<p>Problem accessing /WebServices${escapeXml(path)}. Reason:
<pre>    Not Found</pre></p><hr><i><small>Powered by Jetty://</small></i><hr/>
</body>
</html>
`;
}
