/** What every part of the OParl catalogue shares: the schema address, the licence, dates. */

export const SCHEMA = 'https://schema.oparl.org/1.1/';
/** The licence of the published data: public documents (allmänna handlingar), free to reuse. */
export const OPEN_DATA_LICENSE = 'https://creativecommons.org/publicdomain/zero/1.0/';

/** An OParl object: at least its id and type. */
export type OParlObject = { id: string; type: string; created?: string; modified?: string } & Record<string, unknown>;

export const iso = (value: Date | string) => new Date(value).toISOString();

/** The latest of some instants, as ISO 8601. */
export function latest(...values: (Date | string)[]): string {
  return new Date(Math.max(...values.map((v) => new Date(v).getTime()))).toISOString();
}

/**
 * An object that was public and no longer is (OParl "deleted"): only its id, type, dates and what the
 * schema requires (`order` of an AgendaItem, `accessUrl` of a File), never what it said.
 */
export function deletedObject(id: string, type: string, created: Date | string, modified: Date | string, required: Record<string, unknown> = {}): OParlObject {
  return { id, type: `${SCHEMA}${type}`, ...required, deleted: true, license: OPEN_DATA_LICENSE, created: iso(created), modified: iso(modified) };
}

/** '2020-05-07' + '09:00:00' → '2020-05-07T09:00:00+02:00' (the meeting's local time in Sweden). */
export function withSwedishOffset(date: string, time: string | null): string {
  const clock = (time ?? '00:00:00').slice(0, 8).padEnd(8, ':00');
  const probe = new Date(`${date}T12:00:00Z`);
  const offset =
    new Intl.DateTimeFormat('en', { timeZone: 'Europe/Stockholm', timeZoneName: 'longOffset' })
      .formatToParts(probe)
      .find((p) => p.type === 'timeZoneName')
      ?.value.replace('GMT', '') || '+00:00';
  return `${date}T${clock}${offset}`;
}
