/**
 * Builds an E-ARK SIP (CSIP 2.x / SIP 2.x, the basis of Riksarkivet's FGS 2.0) of adjusted minutes as a
 * list of files: root METS, one representation with the documents as kept (PDF/A, the imported original,
 * archival attachments) and its METS and PREMIS, the minutes interchange JSON and an EAD 3 record as
 * descriptive metadata, and a package-level PREMIS. Pure: the caller gives the bytes, the clock and the ids.
 */
import { createHash } from 'node:crypto';
import type { Minutes } from '../domain/minutes.ts';
import { element, serializeXml, textElement, type XmlElement } from './xml.ts';

/** The E-ARK SIP profile every METS file of the package declares. */
export const SIP_PROFILE = 'https://earksip.dilcis.eu/profile/E-ARK-SIP.xml';
export const METS_NAMESPACE = 'http://www.loc.gov/METS/';
export const PREMIS_NAMESPACE = 'http://www.loc.gov/premis/v3';
export const EAD3_NAMESPACE = 'http://ead3.archivists.org/schema/';
const CSIP_NAMESPACE = 'https://DILCIS.eu/XML/METS/CSIPExtensionMETS';
const SIP_NAMESPACE = 'https://DILCIS.eu/XML/METS/SIPExtensionMETS';
const XLINK_NAMESPACE = 'http://www.w3.org/1999/xlink';
const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';
/** The one representation: the minutes as adjusted, with their attachments. */
export const REPRESENTATION = 'rep1';
const MINUTES_JSON_TYPE = 'Protokoll minutes interchange JSON (shared/schema/minutes.schema.json)';

/** A document of a meeting as stored: the adjusted protocol, the imported original, or an attachment. */
export interface ArchiveDocument {
  /** File name inside the meeting's folder (ASCII). */
  name: string;
  bytes: Uint8Array;
  mimeType: string;
  /** When the stored file was created (ISO instant). */
  createdAt: string;
  role: 'minutes' | 'source' | 'attachment';
  title: string;
  originalName: string | null;
  /** PRONOM-style format name and version, when known (PDF/A-2a). */
  formatName: string;
  formatVersion: string | null;
}

/** Who took part in an event: a person, the organisation or the software. */
export interface ArchiveAgent {
  /** Stable within the package, e.g. 'person:<uuid>' or 'software:protokoll'. */
  id: string;
  name: string;
  type: 'person' | 'organization' | 'software';
  version?: string | null;
  note?: string | null;
}

/** A preservation event: justering, a signature, the posting of the notice, an import, a fixity check. */
export interface ArchiveEvent {
  id: string;
  type: string;
  at: string;
  detail: string;
  outcome: 'success' | 'failure';
  agents: { id: string; role: string }[];
  /** Names of the meeting's documents the event concerns (ArchiveDocument.name). */
  documents: string[];
}

/** One meeting's part of the package. */
export interface ArchiveMeeting {
  meetingId: string;
  /** Folder name under data/ and stem of its metadata files (ASCII, unique in the package). */
  folder: string;
  minutes: Minutes;
  documents: ArchiveDocument[];
  events: ArchiveEvent[];
}

export interface ArchiveInput {
  /** The package id (OBJID), also its folder name. */
  objectId: string;
  label: string;
  createdAt: string;
  software: { name: string; version: string };
  organization: { id: string; name: string };
  body: { name: string } | null;
  year: number;
  meetings: ArchiveMeeting[];
  agents: ArchiveAgent[];
  /** Documents that were not put in the package, and why, for the descriptive record. */
  leftOut: { folder: string; title: string; reason: string }[];
}

/** A file of the package: its path inside the package folder and its bytes. */
export interface PackageFile {
  path: string;
  bytes: Uint8Array;
}

