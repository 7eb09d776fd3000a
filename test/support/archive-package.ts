/**
 * Checks an unpacked E-ARK package the way an e-archive's ingest would, as far as it can be done
 * mechanically here: xmllint against METS 1.12 and the DILCIS CSIP/SIP extension schemas
 * (../shared/archive/schemas), PREMIS 3 and EAD well-formed
 * and in their namespaces, the CSIP folder structure and required attributes, a declared profile, every
 * file listed once with a SHA-256 that matches its bytes and none unlisted, and every PDF declaring PDF/A.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const schemas = fileURLToPath(new URL('../../../shared/archive/schemas/', import.meta.url));
export const metsSchema = join(schemas, 'mets.xsd');

let extensionSchema: string | undefined;
/**
 * METS with the DILCIS CSIP and SIP extension schemas, so that the csip: and sip: attributes are checked
 * against their vocabularies too (mets.xsd alone lets them through: its foreign attributes are lax).
 */
function metsWithExtensionsSchema(): string {
  if (extensionSchema) return extensionSchema;
  const imports = [
    ['http://www.loc.gov/METS/', 'mets.xsd'],
    ['https://DILCIS.eu/XML/METS/CSIPExtensionMETS', 'DILCISExtensionMETS.xsd'],
    ['https://DILCIS.eu/XML/METS/SIPExtensionMETS', 'DILCISExtensionSIPMETS.xsd'],
  ].map(([namespace, file]) => `  <xs:import namespace="${namespace}" schemaLocation="file://${join(schemas, file!)}"/>`);
  const wrapper = join(mkdtempSync(join(tmpdir(), 'protokoll-mets-schemas-')), 'mets-with-extensions.xsd');
  writeFileSync(wrapper, `<?xml version="1.0" encoding="UTF-8"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:protokoll:test:mets-with-extensions">\n${imports.join('\n')}\n</xs:schema>\n`);
  extensionSchema = wrapper;
  return wrapper;
}