interface Listed {
  id: string;
  href: string;
  bytes: Uint8Array;
  mimeType: string;
  createdAt: string;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The file attributes CSIP asks for on every file and metadata reference. */
function fileCore(listed: Listed): Record<string, string | number> {
  return { MIMETYPE: listed.mimeType, SIZE: listed.bytes.byteLength, CREATED: listed.createdAt, CHECKSUM: sha256(listed.bytes), CHECKSUMTYPE: 'SHA-256' };
}

function mdRef(listed: Listed, metadata: { MDTYPE: string; OTHERMDTYPE?: string; MDTYPEVERSION?: string }): XmlElement {
  return element('mdRef', {
    ID: `${listed.id}-ref`,
    LOCTYPE: 'URL',
    'xlink:type': 'simple',
    'xlink:href': listed.href,
    ...metadata,
    ...fileCore(listed),
  });
}

function metsRoot(input: { objectId: string; label: string }, children: XmlElement[]): XmlElement {
  return element(
    'mets',
    {
      xmlns: METS_NAMESPACE,
      'xmlns:csip': CSIP_NAMESPACE,
      'xmlns:sip': SIP_NAMESPACE,
      'xmlns:xlink': XLINK_NAMESPACE,
      'xmlns:xsi': XSI_NAMESPACE,
      OBJID: input.objectId,
      LABEL: input.label,
      TYPE: 'Mixed',
      'csip:CONTENTINFORMATIONTYPE': 'OTHER',
      'csip:OTHERCONTENTINFORMATIONTYPE': 'Protokoll: adjusted minutes of a Swedish public body (FGS 2.0)',
      PROFILE: SIP_PROFILE,
      'xsi:schemaLocation': `${METS_NAMESPACE} http://www.loc.gov/standards/mets/mets.xsd ${XLINK_NAMESPACE} http://www.loc.gov/standards/xlink/xlink.xsd`,
    },
    children,
  );
}

function metsHeader(input: ArchiveInput, withOrganization: boolean): XmlElement {
  return element('metsHdr', { CREATEDATE: input.createdAt, RECORDSTATUS: 'NEW', 'csip:OAISPACKAGETYPE': 'SIP' }, [
    element('agent', { ROLE: 'CREATOR', TYPE: 'OTHER', OTHERTYPE: 'SOFTWARE' }, [
      textElement('name', input.software.name),
      textElement('note', input.software.version, { 'csip:NOTETYPE': 'SOFTWARE VERSION' }),
    ]),
    withOrganization &&
      element('agent', { ROLE: 'ARCHIVIST', TYPE: 'ORGANIZATION' }, [
        textElement('name', input.organization.name),
        textElement('note', input.organization.id, { 'csip:NOTETYPE': 'IDENTIFICATIONCODE' }),
      ]),
    withOrganization &&
      element('agent', { ROLE: 'CREATOR', TYPE: 'ORGANIZATION' }, [
        textElement('name', input.organization.name),
        textElement('note', input.organization.id, { 'csip:NOTETYPE': 'IDENTIFICATIONCODE' }),
      ]),
  ]);
}

// ————— PREMIS —————

function premisIdentifier(prefix: 'object' | 'event' | 'agent', value: string): XmlElement[] {
  return [textElement(`${prefix}IdentifierType`, 'local'), textElement(`${prefix}IdentifierValue`, value)];
}

function premisObject(objectId: string, document: ArchiveDocument, eventIds: string[]): XmlElement {
  return element('object', { 'xsi:type': 'file' }, [
    element('objectIdentifier', {}, premisIdentifier('object', objectId)),
    element('objectCharacteristics', {}, [
      textElement('compositionLevel', 0),
      element('fixity', {}, [textElement('messageDigestAlgorithm', 'SHA-256'), textElement('messageDigest', sha256(document.bytes)), textElement('messageDigestOriginator', 'Protokoll')]),
      textElement('size', document.bytes.byteLength),
      element('format', {}, [element('formatDesignation', {}, [textElement('formatName', document.formatName), document.formatVersion ? textElement('formatVersion', document.formatVersion) : null])]),
    ]),
    document.originalName ? textElement('originalName', document.originalName) : null,
    ...eventIds.map((id) => element('linkingEventIdentifier', {}, [textElement('linkingEventIdentifierType', 'local'), textElement('linkingEventIdentifierValue', id)])),
  ]);
}

function premisEvent(event: ArchiveEvent, objectIds: string[]): XmlElement {
  return element('event', {}, [
    element('eventIdentifier', {}, premisIdentifier('event', event.id)),
    textElement('eventType', event.type),
    textElement('eventDateTime', event.at),
    element('eventDetailInformation', {}, [textElement('eventDetail', event.detail)]),
    element('eventOutcomeInformation', {}, [textElement('eventOutcome', event.outcome)]),
    ...event.agents.map((agent) =>
      element('linkingAgentIdentifier', {}, [
        textElement('linkingAgentIdentifierType', 'local'),
        textElement('linkingAgentIdentifierValue', agent.id),
        textElement('linkingAgentRole', agent.role),
      ]),
    ),
    ...objectIds.map((id) =>
      element('linkingObjectIdentifier', {}, [
        textElement('linkingObjectIdentifierType', 'local'),
        textElement('linkingObjectIdentifierValue', id),
        textElement('linkingObjectRole', 'source'),
      ]),
    ),
  ]);
}

function premisAgent(agent: ArchiveAgent): XmlElement {
  return element('agent', {}, [
    element('agentIdentifier', {}, premisIdentifier('agent', agent.id)),
    textElement('agentName', agent.name),
    textElement('agentType', agent.type),
    agent.version ? textElement('agentVersion', agent.version) : null,
    agent.note ? textElement('agentNote', agent.note) : null,
  ]);
}

function premisDocument(children: (XmlElement | null)[]): Uint8Array {
  return serializeXml(element('premis', { xmlns: PREMIS_NAMESPACE, 'xmlns:xsi': XSI_NAMESPACE, version: '3.0' }, children));
}

/** The PREMIS object id of a document: its path inside the representation. */
function objectIdOf(meeting: ArchiveMeeting, document: ArchiveDocument): string {
  return `data/${meeting.folder}/${document.name}`;
}

function usedAgents(agents: ArchiveAgent[], events: ArchiveEvent[]): ArchiveAgent[] {
  const used = new Set(events.flatMap((event) => event.agents.map((agent) => agent.id)));
  return agents.filter((agent) => used.has(agent.id));
}

// ————— EAD 3 —————

function eadRecord(input: ArchiveInput): Uint8Array {
  const meetingComponents = input.meetings.map((meeting, index) => {
    const { minutes } = meeting;
    const title = [minutes.kind === 'protocol' ? 'Protokoll' : 'Minnesanteckningar', minutes.body, minutes.meeting.date].filter(Boolean).join(' ');
    const daos = meeting.documents.map((document) =>
      element('dao', { daotype: 'borndigital', href: `representations/${REPRESENTATION}/${objectIdOf(meeting, document)}`, linktitle: document.title }),
    );
    return element('c01', { level: 'file', id: `meeting-${index + 1}` }, [
      element('did', {}, [
        textElement('unitid', meeting.meetingId),
        textElement('unittitle', title),
        minutes.meeting.date ? textElement('unitdate', minutes.meeting.date, { normal: minutes.meeting.date }) : null,
        // EAD 3 wraps two or more digital objects in a daoset; a single one stands alone.
        ...(daos.length > 1 ? [element('daoset', { coverage: 'whole' }, daos)] : daos),
      ]),
      minutes.adjustment.date ? element('odd', {}, [textElement('p', `Justerat ${minutes.adjustment.date}${minutes.adjustment.place ? `, ${minutes.adjustment.place}` : ''}`)]) : null,
      ...minutes.items.map((item) =>
        element('c02', { level: 'item' }, [
          element('did', {}, [
            item.number !== null ? textElement('unitid', `§ ${item.number}`) : null,
            textElement('unittitle', item.title),
            item.caseNumber ? element('container', {}, [`Dnr ${item.caseNumber}`]) : null,
          ]),
        ]),
      ),
    ]);
  });
  const leftOut = input.leftOut.length
    ? element('processinfo', {}, [
        element('list', { listtype: 'unordered' }, input.leftOut.map((entry) => element('item', {}, [`${entry.folder}: ${entry.title} (${entry.reason})`]))),
      ])
    : null;
  return serializeXml(
    element('ead', { xmlns: EAD3_NAMESPACE }, [
      element('control', {}, [
        textElement('recordid', input.objectId),
        element('filedesc', {}, [element('titlestmt', {}, [textElement('titleproper', input.label)])]),
        element('maintenancestatus', { value: 'new' }),
        element('maintenanceagency', {}, [textElement('agencyname', input.organization.name)]),
        element('maintenancehistory', {}, [
          element('maintenanceevent', {}, [
            element('eventtype', { value: 'created' }),
            textElement('eventdatetime', input.createdAt, { standarddatetime: input.createdAt }),
            element('agenttype', { value: 'machine' }),
            textElement('agent', `${input.software.name} ${input.software.version}`),
          ]),
        ]),
      ]),
      element('archdesc', { level: 'series' }, [
        element('did', {}, [
          textElement('unittitle', input.label),
          textElement('unitdate', String(input.year), { normal: String(input.year) }),
          element('origination', {}, [element('corpname', {}, [textElement('part', input.organization.name)])]),
        ]),
        leftOut,
        element('dsc', {}, meetingComponents),
      ]),
    ]),
  );
}

// ————— the package —————

/** Every file of the package, root METS last (it lists the others by their checksums). */
export function buildSubmissionPackage(input: ArchiveInput): PackageFile[] {
  const out: PackageFile[] = [];
  const repPath = `representations/${REPRESENTATION}`;

  // The representation: the documents, their PREMIS and the representation's METS.
  const dataFiles: Listed[] = [];
  const objects: XmlElement[] = [];
  const events: XmlElement[] = [];
  for (const meeting of input.meetings) {
    for (const [index, document] of meeting.documents.entries()) {
      const href = objectIdOf(meeting, document);
      out.push({ path: `${repPath}/${href}`, bytes: document.bytes });
      dataFiles.push({ id: `file-${meeting.folder}-${index + 1}`, href, bytes: document.bytes, mimeType: document.mimeType, createdAt: document.createdAt });
      const eventIds = meeting.events.filter((event) => event.documents.includes(document.name)).map((event) => event.id);
      objects.push(premisObject(href, document, eventIds));
    }
    for (const event of meeting.events) {
      const objectIds = event.documents.map((name) => `data/${meeting.folder}/${name}`);
      events.push(premisEvent(event, objectIds));
    }
  }
  const allEvents = input.meetings.flatMap((meeting) => meeting.events);
  const repPremis = premisDocument([...objects, ...events, ...usedAgents(input.agents, allEvents).map(premisAgent)]);
  const repPremisListed: Listed = { id: 'rep-premis', href: 'metadata/preservation/premis.xml', bytes: repPremis, mimeType: 'application/xml', createdAt: input.createdAt };
  out.push({ path: `${repPath}/${repPremisListed.href}`, bytes: repPremis });

  const repMets = serializeXml(
    metsRoot({ objectId: `${input.objectId}/${REPRESENTATION}`, label: `${input.label}: protokollen som justerade` }, [
      metsHeader(input, false),
      element('amdSec', { ID: 'rep-amd' }, [element('digiprovMD', { ID: 'rep-digiprov', STATUS: 'CURRENT' }, [mdRef(repPremisListed, { MDTYPE: 'PREMIS', MDTYPEVERSION: '3.0' })])]),
      element('fileSec', { ID: 'rep-files' }, [
        element('fileGrp', { ID: 'rep-data', USE: 'Data' }, dataFiles.map((listed) =>
          element('file', { ID: listed.id, ...fileCore(listed) }, [element('FLocat', { LOCTYPE: 'URL', 'xlink:type': 'simple', 'xlink:href': listed.href })]),
        )),
      ]),
      element('structMap', { ID: 'rep-structure', TYPE: 'PHYSICAL', LABEL: 'CSIP' }, [
        element('div', { ID: 'rep-div', LABEL: REPRESENTATION }, [
          element('div', { ID: 'rep-div-metadata', LABEL: 'Metadata', ADMID: 'rep-digiprov' }),
          element('div', { ID: 'rep-div-data', LABEL: 'Data' }, [element('fptr', { FILEID: 'rep-data' })]),
        ]),
      ]),
    ]),
  );
  out.push({ path: `${repPath}/METS.xml`, bytes: repMets });

  // Descriptive metadata: the EAD 3 record and each meeting's interchange JSON.
  const descriptive: { listed: Listed; metadata: { MDTYPE: string; OTHERMDTYPE?: string; MDTYPEVERSION?: string } }[] = [];
  const ead = eadRecord(input);
  descriptive.push({ listed: { id: 'dmd-ead', href: 'metadata/descriptive/ead.xml', bytes: ead, mimeType: 'application/xml', createdAt: input.createdAt }, metadata: { MDTYPE: 'EAD', MDTYPEVERSION: '3' } });
  for (const meeting of input.meetings) {
    const json = new TextEncoder().encode(`${JSON.stringify(meeting.minutes, null, 2)}\n`);
    descriptive.push({
      listed: { id: `dmd-${meeting.folder}`, href: `metadata/descriptive/minutes/${meeting.folder}.json`, bytes: json, mimeType: 'application/json', createdAt: input.createdAt },
      metadata: { MDTYPE: 'OTHER', OTHERMDTYPE: MINUTES_JSON_TYPE },
    });
  }
  for (const { listed } of descriptive) out.push({ path: listed.href, bytes: listed.bytes });

  // Package-level PREMIS: the representation, the making of the package, and who made it.
  const packageEvent: ArchiveEvent = {
    id: `event-${input.objectId}-creation`,
    type: 'creation',
    at: input.createdAt,
    detail: `Submission information package made by ${input.software.name} from ${input.meetings.length} adjusted minutes whose stored files matched their recorded SHA-256.`,
    outcome: 'success',
    agents: [
      { id: 'software:protokoll', role: 'executing program' },
      { id: `organization:${input.organization.id}`, role: 'submitter' },
    ],
    documents: [],
  };
  const rootPremis = premisDocument([
    element('object', { 'xsi:type': 'representation' }, [
      element('objectIdentifier', {}, premisIdentifier('object', `${repPath}`)),
      element('linkingEventIdentifier', {}, [textElement('linkingEventIdentifierType', 'local'), textElement('linkingEventIdentifierValue', packageEvent.id)]),
    ]),
    premisEvent(packageEvent, [repPath]),
    ...input.agents.filter((agent) => agent.id === 'software:protokoll' || agent.id === `organization:${input.organization.id}`).map(premisAgent),
  ]);
  const rootPremisListed: Listed = { id: 'premis', href: 'metadata/preservation/premis.xml', bytes: rootPremis, mimeType: 'application/xml', createdAt: input.createdAt };
  out.push({ path: rootPremisListed.href, bytes: rootPremis });

  const repMetsListed: Listed = { id: 'file-rep1-mets', href: `${repPath}/METS.xml`, bytes: repMets, mimeType: 'application/xml', createdAt: input.createdAt };
  const rootMets = serializeXml(
    metsRoot({ objectId: input.objectId, label: input.label }, [
      metsHeader(input, true),
      ...descriptive.map(({ listed, metadata }) => element('dmdSec', { ID: listed.id, CREATED: input.createdAt, STATUS: 'CURRENT' }, [mdRef(listed, metadata)])),
      element('amdSec', { ID: 'amd' }, [element('digiprovMD', { ID: 'digiprov-premis', STATUS: 'CURRENT' }, [mdRef(rootPremisListed, { MDTYPE: 'PREMIS', MDTYPEVERSION: '3.0' })])]),
      element('fileSec', { ID: 'files' }, [
        element('fileGrp', { ID: 'grp-rep1', USE: `Representations/${REPRESENTATION}` }, [
          element('file', { ID: repMetsListed.id, ...fileCore(repMetsListed) }, [element('FLocat', { LOCTYPE: 'URL', 'xlink:type': 'simple', 'xlink:href': repMetsListed.href })]),
        ]),
      ]),
      element('structMap', { ID: 'structure', TYPE: 'PHYSICAL', LABEL: 'CSIP' }, [
        element('div', { ID: 'div-root', LABEL: input.objectId }, [
          element('div', { ID: 'div-metadata', LABEL: 'Metadata', DMDID: descriptive.map(({ listed }) => listed.id).join(' '), ADMID: 'digiprov-premis' }),
          element('div', { ID: 'div-rep1', LABEL: `Representations/${REPRESENTATION}` }, [
            element('mptr', { LOCTYPE: 'URL', 'xlink:type': 'simple', 'xlink:href': repMetsListed.href, 'xlink:title': 'grp-rep1' }),
          ]),
        ]),
      ]),
    ]),
  );
  out.push({ path: 'METS.xml', bytes: rootMets });
  return out;
}

/** An ASCII name for folders and files: åäö to aao, anything else but letters and digits to '-'. */
export function asciiName(text: string): string {
  const plain = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return plain || 'fil';
}