/** Fails, saying what to install, when a tool the check needs is missing. */
export function requireTool(tool: string, debianPackage: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
  if (!found) throw new Error(`${tool} is missing: install the Debian package ${debianPackage} (apt-get install ${debianPackage})`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function xmllint(args: string[]): { status: number | null; output: string } {
  const run = spawnSync('xmllint', args, { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

function attributesOf(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/([\w:.-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

const unescape = (value: string) => value.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** What a METS file lists: href (relative to the package root) → checksum, by file and mdRef. */
function listedBy(metsPath: string, packageRoot: string): Map<string, { checksum: string; size: number }> {
  const xml = readFileSync(metsPath, 'utf8');
  const base = dirname(metsPath);
  const listed = new Map<string, { checksum: string; size: number }>();
  // <file …><FLocat xlink:href=…/></file>
  for (const match of xml.matchAll(/<file ([^>]*)>\s*<FLocat ([^>]*)\/>/g)) {
    const file = attributesOf(match[1]!);
    const href = unescape(attributesOf(match[2]!)['xlink:href']!);
    expect(file.CHECKSUMTYPE, `${href} CHECKSUMTYPE`).toBe('SHA-256');
    for (const attribute of ['ID', 'MIMETYPE', 'SIZE', 'CREATED', 'CHECKSUM']) expect(file[attribute], `${href} ${attribute}`).toBeTruthy();
    listed.set(relative(packageRoot, join(base, href)), { checksum: file.CHECKSUM!, size: Number(file.SIZE) });
  }
  for (const match of xml.matchAll(/<mdRef ([^>]*)\/>/g)) {
    const ref = attributesOf(match[1]!);
    const href = unescape(ref['xlink:href']!);
    expect(ref.CHECKSUMTYPE, `${href} CHECKSUMTYPE`).toBe('SHA-256');
    for (const attribute of ['LOCTYPE', 'MDTYPE', 'MIMETYPE', 'SIZE', 'CREATED', 'CHECKSUM']) expect(ref[attribute], `${href} ${attribute}`).toBeTruthy();
    listed.set(relative(packageRoot, join(base, href)), { checksum: ref.CHECKSUM!, size: Number(ref.SIZE) });
  }
  return listed;
}

export interface CheckedPackage {
  objectId: string;
  files: string[];
  pdfs: string[];
  minutesJson: string[];
}

/** Checks the unpacked package in `root` (the folder named by its id) and says what it holds. */
export function checkArchivePackage(root: string): CheckedPackage {
  requireTool('xmllint', 'libxml2-utils');
  requireTool('pdfinfo', 'poppler-utils');
  const files = filesUnder(root).map((path) => relative(root, path)).sort();

  // CSIP folder structure: root METS, representation METS and data, descriptive and preservation metadata.
  expect(files).toContain('METS.xml');
  const representations = [...new Set(files.filter((f) => f.startsWith('representations/')).map((f) => f.split('/')[1]!))];
  expect(representations.length).toBeGreaterThan(0);
  for (const rep of representations) {
    expect(files).toContain(`representations/${rep}/METS.xml`);
    expect(files.some((f) => f.startsWith(`representations/${rep}/data/`))).toBe(true);
    expect(files.some((f) => f.startsWith(`representations/${rep}/metadata/preservation/`))).toBe(true);
  }
  expect(files.some((f) => f.startsWith('metadata/descriptive/'))).toBe(true);
  expect(files.some((f) => f.startsWith('metadata/preservation/'))).toBe(true);

  const metsFiles = files.filter((f) => f.endsWith('METS.xml'));
  const listed = new Map<string, { checksum: string; size: number }>();
  let objectId = '';
  for (const mets of metsFiles) {
    const validation = xmllint(['--noout', '--schema', metsSchema, join(root, mets)]);
    expect(validation.status, `${mets}: ${validation.output}`).toBe(0);
    const extensions = xmllint(['--noout', '--schema', metsWithExtensionsSchema(), join(root, mets)]);
    expect(extensions.status, `${mets} (CSIP/SIP extensions): ${extensions.output}`).toBe(0);
    const xml = readFileSync(join(root, mets), 'utf8');
    const metsTag = attributesOf(/<mets ([^>]*)>/.exec(xml)![1]!);
    for (const attribute of ['OBJID', 'TYPE', 'PROFILE', 'csip:CONTENTINFORMATIONTYPE']) expect(metsTag[attribute], `${mets} ${attribute}`).toBeTruthy();
    expect(metsTag.PROFILE).toBe('https://earksip.dilcis.eu/profile/E-ARK-SIP.xml');
    if (metsTag['csip:CONTENTINFORMATIONTYPE'] === 'OTHER') expect(metsTag['csip:OTHERCONTENTINFORMATIONTYPE']).toBeTruthy();
    const header = attributesOf(/<metsHdr ([^>]*)>/.exec(xml)![1]!);
    expect(header['csip:OAISPACKAGETYPE']).toBe('SIP');
    expect(header.CREATEDATE).toBeTruthy();
    expect(xml).toMatch(/<agent ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE">/);
    expect(xml).toMatch(/<structMap [^>]*TYPE="PHYSICAL" LABEL="CSIP">/);
    if (mets === 'METS.xml') {
      objectId = metsTag.OBJID!;
      expect(xml).toMatch(/<agent ROLE="ARCHIVIST" TYPE="ORGANIZATION">/);
      for (const rep of representations) expect(xml).toContain(`xlink:href="representations/${rep}/METS.xml"`);
    }
    for (const [path, entry] of listedBy(join(root, mets), root)) {
      expect(listed.has(path), `${path} listed twice`).toBe(false);
      listed.set(path, entry);
    }
  }

  // Every file but the root METS is listed, with its size and a SHA-256 matching its bytes; nothing listed is missing.
  const onDisk = files.filter((f) => f !== 'METS.xml');
  const unlisted = onDisk.filter((f) => !listed.has(f));
  expect(unlisted, `files on disk that no METS lists: ${unlisted.join(', ')}`).toEqual([]);
  const missing = [...listed.keys()].filter((f) => !onDisk.includes(f));
  expect(missing, `files listed but missing: ${missing.join(', ')}`).toEqual([]);
  for (const [path, entry] of listed) {
    const bytes = readFileSync(join(root, path));
    expect(createHash('sha256').update(bytes).digest('hex'), path).toBe(entry.checksum.toLowerCase());
    expect(bytes.byteLength, path).toBe(entry.size);
  }

  // PREMIS 3 and EAD 3: well-formed, in their namespaces.
  for (const premis of files.filter((f) => f.includes('/preservation/') || f.startsWith('metadata/preservation/'))) {
    const wellFormed = xmllint(['--noout', join(root, premis)]);
    expect(wellFormed.status, `${premis}: ${wellFormed.output}`).toBe(0);
    expect(readFileSync(join(root, premis), 'utf8')).toMatch(/<premis xmlns="http:\/\/www\.loc\.gov\/premis\/v3"[^>]* version="3\.0">/);
  }
  for (const xml of files.filter((f) => f.startsWith('metadata/descriptive/') && f.endsWith('.xml'))) {
    const wellFormed = xmllint(['--noout', join(root, xml)]);
    expect(wellFormed.status, `${xml}: ${wellFormed.output}`).toBe(0);
  }

  // Every PDF declares PDF/A in its XMP metadata.
  const pdfs = files.filter((f) => f.endsWith('.pdf'));
  for (const pdf of pdfs) {
    const meta = execFileSync('pdfinfo', ['-meta', join(root, pdf)], { encoding: 'utf8' });
    expect(meta, pdf).toMatch(/pdfaid:part/);
  }
  return { objectId, files, pdfs, minutesJson: files.filter((f) => f.startsWith('metadata/descriptive/minutes/')) };
}
